import { Injectable } from '@nestjs/common';
import type { AgencyResponse, ClosureResponse, FieldError, OpeningHours, QueuePolicy, SitePageResponse, SiteResponse, SiteSummaryResponse } from '@mpp/contracts';
import { addDaysToLocalDate, isValidLocalDate, localDate, NEXT_OPEN_HORIZON_DAYS, siteStatusAt, validateOpeningHours } from '@mpp/domain';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { AuditLog, auditSnapshot } from '../common/audit-log';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { toAgencyResponse, toSitePageResponse, toSiteResponse, toSiteSummaryResponse } from './catalogue.mapper';
import { CatalogueMessages } from './catalogue.messages';
import { CatalogueRepository } from './catalogue.repository';
import { CreateCalendarDayDto, CreateClosureDto, CreateSiteDto, OpeningHoursDto, UpdateSiteDto } from './dto/site.dto';
import { NationalCalendarDayEntity, SiteClosureEntity } from './entities/closure.entity';
import { SiteEntity } from './entities/site.entity';
import type { EntityManager } from 'typeorm';

const UPCOMING_CLOSURES = 30;
/** The site page lists closures from today to this many days ahead. */
const PAGE_CLOSURE_DAYS = 30;

/** A site's booking rules, as booking's admin endpoint sets them. */
export interface SiteBookingPolicy {
  checkInEarlyMinutes: number;
  checkInLateMinutes: number;
  latePolicy: 'walk_in' | 'refuse';
  weeklyLimitPerNik: number;
}

