import { ApiException } from '../common/errors/api-exception';
import { AUTH_MESSAGES } from './auth.messages';
import type { StaffPrincipal } from './principal';

/**
 * Scope rules in one place: a system admin manages everything, a site admin one site, an agency
 * admin one agency. Officers manage nothing in the catalogue.
 */
export const AccessPolicy = {
  canManageSite(staff: StaffPrincipal, siteId: string): boolean {
    return staff.role === 'system_admin' || (staff.role === 'site_admin' && staff.siteId === siteId);
  },

  canManageAgency(staff: StaffPrincipal, agency: { id: string; siteId: string }): boolean {
    return (
      AccessPolicy.canManageSite(staff, agency.siteId) || (staff.role === 'agency_admin' && staff.agencyId === agency.id)
    );
  },

  assertSite(staff: StaffPrincipal, siteId: string): void {
    if (!AccessPolicy.canManageSite(staff, siteId)) throw ApiException.forbidden('OTHER_SITE', AUTH_MESSAGES.otherSite);
  },

  assertAgency(staff: StaffPrincipal, agency: { id: string; siteId: string }): void {
    if (!AccessPolicy.canManageAgency(staff, agency)) {
      throw ApiException.forbidden(
        staff.role === 'agency_admin' ? 'OTHER_AGENCY' : 'OTHER_SITE',
        staff.role === 'agency_admin' ? AUTH_MESSAGES.otherAgency : AUTH_MESSAGES.otherSite,
      );
    }
  },
};
