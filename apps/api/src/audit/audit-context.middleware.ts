import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRequestContext } from '../common/audit-log';

type Request = IncomingMessage & { ip?: string };

/**
 * Runs each request inside its audit context, read by AuditLog when a change is recorded: the
 * request's id (the X-Request-Id the request logging answers with) and the caller's address
 * (Express's req.ip, which follows TRUST_PROXY).
 */
export function auditContext(req: Request, res: ServerResponse, next: () => void): void {
  auditRequestContext.run(
    {
      requestId: () => {
        const id = res.getHeader('X-Request-Id');
        return typeof id === 'string' ? id : null;
      },
      ip: () => req.ip ?? req.socket?.remoteAddress ?? null,
    },
    next,
  );
}
