import type {
  AgencyResponse,
  ClosureResponse,
  RequirementResponse,
  ServiceResponse,
  ServiceSummaryResponse,
  SiteNowResponse,
  SitePageAgencyResponse,
  SitePageResponse,
  SiteResponse,
  SiteSummaryResponse,
  SiteTodayResponse,
} from '@mpp/contracts';
import { LEGAL_DEFAULT_COMPLETION_TIME, type SiteStatus } from '@mpp/domain';
import type { AgencyEntity } from './entities/agency.entity';
import type { ServiceRequirementEntity } from './entities/service-requirement.entity';
import type { ServiceEntity } from './entities/service.entity';
import type { SiteEntity } from './entities/site.entity';
import { serviceCompletionTime } from './service-completion-time';

/** The only way catalogue rows leave the API: one mapper per response shape. */
export function toSiteSummaryResponse(site: SiteEntity): SiteSummaryResponse {
  return { code: site.code, name: site.name, city: site.city, province: site.province, timeZone: site.timeZone };
}

export function toSiteResponse(
  site: SiteEntity,
  extra: { upcomingClosures: ClosureResponse[]; agencyCount: number; serviceCount: number },
): SiteResponse {
  return {
    ...toSiteSummaryResponse(site),
    id: site.id,
    address: site.address,
    phone: site.phone,
    email: site.email,
    openingHours: [...site.openingHours].sort((a, b) => a.weekday - b.weekday),
    closesOnCutiBersama: site.closesOnCutiBersama,
    facilities: [...site.facilities],
    applicationFileRetentionDays: site.applicationFileRetentionDays,
    ...extra,
  };
}

/** The citizen's page of a site: where, when, what is there; no staff, devices or policies. */
export function toSitePageResponse(
  site: SiteEntity,
  status: SiteStatus,
  upcomingClosures: ClosureResponse[],
  agencies: (AgencyEntity & { serviceCount: number })[],
): SitePageResponse {
  const today: SiteTodayResponse = { date: status.date, weekday: status.weekday, hours: status.hours, closure: status.closure };
  const now: SiteNowResponse = { state: status.state, localTime: status.localTime, until: status.until, nextOpen: status.nextOpen };
  return {
    ...toSiteSummaryResponse(site),
    address: site.address,
    phone: site.phone,
    email: site.email,
    openingHours: [...site.openingHours].sort((a, b) => a.weekday - b.weekday),
    closesOnCutiBersama: site.closesOnCutiBersama,
    today,
    now,
    upcomingClosures: upcomingClosures.map((c) => ({ id: c.id, date: c.date, name: c.name, kind: c.kind })),
    facilities: [...site.facilities],
    agencies: agencies.map(
      (a): SitePageAgencyResponse => ({ code: a.code, name: a.name, shortName: a.shortName, description: a.description, serviceCount: a.serviceCount }),
    ),
  };
}

export function toAgencyResponse(agency: AgencyEntity, siteCode: string, serviceCount: number): AgencyResponse {
  return {
    id: agency.id,
    siteCode,
    code: agency.code,
    name: agency.name,
    shortName: agency.shortName,
    description: agency.description,
    contactPhone: agency.contactPhone,
    contactEmail: agency.contactEmail,
    website: agency.website,
    logoUrl: agency.logoUrl,
    serviceCount,
  };
}

export function toServiceSummaryResponse(service: ServiceEntity, agency: AgencyEntity, siteCode: string): ServiceSummaryResponse {
  return {
    id: service.id,
    code: service.code,
    siteCode,
    agency: { id: agency.id, code: agency.code, shortName: agency.shortName, name: agency.name },
    name: service.name,
    nameEn: service.nameEn,
    summary: service.summary,
    summaryEn: service.summaryEn,
    fee: { free: service.feeFree, amount: service.feeAmount, legalBasis: service.feeLegalBasis, note: service.feeNote },
    ...completionTimeOf(service),
    walkInEnabled: service.walkInEnabled,
    onlineBookingEnabled: service.onlineBookingEnabled,
  };
}

/** The stated completion time, or the legal default (said so in completionTimeSource) when the service states none. */
function completionTimeOf(service: ServiceEntity): Pick<ServiceSummaryResponse, 'completionTime' | 'completionTimeSource'> {
  const stated = serviceCompletionTime(service);
  return stated
    ? { completionTime: { ...stated, note: service.completionTimeNote }, completionTimeSource: 'service' }
    : { completionTime: { value: LEGAL_DEFAULT_COMPLETION_TIME.value, unit: LEGAL_DEFAULT_COMPLETION_TIME.unit, note: service.completionTimeNote }, completionTimeSource: 'legal_default' };
}

export function toRequirementResponse(r: ServiceRequirementEntity): RequirementResponse {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    nameEn: r.nameEn,
    description: r.description,
    mandatory: r.mandatory,
    form: r.form,
    uploadable: r.uploadable,
    fileTypes: r.fileTypes,
  };
}

export function toServiceResponse(
  service: ServiceEntity,
  agency: AgencyEntity,
  siteCode: string,
  requirements: ServiceRequirementEntity[],
): ServiceResponse {
  return {
    ...toServiceSummaryResponse(service, agency, siteCode),
    description: service.description,
    descriptionEn: service.descriptionEn,
    synonyms: service.synonyms,
    requirements: requirements.map(toRequirementResponse),
    requirementsVersion: service.requirementsVersion,
    procedure: service.procedure.map((step) => ({ text: step.text, textEn: step.textEn ?? null })),
    product: service.product,
    productEn: service.productEn,
    legalBasis: service.legalBasis,
    complaintChannel: service.complaintChannel,
    queue: {
      ticketPrefix: service.ticketPrefix,
      expectedServiceMinutes: service.expectedServiceMinutes,
      walkInEnabled: service.walkInEnabled,
      onlineBookingEnabled: service.onlineBookingEnabled,
      onlineTicketEnabled: service.onlineTicketEnabled,
      dailyQuota: service.dailyQuota,
    },
    applicationsEnabled: service.applicationsEnabled,
    maxUploadMb: service.maxUploadMb,
    booking: {
      slotMinutes: service.bookingSlotMinutes,
      slotCapacity: service.bookingSlotCapacity,
      daysAhead: service.bookingDaysAhead,
      cutoffMinutes: service.bookingCutoffMinutes,
      walkInSharePercent: service.bookingWalkInShare,
    },
  };
}
