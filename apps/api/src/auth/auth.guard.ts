import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { StaffRole } from '@mpp/contracts';
import { ApiException } from '../common/errors/api-exception';
import { AuthenticatedRequest, IS_PUBLIC, STAFF_ROLES_KEY } from './auth.decorators';
import { AUTH_MESSAGES } from './auth.messages';
import { AuthService } from './auth.service';

/**
 * Global guard: every endpoint needs a signed-in caller unless marked @Public().
 * @StaffRoles(...) narrows an endpoint to staff with those roles. Scope (which site or agency)
 * is checked by the services, which know what is being touched.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;

    if (isPublic) {
      // A public endpoint still knows a signed-in caller, but never fails for a bad token.
      if (token) request.principal = await this.auth.authenticate(token).catch(() => undefined);
      return true;
    }
    if (!token) throw ApiException.unauthorized('UNAUTHENTICATED', AUTH_MESSAGES.missingToken);
    const principal = await this.auth.authenticate(token);
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(STAFF_ROLES_KEY, targets);
    if (roles) {
      if (principal.kind !== 'staff') throw ApiException.forbidden('STAFF_ONLY', AUTH_MESSAGES.staffOnly);
      if (!roles.includes(principal.role)) throw ApiException.forbidden('WRONG_ROLE', AUTH_MESSAGES.wrongRole);
    }
    return true;
  }
}
