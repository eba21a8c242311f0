import { Inject, Injectable } from '@nestjs/common';
import type { PublicTicketResponse } from '@mpp/contracts';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { renderTicketHtml } from './printing/ticket-html';
import { renderTicketPdf, TicketPdfFormat } from './printing/ticket-pdf';
import type { TicketPrintModel } from './printing/ticket-print.model';
import { PublicTicketService } from './public-ticket.service';

/** Printing and reprinting a ticket: the same data as its public page, on paper. */
@Injectable()
export class TicketPrintService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tickets: PublicTicketService,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async pdf(code: string, format: TicketPdfFormat, origin: string): Promise<{ body: Buffer; ticket: PublicTicketResponse }> {
    const model = await this.model(code, origin);
    return { body: await renderTicketPdf(model, format), ticket: model.ticket };
  }

  async html(code: string, origin: string, autoPrint: boolean): Promise<string> {
    return renderTicketHtml(await this.model(code, origin), { autoPrint });
  }

  /** The QR leads to the portal's ticket page on this deployment's public address. */
  private async model(code: string, origin: string): Promise<TicketPrintModel> {
    const ticket = await this.tickets.get(code);
    const site = await this.catalogue.findActiveSiteByCode(ticket.siteCode);
    const service = await this.catalogue.findServiceById(ticket.service.id);
    const agency = service ? await this.catalogue.findAgencyById(service.agencyId) : null;
    const base = (this.config.publicUrl ?? origin).replace(/\/$/, '');
    return {
      ticket,
      agencyName: agency?.name ?? ticket.agency.shortName,
      siteAddress: site?.address ?? null,
      publicUrl: `${base}/tiket/${ticket.publicCode}`,
      peopleAhead: ticket.position === null ? null : ticket.position - 1,
      peopleAheadMin: ticket.positionMin === null ? null : ticket.positionMin - 1,
    };
  }
}
