import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface SurveySubjectNames {
  site_name: string;
  time_zone: string;
  agency_name: string;
  service_name: string;
  service_name_en: string | null;
}

export interface NewSurveyAnswer {
  siteId: string;
  agencyId: string;
  serviceId: string;
  serviceDate: string;
  scores: number[];
  gender: string | null;
  education: string | null;
  occupation: string | null;
  ageRange: string | null;
  commentCipher: string | null;
}

export interface SiteRow {
  id: string;
  code: string;
  name: string;
}

/** Sums of the nine scores over a group of answers (the IKM needs nothing else). */
export interface SurveyTotalsRow {
  group_id: string | null;
  respondents: number;
  totals: number[];
}

export interface ReportScope {
  siteId: string;
  from: string;
  to: string;
  agencyId: string | null;
  serviceId: string | null;
}

export interface PopulationRow {
  group_id: string | null;
  served: number;
}

export interface ProfileCountRow {
  field: 'gender' | 'education' | 'occupation' | 'age_range';
  value: string;
  count: number;
}

export interface CommentRow {
  service_date: string;
  service_name: string;
  comment_cipher: string;
}

const SUMS = 'count(*)::int AS respondents, ARRAY[sum(a.u1), sum(a.u2), sum(a.u3), sum(a.u4), sum(a.u5), sum(a.u6), sum(a.u7), sum(a.u8), sum(a.u9)]::int[] AS totals';

/** The scope of an answer query, a = survey_answer: site and period, and the agency or service when chosen. */
const ANSWER_SCOPE = `a.site_id = $1 AND a.service_date BETWEEN $2::date AND $3::date
   AND ($4::uuid IS NULL OR a.agency_id = $4) AND ($5::uuid IS NULL OR a.service_id = $5)`;

/** The same scope over served tickets (t = ticket, s = its service). */
const TICKET_SCOPE = `t.site_id = $1 AND t.local_date BETWEEN $2::date AND $3::date AND t.status = 'done'
   AND ($4::uuid IS NULL OR s.agency_id = $4) AND ($5::uuid IS NULL OR t.service_id = $5)`;

function scopeParams(scope: ReportScope): unknown[] {
  return [scope.siteId, scope.from, scope.to, scope.agencyId, scope.serviceId];
}

