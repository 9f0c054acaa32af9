import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errorDetail } from '../protocol/index.js';
import { secretDigest as digest } from './constant-time.js';

export interface ClientCredentials {
  username: string;
  password: string;
}

/** Returns the user name when an `Authorization: Basic` header matches one of the clients. */
export function createCredentialCheck(clients: readonly ClientCredentials[]): (header: string | undefined) => string | undefined {
  const known = clients.map((client) => ({ username: client.username, user: digest(client.username), pass: digest(client.password) }));
  return (header) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match) return undefined;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = digest(decoded.slice(0, colon));
    const pass = digest(decoded.slice(colon + 1));
    let found: string | undefined;
    for (const client of known) {
      // Both comparisons always run, so timing does not reveal which half was wrong.
      const userOk = timingSafeEqual(user, client.user);
      const passOk = timingSafeEqual(pass, client.pass);
      if (userOk && passOk && found === undefined) found = client.username;
    }
    return found;
  };
}

/** Rejects requests without valid Basic credentials with 401 and a FORMAT_ERROR ErrorDetail. */
export function requireBasicAuth(clients: readonly ClientCredentials[]): RequestHandler {
  const check = createCredentialCheck(clients);
  return (req, res, next) => {
    const username = check(req.headers.authorization);
    if (username !== undefined) {
      res.locals.clientUsername = username;
      next();
      return;
    }
    res
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="qr", charset="UTF-8"')
      .json(errorDetail('FORMAT_ERROR', 'Authentication failed'));
  };
}
