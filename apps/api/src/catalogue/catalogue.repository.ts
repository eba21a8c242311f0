import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { CatalogueCache } from './catalogue-cache';
import { AgencyEntity } from './entities/agency.entity';
import { NationalCalendarDayEntity, SiteClosureEntity } from './entities/closure.entity';
import { ServiceRequirementEntity } from './entities/service-requirement.entity';
import { ServiceEntity } from './entities/service.entity';
import { SiteEntity } from './entities/site.entity';

export interface ServiceSearchCriteria {
  siteCode: string | null;
  agencyCode: string | null;
  /** Search words, already folded (lowercase, no accents, [a-z0-9]+ only); empty = no text filter. */
  words: string[];
  limit: number;
  offset: number;
}

/** A search word as the service splits it; anything else never reaches to_tsquery. */
const SEARCH_WORD = /^[a-z0-9]+$/;

/**
 * Services scoring below this share of the best score are not answered. Measured on the judged
 * set (apps/api/test/search-judgements.ts, docs/search.md): 0.6 lets single-word side matches
 * into the top three, 0.8 starts to lose relevant services.
 */
export const RELEVANCE_CUT = 0.7;

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

  /** Which of these ids are active services of the site. */
  async findActiveServiceIdsOfSite(siteId: string, serviceIds: string[]): Promise<string[]> {
    const rows = (await this.db.query(`SELECT id FROM service WHERE site_id = $1 AND id = ANY($2::uuid[]) AND retired_at IS NULL`, [siteId, serviceIds])) as { id: string }[];
    return rows.map((r) => r.id);
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

  /** Closures the site observes from `fromDate` to `toDate` (both included), in date order. */
  async listClosuresBetween(site: SiteEntity, fromDate: string, toDate: string): Promise<ClosureRow[]> {
    return (await this.db.query(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, name, kind FROM (
         SELECT id, date, name, kind FROM national_calendar_day
          WHERE date BETWEEN $2 AND $3 AND (kind = 'national_holiday' OR $4::boolean)
         UNION ALL
         SELECT id, date, name, 'local_closure' AS kind FROM site_closure
          WHERE site_id = $1 AND date BETWEEN $2 AND $3
       ) closures
       ORDER BY date, kind`,
      [site.id, fromDate, toDate, site.closesOnCutiBersama],
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

  /** An agency's retired services, the most recently retired first (admin reads only). */
  listRetiredServicesOfAgency(agencyId: string): Promise<ServiceEntity[]> {
    return this.db.getRepository(ServiceEntity).find({ where: { agencyId, retiredAt: Not(IsNull()) }, order: { retiredAt: 'DESC', name: 'ASC' } });
  }

  findServicesByIds(ids: string[]): Promise<ServiceEntity[]> {
    return ids.length ? this.db.getRepository(ServiceEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** A service's active requirements, in order (retired ones are kept only for what refers to them). */
  listRequirements(serviceId: string): Promise<ServiceRequirementEntity[]> {
    return this.db.getRepository(ServiceRequirementEntity).find({ where: { serviceId, retiredAt: IsNull() }, order: { position: 'ASC' } });
  }

  /** The service row, locked until the edit's transaction ends: edits of one service run one after another. */
  lockServiceForEdit(tx: EntityManager, id: string): Promise<ServiceEntity | null> {
    return tx.getRepository(ServiceEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The service's active requirements, in order, locked FOR UPDATE until the transaction ends. The
   * lock also holds back a row elsewhere that would start referring to one of them (a foreign key
   * check takes FOR KEY SHARE, which waits for FOR UPDATE), so what `findReferencedRequirementIds`
   * answers stays true until the edit commits.
   */
  lockActiveRequirements(tx: EntityManager, serviceId: string): Promise<ServiceRequirementEntity[]> {
    return tx.getRepository(ServiceRequirementEntity).find({
      where: { serviceId, retiredAt: IsNull() },
      order: { position: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Which of these requirements another row refers to: every single-column foreign key to
   * service_requirement (whatever table declares it: applications' checklists and uploads) is
   * found in PostgreSQL's catalogue and asked. Table and column names come from the catalogue,
   * quoted by PostgreSQL itself.
   */
  async findReferencedRequirementIds(tx: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const keys = (await tx.query(
      `SELECT c.conrelid::regclass::text AS table_name, quote_ident(a.attname) AS column_name
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'service_requirement'::regclass AND cardinality(c.conkey) = 1
        ORDER BY 1, 2`,
    )) as { table_name: string; column_name: string }[];
    if (keys.length === 0) return new Set();
    const rows = (await tx.query(
      keys.map((k) => `SELECT ${k.column_name}::text AS id FROM ${k.table_name} WHERE ${k.column_name} = ANY($1::uuid[])`).join(' UNION '),
      [ids],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Services matching the search words, best first, cut by relevance (see docs/search.md).
   *
   * Each query word earns a service the weight of the best place it is found: a whole word in the
   * name, English name or synonyms (1), the agency (0.8), the description (0.3), the requirements
   * (0.1); a word that is only the beginning of one (3+ letters, "pasp" → "paspor") earns 0.7 of
   * that; a misspelt word (4+ letters) earns 0.9 × its trigram word similarity (≥ 0.5) to the
   * name, synonyms and agency. A service's score is the sum over the words. Only services scoring
   * at least RELEVANCE_CUT of the best one are answered, so a service that matches only a weak
   * part of the query ("hilang" in a land title, "npwp" among a bank's requirements) falls away
   * when better ones exist, and stays when nothing better does.
   */
  async searchActiveServiceIds(c: ServiceSearchCriteria): Promise<{ ids: string[]; total: number }> {
    const words = [...new Set(c.words)].filter((w) => SEARCH_WORD.test(w));
    const rows = (
      words.length === 0
        ? await this.db.query(
            `SELECT s.id, count(*) OVER ()::int AS total
               FROM service s
               JOIN agency a ON a.id = s.agency_id AND a.retired_at IS NULL
               JOIN site st ON st.id = s.site_id AND st.retired_at IS NULL
              WHERE s.retired_at IS NULL
                AND ($1::text IS NULL OR st.code = $1)
                AND ($2::text IS NULL OR a.code = $2)
              ORDER BY a.short_name, s.name
              LIMIT $3 OFFSET $4`,
            [c.siteCode, c.agencyCode, c.limit, c.offset],
          )
        : await this.db.query(
            `WITH candidate AS (
               SELECT s.id, s.name, a.short_name, s.search_vector AS v, s.search_text AS t
                 FROM service s
                 JOIN agency a ON a.id = s.agency_id AND a.retired_at IS NULL
                 JOIN site st ON st.id = s.site_id AND st.retired_at IS NULL
                WHERE s.retired_at IS NULL
                  AND ($1::text IS NULL OR st.code = $1)
                  AND ($2::text IS NULL OR a.code = $2)
             ),
             word AS (
               SELECT w,
                      to_tsquery('simple', w || ':A') AS wa, to_tsquery('simple', w || ':B') AS wb,
                      to_tsquery('simple', w || ':C') AS wc, to_tsquery('simple', w || ':D') AS wd,
                      to_tsquery('simple', w || ':*A') AS pa, to_tsquery('simple', w || ':*B') AS pb,
                      to_tsquery('simple', w || ':*C') AS pc, to_tsquery('simple', w || ':*D') AS pd
                 FROM unnest($3::text[]) AS w
             ),
             hit AS (
               SELECT c.id,
                      GREATEST(
                        CASE WHEN c.v @@ word.wa THEN 1.0
                             WHEN c.v @@ word.wb THEN 0.8
                             WHEN c.v @@ word.wc THEN 0.3
                             WHEN c.v @@ word.wd THEN 0.1
                             ELSE 0 END,
                        CASE WHEN length(w) < 3 THEN 0
                             WHEN c.v @@ word.pa THEN 0.7
                             WHEN c.v @@ word.pb THEN 0.56
                             WHEN c.v @@ word.pc THEN 0.21
                             WHEN c.v @@ word.pd THEN 0.07
                             ELSE 0 END,
                        CASE WHEN length(w) >= 4 AND word_similarity(w, c.t) >= 0.5 THEN 0.9 * word_similarity(w, c.t)
                             ELSE 0 END
                      ) AS weight
                 FROM candidate c CROSS JOIN word
             ),
             scored AS (
               SELECT c.*, h.score, max(h.score) OVER () AS best
                 FROM (SELECT id, sum(weight) AS score FROM hit GROUP BY id) h
                 JOIN candidate c ON c.id = h.id
                WHERE h.score > 0
             )
             SELECT id, count(*) OVER ()::int AS total
               FROM scored
              WHERE score >= $6 * best
              ORDER BY score DESC,
                       ts_rank(v, to_tsquery('simple', (SELECT string_agg(w || ':*', ' | ') FROM word))) DESC,
                       short_name, name
              LIMIT $4 OFFSET $5`,
            [c.siteCode, c.agencyCode, words, c.limit, c.offset, RELEVANCE_CUT],
          )
    ) as { id: string; total: number }[];
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
                (SELECT string_agg(r.name || ' ' || coalesce(r.description, ''), ' ') FROM service_requirement r WHERE r.service_id = s.id AND r.retired_at IS NULL), ''))), 'D'),
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
