import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalizedText, RedFlagListResponse, RedFlagResponse, RedFlagSettings, RedFlagSettingsResponse } from '@mpp/contracts';
import {
  addDaysToLocalDate,
  COMPLAINT_UNTOUCHED_DAYS,
  DEFAULT_RED_FLAG_SETTINGS,
  FLAGGABLE_APPLICATION_STATES,
  horizonReachesYearOn,
  idleCounterFlag,
  ikmFromTotals,
  localDate,
  longWaitFlag,
  lowIkmHold,
  missingCalendarYear,
  overdueApplicationsHold,
  pickedCallsSince,
  pickedShare,
  RED_FLAG_KIND_ORDER,
  RED_FLAG_TEXTS,
  zonedToUtc,
} from '@mpp/domain';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import { AUTH_MESSAGES } from '../auth/auth.messages';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { AuditLog } from '../common/audit-log';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { IkmSource } from './ikm-source';
import { RedFlagMessages } from './red-flags.messages';
import { RedFlagsRepository, type OfficerCallRow } from './red-flags.repository';

/** What one evaluation found: the flags, and whether the IKM could be read at all. */
export interface RedFlagEvaluation {
  items: RedFlagResponse[];
  ikmAvailable: boolean;
}

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;
/** The lowest IKM of each band a site may require (PermenPANRB 14/2017). */
const IKM_BAND_FLOOR = { A: 88.31, B: 76.61, C: 65 } as const;

/**
 * The site's red flags (docs/red-flags.md): its thresholds (defaults until an admin saves them),
 * and the flags that hold now, computed on request from the queue, the applications, the SKM
 * answers and the national calendar. A site admin (or a system admin) sees every flag of the site;
 * an agency admin only the flags that concern their agency (site-wide flags are the site's to act on).
 */