@Injectable()
export class SitesService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<SiteSummaryResponse[]> {
    return (await this.repo.listActiveSites()).map(toSiteSummaryResponse);
  }

  async get(code: string): Promise<SiteResponse> {
    const site = await this.requireActiveSite(code);
    return this.describe(site);
  }

  /** The citizen's page: today's hours and whether it is open now (site time), closures ahead, facilities, agencies. */
  async page(code: string): Promise<SitePageResponse> {
    const site = await this.requireActiveSite(code);
    const now = this.clock.now();
    const today = localDate(now, site.timeZone);
    const [closures, agencies] = await Promise.all([
      this.repo.listClosuresBetween(site, today, addDaysToLocalDate(today, Math.max(PAGE_CLOSURE_DAYS, NEXT_OPEN_HORIZON_DAYS))),
      this.repo.listActiveAgenciesWithServiceCounts(site.id),
    ]);
    const status = siteStatusAt(now, site.timeZone, site.openingHours, closures);
    const lastListed = addDaysToLocalDate(today, PAGE_CLOSURE_DAYS);
    return toSitePageResponse(site, status, closures.filter((c) => c.date <= lastListed), agencies);
  }

  async listAgencies(code: string): Promise<AgencyResponse[]> {
    const site = await this.requireActiveSite(code);
    const agencies = await this.repo.listActiveAgenciesWithServiceCounts(site.id);
    return agencies.map((a) => toAgencyResponse(a, site.code, a.serviceCount));
  }

  async create(staff: StaffPrincipal, dto: CreateSiteDto): Promise<SiteResponse> {
    const openingHours = checkOpeningHours(dto.openingHours);
    const site = await this.repo.transaction(async (tx) => {
      const row = await tx.getRepository(SiteEntity).save(
      tx.getRepository(SiteEntity).create({
        code: dto.code,
        name: dto.name.trim(),
        city: dto.city.trim(),
        province: dto.province.trim(),
        address: dto.address.trim(),
        timeZone: dto.timeZone,
        phone: dto.phone ?? null,
        email: dto.email ?? null,
        openingHours,
        closesOnCutiBersama: dto.closesOnCutiBersama,
        facilities: dto.facilities ?? [],
        ...(dto.applicationFileRetentionDays !== undefined ? { applicationFileRetentionDays: dto.applicationFileRetentionDays } : {}),
      }),
      );
      await this.audit.record(tx, { actor: staff, action: 'site.create', entityType: 'site', entityId: row.id, siteId: row.id, agencyId: null, entityLabel: siteLabel(row), before: null, after: siteAudit(row) });
      return row;
    });
    return this.describe(site);
  }

  async update(staff: StaffPrincipal, code: string, dto: UpdateSiteDto): Promise<SiteResponse> {
    const found = await this.requireManageableSite(staff, code);
    const openingHours = dto.openingHours !== undefined ? checkOpeningHours(dto.openingHours) : undefined;
    const saved = await this.repo.transaction(async (tx) => {
      // Read again under the row's lock: the audit log's "before" is what this change replaced.
      const site = await this.lockSite(tx, found.id);
      const before = siteAudit(site);
      if (openingHours !== undefined) site.openingHours = openingHours;
      if (dto.name !== undefined) site.name = dto.name.trim();
      if (dto.city !== undefined) site.city = dto.city.trim();
      if (dto.province !== undefined) site.province = dto.province.trim();
      if (dto.address !== undefined) site.address = dto.address.trim();
      if (dto.timeZone !== undefined) site.timeZone = dto.timeZone;
      if (dto.phone !== undefined) site.phone = dto.phone;
      if (dto.email !== undefined) site.email = dto.email;
      if (dto.closesOnCutiBersama !== undefined) site.closesOnCutiBersama = dto.closesOnCutiBersama;
      if (dto.facilities !== undefined) site.facilities = dto.facilities;
      if (dto.applicationFileRetentionDays !== undefined) site.applicationFileRetentionDays = dto.applicationFileRetentionDays;
      const row = await tx.getRepository(SiteEntity).save(site);
      await this.audit.record(tx, { actor: staff, action: 'site.update', entityType: 'site', entityId: row.id, siteId: row.id, agencyId: null, entityLabel: siteLabel(row), before, after: siteAudit(row) });
      return row;
    });
    return this.describe(saved);
  }

  async retire(staff: StaffPrincipal, code: string): Promise<SiteSummaryResponse> {
    const found = await this.repo.findSiteByCode(code);
    if (!found) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(code));
    const site = await this.repo.transaction(async (tx) => {
      const current = await this.lockSite(tx, found.id);
      if (current.retiredAt) return current;
      current.retiredAt = new Date();
      const row = await tx.getRepository(SiteEntity).save(current);
      await this.audit.record(tx, { actor: staff, action: 'site.retire', entityType: 'site', entityId: row.id, siteId: row.id, agencyId: null, entityLabel: siteLabel(row), before: { retiredAt: null }, after: { retiredAt: row.retiredAt } });
      return row;
    });
    return toSiteSummaryResponse(site);
  }

  async addClosure(staff: StaffPrincipal, code: string, dto: CreateClosureDto): Promise<ClosureResponse> {
    const site = await this.requireManageableSite(staff, code);
    assertRealDate(dto.date);
    const row = await this.repo.transaction(async (tx) => {
      const closure = await tx.getRepository(SiteClosureEntity).save(tx.getRepository(SiteClosureEntity).create({ siteId: site.id, date: dto.date, name: dto.name.trim() }));
      await this.audit.record(tx, { actor: staff, action: 'site_closure.add', entityType: 'site_closure', entityId: closure.id, siteId: site.id, agencyId: null, entityLabel: `${site.code} ${closure.date} ${closure.name}`, before: null, after: { date: closure.date, name: closure.name } });
      return closure;
    });
    return { id: row.id, date: row.date, name: row.name, kind: 'local_closure' };
  }

  async removeClosure(staff: StaffPrincipal, code: string, closureId: string): Promise<void> {
    const site = await this.requireManageableSite(staff, code);
    const closure = await this.repo.findSiteClosure(site.id, closureId);
    if (!closure) {
      throw ApiException.notFound('CLOSURE_NOT_FOUND', { id: 'Hari tutup ini tidak ditemukan di MPP ini.', en: 'This closure was not found at this site.' });
    }
    await this.repo.transaction(async (tx) => {
      await tx.getRepository(SiteClosureEntity).delete({ id: closure.id });
      await this.audit.record(tx, { actor: staff, action: 'site_closure.remove', entityType: 'site_closure', entityId: closure.id, siteId: site.id, agencyId: null, entityLabel: `${site.code} ${closure.date} ${closure.name}`, before: { date: closure.date, name: closure.name }, after: null });
    });
  }

  async listNationalCalendar(year: number): Promise<ClosureResponse[]> {
    return (await this.repo.listNationalCalendar(year)).map((d) => ({ id: d.id, date: d.date, name: d.name, kind: d.kind }));
  }

  async addCalendarDay(staff: StaffPrincipal, dto: CreateCalendarDayDto): Promise<ClosureResponse> {
    assertRealDate(dto.date);
    const row = await this.repo.transaction(async (tx) => {
      const repo = tx.getRepository(NationalCalendarDayEntity);
      const day = await repo.save(repo.create({ date: dto.date, name: dto.name.trim(), kind: dto.kind }));
      await this.audit.record(tx, { actor: staff, action: 'national_calendar_day.add', entityType: 'national_calendar_day', entityId: day.id, siteId: null, agencyId: null, entityLabel: `${day.date} ${day.name}`, before: null, after: { date: day.date, name: day.name, kind: day.kind } });
      return day;
    });
    return { id: row.id, date: row.date, name: row.name, kind: row.kind };
  }

  async removeCalendarDay(staff: StaffPrincipal, id: string): Promise<void> {
    await this.repo.transaction(async (tx) => {
      const repo = tx.getRepository(NationalCalendarDayEntity);
      const day = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!day) {
        throw ApiException.notFound('CALENDAR_DAY_NOT_FOUND', { id: 'Tanggal ini tidak ada di kalender nasional.', en: 'This day is not in the national calendar.' });
      }
      await repo.delete({ id });
      await this.audit.record(tx, { actor: staff, action: 'national_calendar_day.remove', entityType: 'national_calendar_day', entityId: day.id, siteId: null, agencyId: null, entityLabel: `${day.date} ${day.name}`, before: { date: day.date, name: day.name, kind: day.kind }, after: null });
    });
  }

  /** The site's calling policy (the queue's admin sets it; access checked by the caller). */
  async setQueuePolicy(staff: StaffPrincipal, site: SiteEntity, policy: QueuePolicy): Promise<QueuePolicy> {
    const saved = await this.repo.transaction(async (tx) => {
      const current = await this.lockSite(tx, site.id);
      const before = queuePolicyAudit(current);
      current.queueMode = policy.mode;
      current.queueInterleaveEvery = policy.interleaveEvery;
      current.queueAllowPick = policy.allowPick;
      current.queueMaxRecalls = policy.maxRecalls;
      const row = await tx.getRepository(SiteEntity).save(current);
      await this.audit.record(tx, { actor: staff, action: 'site.queue_policy', entityType: 'site', entityId: row.id, siteId: row.id, agencyId: null, entityLabel: siteLabel(row), before, after: queuePolicyAudit(row) });
      return row;
    });
    return { mode: saved.queueMode, interleaveEvery: saved.queueInterleaveEvery, allowPick: saved.queueAllowPick, maxRecalls: saved.queueMaxRecalls };
  }

  /** The site's check-in window, late arrivals and weekly booking limit (booking sets them; access checked by the caller). */
  async setBookingPolicy(staff: StaffPrincipal, site: SiteEntity, policy: SiteBookingPolicy): Promise<void> {
    await this.repo.transaction(async (tx) => {
      const current = await this.lockSite(tx, site.id);
      const before = bookingPolicyAudit(current);
      current.checkinEarlyMinutes = policy.checkInEarlyMinutes;
      current.checkinLateMinutes = policy.checkInLateMinutes;
      current.checkinLatePolicy = policy.latePolicy;
      current.bookingWeeklyLimit = policy.weeklyLimitPerNik;
      const row = await tx.getRepository(SiteEntity).save(current);
      await this.audit.record(tx, { actor: staff, action: 'site.booking_policy', entityType: 'site', entityId: row.id, siteId: row.id, agencyId: null, entityLabel: siteLabel(row), before, after: bookingPolicyAudit(row) });
    });
  }

  /**
   * The site row, read again and locked until the transaction ends, so that changes of one site
   * take turns and each audit row's "before" is what that change replaced. FOR NO KEY UPDATE:
   * tickets and bookings referring to the site are not held back.
   */
  private async lockSite(tx: EntityManager, id: string): Promise<SiteEntity> {
    const site = await tx.getRepository(SiteEntity).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(id));
    return site;
  }

  async requireActiveSite(code: string): Promise<SiteEntity> {
    const site = await this.repo.findActiveSiteByCode(code);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(code));
    return site;
  }

  async requireManageableSite(staff: StaffPrincipal, code: string): Promise<SiteEntity> {
    const site = await this.repo.findSiteByCode(code);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(code));
    AccessPolicy.assertSite(staff, site.id);
    if (site.retiredAt) throw ApiException.conflict('SITE_RETIRED', CatalogueMessages.retired({ id: 'MPP ini', en: 'This site' }));
    return site;
  }

  private async describe(site: SiteEntity): Promise<SiteResponse> {
    const today = localDate(this.clock.now(), site.timeZone);
    const [closures, counts] = await Promise.all([
      this.repo.listClosuresFrom(site, today, UPCOMING_CLOSURES),
      this.repo.countActiveAgenciesAndServices(site.id),
    ]);
    return toSiteResponse(site, { upcomingClosures: closures, agencyCount: counts.agencies, serviceCount: counts.services });
  }
}

