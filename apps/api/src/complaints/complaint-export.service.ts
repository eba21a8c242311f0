import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { AccessPolicy } from '../auth/access-policy';
import { openLocation } from './complaint-location';
import { complaintPeriod } from './complaint-period';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintMessages } from './complaint.messages';
import type { ComplaintPeriodQueryDto } from './dto/complaint-period-query.dto';
import { toOpen311, type Open311Request } from './open311';

export interface ComplaintExport {
  format: 'open311-georeport-v2';
  siteCode: string;
  from: string;
  to: string;
  requests: Open311Request[];
}

/**
 * The site's complaints of a period as Open311 GeoReport v2 requests (docs/complaints.md), for
 * another system to take in (a ComplaintChannel, or a person uploading the file). Site handlers
 * only: it carries the complaints' text, never a reporter.
 */
@Injectable()
export class ComplaintExportService {
  constructor(
    private readonly repo: ComplaintRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async export(staff: StaffPrincipal, siteCode: string, query: ComplaintPeriodQueryDto): Promise<ComplaintExport> {
    const site = await this.catalogue.findSiteByCode(siteCode);
    if (!site) throw ApiException.notFound('SITE_NOT_FOUND', ComplaintMessages.siteNotFound);
    AccessPolicy.assertSite(staff, site.id);
    const { from, to, start, end } = complaintPeriod(query, site.timeZone, this.clock.now());
    const rows = await this.repo.listForExport(site.id, start, end);
    const requests = rows.map((row) =>
      toOpen311({
        code: row.code,
        status: row.status,
        subject: row.subject,
        text: this.cipher.decrypt(row.text_cipher),
        serviceCode: row.service_code,
        serviceName: row.service_name,
        agencyName: row.agency_name,
        siteName: site.name,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        resolutionDueAt: row.resolution_due_at,
        location: openLocation(this.cipher, row.location_cipher),
      }),
    );
    return { format: 'open311-georeport-v2', siteCode: site.code, from, to, requests };
  }
}
