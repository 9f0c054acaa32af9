import type { NextFunction, Request, Response } from 'express';

// The till service holds the hub credentials and can move money, so only its own page may drive it:
// a Host check stops DNS rebinding, and an Origin check plus a JSON content type stop cross-site form posts.

export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  return new Set([...names].map((name) => `${name}:${port}`));
}

export function requestGuard(hosts: () => Set<string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const host = req.headers.host ?? '';
    if (!hosts().has(host)) {
      res.status(421).type('text/plain').send('Misdirected request');
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      res.status(403).json({ ok: false, code: 'NOT_ALLOWED', message: 'Foreign origin' });
      return;
    }
    next();
  };
}
