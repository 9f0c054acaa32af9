import type { NextFunction, Request, RequestHandler, Response } from 'express';
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
  const decide = (req: Request, res: Response, next: NextFunction, client: AuthenticatedClient | undefined) => {
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
  return (req, res, next) => {
    const credentials = parseBasicAuth(req.headers.authorization);
    const client = credentials && registry.authenticate(credentials.username, credentials.password);
    if (client instanceof Promise) client.then((verified) => decide(req, res, next, verified), next);
    else decide(req, res, next, client);
  };
}
