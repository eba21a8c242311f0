import type { StaffRole } from './auth';

/** What kind of record an administrative change touched. */
export const AUDIT_ENTITY_TYPES = ['site', 'site_closure', 'national_calendar_day', 'agency', 'service', 'counter', 'staff_user', 'device', 'complaint'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/**
 * Every administrative change the audit log records, as `<entity>.<verb>`. Policies are changes
 * of the site (entity type `site`).
 */
export const AUDIT_ACTIONS = [
  'site.create',
  'site.update',
  'site.retire',
  'site.queue_policy',
  'site.booking_policy',
  'site.online_ticket_policy',
  'site.push_settings',
  /** Red-flag thresholds and the daily summary (red-flags/). */
  'site.red_flag_settings',
  'site_closure.add',
  'site_closure.remove',
  'national_calendar_day.add',
  'national_calendar_day.remove',
  'agency.create',
  'agency.update',
  'agency.retire',
  'service.create',
  'service.update',
  'service.retire',
  'counter.create',
  'counter.update',
  'counter.retire',
  'staff_user.create',
  'staff_user.update',
  'staff_user.password_reset',
  'staff_user.disable',
  'staff_user.enable',
  /** An administrator's second factor cleared (a lost phone): `secondFactorEnrolled: true → false`, never the secret. */
  'staff_user.second_factor_reset',
  'device.register',
  'device.revoke',
  /** A site's complaint settings (clocks in working days, untouched and reopen days; complaints/complaint-settings.*). */
  'site.complaint_settings',
  /**
   * A handler's change of a complaint (entity type `complaint`, label its tracking code): a status
   * step, an assignment, a re-route (to another agency or out of the MPP), a merge. Changed fields
   * only (status, agency, assignee, merged into); never the complaint's text, a note or the reporter.
   */
  'complaint.step',
  'complaint.assign',
  'complaint.reroute',
  'complaint.merge',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Changed fields only: a field's value before the change and after it (JSON values). */
export type AuditFields = Record<string, unknown>;

/** One row of the audit log, as GET /admin/audit answers it. */
export interface AuditEntryResponse {
  id: string;
  /** ISO 8601, when the change was written (inside its transaction). */
  at: string;
  actor: { id: string; fullName: string; role: StaffRole };
  siteId: string | null;
  agencyId: string | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** A name to recognise the record by (a service's name, a counter's number and name, an account's email). */
  entityLabel: string | null;
  /** The changed fields as they were (null for a creation). Never a secret: a password reset says `passwordChanged: true`. */
  before: AuditFields | null;
  /** The changed fields as they became (null for a removal). */
  after: AuditFields | null;
  /** The request's X-Request-Id and the caller's address, when the change came through HTTP. */
  requestId: string | null;
  ip: string | null;
}

/** One page of the log, newest first; `nextCursor` asks for the next (older) page, null at the end. */
export interface AuditPage {
  items: AuditEntryResponse[];
  nextCursor: string | null;
}

/** GET /admin/audit query: every filter optional, combined with AND. */
export interface AuditQuery {
  /** One site's rows (a site or agency admin: their own site only, else 403). */
  siteCode?: string;
  /** ISO 8601 date-time (or date), inclusive. */
  from?: string;
  /** ISO 8601 date-time (or date), exclusive. */
  to?: string;
  actorId?: string;
  entityType?: AuditEntityType;
  entityId?: string;
  action?: AuditAction;
  /** Free text, found in the action, the label and the values before and after (case-insensitive). */
  q?: string;
  cursor?: string;
  /** 1–200, default 50. */
  limit?: number;
}
