import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The flags npm start and npm run start:web document, as their --help prints them (nothing is built or started).

const ROOT = join(import.meta.dirname, '..', '..');

function run(entry: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, entry), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
}
const help = (entry: string) => run(entry, ['--help']);

describe('--help', () => {
  it('npm start lists the port flags of the till, the local hub and the Demo Wallet, and the exit statuses', () => {
    const run = help('scripts/start-demo.ts');
    expect(run.status).toBe(0);
    for (const flag of ['--hub-port <n>', '--wallet-port <n>', '--port <n>', '--config <file>', '--help']) expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('4 = a port is already in use');
    // Nothing was built: --help answers before the build steps.
    expect(run.stdout).not.toContain('building');
  });

  it('npm run start:web lists the same port flags', () => {
    const run = help('till-service/main.ts');
    expect(run.status).toBe(0);
    for (const flag of ['--hub-port', '--wallet-port', '--port', '--hub-url', '--client-id']) expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('4 = a port is already in use');
  });

  it.each([
    ['till-service/main.ts', '--hub-prot'],
    ['hub/main.ts', '--prot'],
    ['partner/main.ts', '--prot'],
  ])('%s refuses a misspelt flag (%s) with exit 2, naming it', (entry, flag) => {
    const refused = run(entry, [flag, '8480']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`'${flag}'`);
  });
});