function checkOpeningHours(hours: OpeningHoursDto[]): OpeningHours[] {
  const clean: OpeningHours[] = hours.map((h) => ({
    weekday: h.weekday,
    open: h.open,
    close: h.close,
    breaks: h.breaks.map((b) => ({ start: b.start, end: b.end })),
  }));
  const problems = validateOpeningHours(clean);
  if (problems.length > 0) {
    const fields: FieldError[] = problems.map((p) => ({
      field: p.breakIndex !== undefined ? `openingHours.${p.index}.breaks.${p.breakIndex}` : `openingHours.${p.index}`,
      message: p.message,
    }));
    throw ApiException.unprocessable(
      'INVALID_OPENING_HOURS',
      { id: `Jam buka belum benar: ${problems[0].message.id}`, en: `The opening hours are not valid: ${problems[0].message.en}` },
      fields,
    );
  }
  return clean;
}

function assertRealDate(date: string): void {
  if (!isValidLocalDate(date)) {
    throw ApiException.unprocessable('INVALID_DATE', { id: `Tanggal ${date} tidak ada di kalender.`, en: `${date} is not a real calendar date.` }, [
      { field: 'date', message: { id: `Tanggal ${date} tidak ada di kalender.`, en: `${date} is not a real calendar date.` } },
    ]);
  }
}

/** What the audit log keeps of a site (its own fields; the policies are their own actions). */
const SITE_AUDIT_FIELDS = ['code', 'name', 'city', 'province', 'address', 'timeZone', 'phone', 'email', 'openingHours', 'closesOnCutiBersama', 'facilities', 'applicationFileRetentionDays', 'retiredAt'] as const;

export function siteAudit(site: SiteEntity): Record<string, unknown> {
  return auditSnapshot(site, SITE_AUDIT_FIELDS);
}

export function siteLabel(site: SiteEntity): string {
  return `${site.code} ${site.name}`;
}

function queuePolicyAudit(site: SiteEntity): Record<string, unknown> {
  return { mode: site.queueMode, interleaveEvery: site.queueInterleaveEvery, allowPick: site.queueAllowPick, maxRecalls: site.queueMaxRecalls };
}

function bookingPolicyAudit(site: SiteEntity): Record<string, unknown> {
  return { checkInEarlyMinutes: site.checkinEarlyMinutes, checkInLateMinutes: site.checkinLateMinutes, latePolicy: site.checkinLatePolicy, weeklyLimitPerNik: site.bookingWeeklyLimit };
}
