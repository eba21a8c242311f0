import type { StaffRole } from '@mpp/contracts';

/** The roles that open the administration pages. */
export const ADMIN_ROLES: readonly StaffRole[] = ['system_admin', 'site_admin', 'agency_admin'];

export function isAdminRole(role: StaffRole | undefined | null): boolean {
  return !!role && ADMIN_ROLES.includes(role);
}

/**
 * Which roles each role may create, disable or reset, as the API decides it
 * (apps/api/src/auth/staff-users.service.ts MANAGEABLE_ROLES): the screen offers only these, the
 * API refuses the rest.
 */
export const MANAGEABLE_ROLES: Readonly<Record<StaffRole, readonly StaffRole[]>> = {
  system_admin: ['system_admin', 'site_admin', 'agency_admin', 'officer'],
  site_admin: ['agency_admin', 'officer'],
  agency_admin: ['officer'],
  officer: [],
};

/** Roles tied to one agency (the account needs an agencyId). */
export function needsAgency(role: StaffRole): boolean {
  return role === 'agency_admin' || role === 'officer';
}
