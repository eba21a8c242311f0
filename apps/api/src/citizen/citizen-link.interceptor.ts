import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { CitizenRepository } from './citizen.repository';
import { readCookie, SESSION_COOKIE } from './citizen-cookies';
import { CitizenSessionsService } from './citizen-sessions.service';

/**
 * The endpoints whose answer is something a signed-in citizen made, and how to find it in the
 * answer: a booking by its code, a ticket taken from home by its public code. Express's route
 * path, as registered (global prefix included).
 */
export const CITIZEN_LINKED_ROUTES: readonly { method: string; path: string; kind: 'booking' | 'ticket' }[] = [
  { method: 'POST', path: '/api/v1/bookings', kind: 'booking' },
  { method: 'POST', path: '/api/v1/queue/online-tickets', kind: 'ticket' },
];

/**
 * Links what a signed-in citizen books (or takes from home) to their account, for "Riwayat saya",
 * without the booking code knowing about accounts: after the endpoint answered, if the request
 * carried a live citizen session, `citizen_id` is set on the new row. Booking without an account
 * is unchanged. The booking is made whatever happens here: a link that fails is logged (ids only)
 * and the answer goes out as it is.
 */
@Injectable()
export class CitizenLinkInterceptor implements NestInterceptor {
  private readonly logger = new Logger('CitizenAccount');

  constructor(
    private readonly sessions: CitizenSessionsService,
    private readonly repo: CitizenRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const route = CITIZEN_LINKED_ROUTES.find((r) => r.method === request.method && r.path === (request.route as { path?: string } | undefined)?.path);
    const token = route ? readCookie(request, SESSION_COOKIE) : null;
    if (!route || !token) return next.handle();
    return next.handle().pipe(mergeMap((body: unknown) => from(this.link(route.kind, body, token).then(() => body))));
  }

  private async link(kind: 'booking' | 'ticket', body: unknown, token: string): Promise<void> {
    try {
      const citizen = await this.sessions.authenticate(token);
      if (!citizen) return;
      const answer = body as { code?: unknown; publicCode?: unknown } | null;
      if (kind === 'booking' && typeof answer?.code === 'string') await this.repo.linkBooking(answer.code, citizen.citizenId);
      if (kind === 'ticket' && typeof answer?.publicCode === 'string') await this.repo.linkTicket(answer.publicCode, citizen.citizenId);
    } catch (error) {
      this.logger.warn({ msg: `${kind} not linked to the signed-in citizen`, error: (error as Error).message });
    }
  }
}
