import { Injectable } from '@nestjs/common';
import type { LocalizedText, SurveyElementResult, SurveyGroupResult, SurveyIndex, SurveyProfileCount, SurveyReportResponse } from '@mpp/contracts';
import { addDaysToLocalDate, IKM_BAND_LABELS, IKM_ELEMENTS, ikmBand, ikmFromTotals, krejcieMorganSample, lowestElementsFirst, roundRatio2 } from '@mpp/domain';
import { AccessPolicy } from '../auth/access-policy';
import { AUTH_MESSAGES } from '../auth/auth.messages';
import type { StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import type { SurveyReportQueryDto } from './dto/survey.dto';
import { AGE_RANGE_OPTIONS, EDUCATION_OPTIONS, GENDER_OPTIONS, OCCUPATION_OPTIONS } from './survey-questionnaire';
import { SurveyMessages } from './survey.messages';
import { SurveyRepository, type PopulationRow, type ReportScope, type SurveyTotalsRow } from './survey.repository';

/** The longest period one report covers (a year, leap day included). */
export const SURVEY_REPORT_MAX_DAYS = 366;
const COMMENT_LIMIT = 200;

function bandLabel(band: SurveyIndex['band']): LocalizedText | null {
  return band ? { id: IKM_BAND_LABELS[band].label, en: IKM_BAND_LABELS[band].en } : null;
}

function toIndex(row: SurveyTotalsRow | undefined): SurveyIndex {
  const result = row ? ikmFromTotals(row.totals, row.respondents) : null;
  return { respondents: result?.respondents ?? 0, ikm: result?.ikm ?? null, band: result?.band ?? null, bandLabel: bandLabel(result?.band ?? null) };
}

/**
 * The IKM report (docs/survey.md, Reports) for a site admin over their site, an agency admin over
 * their agency, a system admin anywhere: the index with its band, each element's NRR lowest first,
 * the index per agency and service, respondents against Krejcie–Morgan's sample for the period's
 * served tickets, the respondents' profile and their comments.
 */
@Injectable()
export class SurveyReportService {
  constructor(
    private readonly repo: SurveyRepository,
    private readonly cipher: PiiCipher,
  ) {}

  async report(staff: StaffPrincipal, siteCode: string, query: SurveyReportQueryDto): Promise<SurveyReportResponse> {
    const { scope, site, agency, service } = await this.scope(staff, siteCode, query);
    const [all, byAgency, byService, population, populationByAgency, populationByService, profile, comments] = await Promise.all([
      this.repo.totals(scope, 'all'),
      this.repo.totals(scope, 'agency'),
      this.repo.totals(scope, 'service'),
      this.repo.servedTickets(scope, 'all'),
      this.repo.servedTickets(scope, 'agency'),
      this.repo.servedTickets(scope, 'service'),
      this.repo.profileCounts(scope),
      this.repo.comments(scope, COMMENT_LIMIT),
    ]);
    const total = all[0];
    const served = population[0]?.served ?? 0;
    const names = await this.repo.namesOf({
      agencies: [...new Set([...byAgency, ...populationByAgency].map((r) => r.group_id!))],
      services: [...new Set([...byService, ...populationByService].map((r) => r.group_id!))],
    });
    const index = toIndex(total);
    const requiredSample = krejcieMorganSample(served);
    return {
      site: { code: site.code, name: site.name },
      agency,
      service,
      from: scope.from,
      to: scope.to,
      ...index,
      population: served,
      requiredSample,
      sampleReached: index.respondents > 0 && index.respondents >= requiredSample,
      elements: total && total.respondents > 0 ? elementResults(total) : [],
      byAgency: groups(byAgency, populationByAgency, names),
      byService: groups(byService, populationByService, names),
      profile: {
        gender: counts(profile, 'gender', GENDER_OPTIONS),
        education: counts(profile, 'education', EDUCATION_OPTIONS),
        occupation: counts(profile, 'occupation', OCCUPATION_OPTIONS),
        ageRange: counts(profile, 'age_range', AGE_RANGE_OPTIONS),
      },
      comments: comments.map((c) => ({ date: c.service_date, serviceName: c.service_name, text: this.cipher.decrypt(c.comment_cipher) })),
    };
  }

  /** Who may see what: the site, and for an agency admin their own agency only. */
  private async scope(staff: StaffPrincipal, siteCode: string, query: SurveyReportQueryDto) {
    if (query.from > query.to || addDaysToLocalDate(query.from, SURVEY_REPORT_MAX_DAYS - 1) < query.to) {
      throw ApiException.badRequest('INVALID_PERIOD', SurveyMessages.period, [{ field: 'to', message: SurveyMessages.period }]);
    }
    const site = await this.repo.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', SurveyMessages.siteNotFound);
    let agencyId = query.agencyId ?? null;
    if (staff.role === 'agency_admin') {
      if (agencyId !== null && agencyId !== staff.agencyId) throw ApiException.forbidden('OTHER_AGENCY', AUTH_MESSAGES.otherAgency);
      agencyId = staff.agencyId;
      if (!agencyId || !(await this.repo.findAgencyOfSite(site.id, agencyId))) throw ApiException.forbidden('OTHER_SITE', AUTH_MESSAGES.otherSite);
    } else {
      AccessPolicy.assertSite(staff, site.id);
    }
    const agency = agencyId ? await this.repo.findAgencyOfSite(site.id, agencyId) : null;
    if (agencyId && !agency) throw ApiException.notFound('AGENCY_NOT_FOUND', SurveyMessages.agencyNotFound);
    const serviceRow = query.serviceId ? await this.repo.findServiceOfSite(site.id, query.serviceId) : null;
    if (query.serviceId && !serviceRow) throw ApiException.notFound('SERVICE_NOT_FOUND', SurveyMessages.serviceNotFound);
    if (serviceRow && agencyId && serviceRow.agency_id !== agencyId) {
      if (staff.role === 'agency_admin') throw ApiException.forbidden('OTHER_AGENCY', AUTH_MESSAGES.otherAgency);
      throw ApiException.notFound('SERVICE_NOT_FOUND', SurveyMessages.serviceNotFound);
    }
    const scope: ReportScope = { siteId: site.id, from: query.from, to: query.to, agencyId, serviceId: serviceRow?.id ?? null };
    return { scope, site, agency, service: serviceRow ? { id: serviceRow.id, name: serviceRow.name } : null };
  }
}

/** The nine elements, lowest NRR first: NRR unrounded, the element's index NRR × 25 rounded half up. */
function elementResults(row: SurveyTotalsRow): SurveyElementResult[] {
  return lowestElementsFirst(row.totals).map((i) => {
    const ikm = roundRatio2(row.totals[i] * 25, row.respondents);
    return { code: IKM_ELEMENTS[i].code, name: IKM_ELEMENTS[i].name, nrr: row.totals[i] / row.respondents, ikm, band: ikmBand(ikm) };
  });
}

/** One line per agency or service that was served or answered, lowest IKM first (unanswered last). */
function groups(totals: SurveyTotalsRow[], population: PopulationRow[], names: Map<string, string>): SurveyGroupResult[] {
  const ids = [...new Set([...totals.map((r) => r.group_id!), ...population.map((r) => r.group_id!)])];
  return ids
    .map((id) => {
      const served = population.find((p) => p.group_id === id)?.served ?? 0;
      return { id, name: names.get(id) ?? '', population: served, requiredSample: krejcieMorganSample(served), ...toIndex(totals.find((r) => r.group_id === id)) };
    })
    .sort((a, b) => (a.ikm ?? Infinity) - (b.ikm ?? Infinity) || a.name.localeCompare(b.name));
}

function counts(rows: { field: string; value: string; count: number }[], field: string, options: readonly { value: string; label: LocalizedText }[]): SurveyProfileCount[] {
  return options.map((o) => ({ value: o.value, label: o.label, count: rows.find((r) => r.field === field && r.value === o.value)?.count ?? 0 }));
}
