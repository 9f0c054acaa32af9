/** A fresh RFC 4122 version 4 UUID (Web Crypto: works in Node, browsers and Electron alike). */
export function newUuid(): string {
  return globalThis.crypto.randomUUID();
}

/** A tranId: a UUID v4 without hyphens, 32 lowercase hex characters, as in the interface's example (docs/protocol.md §10). */
export function newTranId(): string {
  return newUuid().replace(/-/g, '');
}
