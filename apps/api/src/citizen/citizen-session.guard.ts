import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '../common/errors/api-exception';
import { CITIZEN_MESSAGES } from './citizen.messages';
import { readCookie, SESSION_COOKIE } from './citizen-cookies';
import { CitizenPrincipal, CitizenSessionsService } from './citizen-sessions.service';

export type CitizenRequest = Request & { citizen?: CitizenPrincipal };

/**
 * The citizen's endpoints: a live session cookie, or 401. Only the cookie counts: a staff JWT or
 * a device token in Authorization is not a citizen, and the staff guard (auth/) in turn never
 * reads this cookie, so neither kind of session opens the other's endpoints.
 */
@Injectable()
export class CitizenSessionGuard implements CanActivate {
  constructor(private readonly sessions: CitizenSessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CitizenRequest>();
    const citizen = await this.sessions.authenticate(readCookie(request, SESSION_COOKIE));
    if (!citizen) throw ApiException.unauthorized('CITIZEN_SIGNED_OUT', CITIZEN_MESSAGES.signedOut);
    request.citizen = citizen;
    return true;
  }
}

export const CurrentCitizen = createParamDecorator((_data: unknown, ctx: ExecutionContext): CitizenPrincipal => {
  const citizen = ctx.switchToHttp().getRequest<CitizenRequest>().citizen;
  if (!citizen) throw new Error('CurrentCitizen used on an endpoint not guarded by CitizenSessionGuard');
  return citizen;
});
