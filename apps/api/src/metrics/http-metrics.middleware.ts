import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Counts and times every API request once its answer is sent, labelled by method, the route's
 * template (`/api/v1/queue/tickets/:publicCode`, never the URL the client sent, so no code, id
 * or name reaches a label) and the status class. A request no handler took (an unknown path, or
 * one refused before its route) is `unmatched`.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.metrics.enabled) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      this.metrics.observeRequest({
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        // A wildcard is a middleware's catch-all (Nest mounts middleware as routes), not a handler.
        route: typeof route === 'string' && !route.includes('*') ? route : 'unmatched',
        statusClass: `${Math.floor(res.statusCode / 100)}xx`,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
    next();
  }
}
