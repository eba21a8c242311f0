import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from './json-logger';

/** One structured line per request: method, path, status, duration. Never the body or query (personal data). */
export function requestLogger(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { msg: 'request', method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error(entry, 'HTTP');
      else logger.debug(entry, 'HTTP');
    });
    next();
  };
}
