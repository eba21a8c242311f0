import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DeviceRegisteredResponse, DeviceResponse } from '@mpp/contracts';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditLog } from '../common/audit-log';
import { ApiException } from '../common/errors/api-exception';
import { AccessPolicy } from './access-policy';
import { hashDeviceToken } from './auth.service';
import { RegisterDeviceDto } from './dto/register-device.dto';
import { DeviceEntity } from './entities/device.entity';
import { DEVICE_TOKEN_PREFIX, type StaffPrincipal } from './principal';
import { SessionEvents } from './session-events';
import { SiteDirectory, type DirectorySite } from './site-directory';

const DEVICE_NOT_FOUND = { id: 'Perangkat tidak ditemukan.', en: 'Device not found.' };

@Injectable()
export class DevicesService {
  constructor(
    private readonly sessions: SessionEvents,
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    private readonly sites: SiteDirectory,
    private readonly audit: AuditLog,
  ) {}

  async register(staff: StaffPrincipal, siteCode: string, dto: RegisterDeviceDto): Promise<DeviceRegisteredResponse> {
    const site = await this.requireSite(siteCode);
    AccessPolicy.assertSite(staff, site.id);
    const token = `${DEVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const device = await this.devices.manager.transaction(async (tx) => {
      const row = await tx.save(
        this.devices.create({ siteId: site.id, name: dto.name.trim(), kind: dto.kind, tokenHash: hashDeviceToken(token), createdBy: staff.userId }),
      );
      // The token (and its hash) is never logged: it is shown once, to the admin who registered it.
      await this.audit.record(tx, { actor: staff, action: 'device.register', entityType: 'device', entityId: row.id, siteId: row.siteId, agencyId: null, entityLabel: `${row.kind} ${row.name}`, before: null, after: { name: row.name, kind: row.kind } });
      return row;
    });
    return { ...toDeviceResponse(device, site.code), token };
  }

  async list(staff: StaffPrincipal, siteCode: string): Promise<DeviceResponse[]> {
    const site = await this.requireSite(siteCode);
    AccessPolicy.assertSite(staff, site.id);
    const rows = await this.devices.find({ where: { siteId: site.id }, order: { createdAt: 'ASC' } });
    return rows.map((d) => toDeviceResponse(d, site.code));
  }

  async revoke(staff: StaffPrincipal, id: string): Promise<DeviceResponse> {
    const device = await this.devices.findOneBy({ id });
    if (!device) throw ApiException.notFound('DEVICE_NOT_FOUND', DEVICE_NOT_FOUND);
    AccessPolicy.assertSite(staff, device.siteId);
    const revoked = await this.devices.manager.transaction(async (tx) => {
      // Read again under the row's lock: a device is revoked (and recorded) once.
      const current = await tx.findOne(DeviceEntity, { where: { id }, lock: { mode: 'for_no_key_update' } });
      if (!current || current.revokedAt) return null;
      current.revokedAt = new Date();
      current.sessionVersion += 1;
      const row = await tx.save(current);
      await this.audit.record(tx, { actor: staff, action: 'device.revoke', entityType: 'device', entityId: row.id, siteId: row.siteId, agencyId: null, entityLabel: `${row.kind} ${row.name}`, before: { revokedAt: null }, after: { revokedAt: row.revokedAt } });
      return row;
    });
    if (revoked) {
      // Its cached row and its open sockets, in every process, at once.
      await this.sessions.end({ kind: 'device', id: revoked.id });
    }
    const current = revoked ?? (await this.devices.findOneByOrFail({ id }));
    return toDeviceResponse(current, await this.siteCodeOf(current));
  }

  async describe(deviceId: string): Promise<DeviceResponse> {
    const device = await this.devices.findOneByOrFail({ id: deviceId });
    return toDeviceResponse(device, await this.siteCodeOf(device));
  }

  /** A device's site always exists (foreign key): its absence is an error, not a 404. */
  private async siteCodeOf(device: DeviceEntity): Promise<string> {
    const site = await this.sites.findSiteById(device.siteId);
    if (!site) throw new Error(`site ${device.siteId} of device ${device.id} not found`);
    return site.code;
  }

  private async requireSite(code: string): Promise<DirectorySite> {
    const site = await this.sites.findSiteByCode(code);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', { id: `MPP "${code}" tidak ditemukan.`, en: `Site "${code}" not found.` });
    return site;
  }
}

function toDeviceResponse(device: DeviceEntity, siteCode: string): DeviceResponse {
  return {
    id: device.id,
    siteCode,
    name: device.name,
    kind: device.kind,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revokedAt: device.revokedAt?.toISOString() ?? null,
  };
}
