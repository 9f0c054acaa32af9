import type { Request, RequestHandler } from 'express';
import { errorDetail } from '../../protocol/index.js';
import { parseBasicAuth, type AuthenticatedClient, type ClientRegistry, type Role } from '../auth/client-registry.js';
import { sendError } from './respond.js';

const CLIENT = Symbol('client');

export function authenticatedClient(req: Request): AuthenticatedClient {
  const client = (req as unknown as Record<symbol, AuthenticatedClient | undefined>)[CLIENT];
  if (!client) throw new Error('route reached without authentication');
  return client;
}

/** HTTP Basic: 401 without or with wrong credentials, 403 when the client's role may not use the route. */
export function authenticate(registry: ClientRegistry, roles: Role[]): RequestHandler {
  return async (req, res, next) => {
    const credentials = parseBasicAuth(req.headers.authorization);
    const client = credentials && (await registry.authenticate(credentials.username, credentials.password));
    if (!client) {
      res.setHeader('WWW-Authenticate', 'Basic realm="qr-hub", charset="UTF-8"');
      return sendError(res, 401, errorDetail('FORMAT_ERROR', 'Missing or wrong credentials'));
    }
    if (!roles.includes(client.role)) {
      return sendError(res, 403, errorDetail('FUNCTION_NOT_SUPPORTED', 'Not permitted for this client'));
    }
    (req as unknown as Record<symbol, AuthenticatedClient>)[CLIENT] = client;
    next();
  };
}
