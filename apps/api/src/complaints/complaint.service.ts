import { Injectable, Logger } from '@nestjs/common';
import type {
  AuditAction,
  AuditFields,
  ComplaintCitizenResponse,
  ComplaintClockName,
  ComplaintClockResponse,
  ComplaintCreatedResponse,
  ComplaintInboxResponse,
  ComplaintStaffAction,
  ComplaintStaffResponse,
  ComplaintStatusName,
  ComplaintSummaryResponse,
} from '@mpp/contracts';
import {
  addDaysToLocalDate,
  checkComplaintTransition,
  COMPLAINT_STATUSES,
  COMPLAINT_STATUS_LABELS,
  complaintClocks,
  generateBookingCode,
  isComplaintUntouched,
  localDate,
  normalizeBookingCode,
  normalizeIndonesianMobile,
  type ComplaintAction,
  type ComplaintActor,
  type ComplaintClocks,
  type ComplaintDeadline,
  type ComplaintSiteSettings,
  type ComplaintTransitionRefusal,
} from '@mpp/domain';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUTH_MESSAGES } from '../auth/auth.messages';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { AuditLog } from '../common/audit-log';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { isUniqueViolation } from '../common/errors/pg-error';
import { PiiCipher } from '../common/pii-cipher';
import { randomToken } from '../common/random-token';
import type { OutgoingMessage } from '../notifications/notification';
import { NotificationsService } from '../notifications/notifications.service';
import { ComplaintEvents } from './complaint-events';
import { openLocation, sealLocation } from './complaint-location';
import { ComplaintPhotoRepository, toComplaintPhotoResponse } from './complaint-photos.repository';
import { ComplaintSettingsRepository } from './complaint-settings.repository';
import { ComplaintMessages } from './complaint.messages';
import { ComplaintRepository, type ComplaintChange, type ComplaintEventRow, type ComplaintRow } from './complaint.repository';
import type { ComplaintInboxQueryDto, CreateComplaintDto } from './dto/complaint.dto';

/** 192 bits: the secret only the reporter receives; its SHA-256 is kept. */
const SECRET_BYTES = 24;
const INBOX_PAGE = 20;
const DAY_MS = 86_400_000;

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

type Actor = { kind: 'citizen' } | { kind: 'staff'; staff: StaffPrincipal };

function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

const REFUSALS: Record<ComplaintTransitionRefusal, () => ApiException> = {
  no_such_step: () => ApiException.conflict('COMPLAINT_STEP_NOT_POSSIBLE', ComplaintMessages.noSuchStep),
  not_allowed_for_actor: () => ApiException.forbidden('COMPLAINT_STEP_NOT_YOURS', ComplaintMessages.notForYou),
  text_required: () => ApiException.badRequest('COMPLAINT_TEXT_REQUIRED', ComplaintMessages.textRequired),
  reopen_period_over: () => ApiException.unprocessable('COMPLAINT_REOPEN_PERIOD_OVER', ComplaintMessages.reopenPeriodOver),
};

/** Which staff may see a confidential reporter: the site's complaint handlers (its site admins). */
function seesConfidential(staff: StaffPrincipal, row: ComplaintRow): boolean {
  return staff.role === 'site_admin' && staff.siteId === row.site_id;
}

/** The clocks the escalation job reported as run out (complaint-escalation.ts). */
export function escalatedClocks(row: Pick<ComplaintRow, 'first_response_escalated_at' | 'resolution_escalated_at'>): ComplaintClockName[] {
  const clocks: ComplaintClockName[] = [];
  if (row.first_response_escalated_at) clocks.push('first_response');
  if (row.resolution_escalated_at) clocks.push('resolution');
  return clocks;
}

/** The row's columns a handler's change may touch, as the audit log names them (never the text, a note or the reporter). */
const AUDITED_COLUMNS: Partial<Record<keyof ComplaintChange, string>> = { status: 'status', agency_id: 'agencyId', assigned_staff_id: 'assignedStaffId' };

function auditFieldsOf(row: ComplaintRow, change: ComplaintChange): { before: AuditFields; after: AuditFields } {
  const before: AuditFields = {};
  const after: AuditFields = {};
  for (const [column, name] of Object.entries(AUDITED_COLUMNS) as [keyof ComplaintChange, string][]) {
    if (change[column] === undefined) continue;
    before[name] = row[column] ?? null;
    after[name] = change[column] ?? null;
  }
  return { before, after };
}

