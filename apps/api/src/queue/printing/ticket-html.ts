/**
 * The queue ticket as a self-contained HTML page, for a kiosk that prints through its browser
 * onto an 80 mm roll. Same words as the PDF (buildPrintLines); no external assets.
 */
import Handlebars from 'handlebars';
import { buildPrintLines, type TicketPrintLines, type TicketPrintModel } from './ticket-print.model';
import { ticketQrSvg } from './ticket-qr';
import { TICKET_TEMPLATE } from './ticket-template';

export interface RenderTicketHtmlOptions {
  /** Add a script that opens the print dialog once the page has loaded. */
  autoPrint?: boolean;
}

interface TicketTemplateContext extends TicketPrintLines {
  issuedAtIso: string;
  qrDataUrl: string;
  autoPrint: boolean;
}

let compiled: HandlebarsTemplateDelegate<TicketTemplateContext> | undefined;

/** Compiled once, in its own Handlebars environment; strict, so a misspelt field fails loudly. */
function template(): HandlebarsTemplateDelegate<TicketTemplateContext> {
  compiled ??= Handlebars.create().compile<TicketTemplateContext>(TICKET_TEMPLATE, { strict: true, knownHelpersOnly: true });
  return compiled;
}

export async function renderTicketHtml(model: TicketPrintModel, options: RenderTicketHtmlOptions = {}): Promise<string> {
  const svg = await ticketQrSvg(model.publicUrl);
  return template()({
    ...buildPrintLines(model),
    issuedAtIso: new Date(model.ticket.issuedAt).toISOString(),
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
    autoPrint: options.autoPrint === true,
  });
}
