import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_COMPLAINT_SETTINGS, type ComplaintSiteSettings } from '@mpp/domain';
import { DataSource, type EntityManager } from 'typeorm';

interface SettingRow {
  first_response_days: number | null;
  resolution_days: number | null;
  untouched_days: number;
  reopen_days: number;
  updated_at: Date;
}

export interface StoredComplaintSettings {
  settings: ComplaintSiteSettings;
  updatedAt: Date;
}

/** A site's complaint settings (complaint_setting; no row: DEFAULT_COMPLAINT_SETTINGS), by name. */
@Injectable()
export class ComplaintSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('READ COMMITTED', work);
  }

  async find(siteId: string, manager: EntityManager = this.db.manager): Promise<StoredComplaintSettings | null> {
    const rows = (await manager.query(`SELECT first_response_days, resolution_days, untouched_days, reopen_days, updated_at FROM complaint_setting WHERE site_id = $1`, [siteId])) as SettingRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      settings: { firstResponseDays: row.first_response_days, resolutionDays: row.resolution_days, untouchedDays: row.untouched_days, reopenDays: row.reopen_days },
      updatedAt: row.updated_at,
    };
  }

  /** The settings that apply to the site now (its saved ones, or the defaults). */
  async settingsOf(siteId: string, manager?: EntityManager): Promise<ComplaintSiteSettings> {
    return (await this.find(siteId, manager))?.settings ?? { ...DEFAULT_COMPLAINT_SETTINGS };
  }

  /** Serialises the saves of one site (the site's row, locked until the transaction ends). */
  async lockSite(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(`SELECT id FROM site WHERE id = $1 FOR UPDATE`, [siteId]);
  }

  async save(tx: EntityManager, siteId: string, s: ComplaintSiteSettings, staffId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO complaint_setting (site_id, first_response_days, resolution_days, untouched_days, reopen_days, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (site_id) DO UPDATE SET first_response_days = $2, resolution_days = $3, untouched_days = $4, reopen_days = $5, updated_at = $6, updated_by = $7`,
      [siteId, s.firstResponseDays, s.resolutionDays, s.untouchedDays, s.reopenDays, at, staffId],
    );
  }
}
