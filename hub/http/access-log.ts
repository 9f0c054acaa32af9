import type { RequestHandler } from 'express';
import type { Logger } from '../../common/logger.js';

/** One debug line per request when it finishes; the logger redacts the Authorization header. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.debug('request', {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        headers: req.headers,
      });
    });
    next();
  };
}