/** Every query of the survey (docs/survey.md): answers, spent tokens, and the served tickets of a period. */
@Injectable()
export class SurveyRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The names the form shows; null when the service is no longer the agency's at that site. */
  async findSubjectNames(siteId: string, agencyId: string, serviceId: string): Promise<SurveySubjectNames | null> {
    const rows = (await this.db.query(
      `SELECT si.name AS site_name, si.time_zone, ag.short_name AS agency_name, sv.name AS service_name, sv.name_en AS service_name_en
         FROM service sv JOIN agency ag ON ag.id = sv.agency_id JOIN site si ON si.id = ag.site_id
        WHERE sv.id = $3 AND ag.id = $2 AND si.id = $1`,
      [siteId, agencyId, serviceId],
    )) as SurveySubjectNames[];
    return rows[0] ?? null;
  }

  async isTokenUsed(hash: Buffer): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM survey_token_used WHERE token_hash = $1`, [hash])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Spends a token: true when this call spent it, false when it was already spent (a concurrent
   * spender waits for the first one's commit on the key, then finds it taken).
   */
  async spendToken(tx: EntityManager, hash: Buffer, expiresOn: string): Promise<boolean> {
    const rows = (await tx.query(`INSERT INTO survey_token_used (token_hash, expires_on) VALUES ($1, $2) ON CONFLICT (token_hash) DO NOTHING RETURNING 1`, [hash, expiresOn])) as unknown[];
    return rows.length === 1;
  }

  /** Spent tokens past their last day: a token that old is refused as expired anyway. */
  async purgeExpiredTokens(today: string): Promise<void> {
    await this.db.query(`DELETE FROM survey_token_used WHERE expires_on < $1::date`, [today]);
  }

  async insertAnswer(tx: EntityManager, a: NewSurveyAnswer): Promise<void> {
    await tx.query(
      `INSERT INTO survey_answer (site_id, agency_id, service_id, service_date, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, education, occupation, age_range, comment_cipher)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [a.siteId, a.agencyId, a.serviceId, a.serviceDate, ...a.scores, a.gender, a.education, a.occupation, a.ageRange, a.commentCipher],
    );
  }

  async findSiteByCode(code: string): Promise<SiteRow | null> {
    const rows = (await this.db.query(`SELECT id, code, name FROM site WHERE code = $1`, [code])) as SiteRow[];
    return rows[0] ?? null;
  }

  async findAgencyOfSite(siteId: string, agencyId: string): Promise<{ id: string; name: string } | null> {
    const rows = (await this.db.query(`SELECT id, short_name AS name FROM agency WHERE id = $1 AND site_id = $2`, [agencyId, siteId])) as { id: string; name: string }[];
    return rows[0] ?? null;
  }

  async findServiceOfSite(siteId: string, serviceId: string): Promise<{ id: string; name: string; agency_id: string } | null> {
    const rows = (await this.db.query(`SELECT id, name, agency_id FROM service WHERE id = $1 AND site_id = $2`, [serviceId, siteId])) as {
      id: string;
      name: string;
      agency_id: string;
    }[];
    return rows[0] ?? null;
  }

  /** Respondents and score sums in the scope, grouped by nothing, agency or service. */
  async totals(scope: ReportScope, by: 'all' | 'agency' | 'service'): Promise<SurveyTotalsRow[]> {
    const group = by === 'all' ? 'NULL::uuid' : by === 'agency' ? 'a.agency_id' : 'a.service_id';
    return (await this.db.query(
      `SELECT ${group} AS group_id, ${SUMS} FROM survey_answer a WHERE ${ANSWER_SCOPE} ${by === 'all' ? '' : `GROUP BY ${group}`}`,
      scopeParams(scope),
    )) as SurveyTotalsRow[];
  }

  /** Served tickets (status done) in the scope: the population N, grouped like totals(). */
  async servedTickets(scope: ReportScope, by: 'all' | 'agency' | 'service'): Promise<PopulationRow[]> {
    const group = by === 'all' ? 'NULL::uuid' : by === 'agency' ? 's.agency_id' : 't.service_id';
    return (await this.db.query(
      `SELECT ${group} AS group_id, count(*)::int AS served FROM ticket t JOIN service s ON s.id = t.service_id WHERE ${TICKET_SCOPE} ${by === 'all' ? '' : `GROUP BY ${group}`}`,
      scopeParams(scope),
    )) as PopulationRow[];
  }

  /** Names of the agencies and services a report lists. */
  async namesOf(ids: { agencies: string[]; services: string[] }): Promise<Map<string, string>> {
    const rows = (await this.db.query(
      `SELECT id, short_name AS name FROM agency WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM service WHERE id = ANY($2::uuid[])`,
      [ids.agencies, ids.services],
    )) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async profileCounts(scope: ReportScope): Promise<ProfileCountRow[]> {
    return (await this.db.query(
      `SELECT p.field, p.value, count(*)::int AS count
         FROM survey_answer a
         CROSS JOIN LATERAL (VALUES ('gender', a.gender), ('education', a.education), ('occupation', a.occupation), ('age_range', a.age_range)) AS p (field, value)
        WHERE ${ANSWER_SCOPE} AND p.value IS NOT NULL
        GROUP BY p.field, p.value`,
      scopeParams(scope),
    )) as ProfileCountRow[];
  }

  async comments(scope: ReportScope, limit: number): Promise<CommentRow[]> {
    return (await this.db.query(
      `SELECT to_char(a.service_date, 'YYYY-MM-DD') AS service_date, s.name AS service_name, a.comment_cipher
         FROM survey_answer a JOIN service s ON s.id = a.service_id
        WHERE ${ANSWER_SCOPE} AND a.comment_cipher IS NOT NULL
        ORDER BY a.service_date DESC, s.name, a.id
        LIMIT ${limit}`,
      scopeParams(scope),
    )) as CommentRow[];
  }
}
