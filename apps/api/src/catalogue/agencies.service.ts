import { Injectable } from '@nestjs/common';
import type { AgencyResponse } from '@mpp/contracts';
import { AccessPolicy } from '../auth/access-policy';
import type { StaffPrincipal } from '../auth/principal';
import { AuditLog, auditSnapshot } from '../common/audit-log';
import { ApiException } from '../common/errors/api-exception';
import { toAgencyResponse } from './catalogue.mapper';
import { CatalogueMessages } from './catalogue.messages';
import { CatalogueRepository } from './catalogue.repository';
import { CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';
import { AgencyEntity } from './entities/agency.entity';
import type { EntityManager } from 'typeorm';
import { SitesService } from './sites.service';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly sites: SitesService,
    private readonly audit: AuditLog,
  ) {}

  async create(staff: StaffPrincipal, siteCode: string, dto: CreateAgencyDto): Promise<AgencyResponse> {
    const site = await this.sites.requireManageableSite(staff, siteCode);
    const agency = await this.repo.transaction(async (tx) => {
      const repo = tx.getRepository(AgencyEntity);
      const row = await repo.save(
      repo.create({
        siteId: site.id,
        code: dto.code,
        name: dto.name.trim(),
        shortName: dto.shortName.trim(),
        description: dto.description ?? null,
        contactPhone: dto.contactPhone ?? null,
        contactEmail: dto.contactEmail ?? null,
        website: dto.website ?? null,
        logoUrl: dto.logoUrl ?? null,
      }),
      );
      await this.audit.record(tx, { actor: staff, action: 'agency.create', entityType: 'agency', entityId: row.id, siteId: row.siteId, agencyId: row.id, entityLabel: agencyLabel(row), before: null, after: agencyAudit(row) });
      return row;
    });
    return toAgencyResponse(agency, site.code, 0);
  }

  async update(staff: StaffPrincipal, id: string, dto: UpdateAgencyDto): Promise<AgencyResponse> {
    const found = await this.requireManageableAgency(staff, id);
    const saved = await this.repo.transaction(async (tx) => {
      // Read again under the row's lock: the audit log's "before" is what this change replaced.
      const agency = await this.lockAgency(tx, found.id);
      const before = agencyAudit(agency);
      const renamed = (dto.name !== undefined && dto.name !== agency.name) || (dto.shortName !== undefined && dto.shortName !== agency.shortName);
      if (dto.name !== undefined) agency.name = dto.name.trim();
      if (dto.shortName !== undefined) agency.shortName = dto.shortName.trim();
      if (dto.description !== undefined) agency.description = dto.description;
      if (dto.contactPhone !== undefined) agency.contactPhone = dto.contactPhone;
      if (dto.contactEmail !== undefined) agency.contactEmail = dto.contactEmail;
      if (dto.website !== undefined) agency.website = dto.website;
      if (dto.logoUrl !== undefined) agency.logoUrl = dto.logoUrl;
      const row = await tx.getRepository(AgencyEntity).save(agency);
      // Agency names are part of every one of its services' search index.
      if (renamed) await this.repo.refreshSearchIndex(tx, { agencyIds: [row.id] });
      await this.audit.record(tx, { actor: staff, action: 'agency.update', entityType: 'agency', entityId: row.id, siteId: row.siteId, agencyId: row.id, entityLabel: agencyLabel(row), before, after: agencyAudit(row) });
      return row;
    });
    return this.describe(saved);
  }

  async retire(staff: StaffPrincipal, id: string): Promise<AgencyResponse> {
    const found = await this.requireAgency(id);
    AccessPolicy.assertSite(staff, found.siteId);
    const agency = await this.repo.transaction(async (tx) => {
      const current = await this.lockAgency(tx, found.id);
      if (current.retiredAt) return current;
      current.retiredAt = new Date();
      const row = await tx.getRepository(AgencyEntity).save(current);
      await this.audit.record(tx, { actor: staff, action: 'agency.retire', entityType: 'agency', entityId: row.id, siteId: row.siteId, agencyId: row.id, entityLabel: agencyLabel(row), before: { retiredAt: null }, after: { retiredAt: row.retiredAt } });
      return row;
    });
    return this.describe(agency);
  }

  /** The agency row, read again and locked until the transaction ends (see SitesService.lockSite). */
  private async lockAgency(tx: EntityManager, id: string): Promise<AgencyEntity> {
    const agency = await tx.getRepository(AgencyEntity).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
    if (!agency) throw ApiException.notFound('AGENCY_NOT_FOUND', CatalogueMessages.agencyNotFound(id));
    return agency;
  }

  async requireAgency(id: string): Promise<AgencyEntity> {
    const agency = await this.repo.findAgencyById(id);
    if (!agency) throw ApiException.notFound('AGENCY_NOT_FOUND', CatalogueMessages.agencyNotFound(id));
    return agency;
  }

  /** The agency exists, the caller may manage it, and it is not retired. */
  async requireManageableAgency(staff: StaffPrincipal, id: string): Promise<AgencyEntity> {
    const agency = await this.requireAgency(id);
    AccessPolicy.assertAgency(staff, agency);
    if (agency.retiredAt) throw ApiException.conflict('AGENCY_RETIRED', CatalogueMessages.retired({ id: 'Instansi ini', en: 'This agency' }));
    return agency;
  }

  private async describe(agency: AgencyEntity): Promise<AgencyResponse> {
    const site = await this.repo.findSiteById(agency.siteId);
    const counts = await this.repo.countActiveServicesByAgency([agency.id]);
    return toAgencyResponse(agency, site?.code ?? '', counts.get(agency.id) ?? 0);
  }
}

const AGENCY_AUDIT_FIELDS = ['code', 'name', 'shortName', 'description', 'contactPhone', 'contactEmail', 'website', 'logoUrl', 'retiredAt'] as const;

function agencyAudit(agency: AgencyEntity): Record<string, unknown> {
  return auditSnapshot(agency, AGENCY_AUDIT_FIELDS);
}

function agencyLabel(agency: AgencyEntity): string {
  return `${agency.shortName} (${agency.code})`;
}
