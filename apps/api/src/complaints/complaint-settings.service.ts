import { Injectable } from '@nestjs/common';
import type { ComplaintSettingsResponse, FieldError, LocalizedText, UpdateComplaintSettingsRequest } from '@mpp/contracts';
import { COMPLAINT_SETTING_LIMITS, complaintSettingsProblem, DEFAULT_COMPLAINT_SETTINGS, LEGAL_DEFAULT_FIRST_RESPONSE, LEGAL_DEFAULT_RESOLUTION, type ComplaintSiteSettings } from '@mpp/domain';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import type { SiteEntity } from '../catalogue/entities/site.entity';
import { AuditLog } from '../common/audit-log';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { ComplaintSettingsRepository } from './complaint-settings.repository';
import { ComplaintService } from './complaint.service';

const FIELD_NAMES: Record<keyof ComplaintSiteSettings, LocalizedText> = {
  firstResponseDays: { id: 'Batas tanggapan pertama', en: 'The first response time' },
  resolutionDays: { id: 'Batas penyelesaian', en: 'The resolution time' },
  untouchedDays: { id: 'Batas "tidak tersentuh"', en: 'The "untouched" threshold' },
  reopenDays: { id: 'Masa buka kembali', en: 'The reopen period' },
};

const UNITS: Record<keyof ComplaintSiteSettings, LocalizedText> = {
  firstResponseDays: { id: 'hari kerja', en: 'working days' },
  resolutionDays: { id: 'hari kerja', en: 'working days' },
  untouchedDays: { id: 'hari', en: 'days' },
  reopenDays: { id: 'hari', en: 'days' },
};

const SITE_NOT_FOUND = (code: string): LocalizedText => ({ id: `MPP dengan kode "${code}" tidak ditemukan.`, en: `No site has the code "${code}".` });
const FIRST_AFTER_RESOLUTION: LocalizedText = {
  id: 'Batas tanggapan pertama tidak boleh lebih panjang dari batas penyelesaian. Perpendek tanggapan pertama atau perpanjang penyelesaian.',
  en: 'The first response time may not be longer than the resolution time. Shorten the first response or lengthen the resolution.',
};

/**
 * A site's complaint settings (docs/complaints.md, "Per-site settings"): the two clocks in the
 * site's working days (null: the legal default), the "untouched" red flag's days and the reopen
 * period. The site's admins and system admins read and save them; every save is one transaction
 * with its admin_audit row and the stored due dates of the site's open complaints recomputed, so
 * the inbox, the summary and the escalation job follow the new times at once.
 */
@Injectable()
export class ComplaintSettingsService {
  constructor(
    private readonly repo: ComplaintSettingsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly complaints: ComplaintService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async get(staff: StaffPrincipal, code: string): Promise<ComplaintSettingsResponse> {
    const site = await this.requireSite(staff, code);
    const stored = await this.repo.find(site.id);
    return toResponse(site.code, stored?.settings ?? DEFAULT_COMPLAINT_SETTINGS, stored?.updatedAt ?? null);
  }

  async update(staff: StaffPrincipal, code: string, input: UpdateComplaintSettingsRequest): Promise<ComplaintSettingsResponse> {
    const site = await this.requireSite(staff, code);
    const settings = check(input);
    const at = this.clock.now();
    await this.repo.transaction(async (tx) => {
      await this.repo.lockSite(tx, site.id);
      const before = await this.repo.settingsOf(site.id, tx);
      await this.repo.save(tx, site.id, settings, staff.userId, at);
      await this.audit.record(tx, {
        actor: staff,
        action: 'site.complaint_settings',
        entityType: 'site',
        entityId: site.id,
        siteId: site.id,
        agencyId: null,
        entityLabel: site.name,
        before: { ...before },
        after: { ...settings },
      });
      if (before.firstResponseDays !== settings.firstResponseDays || before.resolutionDays !== settings.resolutionDays) {
        await this.complaints.recomputeOpenDueDates(tx, site, settings, at);
      }
    });
    return toResponse(site.code, settings, at);
  }

  private async requireSite(staff: StaffPrincipal, code: string): Promise<SiteEntity> {
    const site = await this.catalogue.findSiteByCode(code);
    if (!site || site.retiredAt) throw ApiException.notFound('SITE_NOT_FOUND', SITE_NOT_FOUND(code));
    AccessPolicy.assertSite(staff, site.id);
    return site;
  }
}

/** The ranges (422 field by field, in both languages) and first response ≤ resolution; only the settings' own fields. */
function check(input: UpdateComplaintSettingsRequest): ComplaintSiteSettings {
  const settings: ComplaintSiteSettings = {
    firstResponseDays: input.firstResponseDays,
    resolutionDays: input.resolutionDays,
    untouchedDays: input.untouchedDays,
    reopenDays: input.reopenDays,
  };
  const fields: FieldError[] = [];
  for (const key of Object.keys(COMPLAINT_SETTING_LIMITS) as (keyof ComplaintSiteSettings)[]) {
    const value = settings[key];
    const { min, max } = COMPLAINT_SETTING_LIMITS[key];
    if (value !== null && (value < min || value > max)) {
      fields.push({
        field: key,
        message: { id: `${FIELD_NAMES[key].id} harus ${min}–${max} ${UNITS[key].id}.`, en: `${FIELD_NAMES[key].en} must be ${min}–${max} ${UNITS[key].en}.` },
      });
    }
  }
  if (fields.length > 0) {
    throw ApiException.unprocessable('COMPLAINT_SETTINGS_OUT_OF_RANGE', { id: `Pengaturan belum benar: ${fields[0].message.id}`, en: `The settings are not valid: ${fields[0].message.en}` }, fields);
  }
  if (complaintSettingsProblem(settings)) {
    throw ApiException.unprocessable('COMPLAINT_FIRST_RESPONSE_AFTER_RESOLUTION', FIRST_AFTER_RESOLUTION, [{ field: 'firstResponseDays', message: FIRST_AFTER_RESOLUTION }]);
  }
  return settings;
}

function toResponse(siteCode: string, s: ComplaintSiteSettings, updatedAt: Date | null): ComplaintSettingsResponse {
  return {
    siteCode,
    firstResponseDays: s.firstResponseDays,
    resolutionDays: s.resolutionDays,
    untouchedDays: s.untouchedDays,
    reopenDays: s.reopenDays,
    legalDefault: { firstResponseDays: LEGAL_DEFAULT_FIRST_RESPONSE.value, resolutionDays: LEGAL_DEFAULT_RESOLUTION.value, unit: 'calendar_days' },
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}
