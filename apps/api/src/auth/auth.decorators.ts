import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { StaffRole } from '@mpp/contracts';
import type { Request } from 'express';
import type { Principal, StaffPrincipal } from './principal';

export const IS_PUBLIC = 'mpp:isPublic';
export const STAFF_ROLES_KEY = 'mpp:staffRoles';

/** Anyone may call this endpoint, signed in or not. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only staff with one of these roles (devices are refused). */
export const StaffRoles = (...roles: StaffRole[]) => SetMetadata(STAFF_ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});

export const CurrentStaff = createParamDecorator((_data: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal?.kind !== 'staff') throw new Error('CurrentStaff used on an endpoint not guarded by StaffRoles');
  return principal;
});
