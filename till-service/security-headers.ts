import type { NextFunction, Request, Response } from 'express';
import { CONTENT_SECURITY_POLICY } from '../common/content-security-policy.js';

// The page's own policy as a header too, so browser mode behaves like the app (and frame-ancestors applies).

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
}
