import { Injectable } from '@nestjs/common';
import type { AuditEntryResponse, AuditPage } from '@mpp/contracts';
import type { StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { isUuid } from '../common/pipes';
import { AuditRepository, type AuditRow, type AuditScope } from './audit.repository';
import type { AuditQueryDto } from './dto/audit-query.dto';

const DEFAULT_LIMIT = 50;

const BAD_CURSOR = { id: 'Kursor halaman tidak dikenal; mulai lagi dari halaman pertama.', en: 'Unknown page cursor; start again from the first page.' };
const OTHER_SITE = { id: 'Anda hanya dapat membaca log audit MPP tempat Anda bertugas.', en: 'You may only read the audit log of the site you are assigned to.' };
const BAD_PERIOD = { id: '"from" harus sebelum "to".', en: '"from" must be before "to".' };

/**
 * Searches the administrative audit log (issue 15) within the reader's scope: a system admin
 * reads every row, a site admin the rows of their site, an agency admin the rows of their agency.
 * Rows are never changed here or anywhere (the table refuses UPDATE and DELETE).
 */
@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async search(staff: StaffPrincipal, query: AuditQueryDto): Promise<AuditPage> {
    const from = query.from ? instant(query.from) : null;
    const to = query.to ? instant(query.to) : null;
    if (from && to && Date.parse(from) >= Date.parse(to)) throw ApiException.unprocessable('INVALID_PERIOD', BAD_PERIOD, [{ field: 'from', message: BAD_PERIOD }]);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const text = query.q?.trim().toLowerCase();
    const scope = scopeOf(staff);
    const siteId = query.siteCode ? await this.siteOf(staff, query.siteCode) : null;
    const rows = await this.repo.search({
      scope,
      siteId,
      from,
      to,
      actorId: query.actorId ?? null,
      entityType: query.entityType ?? null,
      entityId: query.entityId ?? null,
      action: query.action ?? null,
      text: text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      after: query.cursor ? decodeCursor(query.cursor) : null,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toAuditEntryResponse), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** The site a `siteCode` filter names: 404 when there is none, 403 when it is not the reader's (a system admin may name any). */
  private async siteOf(staff: StaffPrincipal, code: string): Promise<string> {
    const siteId = await this.repo.findSiteIdByCode(code);
    if (!siteId) throw ApiException.notFound('SITE_NOT_FOUND', { id: `MPP "${code}" tidak ditemukan.`, en: `Site "${code}" not found.` });
    if (staff.role !== 'system_admin' && staff.siteId !== siteId) throw ApiException.forbidden('OTHER_SITE', OTHER_SITE);
    return siteId;
  }
}

/** What a reader may see (the role already limited to admins by the controller). */
function scopeOf(staff: StaffPrincipal): AuditScope {
  if (staff.role === 'system_admin') return { kind: 'all' };
  if (staff.role === 'site_admin' && staff.siteId) return { kind: 'site', siteId: staff.siteId };
  if (staff.role === 'agency_admin' && staff.agencyId) return { kind: 'agency', agencyId: staff.agencyId };
  // An account without the scope its role needs sees nothing rather than everything.
  throw ApiException.forbidden('NO_SCOPE', { id: 'Akun Anda tidak terikat pada MPP atau instansi.', en: 'Your account belongs to no site or agency.' });
}

/** A date alone is its start in UTC; a date-time is kept as written (PostgreSQL keeps its microseconds). */
function instant(value: string): string {
  return /^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00Z` : value;
}

function encodeCursor(row: AuditRow): string {
  return Buffer.from(`${row.at_text}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !id || !isUuid(id) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at ?? '')) {
    throw ApiException.badRequest('INVALID_CURSOR', BAD_CURSOR, [{ field: 'cursor', message: BAD_CURSOR }]);
  }
  return { at, id };
}

export function toAuditEntryResponse(row: AuditRow): AuditEntryResponse {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actor_id, fullName: row.actor_name, role: row.actor_role },
    siteId: row.site_id,
    agencyId: row.agency_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityLabel: row.entity_label,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    ip: row.ip,
  };
}
