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
    // Interceptors run before the validation pipe: the defaults filled in here are validated with the rest.
    return from(this.applyChoices(route.kind, request, token)).pipe(
      mergeMap(() => next.handle()),
      mergeMap((body: unknown) => from(this.link(route.kind, body, token).then(() => body))),
    );
  }

  /**
   * The signed-in citizen's choice of how to be told (PUT citizen/preferences) as the default of a
   * booking or a ticket from home that does not say (`notifyBy`, `language`): what the request
   * says wins. `email` is a booking's default only when it gives an address; `none` is an online
   * ticket's only (a booking's confirmation carries its link, so it is always sent).
   */
  private async applyChoices(kind: 'booking' | 'ticket', request: Request, token: string): Promise<void> {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    try {
      const citizen = await this.sessions.authenticate(token);
      if (!citizen) return;
      const { notifyBy, language } = await this.sessions.preferencesOf(citizen.citizenId);
      if (language && body.language === undefined) body.language = language;
      if (!notifyBy || body.notifyBy !== undefined) return;
      const hasEmail = typeof body.email === 'string' && body.email.trim() !== '';
      const fits = notifyBy === 'sms' || notifyBy === 'whatsapp' || (kind === 'booking' ? notifyBy === 'email' && hasEmail : notifyBy === 'none');
      if (fits) body.notifyBy = notifyBy;
    } catch (error) {
      this.logger.warn({ msg: `the citizen's choices not applied to the ${kind}`, error: (error as Error).message });
    }
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
