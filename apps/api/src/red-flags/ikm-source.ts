import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One service's SKM answers over a period: how many answered, and each element's sum of scores (U1…U9). */
export interface IkmTotals {
  serviceId: string;
  serviceName: string;
  serviceNameEn: string;
  agencyId: string;
  respondents: number;
  totals: number[];
}

/**
 * Where the red flags read the IKM from (a port: the SKM survey is its own module, survey/). Null
 * when no answers can be read at all (the survey's table is not there): the low-IKM flag is then
 * not evaluated, and the list says so (`ikmAvailable: false`).
 */
export abstract class IkmSource {
  abstract totalsByService(siteId: string, fromDate: string, toDate: string): Promise<IkmTotals[] | null>;
}

/**
 * The default source: survey_answer (migration AddSurvey1766530000000: site, agency, service, the
 * service's local date and the nine scores; nothing that names the citizen), summed per service
 * over the service dates of the period. Until that table exists it answers null.
 */
@Injectable()
export class SurveyAnswerIkmSource extends IkmSource {
  private present = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async totalsByService(siteId: string, fromDate: string, toDate: string): Promise<IkmTotals[] | null> {
    if (!this.present) {
      const [{ found }] = (await this.db.query(`SELECT to_regclass('public.survey_answer') IS NOT NULL AS found`)) as { found: boolean }[];
      if (!found) return null;
      this.present = true;
    }
    const rows = (await this.db.query(
      `SELECT a.service_id, s.name, s.name_en, a.agency_id, count(*)::int AS respondents,
              sum(a.u1)::int AS u1, sum(a.u2)::int AS u2, sum(a.u3)::int AS u3, sum(a.u4)::int AS u4, sum(a.u5)::int AS u5,
              sum(a.u6)::int AS u6, sum(a.u7)::int AS u7, sum(a.u8)::int AS u8, sum(a.u9)::int AS u9
         FROM survey_answer a JOIN service s ON s.id = a.service_id
        WHERE a.site_id = $1 AND a.service_date BETWEEN $2 AND $3
        GROUP BY a.service_id, s.name, s.name_en, a.agency_id
        ORDER BY a.service_id`,
      [siteId, fromDate, toDate],
    )) as ({ service_id: string; name: string; name_en: string; agency_id: string; respondents: number } & Record<`u${number}`, number>)[];
    return rows.map((r) => ({
      serviceId: r.service_id,
      serviceName: r.name,
      serviceNameEn: r.name_en,
      agencyId: r.agency_id,
      respondents: r.respondents,
      totals: [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9],
    }));
  }
}