@Injectable()
export class RedFlagsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: RedFlagsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly ikm: IkmSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async getSettings(staff: StaffPrincipal, code: string): Promise<RedFlagSettingsResponse> {
    const site = await this.requireSite(code);
    AccessPolicy.assertSite(staff, site.id);
    const stored = await this.repo.findSettings(site.id);
    return toSettingsResponse(site.code, stored?.settings ?? DEFAULT_RED_FLAG_SETTINGS, stored?.updatedAt ?? null);
  }

  async updateSettings(staff: StaffPrincipal, code: string, input: RedFlagSettings): Promise<RedFlagSettingsResponse> {
    const site = await this.requireSite(code);
    AccessPolicy.assertSite(staff, site.id);
    const settings = pickSettings(input);
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      // A summary nobody receives is a setting that silently does nothing: say so.
      if (settings.summaryHour !== null && (await this.repo.siteAdminEmails(site.id, tx)).length === 0) {
        throw ApiException.unprocessable('NO_SUMMARY_RECIPIENT', RedFlagMessages.noSummaryRecipient, [{ field: 'summaryHour', message: RedFlagMessages.noSummaryRecipient }]);
      }
      await this.repo.lockSiteSettings(tx, site.id);
      const before = (await this.repo.findSettings(site.id, tx))?.settings ?? DEFAULT_RED_FLAG_SETTINGS;
      await this.repo.saveSettings(tx, site.id, settings, staff.userId, at);
      await this.audit.record(tx, {
        actor: staff,
        action: 'site.red_flag_settings',
        entityType: 'site',
        entityId: site.id,
        siteId: site.id,
        agencyId: null,
        entityLabel: site.name,
        before: { ...before },
        after: { ...settings },
      });
    });
    return toSettingsResponse(site.code, settings, at);
  }

  async list(staff: StaffPrincipal, code: string): Promise<RedFlagListResponse> {
    const site = await this.requireSite(code);
    let agencyId: string | null = null;
    if (staff.role === 'agency_admin') {
      agencyId = staff.agencyId;
      if (!agencyId || (await this.repo.siteOfAgency(agencyId)) !== site.id) throw ApiException.forbidden('OTHER_SITE', AUTH_MESSAGES.otherSite);
    } else {
      AccessPolicy.assertSite(staff, site.id);
    }
    const now = this.clock.now();
    const settings = (await this.repo.findSettings(site.id))?.settings ?? DEFAULT_RED_FLAG_SETTINGS;
    const { items, ikmAvailable } = await this.evaluate(site, settings, now);
    return {
      siteCode: site.code,
      timeZone: site.timeZone,
      evaluatedAt: now.toISOString(),
      items: agencyId === null ? items : items.filter((f) => f.agencyIds.includes(agencyId)),
      ikmAvailable,
    };
  }

  /** The settings that apply to a site now (its saved ones, or the defaults). */
  async settingsOf(siteId: string): Promise<RedFlagSettings> {
    return (await this.repo.findSettings(siteId))?.settings ?? DEFAULT_RED_FLAG_SETTINGS;
  }

  /** Every flag that holds at `now`, critical first, then the oldest, then by kind. */
  async evaluate(site: SiteEntity, s: RedFlagSettings, now: Date): Promise<RedFlagEvaluation> {
    const today = localDate(now, site.timeZone);
    const dayStart = zonedToUtc(today, '00:00', site.timeZone);
    const items: RedFlagResponse[] = [];
    const service = (r: { service_name: string; service_name_en: string }): LocalizedText => ({ id: r.service_name, en: r.service_name_en });

    if (s.waitMinutes !== null) {
      for (const row of await this.repo.longWaitsByService(site.id, today, new Date(now.getTime() - s.waitMinutes * 60_000))) {
        const hold = longWaitFlag(row.oldest_issued_at, now, s.waitMinutes);
        if (!hold) continue;
        items.push({
          key: `long_wait:${row.service_id}`,
          kind: 'long_wait',
          severity: hold.severity,
          since: hold.since.toISOString(),
          ...RED_FLAG_TEXTS.longWait(service(row), row.waiting, hold.value, s.waitMinutes),
          value: hold.value,
          threshold: s.waitMinutes,
          agencyIds: [row.agency_id],
          links: { serviceId: row.service_id },
        });
      }
    }

    if (s.idleMinutes !== null) {
      for (const row of await this.repo.freeOpenCounters(site.id, today, dayStart)) {
        const hold = idleCounterFlag(row.last_active_at, row.waiting, now, s.idleMinutes);
        if (!hold) continue;
        items.push({
          key: `idle_counter:${row.id}`,
          kind: 'idle_counter',
          severity: hold.severity,
          since: hold.since.toISOString(),
          ...RED_FLAG_TEXTS.idleCounter(row.name, hold.value, row.waiting, s.idleMinutes),
          value: hold.value,
          threshold: s.idleMinutes,
          agencyIds: [...row.agency_ids].sort(),
          links: { counterId: row.id },
        });
      }
    }

    if (s.pickedSharePercent !== null) {
      const byOfficer = new Map<string, OfficerCallRow[]>();
      for (const call of await this.repo.callsSince(site.id, dayStart, now)) byOfficer.set(call.officer_id, [...(byOfficer.get(call.officer_id) ?? []), call]);
      for (const [officerId, calls] of byOfficer) {
        const since = pickedCallsSince(calls, s.pickedSharePercent, s.pickedMinCalls);
        if (!since) continue;
        const picked = calls.filter((c) => c.picked).length;
        const share = pickedShare(calls.length, picked);
        const last = calls[calls.length - 1];
        items.push({
          key: `picked_calls:${officerId}`,
          kind: 'picked_calls',
          severity: 'warning',
          since: since.toISOString(),
          ...RED_FLAG_TEXTS.pickedCalls(last.full_name, share, picked, calls.length, s.pickedSharePercent),
          value: share,
          threshold: s.pickedSharePercent,
          agencyIds: last.agency_id ? [last.agency_id] : [],
          links: { officerId, ...(last.counter_id ? { counterId: last.counter_id } : {}) },
        });
      }
    }

    if (s.overdueApplications !== null) {
      for (const row of await this.repo.overdueApplicationsByService(site.id, FLAGGABLE_APPLICATION_STATES, now, s.overdueApplications)) {
        if (!overdueApplicationsHold(row.overdue, s.overdueApplications) || !row.nth_due_at) continue;
        items.push({
          key: `overdue_applications:${row.service_id}`,
          kind: 'overdue_applications',
          severity: 'critical',
          since: row.nth_due_at.toISOString(),
          ...RED_FLAG_TEXTS.overdueApplications(service(row), row.overdue, s.overdueApplications),
          value: row.overdue,
          threshold: s.overdueApplications,
          agencyIds: [row.agency_id],
          links: { serviceId: row.service_id, applicationIds: row.application_ids },
        });
      }
    }

    // Issue 16's "red after a week": always on, the site's complaint setting (COMPLAINT_UNTOUCHED_DAYS by default; GET/PUT …/complaint-settings).
    const untouchedDays = (await this.repo.complaintUntouchedDays(site.id)) ?? COMPLAINT_UNTOUCHED_DAYS;
    for (const row of await this.repo.untouchedComplaintsByAgency(site.id, new Date(now.getTime() - untouchedDays * 86_400_000))) {
      items.push({
        key: `untouched_complaints:${row.agency_id ?? 'mpp'}`,
        kind: 'untouched_complaints',
        severity: 'critical',
        since: new Date(row.oldest_touch.getTime() + untouchedDays * 86_400_000).toISOString(),
        ...RED_FLAG_TEXTS.untouchedComplaints(row.agency_name ?? site.name, row.untouched, untouchedDays, Math.floor((now.getTime() - row.oldest_touch.getTime()) / 86_400_000)),
        value: row.untouched,
        threshold: untouchedDays,
        agencyIds: row.agency_id ? [row.agency_id] : [],
        links: { complaintCodes: row.codes },
      });
    }

    let ikmAvailable = true;
    if (s.ikmMinBand !== null) {
      const totals = await this.ikm.totalsByService(site.id, addDaysToLocalDate(today, -(s.ikmDays - 1)), today);
      if (totals === null) ikmAvailable = false;
      else items.push(...this.lowIkmFlags(site, s, totals, dayStart));
    }

    if (s.calendarDaysBefore !== null) {
      const horizon = await this.repo.bookingHorizonDays(site.id);
      const missing = missingCalendarYear(today, horizon, s.calendarDaysBefore, await this.repo.nationalCalendarYears(Number(today.slice(0, 4))));
      if (missing) {
        const reachesOn = horizonReachesYearOn(missing.year, horizon);
        const daysLeft = Math.max(0, Math.round((Date.parse(`${reachesOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000));
        items.push({
          key: `national_calendar:${missing.year}`,
          kind: 'national_calendar',
          severity: 'critical',
          since: zonedToUtc(missing.since, '00:00', site.timeZone).toISOString(),
          ...RED_FLAG_TEXTS.nationalCalendar(missing.year, reachesOn),
          value: daysLeft,
          threshold: s.calendarDaysBefore,
          agencyIds: [],
          links: { year: missing.year },
        });
      }
    }

    items.sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        a.since.localeCompare(b.since) ||
        RED_FLAG_KIND_ORDER.indexOf(a.kind) - RED_FLAG_KIND_ORDER.indexOf(b.kind) ||
        a.key.localeCompare(b.key),
    );
    return { items, ikmAvailable };
  }

  /** Each service's IKM over the period, and the site's (all its answers), below the band. */
  private lowIkmFlags(site: SiteEntity, s: RedFlagSettings, totals: Awaited<ReturnType<IkmSource['totalsByService']>> & object, dayStart: Date): RedFlagResponse[] {
    const flags: RedFlagResponse[] = [];
    const minBand = s.ikmMinBand!;
    const add = (key: string, subject: LocalizedText, respondents: number, sums: number[], agencyIds: string[], serviceId?: string) => {
      const result = ikmFromTotals(sums, respondents);
      if (!result) return;
      const hold = lowIkmHold(result.ikm, respondents, minBand, s.ikmMinRespondents);
      if (!hold) return;
      flags.push({
        key,
        kind: 'low_ikm',
        severity: hold.severity,
        since: dayStart.toISOString(),
        ...RED_FLAG_TEXTS.lowIkm(subject, result.ikm, hold.band, minBand, s.ikmDays, respondents),
        value: result.ikm,
        threshold: IKM_BAND_FLOOR[minBand],
        agencyIds,
        links: serviceId ? { serviceId } : {},
      });
    };
    for (const t of totals) add(`low_ikm:${t.serviceId}`, { id: t.serviceName, en: t.serviceNameEn }, t.respondents, t.totals, [t.agencyId], t.serviceId);
    if (totals.length > 1) {
      const respondents = totals.reduce((n, t) => n + t.respondents, 0);
      const sums = totals.reduce((acc, t) => acc.map((v, i) => v + t.totals[i]), new Array<number>(9).fill(0));
      add(`low_ikm:site`, { id: site.name, en: site.name }, respondents, sums, []);
    }
    return flags;
  }

  private async requireSite(code: string): Promise<SiteEntity> {
    const site = await this.catalogue.findSiteByCode(code);
    if (!site || site.retiredAt) throw ApiException.notFound('SITE_NOT_FOUND', RedFlagMessages.siteNotFound(code));
    return site;
  }
}

/** Only the settings' own fields, in their order (the DTO has been validated). */
function pickSettings(s: RedFlagSettings): RedFlagSettings {
  return {
    waitMinutes: s.waitMinutes,
    idleMinutes: s.idleMinutes,
    pickedSharePercent: s.pickedSharePercent,
    pickedMinCalls: s.pickedMinCalls,
    overdueApplications: s.overdueApplications,
    ikmMinBand: s.ikmMinBand,
    ikmDays: s.ikmDays,
    ikmMinRespondents: s.ikmMinRespondents,
    calendarDaysBefore: s.calendarDaysBefore,
    summaryHour: s.summaryHour,
  };
}

function toSettingsResponse(siteCode: string, settings: RedFlagSettings, updatedAt: Date | null): RedFlagSettingsResponse {
  return { siteCode, ...pickSettings(settings), updatedAt: updatedAt?.toISOString() ?? null };
}
