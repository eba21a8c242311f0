import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { StaffRole, StaffUserResponse } from '@mpp/contracts';
import { FindOptionsWhere, Repository } from 'typeorm';
import { AuditLog, auditSnapshot } from '../common/audit-log';
import { ApiException } from '../common/errors/api-exception';
import { AUTH_MESSAGES } from './auth.messages';
import { AuthService } from './auth.service';
import { CreateStaffUserDto, UpdateStaffUserDto } from './dto/staff-user.dto';
import { StaffUserEntity } from './entities/staff-user.entity';
import { PasswordHasher } from './password-hasher';
import type { StaffPrincipal } from './principal';
import { SessionEvents } from './session-events';
import { SiteDirectory } from './site-directory';

/** Which roles each role may create or edit. */
const MANAGEABLE_ROLES: Record<StaffRole, StaffRole[]> = {
  system_admin: ['system_admin', 'site_admin', 'agency_admin', 'officer'],
  site_admin: ['agency_admin', 'officer'],
  agency_admin: ['officer'],
  officer: [],
};

@Injectable()
export class StaffUsersService {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionEvents,
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly directory: SiteDirectory,
    private readonly audit: AuditLog,
  ) {}

  async list(staff: StaffPrincipal): Promise<StaffUserResponse[]> {
    const where: FindOptionsWhere<StaffUserEntity> =
      staff.role === 'system_admin'
        ? {}
        : staff.role === 'site_admin'
          ? { siteId: staff.siteId ?? undefined }
          : { agencyId: staff.agencyId ?? undefined };
    const rows = await this.users.find({ where, order: { fullName: 'ASC' } });
    return Promise.all(rows.map((u) => this.auth.toStaffUserResponse(u)));
  }

  async create(staff: StaffPrincipal, dto: CreateStaffUserDto): Promise<StaffUserResponse> {
    this.assertRoleManageable(staff, dto.role);
    const scope = await this.resolveScope(dto);
    this.assertScope(staff, scope);
    const user = this.users.create({
      email: dto.email.trim().toLowerCase(),
      fullName: dto.fullName.trim(),
      passwordHash: await PasswordHasher.hash(dto.password),
      role: dto.role,
      siteId: scope.siteId,
      agencyId: scope.agencyId,
      active: true,
    });
    const saved = await this.users.manager.transaction(async (tx) => {
      const row = await tx.save(user);
      await this.audit.record(tx, { actor: staff, action: 'staff_user.create', entityType: 'staff_user', entityId: row.id, siteId: row.siteId, agencyId: row.agencyId, entityLabel: row.email, before: null, after: staffUserAudit(row) });
      return row;
    });
    return this.auth.toStaffUserResponse(saved);
  }

  async update(staff: StaffPrincipal, id: string, dto: UpdateStaffUserDto): Promise<StaffUserResponse> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw ApiException.notFound('USER_NOT_FOUND', { id: 'Akun petugas tidak ditemukan.', en: 'Staff account not found.' });
    this.assertRoleManageable(staff, user.role);
    this.assertScope(staff, { siteId: user.siteId, agencyId: user.agencyId });
    if (dto.active === false && user.id === staff.userId) {
      throw ApiException.unprocessable('CANNOT_DISABLE_SELF', {
        id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
        en: 'You cannot disable your own account.',
      });
    }
    const passwordHash = dto.password !== undefined ? await PasswordHasher.hash(dto.password) : undefined;
    const { saved, endsSessions } = await this.users.manager.transaction(async (tx) => {
      // Read again under the row's lock: edits of one account take turns, and the audit log's
      // "before" is what this edit replaced.
      const current = await tx.findOne(StaffUserEntity, { where: { id }, lock: { mode: 'for_no_key_update' } });
      if (!current) throw ApiException.notFound('USER_NOT_FOUND', { id: 'Akun petugas tidak ditemukan.', en: 'Staff account not found.' });
      // A new password or a change of status ends every session signed in before it.
      const endsSessions = passwordHash !== undefined || (dto.active !== undefined && dto.active !== current.active);
      const before = staffUserAudit(current);
      if (dto.fullName !== undefined) current.fullName = dto.fullName.trim();
      if (passwordHash !== undefined) current.passwordHash = passwordHash;
      if (dto.active !== undefined) current.active = dto.active;
      if (endsSessions) current.sessionVersion += 1;
      const row = await tx.save(current);
      // The password itself (or its hash) is never logged: only that it changed.
      const after = { ...staffUserAudit(row), ...(dto.password !== undefined ? { passwordChanged: true } : {}) };
      await this.audit.record(tx, {
        actor: staff,
        action: staffUserAction(before, after),
        entityType: 'staff_user',
        entityId: row.id,
        siteId: row.siteId,
        agencyId: row.agencyId,
        entityLabel: row.email,
        before: dto.password !== undefined ? { ...before, passwordChanged: false } : before,
        after,
      });
      return { saved: row, endsSessions };
    });
    // Ended: the cached row and the open sockets, in every process, at once.
    if (endsSessions) await this.sessions.end({ kind: 'staff', id: saved.id });
    else this.auth.forgetUser(saved.id);
    return this.auth.toStaffUserResponse(saved);
  }

  private assertRoleManageable(staff: StaffPrincipal, role: StaffRole): void {
    if (!MANAGEABLE_ROLES[staff.role].includes(role)) {
      throw ApiException.forbidden('WRONG_ROLE', {
        id: `Peran Anda tidak boleh mengelola akun dengan peran ${role}.`,
        en: `Your role may not manage accounts with the role ${role}.`,
      });
    }
  }

  private assertScope(staff: StaffPrincipal, scope: { siteId: string | null; agencyId: string | null }): void {
    if (staff.role === 'system_admin') return;
    if (staff.role === 'site_admin' && scope.siteId === staff.siteId) return;
    if (staff.role === 'agency_admin' && scope.agencyId === staff.agencyId) return;
    throw ApiException.forbidden(
      staff.role === 'agency_admin' ? 'OTHER_AGENCY' : 'OTHER_SITE',
      staff.role === 'agency_admin' ? AUTH_MESSAGES.otherAgency : AUTH_MESSAGES.otherSite,
    );
  }

  private async resolveScope(dto: CreateStaffUserDto): Promise<{ siteId: string | null; agencyId: string | null }> {
    switch (dto.role) {
      case 'system_admin':
        return { siteId: null, agencyId: null };
      case 'site_admin': {
        if (!dto.siteCode) {
          throw ApiException.unprocessable('SITE_REQUIRED', { id: 'Admin MPP harus punya siteCode.', en: 'A site admin needs a siteCode.' }, [
            { field: 'siteCode', message: { id: 'siteCode wajib diisi untuk admin MPP.', en: 'siteCode is required for a site admin.' } },
          ]);
        }
        const site = await this.directory.findSiteByCode(dto.siteCode);
        if (!site) throw ApiException.notFound('SITE_NOT_FOUND', { id: `MPP "${dto.siteCode}" tidak ditemukan.`, en: `Site "${dto.siteCode}" not found.` });
        return { siteId: site.id, agencyId: null };
      }
      case 'agency_admin':
      case 'officer': {
        if (!dto.agencyId) {
          throw ApiException.unprocessable('AGENCY_REQUIRED', { id: 'Akun ini harus terikat pada satu instansi (agencyId).', en: 'This account must belong to one agency (agencyId).' }, [
            { field: 'agencyId', message: { id: 'agencyId wajib diisi.', en: 'agencyId is required.' } },
          ]);
        }
        const agency = await this.directory.findAgencyById(dto.agencyId);
        if (!agency) throw ApiException.notFound('AGENCY_NOT_FOUND', { id: 'Instansi tidak ditemukan.', en: 'Agency not found.' });
        return { siteId: agency.siteId, agencyId: agency.id };
      }
    }
  }
}

/** What the audit log keeps of a staff account: never its password hash or session data. */
const STAFF_USER_AUDIT_FIELDS = ['email', 'fullName', 'role', 'siteId', 'agencyId', 'active'] as const;

function staffUserAudit(user: StaffUserEntity): Record<string, unknown> {
  return auditSnapshot(user, STAFF_USER_AUDIT_FIELDS);
}

/** A password reset, a disable or an enable when that is all the edit changed; else an update. */
function staffUserAction(before: Record<string, unknown>, after: Record<string, unknown>): 'staff_user.update' | 'staff_user.password_reset' | 'staff_user.disable' | 'staff_user.enable' {
  const changed = Object.keys(after).filter((key) => key === 'passwordChanged' || JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (changed.length === 1 && changed[0] === 'passwordChanged') return 'staff_user.password_reset';
  if (changed.length === 1 && changed[0] === 'active') return after.active ? 'staff_user.enable' : 'staff_user.disable';
  return 'staff_user.update';
}
