import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { StaffUserEntity } from '../../auth/entities/staff-user.entity';
import { PasswordHasher } from '../../auth/password-hasher';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { AgencyEntity } from '../../catalogue/entities/agency.entity';
import { NationalCalendarDayEntity, SiteClosureEntity } from '../../catalogue/entities/closure.entity';
import { ServiceRequirementEntity } from '../../catalogue/entities/service-requirement.entity';
import { ServiceEntity } from '../../catalogue/entities/service.entity';
import { SiteEntity } from '../../catalogue/entities/site.entity';
import { APP_CONFIG, AppConfig, DATABASE_TARGET, type DatabaseTarget } from '../../config/app-config';
import { withStartupLock } from '../startup-lock';
import holidays2026 from './data/holidays-2026.json';
import { seedSites } from './data';
import type { SeedService, SeedSite } from './seed-types';

export interface HolidayFile {
  year: number;
  national: { date: string; name: string }[];
  cutiBersama: { date: string; name: string }[];
}

export interface FirstAdmin {
  email: string;
  /** Only when it was generated now: shown once, never stored in clear. */
  generatedPassword: string | null;
  created: boolean;
}

/**
 * Idempotent seeds, separate from migrations: each adds what is missing (by code or date) and
 * never overwrites what an administrator has edited since. `run` holds the start-up advisory lock
 * (startup-lock.ts), so replicas starting together seed one after the other: the first writes,
 * the others find everything there (one first admin, no duplicate rows, no unique violation).
 */
