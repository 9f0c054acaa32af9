import { timingSafeEqual } from 'node:crypto';
import type { ClientConfig } from '../config.js';
import { sha256, verifyPasswordHash } from './password-hash.js';

export type Role = ClientConfig['role'];

export interface AuthenticatedClient {
  id: string;
  role: Role;
}

/**
 * Checks HTTP Basic credentials against the configured clients. A scrypt verification costs tens of milliseconds,
 * so the digest of a password that verified is remembered and later requests compare digests in constant time.
 */
export class ClientRegistry {
  private readonly clients = new Map<string, ClientConfig>();
  private readonly verifiedDigests = new Map<string, Buffer>();
  private readonly identities = new Map<string, AuthenticatedClient>();

  constructor(clients: ClientConfig[]) {
    for (const client of clients) {
      this.clients.set(client.id, client);
      this.identities.set(client.id, Object.freeze({ id: client.id, role: client.role }));
      if (client.password !== undefined) this.verifiedDigests.set(client.id, sha256(client.password));
    }
  }

  /** Answers at once when the password's digest is known; only a first scrypt verification is asynchronous. */
  authenticate(username: string, password: string): AuthenticatedClient | undefined | Promise<AuthenticatedClient | undefined> {
    const client = this.clients.get(username);
    const presented = sha256(password);
    if (!client) {
      timingSafeEqual(presented, presented);
      return undefined;
    }
    const known = this.verifiedDigests.get(client.id);
    if (known) return timingSafeEqual(presented, known) ? this.identities.get(client.id) : undefined;
    return this.verifyHash(client, password, presented);
  }

  private async verifyHash(client: ClientConfig, password: string, presented: Buffer): Promise<AuthenticatedClient | undefined> {
    if (client.passwordHash === undefined || !(await verifyPasswordHash(password, client.passwordHash))) return undefined;
    this.verifiedDigests.set(client.id, presented);
    return this.identities.get(client.id);
  }
}

export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
