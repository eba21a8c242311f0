import { Injectable } from '@nestjs/common';
import type { FieldError, Page, RetiredServiceResponse, ServiceResponse, ServiceSummaryResponse } from '@mpp/contracts';
import { foldForSearch } from '@mpp/domain';
import { EntityManager, In, IsNull } from 'typeorm';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { AuditLog, auditSnapshot } from '../common/audit-log';
import { ApiException } from '../common/errors/api-exception';
import { AgenciesService } from './agencies.service';
import { toServiceResponse, toServiceSummaryResponse } from './catalogue.mapper';
import { CatalogueMessages } from './catalogue.messages';
import { CatalogueRepository } from './catalogue.repository';
import { CreateServiceDto, RequirementDto, UpdateServiceDto } from './dto/service.dto';
import { ServiceQueryDto } from './dto/service-query.dto';
import { ServiceRequirementEntity } from './entities/service-requirement.entity';
import { ServiceEntity } from './entities/service.entity';
import { planRequirementEdit, requirementValues } from './requirement-edit';

const MAX_SEARCH_WORDS = 8;

@Injectable()
export class ServiceCatalogService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly agencies: AgenciesService,
    private readonly audit: AuditLog,
  ) {}

  async search(query: ServiceQueryDto): Promise<Page<ServiceSummaryResponse>> {
    if (query.agency && !query.site) {
      throw ApiException.badRequest('AGENCY_NEEDS_SITE', CatalogueMessages.agencyFilterNeedsSite, [
        { field: 'site', message: CatalogueMessages.agencyFilterNeedsSite },
      ]);
    }
    if (query.site && !(await this.repo.findActiveSiteByCode(query.site))) {
      throw ApiException.notFound('SITE_NOT_FOUND', CatalogueMessages.siteNotFound(query.site));
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const folded = foldForSearch(query.q ?? '');
    const words = folded.split(/[^a-z0-9]+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);
    const { ids, total } = await this.repo.searchActiveServiceIds({
      siteCode: query.site ?? null,
      agencyCode: query.agency ?? null,
      words,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const items = await this.summaries(ids);
    return { items, page, pageSize, total };
  }

  async get(id: string): Promise<ServiceResponse> {
    const service = await this.repo.findActiveServiceById(id);
    if (!service) throw ApiException.notFound('SERVICE_NOT_FOUND', CatalogueMessages.serviceNotFound(id));
    return this.describe(service);
  }

  /** The agency's retired services, for its admins (the scope as for an edit: AccessPolicy.assertAgency). */
  async listRetired(staff: StaffPrincipal, agencyId: string): Promise<RetiredServiceResponse[]> {
    const agency = await this.agencies.requireManageableAgency(staff, agencyId);
    const rows = await this.repo.listRetiredServicesOfAgency(agency.id);
    return rows.map((s) => ({ id: s.id, code: s.code, name: s.name, nameEn: s.nameEn, ticketPrefix: s.ticketPrefix, retiredAt: (s.retiredAt as Date).toISOString() }));
  }

  async create(staff: StaffPrincipal, agencyId: string, dto: CreateServiceDto): Promise<ServiceResponse> {
    const agency = await this.agencies.requireManageableAgency(staff, agencyId);
    checkServiceRules(dto);
    checkNewRequirements(dto.requirements);
    const saved = await this.repo.transaction(async (tx) => {
      const service = tx.getRepository(ServiceEntity).create({ siteId: agency.siteId, agencyId: agency.id, code: dto.code });
      applyServiceFields(service, dto);
      const row = await tx.getRepository(ServiceEntity).save(service);
      await tx.getRepository(ServiceRequirementEntity).insert(dto.requirements.map((r, i) => ({ serviceId: row.id, ...requirementValues(r, i + 1) })));
      await this.repo.refreshSearchIndex(tx, { serviceIds: [row.id] });
      await this.audit.record(tx, { actor: staff, action: 'service.create', entityType: 'service', entityId: row.id, siteId: row.siteId, agencyId: row.agencyId, entityLabel: serviceLabel(row), before: null, after: await serviceAudit(tx, row) });
      return row;
    });
    return this.describe(saved);
  }

  async update(staff: StaffPrincipal, id: string, dto: UpdateServiceDto): Promise<ServiceResponse> {
    const service = await this.requireService(id);
    await this.agencies.requireManageableAgency(staff, service.agencyId);
    if (service.retiredAt) throw ApiException.conflict('SERVICE_RETIRED', CatalogueMessages.retired({ id: 'Layanan ini', en: 'This service' }));
    checkServiceRules(dto);
    const saved = await this.repo.transaction(async (tx) => {
      // Read again under the row's lock: the requirement version counts every edit, one at a time.
      const current = await this.repo.lockServiceForEdit(tx, id);
      if (!current) throw ApiException.notFound('SERVICE_NOT_FOUND', CatalogueMessages.serviceNotFound(id));
      if (current.retiredAt) throw ApiException.conflict('SERVICE_RETIRED', CatalogueMessages.retired({ id: 'Layanan ini', en: 'This service' }));
      const before = await serviceAudit(tx, current);
      if (dto.requirements) await this.editRequirements(tx, current, dto.requirements, dto.requirementsVersion);
      applyServiceFields(current, dto);
      const row = await tx.getRepository(ServiceEntity).save(current);
      await this.repo.refreshSearchIndex(tx, { serviceIds: [row.id] });
      await this.audit.record(tx, { actor: staff, action: 'service.update', entityType: 'service', entityId: row.id, siteId: row.siteId, agencyId: row.agencyId, entityLabel: serviceLabel(row), before, after: await serviceAudit(tx, row) });
      return row;
    });
    return this.describe(saved);
  }

  /**
   * Applies an edit's requirement list to the service's active requirements (planRequirementEdit):
   * rows named by id are updated and keep their ids, rows without an id are added, rows left out
   * are deleted, or retired when another table refers to them. When anything a reader sees
   * changed, the service's requirement version goes up by one (saved with the service).
   */
  private async editRequirements(tx: EntityManager, service: ServiceEntity, requested: RequirementDto[], expectedVersion: number | undefined): Promise<void> {
    if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== service.requirementsVersion) {
      throw ApiException.conflict('REQUIREMENTS_CHANGED', CatalogueMessages.requirementsChanged(expectedVersion, service.requirementsVersion));
    }
    const current = await this.repo.lockActiveRequirements(tx, service.id);
    const result = planRequirementEdit(current, requested);
    if ('refused' in result) throw invalidStandard(result.refused);
    const { plan } = result;
    if (!plan.changed) return;

    const rows = tx.getRepository(ServiceRequirementEntity);
    if (plan.removals.length > 0) {
      const referenced = await this.repo.findReferencedRequirementIds(tx, plan.removals);
      const unreferenced = plan.removals.filter((rid) => !referenced.has(rid));
      if (unreferenced.length > 0) await rows.delete({ id: In(unreferenced) });
      if (referenced.size > 0) await rows.update({ id: In([...referenced]) }, { retiredAt: new Date() });
    }
    if (plan.updates.length > 0) {
      // Positions are unique among active rows at every statement: step the kept rows aside first.
      await rows
        .createQueryBuilder()
        .update()
        .set({ position: () => '-position' })
        .where({ id: In(plan.updates.map((u) => u.id)) })
        .execute();
      for (const { id, ...values } of plan.updates) await rows.update({ id }, values);
    }
    if (plan.inserts.length > 0) await rows.insert(plan.inserts.map((values) => ({ serviceId: service.id, ...values })));
    service.requirementsVersion += 1;
  }

  async retire(staff: StaffPrincipal, id: string): Promise<ServiceSummaryResponse> {
    const service = await this.requireService(id);
    const agency = await this.agencies.requireAgency(service.agencyId);
    AccessPolicy.assertAgency(staff, agency);
    await this.repo.transaction(async (tx) => {
      const current = await this.repo.lockServiceForEdit(tx, service.id);
      if (!current || current.retiredAt) return;
      current.retiredAt = new Date();
      const row = await tx.getRepository(ServiceEntity).save(current);
      await this.audit.record(tx, { actor: staff, action: 'service.retire', entityType: 'service', entityId: row.id, siteId: row.siteId, agencyId: row.agencyId, entityLabel: serviceLabel(row), before: { retiredAt: null }, after: { retiredAt: row.retiredAt } });
    });
    const [summary] = await this.summaries([service.id]);
    return summary;
  }

  private async requireService(id: string): Promise<ServiceEntity> {
    const service = await this.repo.findServiceById(id);
    if (!service) throw ApiException.notFound('SERVICE_NOT_FOUND', CatalogueMessages.serviceNotFound(id));
    return service;
  }

  private async describe(service: ServiceEntity): Promise<ServiceResponse> {
    const [agency, site, requirements] = await Promise.all([
      this.agencies.requireAgency(service.agencyId),
      this.repo.findSiteById(service.siteId),
      this.repo.listRequirements(service.id),
    ]);
    return toServiceResponse(service, agency, site?.code ?? '', requirements);
  }

  /** Summaries in the order of `ids`. */
  private async summaries(ids: string[]): Promise<ServiceSummaryResponse[]> {
    const services = await this.repo.findServicesByIds(ids);
    const agencies = new Map((await this.repo.findAgenciesByIds([...new Set(services.map((s) => s.agencyId))])).map((a) => [a.id, a]));
    const siteCodes = new Map<string, string>();
    for (const siteId of new Set(services.map((s) => s.siteId))) {
      siteCodes.set(siteId, (await this.repo.findSiteById(siteId))?.code ?? '');
    }
    const byId = new Map(services.map((s) => [s.id, s]));
    return ids
      .map((id) => byId.get(id))
      .filter((s): s is ServiceEntity => s !== undefined)
      .map((s) => toServiceSummaryResponse(s, agencies.get(s.agencyId)!, siteCodes.get(s.siteId) ?? ''));
  }
}

/** What the audit log keeps of a service: its standard and settings, with its active requirements (stable ids). */
const SERVICE_AUDIT_FIELDS = [
  'code', 'name', 'nameEn', 'summary', 'summaryEn', 'description', 'descriptionEn', 'synonyms', 'procedure',
  'completionTimeValue', 'completionTimeUnit', 'completionTimeNote', 'feeFree', 'feeAmount', 'feeLegalBasis', 'feeNote',
  'product', 'productEn', 'legalBasis', 'complaintChannel', 'ticketPrefix', 'expectedServiceMinutes', 'walkInEnabled',
  'onlineBookingEnabled', 'onlineTicketEnabled', 'dailyQuota', 'bookingSlotMinutes', 'bookingSlotCapacity', 'bookingDaysAhead',
  'bookingCutoffMinutes', 'bookingWalkInShare', 'applicationsEnabled', 'maxUploadMb', 'retiredAt',
] as const;
const REQUIREMENT_AUDIT_FIELDS = ['id', 'position', 'name', 'nameEn', 'description', 'mandatory', 'form', 'uploadable', 'fileTypes'] as const;

async function serviceAudit(tx: EntityManager, service: ServiceEntity): Promise<Record<string, unknown>> {
  const requirements = await tx.getRepository(ServiceRequirementEntity).find({ where: { serviceId: service.id, retiredAt: IsNull() }, order: { position: 'ASC' } });
  return { ...auditSnapshot(service, SERVICE_AUDIT_FIELDS), requirements: requirements.map((r) => auditSnapshot(r, REQUIREMENT_AUDIT_FIELDS)) };
}

function serviceLabel(service: ServiceEntity): string {
  return `${service.ticketPrefix} ${service.name}`;
}

/** Rules across fields, which class-validator cannot see one field at a time. */
function checkServiceRules(dto: UpdateServiceDto): void {
  const fields: FieldError[] = [];
  if (dto.fee) {
    if (dto.fee.free && dto.fee.amount !== 0) {
      fields.push({ field: 'fee.amount', message: { id: 'Layanan gratis harus bertarif 0.', en: 'A free service must have amount 0.' } });
    }
    if (!dto.fee.free && dto.fee.amount === 0) {
      fields.push({ field: 'fee.amount', message: { id: 'Layanan berbayar harus punya tarif lebih dari 0, atau tandai gratis.', en: 'A paid service needs an amount above 0, or mark it free.' } });
    }
  }
  if (dto.completionTime && dto.completionTime.unit !== 'minutes' && dto.completionTime.value > 365) {
    fields.push({
      field: 'completionTime.value',
      message: { id: 'Jangka waktu dalam hari paling lama 365 hari.', en: 'A completion time in days is at most 365 days.' },
    });
  }
  dto.requirements?.forEach((r, i) => {
    if (r.uploadable && r.fileTypes.length === 0) {
      fields.push({ field: `requirements.${i}.fileTypes`, message: { id: 'Sebutkan jenis berkas yang boleh diunggah.', en: 'Say which file types may be uploaded.' } });
    }
    if (!r.uploadable && r.fileTypes.length > 0) {
      fields.push({ field: `requirements.${i}.fileTypes`, message: { id: 'Jenis berkas hanya untuk persyaratan yang bisa diunggah.', en: 'File types apply only to uploadable requirements.' } });
    }
  });
  if (fields.length > 0) throw invalidStandard(fields);
}

/** A new service has no requirements yet for an id to name. */
function checkNewRequirements(requirements: RequirementDto[]): void {
  const fields: FieldError[] = requirements.flatMap((r, i) =>
    r.id === undefined
      ? []
      : [{ field: `requirements.${i}.id`, message: { id: 'Layanan baru belum punya persyaratan untuk dirujuk; kirim persyaratan tanpa id.', en: 'A new service has no requirements to refer to yet; send its requirements without an id.' } }],
  );
  if (fields.length > 0) throw invalidStandard(fields);
}

function invalidStandard(fields: FieldError[]): ApiException {
  return ApiException.unprocessable(
    'INVALID_SERVICE_STANDARD',
    { id: `Standar pelayanan belum benar: ${fields[0].message.id}`, en: `The service standard is not valid: ${fields[0].message.en}` },
    fields,
  );
}

function applyServiceFields(service: ServiceEntity, dto: UpdateServiceDto): void {
  if (dto.name !== undefined) service.name = dto.name.trim();
  if (dto.nameEn !== undefined) service.nameEn = dto.nameEn.trim();
  if (dto.summary !== undefined) service.summary = dto.summary.trim();
  if (dto.summaryEn !== undefined) service.summaryEn = dto.summaryEn.trim();
  if (dto.description !== undefined) service.description = dto.description.trim();
  if (dto.descriptionEn !== undefined) service.descriptionEn = dto.descriptionEn.trim();
  if (dto.synonyms !== undefined) service.synonyms = [...new Set(dto.synonyms.map((s) => s.trim()).filter(Boolean))];
  if (dto.procedure !== undefined) service.procedure = dto.procedure.map((p) => ({ text: p.text.trim(), textEn: p.textEn?.trim() ?? null }));
  if (dto.completionTime !== undefined) {
    service.completionTimeValue = dto.completionTime?.value ?? null;
    service.completionTimeUnit = dto.completionTime?.unit ?? null;
    service.completionTimeNote = dto.completionTime?.note ?? null;
  }
  if (dto.fee !== undefined) {
    service.feeFree = dto.fee.free;
    service.feeAmount = dto.fee.amount;
    service.feeLegalBasis = dto.fee.legalBasis ?? null;
    service.feeNote = dto.fee.note ?? null;
  }
  if (dto.product !== undefined) service.product = dto.product.trim();
  if (dto.productEn !== undefined) service.productEn = dto.productEn.trim() || null;
  if (dto.legalBasis !== undefined) service.legalBasis = dto.legalBasis.map((l) => l.trim()).filter(Boolean);
  if (dto.complaintChannel !== undefined) service.complaintChannel = dto.complaintChannel.trim();
  if (dto.queue !== undefined) {
    service.ticketPrefix = dto.queue.ticketPrefix;
    service.expectedServiceMinutes = dto.queue.expectedServiceMinutes;
    service.walkInEnabled = dto.queue.walkInEnabled;
    service.onlineBookingEnabled = dto.queue.onlineBookingEnabled;
    if (dto.queue.onlineTicketEnabled !== undefined) service.onlineTicketEnabled = dto.queue.onlineTicketEnabled;
    service.dailyQuota = dto.queue.dailyQuota ?? null;
  }
  if (dto.applicationsEnabled !== undefined) service.applicationsEnabled = dto.applicationsEnabled;
  if (dto.maxUploadMb !== undefined) service.maxUploadMb = dto.maxUploadMb;
  if (dto.booking !== undefined) {
    service.bookingSlotMinutes = dto.booking.slotMinutes;
    service.bookingSlotCapacity = dto.booking.slotCapacity;
    service.bookingDaysAhead = dto.booking.daysAhead;
    service.bookingCutoffMinutes = dto.booking.cutoffMinutes;
    service.bookingWalkInShare = dto.booking.walkInSharePercent;
  }
}
