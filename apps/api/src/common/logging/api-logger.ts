import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Logger, PinoLogger } from 'nestjs-pino';
import { storage, type Store } from 'nestjs-pino/storage';
import pino from 'pino';
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

/**
 * What a request's lines are logged through while it is handled (nestjs-pino's store): the
 * root's child with its `reqId`, made only when a line is logged for it. Most requests log
 * nothing (their own line is debug), and a pino child per request, with its bindings serialised
 * and redacted, cost more than the ticket it answered.
 */
class RequestLogStore {
  private child: pino.Logger | undefined;
  readonly responseLogger = undefined;

  constructor(
    private readonly root: pino.Logger,
    private readonly reqId: string,
  ) {}

  get logger(): pino.Logger {
    return (this.child ??= this.root.child({ reqId: this.reqId }));
  }

  /** PinoLogger.assign() adds fields to the request's lines. */
  set logger(logger: pino.Logger) {
    this.child = logger;
  }
}

type LoggedRequest = IncomingMessage & { originalUrl?: string };
type LoggedResponse = ServerResponse & { locals?: { expectedUnavailable?: boolean } };

/**
 * One line per request once it is answered (method, path without its query, status, time; never
 * headers or the body): debug, or error for a 5xx other than readiness's 503 while draining (an
 * answer on purpose: res.locals.expectedUnavailable). Built only when its level is logged. The
 * request runs inside its store, so every line logged for it carries its `reqId`.
 */
export function requestLogging(root: pino.Logger): (req: LoggedRequest, res: LoggedResponse, next: () => void) => void {
  return (req, res, next) => {
    const id = requestId(req, res);
    const started = Date.now();
    const store = new RequestLogStore(root, id);
    const answered = (error?: unknown): void => {
      res.off('finish', answered);
      res.off('close', answered);
      res.off('error', answered);
      const failed = error !== undefined || res.statusCode >= 500;
      const level = res.locals?.expectedUnavailable ? 'debug' : failed ? 'error' : 'debug';
      if (!root.isLevelEnabled(level)) return;
      const line = {
        req: { id, method: req.method, path: (req.originalUrl ?? req.url ?? '').split('?')[0] },
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
        ...(failed ? { err: error instanceof Error ? error : new Error(`failed with status code ${res.statusCode}`) } : {}),
      };
      store.logger[level](line, failed ? 'request failed' : 'request');
    };
    res.on('finish', answered);
    res.on('close', answered);
    res.on('error', answered);
    storage.run(store as unknown as Store, next);
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

/** The request line and the request's `reqId` on every API route (requestLogging). */
export function loggingModule(root: pino.Logger): DynamicModule {
  const middleware = requestLogging(root);
  @Module({})
  class RequestLoggingModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(middleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    }
  }
  return { module: RequestLoggingModule };
}
