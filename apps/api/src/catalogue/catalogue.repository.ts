import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { CatalogueCache } from './catalogue-cache';
import { AgencyEntity } from './entities/agency.entity';
import { NationalCalendarDayEntity, SiteClosureEntity } from './entities/closure.entity';
import { ServiceRequirementEntity } from './entities/service-requirement.entity';
import { ServiceEntity } from './entities/service.entity';
import { SiteEntity } from './entities/site.entity';

export interface ServiceSearchCriteria {
  siteCode: string | null;
  agencyCode: string | null;
  /** Search words, already folded (lowercase, no accents); empty = no text filter. */
  words: string[];
  /** The folded query as typed, for trigram similarity. */
  folded: string;
  limit: number;
  offset: number;
}

export interface ClosureRow {
  id: string;
  date: string;
  name: string;
  kind: 'national_holiday' | 'cuti_bersama' | 'local_closure';
}

/** Every catalogue query, by name. Public reads never return retired rows. */
@Injectable()
export class CatalogueRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: CatalogueCache,
  ) {}

  /** For hot paths (issuing tickets): the same reads, cached briefly. See CatalogueCache. */
  cachedActiveService(id: string): Promise<ServiceEntity | null> {
    return this.cache.get(`service:${id}`, () => this.findActiveServiceById(id));
  }

  cachedSite(id: string): Promise<SiteEntity | null> {
    return this.cache.get(`site:${id}`, () => this.findSiteById(id));
  }

  cachedClosuresOn(site: SiteEntity, date: string): Promise<ClosureRow[]> {
    return this.cache.get(`closures:${site.id}:${date}`, async () => (await this.listClosuresFrom(site, date, 5)).filter((c) => c.date === date));
  }

  /** After writes TypeORM's subscribers do not see (deletes by criteria, raw SQL). */
  forgetCached(): void {
    this.cache.clear();
  }

  get manager(): EntityManager {
    return this.db.manager;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  listActiveSites(): Promise<SiteEntity[]> {
    return this.db.getRepository(SiteEntity).find({ where: { retiredAt: IsNull() }, order: { name: 'ASC' } });
  }

  findActiveSiteByCode(code: string): Promise<SiteEntity | null> {
    return this.db.getRepository(SiteEntity).findOneBy({ code, retiredAt: IsNull() });
  }

  findSiteByCode(code: string): Promise<SiteEntity | null> {
    return this.db.getRepository(SiteEntity).findOneBy({ code });
  }

  findSiteById(id: string): Promise<SiteEntity | null> {
    return this.db.getRepository(SiteEntity).findOneBy({ id });
  }

  async countActiveAgenciesAndServices(siteId: string): Promise<{ agencies: number; services: number }> {
    const [row] = (await this.db.query(
      `SELECT
         (SELECT count(*) FROM agency a WHERE a.site_id = $1 AND a.retired_at IS NULL)::int AS agencies,
         (SELECT count(*) FROM service s JOIN agency a ON a.id = s.agency_id
           WHERE s.site_id = $1 AND s.retired_at IS NULL AND a.retired_at IS NULL)::int AS services`,
      [siteId],
    )) as { agencies: number; services: number }[];
    return row;
  }

  /** Closures from `fromDate` on: national holidays, cuti bersama when the site observes them, and local closures. */
  async listClosuresFrom(site: SiteEntity, fromDate: string, limit: number): Promise<ClosureRow[]> {
    return (await this.db.query(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, name, kind FROM (
         SELECT id, date, name, kind FROM national_calendar_day
          WHERE date >= $2 AND (kind = 'national_holiday' OR $3::boolean)
         UNION ALL
         SELECT id, date, name, 'local_closure' AS kind FROM site_closure
          WHERE site_id = $1 AND date >= $2
       ) closures
       ORDER BY date, kind
       LIMIT $4`,
      [site.id, fromDate, site.closesOnCutiBersama, limit],
    )) as ClosureRow[];
  }

  async listActiveAgenciesWithServiceCounts(siteId: string): Promise<(AgencyEntity & { serviceCount: number })[]> {
    const agencies = await this.db.getRepository(AgencyEntity).find({
      where: { siteId, retiredAt: IsNull() },
      order: { shortName: 'ASC' },
    });
    const counts = await this.countActiveServicesByAgency(agencies.map((a) => a.id));
    return agencies.map((a) => Object.assign(a, { serviceCount: counts.get(a.id) ?? 0 }));
  }

  async countActiveServicesByAgency(agencyIds: string[]): Promise<Map<string, number>> {
    if (agencyIds.length === 0) return new Map();
    const rows = (await this.db.query(
      `SELECT agency_id, count(*)::int AS n FROM service
        WHERE agency_id = ANY($1::uuid[]) AND retired_at IS NULL GROUP BY agency_id`,
      [agencyIds],
    )) as { agency_id: string; n: number }[];
    return new Map(rows.map((r) => [r.agency_id, r.n]));
  }

  findAgencyById(id: string): Promise<AgencyEntity | null> {
    return this.db.getRepository(AgencyEntity).findOneBy({ id });
  }

  findAgenciesByIds(ids: string[]): Promise<AgencyEntity[]> {
    return ids.length ? this.db.getRepository(AgencyEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findServiceById(id: string): Promise<ServiceEntity | null> {
    return this.db.getRepository(ServiceEntity).findOneBy({ id });
  }

  /** A service the public may see: it, its agency and its site are all active. */
  async findActiveServiceById(id: string): Promise<ServiceEntity | null> {
    return this.db
      .getRepository(ServiceEntity)
      .createQueryBuilder('s')
      .innerJoin(AgencyEntity, 'a', 'a.id = s.agency_id AND a.retired_at IS NULL')
      .innerJoin(SiteEntity, 'st', 'st.id = s.site_id AND st.retired_at IS NULL')
      .where('s.id = :id AND s.retired_at IS NULL', { id })
      .getOne();
  }

  findServicesByIds(ids: string[]): Promise<ServiceEntity[]> {
    return ids.length ? this.db.getRepository(ServiceEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  listRequirements(serviceId: string): Promise<ServiceRequirementEntity[]> {
    return this.db.getRepository(ServiceRequirementEntity).find({ where: { serviceId }, order: { position: 'ASC' } });
  }

  /**
   * Full-text search with prefix matching on every word ("ktp" finds "KTP-el"), ranked by weight
   * (name and synonyms, then agency, description, requirements), with trigram similarity to
   * forgive typos. Words that all match rank above words that match alone.
   */
  async searchActiveServiceIds(c: ServiceSearchCriteria): Promise<{ ids: string[]; total: number }> {
    const hasText = c.words.length > 0;
    const allWords = c.words.map((w) => `${w}:*`).join(' & ');
    const anyWord = c.words.map((w) => `${w}:*`).join(' | ');
    const rows = (await this.db.query(
      `SELECT s.id, count(*) OVER ()::int AS total
         FROM service s
         JOIN agency a ON a.id = s.agency_id AND a.retired_at IS NULL
         JOIN site st ON st.id = s.site_id AND st.retired_at IS NULL
        WHERE s.retired_at IS NULL
          AND ($1::text IS NULL OR st.code = $1)
          AND ($2::text IS NULL OR a.code = $2)
          AND (NOT $3::boolean
               OR s.search_vector @@ to_tsquery('simple', $5)
               OR word_similarity($6, s.search_text) >= 0.45)
        ORDER BY
          CASE WHEN $3::boolean THEN
              4 * ts_rank_cd(s.search_vector, to_tsquery('simple', $4))
            + ts_rank(s.search_vector, to_tsquery('simple', $5))
            + CASE WHEN s.search_vector @@ to_tsquery('simple', $4) THEN 1 ELSE 0 END
            + word_similarity($6, s.search_text)
          ELSE 0 END DESC,
          a.short_name, s.name
        LIMIT $7 OFFSET $8`,
      [c.siteCode, c.agencyCode, hasText, allWords || 'x', anyWord || 'x', c.folded, c.limit, c.offset],
    )) as { id: string; total: number }[];
    if (rows.length === 0 && c.offset > 0) {
      // Past the last page: the window count is gone with the rows, so ask for the first row's.
      const first = await this.searchActiveServiceIds({ ...c, offset: 0, limit: 1 });
      return { ids: [], total: first.total };
    }
    return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0 };
  }

  /** Recomputes the search index of the given services, or of every service of the given agencies. */
  async refreshSearchIndex(tx: EntityManager, by: { serviceIds?: string[]; agencyIds?: string[] }): Promise<void> {
    await tx.query(
      `UPDATE service s SET
         search_vector =
              setweight(to_tsvector('simple', mpp_fold(s.name || ' ' || s.name_en || ' ' || array_to_string(s.synonyms, ' '))), 'A')
           || setweight(to_tsvector('simple', mpp_fold(a.short_name || ' ' || a.name)), 'B')
           || setweight(to_tsvector('simple', mpp_fold(s.summary || ' ' || s.summary_en || ' ' || s.description || ' ' || s.description_en || ' ' || s.product)), 'C')
           || setweight(to_tsvector('simple', mpp_fold(coalesce(
                (SELECT string_agg(r.name || ' ' || coalesce(r.description, ''), ' ') FROM service_requirement r WHERE r.service_id = s.id), ''))), 'D'),
         search_text = mpp_fold(s.name || ' ' || s.name_en || ' ' || array_to_string(s.synonyms, ' ') || ' ' || a.short_name)
       FROM agency a
       WHERE a.id = s.agency_id AND (s.id = ANY($1::uuid[]) OR s.agency_id = ANY($2::uuid[]))`,
      [by.serviceIds ?? [], by.agencyIds ?? []],
    );
  }

  listNationalCalendar(year: number): Promise<NationalCalendarDayEntity[]> {
    return this.db
      .getRepository(NationalCalendarDayEntity)
      .createQueryBuilder('d')
      .where(`extract(year from d.date) = :year`, { year })
      .orderBy('d.date')
      .addOrderBy('d.kind')
      .getMany();
  }

  findSiteClosure(siteId: string, id: string): Promise<SiteClosureEntity | null> {
    return this.db.getRepository(SiteClosureEntity).findOneBy({ id, siteId });
  }
}
