import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '../auth/principal';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { AuditLog } from '../common/audit-log';
import { PushRepository } from './push.repository';

/** A site's push settings, changed by its admins (access checked by the caller), each change in the audit log. */
@Injectable()
export class PushSettingsService {
  constructor(
    private readonly repo: PushRepository,
    private readonly audit: AuditLog,
  ) {}

  async setAheadNotice(staff: StaffPrincipal, site: SiteEntity, aheadNotice: number): Promise<{ aheadNotice: number }> {
    await this.repo.transaction(async (tx) => {
      await this.repo.lockSiteSetting(tx, site.id);
      const before = await this.repo.aheadNotice(site.id, tx);
      await this.repo.setAheadNotice(tx, site.id, aheadNotice);
      await this.audit.record(tx, { actor: staff, action: 'site.push_settings', entityType: 'site', entityId: site.id, siteId: site.id, agencyId: null, entityLabel: `${site.code} ${site.name}`, before: { aheadNotice: before }, after: { aheadNotice } });
    });
    return { aheadNotice };
  }
}
