import { DynamicModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import pino from 'pino';
import type { Options as HttpLogOptions } from 'pino-http';
import type { LogLevel } from '../../config/app-config';

/** Where log lines go: stdout in production; tests capture them with any object that has `write`. */
export type LogDestination = pino.DestinationStream;

/**
 * Fields that hold a person's data or a secret: written as "[redacted]" wherever a log call puts
 * them, at the top of a line or one level down (`{ booking: { phone } }`), and the request's
 * credentials and body should a serializer ever include them.
 */
const PERSONAL_FIELDS = ['name', 'fullName', 'nik', 'phone', 'email', 'password', 'token', 'body'];
export const REDACTED_PATHS = [
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((field) => `*.${field}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'res.headers["set-cookie"]',
];
export const REDACTED = '[redacted]';

/** Nest's start-up chatter (one line per module and route) is debug detail, not news. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController']);

/** A request id the client or a proxy sent is kept if it is a plain token; anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The process's one pino logger: a JSON object a line (`time` in ISO 8601, `level` by name, `msg`,
 * `context`), at `LOG_LEVEL`, personal fields redacted.
 */
export function createRootLogger(level: LogLevel | 'silent', destination?: LogDestination): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The request's id: a valid incoming X-Request-Id, else a new UUID; sent back in X-Request-Id. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** One line per request (method, path without its query, status, time), never headers or the body. */
function httpLogOptions(root: pino.Logger): HttpLogOptions {
  return {
    logger: root,
    genReqId: requestId,
    // Every line logged while a request is handled carries its id as `reqId`.
    quietReqLogger: true,
    // A 503 the API answers on purpose (readiness while draining: res.locals.expectedUnavailable) is no error.
    customLogLevel: (_req, res, error) =>
      (res as { locals?: { expectedUnavailable?: boolean } }).locals?.expectedUnavailable ? 'debug' : error || res.statusCode >= 500 ? 'error' : 'debug',
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    serializers: {
      req: (req: { id: unknown; method: string; url: string; raw?: { originalUrl?: string } }) => ({
        id: req.id,
        method: req.method,
        path: (req.raw?.originalUrl ?? req.url).split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * The request's logger while one is handled, else this application's root. (nestjs-pino's own
 * falls back to the first root logger the process made, which would send a second application's
 * lines, in tests, to the first one's destination.)
 */
class RootedPinoLogger extends PinoLogger {
  constructor(private readonly root: pino.Logger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): pino.Logger {
    return storage.getStore()?.logger ?? this.root;
  }
}

/**
 * nestjs-pino's logger for Nest (`LoggerService`): a line logged while a request is handled goes
 * through that request's child logger (its `reqId`); Nest's start-up chatter is debug.
 */
export class ApiLogger extends Logger {
  constructor(root: pino.Logger) {
    super(new RootedPinoLogger(root), {});
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context)) this.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}

/** pino-http on every API route, and the request's logger bound to what runs for it (nestjs-pino). */
export function loggingModule(root: pino.Logger): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: httpLogOptions(root), forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] });
}