function toClock(d: ComplaintDeadline): ComplaintClockResponse {
  return { dueAt: d.due!.toISOString(), state: d.state, phase: d.phase, source: d.source };
}

function encodeCursor(row: ComplaintRow): string {
  return Buffer.from(`${row.created_at.toISOString()}|${row.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw ApiException.badRequest('BAD_CURSOR', { id: 'cursor tidak valid.', en: 'cursor is not valid.' });
  return { at: when, id };
}

/**
 * Complaints (docs/complaints.md): filed by a citizen with or without a name, answered by the
 * site's handlers and the agency's staff. Every step is checked by libs/domain
 * checkComplaintTransition under the row's lock and, in one transaction, writes the row (the
 * clocks' due dates recomputed), the trail's event and the reporter's message in the outbox.
 */
@Injectable()
export class ComplaintService {
  private readonly logger = new Logger(ComplaintService.name);

  constructor(
    private readonly repo: ComplaintRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly photos: ComplaintPhotoRepository,
    private readonly settings: ComplaintSettingsRepository,
    private readonly audit: AuditLog,
    private readonly events: ComplaintEvents,
  ) {}

  // ---- citizen -------------------------------------------------------------------------------

  async create(dto: CreateComplaintDto, origin: RequestOrigin): Promise<ComplaintCreatedResponse> {
    const site = await this.catalogue.findActiveSiteByCode(dto.siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', ComplaintMessages.siteNotFound);
    let agencyId = dto.agencyId ?? null;
    if (agencyId) {
      const agency = await this.repo.agencyOf(agencyId);
      if (!agency || agency.site_id !== site.id) throw ApiException.unprocessable('AGENCY_NOT_AT_SITE', ComplaintMessages.agencyNotAtSite);
    }
    if (dto.serviceId) {
      const service = await this.repo.serviceOf(dto.serviceId);
      if (!service || service.site_id !== site.id || (agencyId && service.agency_id !== agencyId)) {
        throw ApiException.unprocessable('SERVICE_NOT_AT_SITE', ComplaintMessages.serviceNotAtSite);
      }
      agencyId = service.agency_id;
    }
    if (dto.text.trim().length < 10) throw ApiException.badRequest('COMPLAINT_TEXT_TOO_SHORT', ComplaintMessages.textTooShort);
    const name = dto.reporterName?.trim() || null;
    const email = dto.reporterEmail?.trim() || null;
    const phoneInput = dto.reporterPhone?.trim() || null;
    if (dto.anonymity === 'anonymous' && (name || phoneInput || email)) throw ApiException.unprocessable('ANONYMOUS_WITH_IDENTITY', ComplaintMessages.anonymousHasIdentity);
    if (dto.anonymity !== 'anonymous' && (!name || !phoneInput)) throw ApiException.unprocessable('REPORTER_REQUIRED', ComplaintMessages.identityRequired);
    const phone = phoneInput ? normalizeIndonesianMobile(phoneInput) : null;
    if (phone && !phone.valid) throw ApiException.unprocessable('REPORTER_REQUIRED', ComplaintMessages.identityRequired);

    const now = this.clock.now();
    const clocks = await this.clocksOf(site, [{ status: 'received', at: now }], now);
    const secret = randomToken(SECRET_BYTES);
    for (let attempt = 0; ; attempt++) {
      try {
        const { row, outbox } = await this.repo.transaction(async (tx) => {
          const row = await this.repo.insert(tx, {
            code: generateBookingCode((n) => randomBytes(n)),
            site_id: site.id,
            agency_id: agencyId,
            service_id: dto.serviceId ?? null,
            kind: dto.kind,
            subject: dto.subject,
            anonymity: dto.anonymity,
            text_cipher: this.cipher.encrypt(dto.text.trim()),
            reporter_name_cipher: name ? this.cipher.encrypt(name) : null,
            reporter_phone_cipher: phone?.valid ? this.cipher.encrypt(phone.e164) : null,
            reporter_email_cipher: email ? this.cipher.encrypt(email) : null,
            language: dto.language ?? 'id',
            owner_secret_hash: secretHash(secret),
            reference_kind: dto.reference?.kind ?? null,
            reference_code: dto.reference?.code.toUpperCase() ?? null,
            first_response_due_at: clocks.firstResponse.due!,
            resolution_due_at: clocks.resolution.due!,
            last_handler_action_at: now,
            created_at: now,
            location_cipher: sealLocation(this.cipher, dto.location),
          });
          await this.repo.appendEvent(tx, this.event(row, 'create', null, 'received', { kind: 'citizen' }, now, origin, null, false, {}));
          const outbox = await this.enqueueMessage(tx, row, secret);
          return { row, outbox };
        });
        this.deliver(outbox);
        return { code: row.code, secret, complaint: await this.citizenView(row) };
      } catch (error) {
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async read(code: string, secret: string | null): Promise<ComplaintCitizenResponse> {
    return this.citizenView(await this.requireOwned(code, secret));
  }

  /** The citizen's steps: reply (to a question), reopen (within the period), close (accept the answer). */
  async citizenStep(code: string, secret: string | null, action: 'citizen_reply' | 'reopen' | 'close', text: string | null, origin: RequestOrigin): Promise<ComplaintCitizenResponse> {
    const owned = await this.requireOwned(code, secret);
    const row = await this.step(owned.id, action, { kind: 'citizen' }, text, origin);
    return this.citizenView(row);
  }

  async rate(code: string, secret: string | null, rating: number, origin: RequestOrigin): Promise<ComplaintCitizenResponse> {
    const owned = await this.requireOwned(code, secret);
    const now = this.clock.now();
    const row = await this.repo.transaction(async (tx) => {
      const row = (await this.repo.lockById(tx, owned.id))!;
      if (row.status !== 'answered' && row.status !== 'closed') throw ApiException.conflict('COMPLAINT_NOT_ANSWERED', ComplaintMessages.ratingOnlyAnswered);
      const updated = await this.repo.update(tx, row.id, { rating }, now);
      await this.repo.appendEvent(tx, this.event(row, 'rate', null, null, { kind: 'citizen' }, now, origin, null, false, { rating }));
      return updated;
    });
    return this.citizenView(row);
  }

  // ---- staff ---------------------------------------------------------------------------------

  async inbox(staff: StaffPrincipal, siteCode: string, query: ComplaintInboxQueryDto): Promise<ComplaintInboxResponse> {
    const site = await this.requireStaffSite(staff, siteCode);
    const agencyId = this.isAgencyStaff(staff) ? staff.agencyId : (query.agencyId ?? null);
    const limit = query.limit ?? INBOX_PAGE;
    const rows = await this.repo.listInbox(site.id, { agencyId, status: query.status ?? null, after: decodeCursor(query.cursor), limit: limit + 1 });
    const { untouchedDays } = await this.settings.settingsOf(site.id);
    const now = this.clock.now();
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        code: row.code,
        kind: row.kind,
        subject: row.subject,
        status: row.status,
        agencyId: row.agency_id,
        assignedStaffId: row.assigned_staff_id,
        firstResponseDueAt: row.first_response_due_at.toISOString(),
        resolutionDueAt: row.resolution_due_at.toISOString(),
        untouched: isComplaintUntouched(row.status, row.last_handler_action_at, now, untouchedDays),
        escalated: escalatedClocks(row),
        createdAt: row.created_at.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /**
   * The command view's counts (docs/complaints.md, Supervisors): per agency and status, open,
   * untouched for a week (isComplaintUntouched), clocks past their stored due dates, and the oldest
   * open complaints. Agency staff: their agency's line only.
   */
  async summary(staff: StaffPrincipal, siteCode: string): Promise<ComplaintSummaryResponse> {
    const site = await this.requireStaffSite(staff, siteCode);
    const agencyId = this.isAgencyStaff(staff) ? staff.agencyId : null;
    const now = this.clock.now();
    const [counts, open, { untouchedDays }] = await Promise.all([this.repo.countByAgencyAndStatus(site.id, agencyId), this.repo.listOpen(site.id, agencyId), this.settings.settingsOf(site.id)]);
    const lines = new Map<string | null, ComplaintSummaryResponse['agencies'][number]>();
    const lineOf = (id: string | null, name: string | null) => {
      let line = lines.get(id);
      if (!line) {
        const zero = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<ComplaintStatusName, number>;
        line = { agencyId: id, agencyName: name, counts: zero, open: 0, untouched: 0, firstResponseOverdue: 0, resolutionOverdue: 0, escalated: 0, oldestOpenAt: null };
        lines.set(id, line);
      }
      return line;
    };
    for (const c of counts) lineOf(c.agency_id, c.agency_name).counts[c.status] = c.n;
    for (const row of open) {
      const line = lineOf(row.agency_id, null);
      line.open++;
      if (isComplaintUntouched(row.status, row.last_handler_action_at, now, untouchedDays)) line.untouched++;
      if (escalatedClocks(row).length > 0) line.escalated++;
      if (!row.first_responded_at && row.first_response_due_at < now) line.firstResponseOverdue++;
      if (row.status !== 'waiting_for_citizen' && row.resolution_due_at < now) line.resolutionOverdue++;
      line.oldestOpenAt ??= row.created_at.toISOString();
    }
    const agencies = [...lines.values()].sort((a, b) => (a.oldestOpenAt ?? '\uffff').localeCompare(b.oldestOpenAt ?? '\uffff') || (a.agencyName ?? '').localeCompare(b.agencyName ?? ''));
    return {
      siteCode: site.code,
      evaluatedAt: now.toISOString(),
      agencies,
      oldestOpen: open.slice(0, 20).map((row) => ({
        id: row.id,
        code: row.code,
        agencyId: row.agency_id,
        status: row.status,
        createdAt: row.created_at.toISOString(),
        untouched: isComplaintUntouched(row.status, row.last_handler_action_at, now, untouchedDays),
        escalated: escalatedClocks(row),
      })),
    };
  }

  async get(staff: StaffPrincipal, siteCode: string, id: string): Promise<ComplaintStaffResponse> {
    const { row, site } = await this.requireForStaff(staff, siteCode, id);
    return this.staffView(staff, site, row);
  }

  async staffStep(staff: StaffPrincipal, siteCode: string, id: string, action: ComplaintStaffAction, text: string | null, origin: RequestOrigin): Promise<ComplaintStaffResponse> {
    const { site } = await this.requireForStaff(staff, siteCode, id);
    const row = await this.step(id, action, { kind: 'staff', staff }, text, origin);
    return this.staffView(staff, site, row);
  }

  async addNote(staff: StaffPrincipal, siteCode: string, id: string, text: string, origin: RequestOrigin): Promise<ComplaintStaffResponse> {
    const { site } = await this.requireForStaff(staff, siteCode, id);
    const row = await this.change(id, staff, origin, () => ({ action: 'note', change: {}, note: text, internal: true, details: {} }));
    return this.staffView(staff, site, row);
  }

  async assign(staff: StaffPrincipal, siteCode: string, id: string, assigneeId: string | null, origin: RequestOrigin): Promise<ComplaintStaffResponse> {
    const { site, row: current } = await this.requireForStaff(staff, siteCode, id);
    if (assigneeId) {
      const assignee = await this.repo.staffOf(assigneeId);
      const fits = assignee && assignee.site_id === current.site_id && (assignee.role === 'site_admin' || (current.agency_id !== null && assignee.agency_id === current.agency_id));
      if (!fits) throw ApiException.unprocessable('STAFF_NOT_FOUND', ComplaintMessages.staffNotFound);
    }
    const row = await this.change(id, staff, origin, (row) => ({ action: 'assign', change: { assigned_staff_id: assigneeId }, note: null, internal: true, details: { from: row.assigned_staff_id, to: assigneeId } }));
    return this.staffView(staff, site, row);
  }

  /** "Bukan wewenang": to another agency of the site, or out of the MPP (closed with the reason). */
  async reroute(staff: StaffPrincipal, siteCode: string, id: string, agencyId: string | null, reason: string, origin: RequestOrigin): Promise<ComplaintStaffResponse> {
    const { site, row: current } = await this.requireForStaff(staff, siteCode, id);
    if (agencyId === null) {
      const row = await this.step(id, 'close', { kind: 'staff', staff }, reason, origin, { reroutedOutOfMpp: true });
      return this.staffView(staff, site, row);
    }
    const agency = await this.repo.agencyOf(agencyId);
    if (!agency || agency.site_id !== current.site_id) throw ApiException.unprocessable('AGENCY_NOT_AT_SITE', ComplaintMessages.agencyNotAtSite);
    if (agency.id === current.agency_id) throw ApiException.conflict('COMPLAINT_SAME_AGENCY', ComplaintMessages.rerouteSameAgency);
    const row = await this.change(id, staff, origin, (row) => {
      if (row.status === 'closed') throw ApiException.conflict('COMPLAINT_CLOSED', ComplaintMessages.alreadyClosed);
      return { action: 'reroute', change: { agency_id: agency.id, assigned_staff_id: null }, note: reason, internal: false, details: { fromAgencyId: row.agency_id, toAgencyId: agency.id } };
    });
    return this.staffView(staff, site, row);
  }

  /** A duplicate merged into the complaint it repeats: closed, pointing at it; both trails say so. */
  async merge(staff: StaffPrincipal, siteCode: string, id: string, intoCode: string, origin: RequestOrigin): Promise<ComplaintStaffResponse> {
    const { site } = await this.requireForStaff(staff, siteCode, id);
    const normalized = normalizeBookingCode(intoCode);
    const target = normalized ? await this.repo.findByCode(normalized) : null;
    if (!target || target.site_id !== site.id || !this.mayHandle(staff, target)) throw ApiException.notFound('COMPLAINT_NOT_FOUND', ComplaintMessages.notFound);
    if (target.id === id || target.merged_into_id) throw ApiException.conflict('COMPLAINT_MERGE_NOT_POSSIBLE', ComplaintMessages.mergeSelf);
    const row = await this.step(id, 'close', { kind: 'staff', staff }, `Digabung dengan pengaduan ${target.code} / merged into ${target.code}`, origin, { mergedInto: target.code }, async (tx, row, now) => {
      await this.repo.update(tx, row.id, { merged_into_id: target.id }, now);
      await this.repo.appendEvent(tx, this.event(target, 'merge_in', null, null, { kind: 'staff', staff }, now, origin, null, true, { duplicate: row.code }));
    });
    return this.staffView(staff, site, { ...row, merged_into_id: target.id });
  }

  // ---- the step ------------------------------------------------------------------------------

  private async step(
    id: string,
    action: ComplaintAction,
    actor: Actor,
    text: string | null,
    origin: RequestOrigin,
    details: Record<string, unknown> = {},
    after?: (tx: EntityManager, row: ComplaintRow, now: Date) => Promise<void>,
  ): Promise<ComplaintRow> {
    const now = this.clock.now();
    const trimmed = text?.trim() || null;
    const { row, outbox } = await this.repo.transaction(async (tx) => {
      const row = await this.repo.lockById(tx, id);
      if (!row) throw ApiException.notFound('COMPLAINT_NOT_FOUND', ComplaintMessages.notFound);
      const who: ComplaintActor = actor.kind === 'citizen' ? 'citizen' : 'handler';
      const settings = await this.settings.settingsOf(row.site_id, tx);
      const checked = checkComplaintTransition({ from: row.status, action, actor: who, text: trimmed, answeredAt: row.answered_at, reopenDays: settings.reopenDays, now });
      if (!checked.ok) throw REFUSALS[checked.refusal]();
      const events = await this.repo.listEvents(row.id, tx);
      const history = [...this.statusHistory(events), { status: checked.to, at: now }];
      const site = (await this.catalogue.cachedSite(row.site_id))!;
      const clocks = await this.clocksOf(site, history, now, settings);
      const change: ComplaintChange = { status: checked.to, first_response_due_at: clocks.firstResponse.due!, resolution_due_at: clocks.resolution.due! };
      if (who === 'handler') {
        change.last_handler_action_at = now;
        if (!row.first_responded_at) change.first_responded_at = now;
      }
      if (checked.to === 'answered') change.answered_at = now;
      if (checked.to === 'closed') change.closed_at = now;
      if (checked.to === 'reopened') change.closed_at = null;
      if (checked.to === 'reopened') change.last_handler_action_at = now;
      // A reopen starts a new resolution clock: its running out is escalated again.
      if (checked.to === 'reopened') change.resolution_escalated_at = null;
      const updated = await this.repo.update(tx, row.id, change, now);
      await this.repo.appendEvent(tx, this.event(row, action, row.status, checked.to, actor, now, origin, trimmed, false, details));
      if (actor.kind === 'staff') {
        const kind: AuditAction = details.mergedInto ? 'complaint.merge' : details.reroutedOutOfMpp ? 'complaint.reroute' : 'complaint.step';
        const fields = auditFieldsOf(row, { status: checked.to });
        if (details.mergedInto) Object.assign(fields, { before: { ...fields.before, mergedInto: null }, after: { ...fields.after, mergedInto: details.mergedInto } });
        if (details.reroutedOutOfMpp) Object.assign(fields, { before: { ...fields.before, outOfMpp: false }, after: { ...fields.after, outOfMpp: true } });
        await this.auditChange(tx, actor.staff, row, kind, fields);
      }
      if (after) await after(tx, updated, now);
      // The reporter hears of every change they did not make themselves.
      const outbox = who === 'handler' ? await this.enqueueMessage(tx, updated, null) : [];
      return { row: updated, outbox };
    });
    this.deliver(outbox);
    if (actor.kind === 'staff') this.events.statusChanged({ id: row.id, code: row.code, status: row.status, language: row.language });
    return row;
  }

  /** A change that is not a status step (note, assignment, re-route), with its event, under the row's lock. */
  private async change(
    id: string,
    staff: StaffPrincipal,
    origin: RequestOrigin,
    decide: (row: ComplaintRow) => { action: string; change: ComplaintChange; note: string | null; internal: boolean; details: Record<string, unknown> },
  ): Promise<ComplaintRow> {
    const now = this.clock.now();
    return this.repo.transaction(async (tx) => {
      const row = await this.repo.lockById(tx, id);
      if (!row) throw ApiException.notFound('COMPLAINT_NOT_FOUND', ComplaintMessages.notFound);
      const d = decide(row);
      const updated = await this.repo.update(tx, row.id, { ...d.change, last_handler_action_at: now }, now);
      await this.repo.appendEvent(tx, this.event(row, d.action, null, null, { kind: 'staff', staff }, now, origin, d.note?.trim() || null, d.internal, d.details));
      // Notes are internal content, not a change of the record: the trail keeps them, the audit log does not.
      if (d.action === 'assign' || d.action === 'reroute') await this.auditChange(tx, staff, row, d.action === 'assign' ? 'complaint.assign' : 'complaint.reroute', auditFieldsOf(row, d.change));
      return updated;
    });
  }

  private event(row: ComplaintRow, action: string, from: ComplaintStatusName | null, to: ComplaintStatusName | null, actor: Actor, at: Date, origin: RequestOrigin, note: string | null, internal: boolean, details: Record<string, unknown>) {
    return {
      complaint_id: row.id,
      action,
      from_status: from,
      to_status: to,
      actor_kind: actor.kind,
      actor_id: actor.kind === 'staff' ? actor.staff.userId : null,
      at,
      ip: origin.ip,
      user_agent: origin.userAgent,
      internal,
      note_cipher: note ? this.cipher.encrypt(note) : null,
      details,
    };
  }

  /** One admin_audit row for a handler's change, in its transaction: the changed fields only, labelled by the tracking code. */
  private async auditChange(tx: EntityManager, staff: StaffPrincipal, row: ComplaintRow, action: AuditAction, fields: { before: AuditFields; after: AuditFields }): Promise<void> {
    await this.audit.record(tx, { actor: staff, action, entityType: 'complaint', entityId: row.id, siteId: row.site_id, agencyId: row.agency_id, entityLabel: row.code, before: fields.before, after: fields.after });
  }

  /**
   * After a site's clock settings changed (ComplaintSettingsService, in its transaction): every
   * open complaint's stored due dates computed again with the new times, each under its row's lock.
   */
  async recomputeOpenDueDates(tx: EntityManager, site: SiteEntity, settings: ComplaintSiteSettings, now: Date): Promise<number> {
    const open = await this.repo.lockOpenOfSite(tx, site.id);
    for (const row of open) {
      const clocks = await this.clocksOf(site, this.statusHistory(await this.repo.listEvents(row.id, tx)), now, settings);
      await this.repo.setDueDates(tx, row.id, clocks.firstResponse.due!, clocks.resolution.due!);
    }
    return open.length;
  }

  private statusHistory(events: readonly ComplaintEventRow[]): { status: ComplaintStatusName; at: Date }[] {
    return events.filter((e) => e.to_status !== null && e.to_status !== e.from_status).map((e) => ({ status: e.to_status!, at: e.at }));
  }

  /** Both clocks on the site's calendar (per-site settings are not built yet: the legal default applies). */
  private async clocksOf(site: SiteEntity, history: { status: ComplaintStatusName; at: Date }[], now: Date, settings?: ComplaintSiteSettings): Promise<ComplaintClocks> {
    const s = settings ?? (await this.settings.settingsOf(site.id));
    const from = localDate(history[0].at, site.timeZone);
    const closures = await this.catalogue.listClosuresBetween(site, from, addDaysToLocalDate(localDate(now, site.timeZone), 400));
    return complaintClocks({
      firstResponse: s.firstResponseDays === null ? null : { value: s.firstResponseDays, unit: 'working_days' },
      resolution: s.resolutionDays === null ? null : { value: s.resolutionDays, unit: 'working_days' },
      calendar: { timeZone: site.timeZone, openingHours: site.openingHours, closures, closesOnCutiBersama: site.closesOnCutiBersama },
      history,
      now,
    });
  }

  // ---- messages ------------------------------------------------------------------------------

  /** The reporter's SMS (and email) in the step's transaction: the status, and once the secret. Anonymous reporters get none. */
  private async enqueueMessage(tx: EntityManager, row: ComplaintRow, secret: string | null): Promise<string[]> {
    if (!row.reporter_phone_cipher && !row.reporter_email_cipher) return [];
    const lang = row.language;
    const status = COMPLAINT_STATUS_LABELS[row.status][lang];
    const lines = [lang === 'id' ? `MPP Digital: pengaduan ${row.code} berstatus "${status}".` : `MPP Digital: complaint ${row.code} is now "${status}".`];
    if (secret) lines.push(lang === 'id' ? `Kode rahasia Anda: ${secret} . Jangan bagikan kepada siapa pun.` : `Your secret: ${secret} . Do not share it with anyone.`);
    if (row.status === 'answered' || row.status === 'waiting_for_citizen') lines.push(lang === 'id' ? 'Baca tanggapannya di portal.' : 'Read the response on the portal.');
    const body = lines.join(' ');
    const subject = lines[0].replace(/^MPP Digital: /, '');
    const template = `complaint-${row.status}`;
    const messages: OutgoingMessage[] = [];
    if (row.reporter_phone_cipher) messages.push({ channel: 'sms', to: this.cipher.decrypt(row.reporter_phone_cipher), subject: null, body, template, language: lang, siteId: row.site_id, essential: Boolean(secret) });
    if (row.reporter_email_cipher) messages.push({ channel: 'email', to: this.cipher.decrypt(row.reporter_email_cipher), subject, body, template, language: lang, siteId: row.site_id, essential: Boolean(secret) });
    const ids: string[] = [];
    for (const message of messages) {
      const id = await this.notifications.enqueue(message, tx);
      if (id) ids.push(id);
    }
    return ids;
  }

  /** After the commit: never throws (the change is a success whatever the channels do). */
  private deliver(ids: readonly string[]): void {
    try {
      for (const id of ids) this.notifications.deliverSoon(id);
    } catch (error) {
      this.logger.warn(`Complaint messages not handed to delivery: ${(error as Error).message}`);
    }
  }

  // ---- access and views ----------------------------------------------------------------------

  /** The complaint its reporter holds the secret of (a wrong or missing secret: 404 like an unknown code). */
  async requireOwned(rawCode: string, secret: string | null): Promise<ComplaintRow> {
    const code = normalizeBookingCode(rawCode);
    const row = code ? await this.repo.findByCode(code) : null;
    const given = secret ? secretHash(secret) : null;
    if (!row || !given || given.length !== row.owner_secret_hash.length || !timingSafeEqual(given, row.owner_secret_hash)) {
      throw ApiException.notFound('COMPLAINT_NOT_FOUND', ComplaintMessages.notFound);
    }
    return row;
  }

  private isAgencyStaff(staff: StaffPrincipal): boolean {
    return staff.role === 'agency_admin' || staff.role === 'officer';
  }

  private mayHandle(staff: StaffPrincipal, row: ComplaintRow): boolean {
    if (staff.role === 'system_admin') return true;
    if (staff.role === 'site_admin') return staff.siteId === row.site_id;
    return staff.agencyId !== null && staff.agencyId === row.agency_id;
  }

  private async requireStaffSite(staff: StaffPrincipal, siteCode: string): Promise<SiteEntity> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', ComplaintMessages.siteNotFound);
    if (staff.role !== 'system_admin' && staff.siteId !== site.id) throw ApiException.forbidden('OTHER_SITE', AUTH_MESSAGES.otherSite);
    return site;
  }

  /** The complaint at the site, if the caller may handle it (another agency's: 404). */
  async requireForStaff(staff: StaffPrincipal, siteCode: string, id: string): Promise<{ site: SiteEntity; row: ComplaintRow }> {
    const site = await this.requireStaffSite(staff, siteCode);
    const row = await this.repo.findById(id);
    if (!row || row.site_id !== site.id || !this.mayHandle(staff, row)) throw ApiException.notFound('COMPLAINT_NOT_FOUND', ComplaintMessages.notFound);
    return { site, row };
  }

  private async citizenView(row: ComplaintRow): Promise<ComplaintCitizenResponse> {
    const site = (await this.catalogue.cachedSite(row.site_id))!;
    const agency = row.agency_id ? await this.repo.agencyOf(row.agency_id) : null;
    const events = await this.repo.listEvents(row.id);
    const answeredAt = row.answered_at;
    return {
      code: row.code,
      kind: row.kind,
      subject: row.subject,
      status: row.status,
      statusLabel: COMPLAINT_STATUS_LABELS[row.status],
      siteCode: site.code,
      agency: agency ? { id: agency.id, name: agency.name } : null,
      text: this.cipher.decrypt(row.text_cipher),
      createdAt: row.created_at.toISOString(),
      answeredAt: answeredAt?.toISOString() ?? null,
      rating: row.rating,
      reopenUntil: answeredAt && (row.status === 'answered' || row.status === 'closed') ? new Date(answeredAt.getTime() + (await this.settings.settingsOf(row.site_id)).reopenDays * DAY_MS).toISOString() : null,
      events: events
        .filter((e) => !e.internal)
        .map((e) => ({
          at: e.at.toISOString(),
          action: e.action,
          from: e.from_status,
          to: e.to_status,
          by: e.actor_kind === 'citizen' ? 'citizen' : 'handler',
          text: e.note_cipher ? this.cipher.decrypt(e.note_cipher) : null,
        })),
      photos: (await this.photos.listFor(row.id)).map(toComplaintPhotoResponse),
      location: openLocation(this.cipher, row.location_cipher),
    };
  }

  private async staffView(staff: StaffPrincipal, site: SiteEntity, row: ComplaintRow): Promise<ComplaintStaffResponse> {
    const events = await this.repo.listEvents(row.id);
    const now = this.clock.now();
    const settings = await this.settings.settingsOf(site.id);
    const clocks = await this.clocksOf(site, this.statusHistory(events), now, settings);
    const hasIdentity = row.anonymity !== 'anonymous';
    const visible = row.anonymity === 'named' || (row.anonymity === 'confidential' && seesConfidential(staff, row));
    const open = (value: string | null) => (value ? this.cipher.decrypt(value) : null);
    return {
      id: row.id,
      code: row.code,
      siteCode: site.code,
      kind: row.kind,
      subject: row.subject,
      anonymity: row.anonymity,
      status: row.status,
      agencyId: row.agency_id,
      serviceId: row.service_id,
      assignedStaffId: row.assigned_staff_id,
      mergedIntoCode: row.merged_into_id ? await this.repo.codeOf(row.merged_into_id) : null,
      reference: row.reference_kind && row.reference_code ? { kind: row.reference_kind, code: row.reference_code } : null,
      text: this.cipher.decrypt(row.text_cipher),
      reporter: hasIdentity && visible ? { name: open(row.reporter_name_cipher), phone: open(row.reporter_phone_cipher), email: open(row.reporter_email_cipher) } : null,
      reporterHidden: hasIdentity && !visible,
      firstResponse: toClock(clocks.firstResponse),
      resolution: toClock(clocks.resolution),
      untouched: isComplaintUntouched(row.status, row.last_handler_action_at, now, settings.untouchedDays),
      rating: row.rating,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      events: events.map((e) => ({
        id: String(e.id),
        at: e.at.toISOString(),
        action: e.action,
        from: e.from_status,
        to: e.to_status,
        actorKind: e.actor_kind,
        actorId: e.actor_id,
        internal: e.internal,
        text: e.note_cipher ? this.cipher.decrypt(e.note_cipher) : null,
        details: e.details,
      })),
      version: row.version,
      photos: (await this.photos.listFor(row.id)).map(toComplaintPhotoResponse),
      location: openLocation(this.cipher, row.location_cipher),
    };
  }
}
