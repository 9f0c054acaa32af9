import { hashPassword } from '../auth/password-hash.js';

// Prints an scrypt hash for a client's "passwordHash" config key: npm run hash-password -- <password>
// (or pipe the password on standard input so it stays out of the shell history).

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const password = process.argv[2] ?? (process.stdin.isTTY ? '' : await readStdin());
if (!password) {
  process.stderr.write('usage: npm run hash-password -- <password>   (or: echo -n secret | npm run hash-password)\n');
  process.exit(2);
}
process.stdout.write((await hashPassword(password)) + '\n');