@Injectable()
export class Seeder {
  private readonly logger = new Logger(Seeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async run(options: { catalogue: boolean }): Promise<FirstAdmin> {
    return withStartupLock(this.database.url, 'seeds', async () => {
      if (options.catalogue) {
        await this.seedCalendar(holidays2026 as HolidayFile);
        for (const site of seedSites) await this.seedSite(site);
      }
      return this.ensureFirstAdmin();
    });
  }

  async seedCalendar(file: HolidayFile): Promise<number> {
    const rows = [
      ...file.national.map((d) => ({ date: d.date, name: d.name, kind: 'national_holiday' as const })),
      ...file.cutiBersama.map((d) => ({ date: d.date, name: d.name, kind: 'cuti_bersama' as const })),
    ];
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(NationalCalendarDayEntity)
      .values(rows)
      .orIgnore()
      .execute();
    const added = result.identifiers.filter(Boolean).length;
    if (added) this.logger.log(`national calendar ${file.year}: ${added} days added`);
    return added;
  }

  async seedSite(seed: SeedSite): Promise<void> {
    await this.db.transaction(async (tx) => {
      let site = await tx.getRepository(SiteEntity).findOneBy({ code: seed.code });
      if (!site) {
        site = await tx.getRepository(SiteEntity).save(
          tx.getRepository(SiteEntity).create({
            code: seed.code,
            name: seed.name,
            city: seed.city,
            province: seed.province,
            address: seed.address,
            timeZone: seed.timeZone,
            phone: seed.phone ?? null,
            email: seed.email ?? null,
            openingHours: seed.openingHours,
            closesOnCutiBersama: seed.closesOnCutiBersama,
            facilities: seed.facilities ?? [],
          }),
        );
        for (const closure of seed.localClosures ?? []) {
          await tx.getRepository(SiteClosureEntity).insert({ siteId: site.id, date: closure.date, name: closure.name });
        }
        this.logger.log(`site ${seed.code} added`);
      }
      const newServiceIds: string[] = [];
      for (const seedAgency of seed.agencies) {
        let agency = await tx.getRepository(AgencyEntity).findOneBy({ siteId: site.id, code: seedAgency.code });
        if (!agency) {
          agency = await tx.getRepository(AgencyEntity).save(
            tx.getRepository(AgencyEntity).create({
              siteId: site.id,
              code: seedAgency.code,
              name: seedAgency.name,
              shortName: seedAgency.shortName,
              description: seedAgency.description,
              contactPhone: seedAgency.contactPhone ?? null,
              contactEmail: seedAgency.contactEmail ?? null,
              website: seedAgency.website ?? null,
              logoUrl: null,
            }),
          );
        }
        for (const seedService of seedAgency.services) {
          const exists = await tx.getRepository(ServiceEntity).existsBy({ siteId: site.id, code: seedService.code });
          if (!exists) newServiceIds.push(await insertService(tx, site.id, agency.id, seedService));
        }
      }
      if (newServiceIds.length) {
        await this.catalogue.refreshSearchIndex(tx, { serviceIds: newServiceIds });
        this.logger.log(`site ${seed.code}: ${newServiceIds.length} services added`);
      }
      await seedCounters(tx, site.id, seed);
    });
  }

  async ensureFirstAdmin(): Promise<FirstAdmin> {
    const users = this.db.getRepository(StaffUserEntity);
    if (await users.existsBy({ role: 'system_admin' })) {
      return { email: this.config.adminEmail, generatedPassword: null, created: false };
    }
    const generatedPassword = this.config.adminPassword ? null : randomBytes(12).toString('base64url');
    await users.save(
      users.create({
        email: this.config.adminEmail,
        fullName: 'Administrator Sistem',
        passwordHash: await PasswordHasher.hash(this.config.adminPassword ?? generatedPassword!),
        role: 'system_admin',
        siteId: null,
        agencyId: null,
      }),
    );
    this.logger.log(`first system admin ${this.config.adminEmail} created`);
    return { email: this.config.adminEmail, generatedPassword, created: true };
  }
}

/**
 * A site without counters gets one loket per agency serving all its services, numbered in seed
 * order, and a second one for the busiest agency (the first listed).
 */
async function seedCounters(tx: EntityManager, siteId: string, seed: SeedSite): Promise<void> {
  const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM counter WHERE site_id = $1`, [siteId])) as { n: number }[];
  if (n > 0) return;
  const plan = seed.agencies.flatMap((a, i) => (i === 0 ? [a, a] : [a]));
  let number = 0;
  for (const agency of plan) {
    number += 1;
    const [counter] = (await tx.query(`INSERT INTO counter (site_id, number, name) VALUES ($1, $2, $3) RETURNING id`, [
      siteId,
      number,
      `Loket ${number} – ${agency.shortName}`,
    ])) as { id: string }[];
    await tx.query(
      `INSERT INTO counter_service (counter_id, service_id)
       SELECT $1, s.id FROM service s JOIN agency a ON a.id = s.agency_id WHERE a.site_id = $2 AND a.code = $3`,
      [counter.id, siteId, agency.code],
    );
  }
}

async function insertService(tx: EntityManager, siteId: string, agencyId: string, s: SeedService): Promise<string> {
  const row = await tx.getRepository(ServiceEntity).save(
    tx.getRepository(ServiceEntity).create({
      siteId,
      agencyId,
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      summary: s.summary,
      summaryEn: s.summaryEn,
      description: s.description,
      descriptionEn: s.descriptionEn,
      synonyms: s.synonyms,
      procedure: s.procedure,
      completionTimeValue: s.completionTime.value,
      completionTimeUnit: s.completionTime.unit,
      completionTimeNote: s.completionTime.note,
      feeFree: s.fee.free,
      feeAmount: s.fee.amount,
      feeLegalBasis: s.fee.legalBasis,
      feeNote: s.fee.note,
      product: s.product,
      productEn: s.productEn ?? null,
      legalBasis: s.legalBasis,
      complaintChannel: s.complaintChannel,
      ticketPrefix: s.queue.ticketPrefix,
      expectedServiceMinutes: s.queue.expectedServiceMinutes,
      walkInEnabled: s.queue.walkInEnabled,
      onlineBookingEnabled: s.queue.onlineBookingEnabled,
      onlineTicketEnabled: s.queue.onlineTicketEnabled,
      dailyQuota: s.queue.dailyQuota,
    }),
  );
  await tx.getRepository(ServiceRequirementEntity).insert(
    s.requirements.map((r, i) => ({
      serviceId: row.id,
      position: i + 1,
      name: r.name,
      nameEn: r.nameEn ?? null,
      description: r.description ?? null,
      mandatory: r.mandatory ?? true,
      form: r.form,
      uploadable: r.uploadable ?? false,
      fileTypes: r.fileTypes ?? [],
    })),
  );
  return row.id;
}
