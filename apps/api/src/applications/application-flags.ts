import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApplicationFlagListResponse, ApplicationFlagResponse, ApplicationStateName } from '@mpp/contracts';
import {
  addDaysToLocalDate,
  APPLICATION_FLAG_LABELS,
  applicationFlagsAt,
  currentWorkingDayClose,
  FLAGGABLE_APPLICATION_STATES,
  formatBookingCode,
  localDate,
  timeZoneAbbreviation,
  type ApplicationFlagKind,
} from '@mpp/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobRunner } from '../jobs/job-runner';
import type { OutgoingMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { renderTemplate } from '../notifications/templates';

/** How often the flag job looks (when background jobs are on: QUEUE_SWEEP_SECONDS > 0). */
export const FLAG_SWEEP_SECONDS = 60;
/** Days of closures read ahead to find the site's current working day (currentWorkingDayClose looks 60 ahead). */
const CLOSURE_DAYS_AHEAD = 62;
/** The most flags one list answers (the oldest first); `total` counts them all. */
export const FLAG_LIST_LIMIT = 200;

/** Escalated to the site's admins besides the agency. */
const ESCALATED: ReadonlySet<ApplicationFlagKind> = new Set(['overdue', 'at_risk']);

interface WantedFlag {
  applicationId: string;
  kind: ApplicationFlagKind;
  deadline: Date;
}

interface RaisedFlagRow {
  id: string;
  application_id: string;
  kind: ApplicationFlagKind;
  deadline: Date;
}

interface FlaggedApplicationRow {
  id: string;
  code: string;
  site_id: string;
  agency_id: string;
  assigned_officer_id: string | null;
  service_name: string;
  service_name_en: string;
  agency_name: string;
  site_name: string;
  time_zone: string;
}

interface StaffRow {
  id: string;
  email: string;
  role: 'site_admin' | 'agency_admin' | 'officer';
  site_id: string;
  agency_id: string | null;
}

interface FlagListRow {
  id: string;
  kind: ApplicationFlagKind;
  application_id: string;
  code: string;
  state: ApplicationStateName;
  service_id: string;
  service_name: string;
  service_name_en: string;
  agency_id: string;
  agency_short_name: string;
  deadline: Date;
  raised_at: Date;
  notified_at: Date | null;
}

/** What one pass of the flag job did. */
export interface FlagSweepResult {
  raised: number;
  resolved: number;
  /** Outbox messages written for the flags raised. */
  messages: number;
}

/** A deadline as staff read it: "7 Desember 2026 16.00 WITA". */
function formatDeadline(at: Date, timeZone: string, lang: 'id' | 'en'): string {
  const text = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
  return `${text} ${timeZoneAbbreviation(timeZone)}`;
}

/**
 * The applications' SLA flags (docs/applications.md, "Flags, escalation and retention"): the job
 * `application flags` raises due_soon / overdue / at_risk (libs/domain applicationFlagsAt) for open
 * applications whose clock runs, writes each new flag's email to the outbox in the same transaction
 * (to the agency's admins and the assigned officer, or every officer of the agency when none is
 * assigned; overdue and at_risk also to the site's admins), and resolves the flags that no longer
 * hold (the application moved on, was returned, or its deadline changed). One pass at a time across
 * processes (a transaction-scoped advisory lock): a flag is raised, and its message written, once.
 */
@Injectable()
export class ApplicationFlags implements OnModuleInit {
  static readonly JOB = 'application flags';
  private readonly logger = new Logger('ApplicationFlags');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogue: CatalogueRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    // Off where background work is off (QUEUE_SWEEP_SECONDS=0, as in the tests).
    this.jobs.register({ name: ApplicationFlags.JOB, everySeconds: this.config.queueSweepSeconds > 0 ? FLAG_SWEEP_SECONDS : 0, run: () => this.sweep().then(() => undefined) });
  }

  /** One pass: the flags that hold now raised (and notified), the others resolved. */
  async sweep(): Promise<FlagSweepResult> {
    const now = this.clock.now();
    const { outbox, result } = await this.db.transaction(async (tx) => {
      // Two passes at once (two processes, or a run and a test) take turns: the second finds the flags raised.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('mpp: application flags'))`);
      const wanted = await this.wantedFlags(tx, now);
      const resolved = (await tx.query(
        `UPDATE application_flag f SET resolved_at = $1
          WHERE f.resolved_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::text[]) AS w(application_id, kind) WHERE w.application_id = f.application_id AND w.kind = f.kind)
          RETURNING f.id`,
        [now, wanted.map((w) => w.applicationId), wanted.map((w) => w.kind)],
      )) as [unknown[], number] | unknown[];
      const raised = (await tx.query(
        `INSERT INTO application_flag (application_id, kind, deadline, raised_at)
         SELECT w.application_id, w.kind, w.deadline, $4 FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS w(application_id, kind, deadline)
         ON CONFLICT (application_id, kind) DO UPDATE
            SET deadline = EXCLUDED.deadline, raised_at = EXCLUDED.raised_at, notified_at = NULL, resolved_at = NULL
          WHERE application_flag.resolved_at IS NOT NULL
         RETURNING id, application_id, kind, deadline`,
        [wanted.map((w) => w.applicationId), wanted.map((w) => w.kind), wanted.map((w) => w.deadline), now],
      )) as RaisedFlagRow[];
      const outboxIds = raised.length ? await this.notify(tx, raised) : [];
      if (raised.length) await tx.query(`UPDATE application_flag SET notified_at = $1 WHERE id = ANY($2::uuid[])`, [now, raised.map((r) => r.id)]);
      return { outbox: outboxIds, result: { raised: raised.length, resolved: rowCount(resolved), messages: outboxIds.length } };
    });
    // After the commit: a failed send is the relay's to retry, never this job's error.
    for (const id of outbox) this.notifications.deliverSoon(id);
    if (result.raised || result.resolved) this.logger.log({ msg: 'application flags', ...result });
    return result;
  }

  /** The open agency's flags, oldest first (officers and agency admins: their own agency only). */
  async listForAgency(staff: StaffPrincipal): Promise<ApplicationFlagListResponse> {
    if (!staff.agencyId) throw ApiException.forbidden('NOT_AGENCY_STAFF', { id: 'Akun ini tidak terhubung dengan instansi.', en: 'This account is not linked to an agency.' });
    return this.list('a.agency_id = $1', staff.agencyId);
  }

  /** The open flags of a site's applications, oldest first (its site admins, and system admins). */
  async listForSite(staff: StaffPrincipal, siteId: string): Promise<ApplicationFlagListResponse> {
    AccessPolicy.assertSite(staff, siteId);
    const site = await this.catalogue.findSiteById(siteId);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', { id: 'MPP tidak ditemukan.', en: 'Site not found.' });
    return this.list('a.site_id = $1', siteId);
  }

  private async list(scope: string, id: string): Promise<ApplicationFlagListResponse> {
    const rows = (await this.db.query(
      `SELECT f.id, f.kind, f.application_id, a.code, a.state, a.service_id, s.name AS service_name, s.name_en AS service_name_en,
              a.agency_id, ag.short_name AS agency_short_name, f.deadline, f.raised_at, f.notified_at
         FROM application_flag f
         JOIN application a ON a.id = f.application_id
         JOIN service s ON s.id = a.service_id
         JOIN agency ag ON ag.id = a.agency_id
        WHERE f.resolved_at IS NULL AND ${scope}
        ORDER BY f.raised_at, f.id
        LIMIT ${FLAG_LIST_LIMIT}`,
      [id],
    )) as FlagListRow[];
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM application_flag f JOIN application a ON a.id = f.application_id WHERE f.resolved_at IS NULL AND ${scope}`,
      [id],
    )) as { n: number }[];
    return { items: rows.map(toFlagResponse), total: n, limit: FLAG_LIST_LIMIT };
  }

  /**
   * The close of the site's current working day at `now` on its calendar (libs/domain
   * currentWorkingDayClose): due_soon's bound, for this job and for the agency inbox alike.
   * Null for an unknown site, or one that opens on none of the next days.
   */
  async currentCloseOf(siteId: string, now: Date): Promise<Date | null> {
    const site = await this.catalogue.cachedSite(siteId);
    if (!site) return null;
    const today = localDate(now, site.timeZone);
    const closures = await this.catalogue.listClosuresBetween(site, today, addDaysToLocalDate(today, CLOSURE_DAYS_AHEAD));
    return currentWorkingDayClose(now, { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama });
  }

  /** Every flag that holds now, site by site (each site's current working day from its own calendar). */
  private async wantedFlags(tx: EntityManager, now: Date): Promise<WantedFlag[]> {
    const states = [...FLAGGABLE_APPLICATION_STATES];
    const sites = (await tx.query(`SELECT DISTINCT site_id FROM application WHERE clock_phase = 'running' AND state = ANY($1::text[])`, [states])) as { site_id: string }[];
    const wanted: WantedFlag[] = [];
    for (const { site_id: siteId } of sites) {
      if (!(await this.catalogue.cachedSite(siteId))) continue;
      const close = await this.currentCloseOf(siteId, now);
      const rows = (await tx.query(
        `SELECT id, state, clock_phase, due_at, legal_due_at FROM application
          WHERE site_id = $1 AND clock_phase = 'running' AND state = ANY($2::text[]) AND (due_at <= $3 OR legal_due_at < $4)`,
        [siteId, states, close ?? now, now],
      )) as { id: string; state: ApplicationStateName; clock_phase: string; due_at: Date | null; legal_due_at: Date | null }[];
      for (const row of rows) {
        for (const flag of applicationFlagsAt({ state: row.state, clockPhase: row.clock_phase, dueAt: row.due_at, legalDueAt: row.legal_due_at }, now, close)) {
          wanted.push({ applicationId: row.id, kind: flag.kind, deadline: flag.deadline });
        }
      }
    }
    // Returning an application after its legal deadline does not undo the risk: an open at_risk flag
    // stays while the application is with the citizen (no new flag is raised then): the same rule
    // (applicationFlagsAt with atRiskRaised), which the inbox also applies.
    const kept = (await tx.query(
      `SELECT a.id, a.state, a.clock_phase, a.due_at, a.legal_due_at FROM application_flag f JOIN application a ON a.id = f.application_id
        WHERE f.resolved_at IS NULL AND f.kind = 'at_risk' AND a.state = 'returned' AND a.clock_phase = 'paused'`,
    )) as { id: string; state: ApplicationStateName; clock_phase: string; due_at: Date | null; legal_due_at: Date | null }[];
    for (const row of kept) {
      for (const flag of applicationFlagsAt({ state: row.state, clockPhase: row.clock_phase, dueAt: row.due_at, legalDueAt: row.legal_due_at, atRiskRaised: true }, now, null)) {
        wanted.push({ applicationId: row.id, kind: flag.kind, deadline: flag.deadline });
      }
    }
    return wanted;
  }

  /** Writes each raised flag's email to the outbox (in `tx`); answers the outbox ids. */
  private async notify(tx: EntityManager, raised: RaisedFlagRow[]): Promise<string[]> {
    const applications = new Map(
      (
        (await tx.query(
          `SELECT a.id, a.code, a.site_id, a.agency_id, a.assigned_officer_id, s.name AS service_name, s.name_en AS service_name_en,
                  ag.name AS agency_name, st.name AS site_name, st.time_zone
             FROM application a
             JOIN service s ON s.id = a.service_id
             JOIN agency ag ON ag.id = a.agency_id
             JOIN site st ON st.id = a.site_id
            WHERE a.id = ANY($1::uuid[])`,
          [[...new Set(raised.map((r) => r.application_id))]],
        )) as FlaggedApplicationRow[]
      ).map((a) => [a.id, a]),
    );
    const all = [...applications.values()];
    const staff = (await tx.query(
      `SELECT id, email, role, site_id, agency_id FROM staff_user
        WHERE active AND ((role IN ('agency_admin', 'officer') AND agency_id = ANY($1::uuid[])) OR (role = 'site_admin' AND site_id = ANY($2::uuid[])))`,
      [[...new Set(all.map((a) => a.agency_id))], [...new Set(all.map((a) => a.site_id))]],
    )) as StaffRow[];
    const ids: string[] = [];
    for (const flag of raised) {
      const application = applications.get(flag.application_id);
      if (!application) continue;
      for (const to of recipientsOf(flag.kind, application, staff)) {
        const id = await this.notifications.enqueue(flagMessage(flag, application, to), tx);
        if (id) ids.push(id);
      }
    }
    return ids;
  }
}

/** The agency's admins, the assigned officer (every officer of the agency when none is), and for escalated kinds the site's admins. */
export function recipientsOf(kind: ApplicationFlagKind, application: Pick<FlaggedApplicationRow, 'agency_id' | 'site_id' | 'assigned_officer_id'>, staff: readonly StaffRow[]): string[] {
  const assigned = staff.find((s) => s.role === 'officer' && s.agency_id === application.agency_id && s.id === application.assigned_officer_id);
  const chosen = staff.filter(
    (s) =>
      (s.role === 'agency_admin' && s.agency_id === application.agency_id) ||
      (s.role === 'officer' && s.agency_id === application.agency_id && (assigned ? s.id === assigned.id : true)) ||
      (s.role === 'site_admin' && s.site_id === application.site_id && ESCALATED.has(kind)),
  );
  return [...new Set(chosen.map((s) => s.email))];
}

/** One email to one staff member, Indonesian then English (staff have no language of their own). */
function flagMessage(flag: RaisedFlagRow, application: FlaggedApplicationRow, to: string): OutgoingMessage {
  const rendered = (['id', 'en'] as const).map((lang) =>
    renderTemplate('application-flag', 'email', lang, {
      label: APPLICATION_FLAG_LABELS[flag.kind][lang],
      code: formatBookingCode(application.code),
      serviceName: lang === 'id' ? application.service_name : application.service_name_en,
      agencyName: application.agency_name,
      siteName: application.site_name,
      deadline: formatDeadline(flag.deadline, application.time_zone, lang),
    }),
  );
  return {
    channel: 'email',
    to,
    subject: rendered[0].subject,
    body: `${rendered[0].body}\n\n—\n\n${rendered[1].body}`,
    template: 'application-flag',
    language: 'id',
    siteId: application.site_id,
  };
}

function toFlagResponse(row: FlagListRow): ApplicationFlagResponse {
  return {
    id: row.id,
    kind: row.kind,
    label: APPLICATION_FLAG_LABELS[row.kind],
    applicationId: row.application_id,
    code: row.code,
    state: row.state,
    service: { id: row.service_id, name: row.service_name, nameEn: row.service_name_en },
    agency: { id: row.agency_id, shortName: row.agency_short_name },
    deadline: row.deadline.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    notifiedAt: row.notified_at?.toISOString() ?? null,
  };
}

/** pg answers an UPDATE … RETURNING through TypeORM's query() as [rows, count]. */
function rowCount(result: [unknown[], number] | unknown[]): number {
  return Array.isArray(result[0]) ? (result as [unknown[], number])[1] : result.length;
}
