import { Injectable, Logger, NestMiddleware, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CitizenRepository } from './citizen.repository';
import { readCookie, SESSION_COOKIE } from './citizen-cookies';
import { CitizenSessionsService } from './citizen-sessions.service';

type LinkKind = 'booking' | 'ticket';

/**
 * The endpoints whose answer is something a signed-in citizen made, and how to find it in the
 * answer: a booking by its code, a ticket taken from home by its public code. Paths as given to
 * `forRoutes` (the global prefix `api` is added by Nest).
 */
export const CITIZEN_LINKED_ROUTES: readonly { method: RequestMethod.POST; path: string; kind: LinkKind }[] = [
  { method: RequestMethod.POST, path: 'v1/bookings', kind: 'booking' },
  { method: RequestMethod.POST, path: 'v1/queue/online-tickets', kind: 'ticket' },
];

/**
 * Links what a signed-in citizen books (or takes from home) to their account, for "Riwayat saya",
 * without the booking code knowing about accounts: if the request carries a citizen session, the
 * account's choices fill in what the request leaves out (before validation), and once the endpoint
 * has answered 2xx, `citizen_id` is set on the new row before the answer goes out. Booking without
 * an account is unchanged. The booking is made whatever happens here: a link that fails is logged
 * (ids only) and the answer goes out as it is.
 *
 * A middleware on its two routes only (CitizenModule.configure), not a global interceptor: any
 * global interceptor makes Nest run every handler of the API through rxjs (~0.3 ms a request).
 */
@Injectable()
export class CitizenLinkMiddleware implements NestMiddleware<Request, Response> {
  private readonly logger = new Logger('CitizenAccount');

  constructor(
    private readonly sessions: CitizenSessionsService,
    private readonly repo: CitizenRepository,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const kind = kindOf(request);
    const token = kind ? readCookie(request, SESSION_COOKIE) : null;
    if (!kind || !token) return next();
    // The answer (an object, sent by Nest with response.json) is held until the link is written.
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      if (response.statusCode < 200 || response.statusCode >= 300) return json(body);
      void this.link(kind, body, token).finally(() => json(body));
      return response;
    };
    void this.applyChoices(kind, request, token).finally(() => next());
  }

  /**
   * The signed-in citizen's choice of how to be told (PUT citizen/preferences) as the default of a
   * booking or a ticket from home that does not say (`notifyBy`, `language`): what the request
   * says wins. `email` is a booking's default only when it gives an address; `none` is an online
   * ticket's only (a booking's confirmation carries its link, so it is always sent).
   */
  private async applyChoices(kind: LinkKind, request: Request, token: string): Promise<void> {
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

  private async link(kind: LinkKind, body: unknown, token: string): Promise<void> {
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

/** Which of the two routes this is (the middleware is mounted on them alone; checked again, exactly). */
function kindOf(request: Request): LinkKind | null {
  if (request.method !== 'POST') return null;
  const path = (request.originalUrl ?? request.url).split('?')[0].replace(/\/+$/, '');
  return CITIZEN_LINKED_ROUTES.find((r) => path === `/api/${r.path}`)?.kind ?? null;
}
