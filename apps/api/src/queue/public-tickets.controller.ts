import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { PublicTicketResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { publicBaseUrl } from '../common/http/host-policy';
import { renderedPageCsp } from '../common/http/security-headers';
import { TicketLookupThrottlerGuard, TicketPrintThrottlerGuard } from '../common/http/ticket-throttler.guard';
import { ApiException } from '../common/errors/api-exception';
import { PublicCodePipe } from './public-code.pipe';
import { PublicTicketService } from './public-ticket.service';
import { TicketPrintService } from './ticket-print.service';

/** The ticket's own page: the unguessable code on the QR is the only key. No personal data. */
@ApiTags('tickets (public)')
@Public()
@Controller('v1/tickets')
export class PublicTicketsController {
  constructor(
    private readonly tickets: PublicTicketService,
    private readonly print: TicketPrintService,
  ) {}

  @Get(':code')
  @UseGuards(TicketLookupThrottlerGuard)
  @ApiOperation({ summary: 'Number, service, status, position, estimated wait, counter once called' })
  get(@Param('code', PublicCodePipe) code: string): Promise<PublicTicketResponse> {
    return this.tickets.get(code);
  }

  @Post(':code/cancel')
  @UseGuards(TicketLookupThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'The citizen gives up a waiting ticket' })
  cancel(@Param('code', PublicCodePipe) code: string): Promise<PublicTicketResponse> {
    return this.tickets.cancelByCitizen(code);
  }

  @Get(':code/print')
  @UseGuards(TicketPrintThrottlerGuard)
  @ApiOperation({ summary: 'The ticket as PDF, for 80 mm thermal paper (default) or A6; reprint any time' })
  @ApiQuery({ name: 'format', required: false, enum: ['80mm', 'a6'] })
  async printPdf(
    @Param('code', PublicCodePipe) code: string,
    @Query('format') format: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const paper = format ?? '80mm';
    if (paper !== '80mm' && paper !== 'a6') {
      throw ApiException.badRequest('INVALID_FORMAT', { id: 'format harus 80mm atau a6.', en: 'format must be 80mm or a6.' }, [
        { field: 'format', message: { id: 'format harus 80mm atau a6.', en: 'format must be 80mm or a6.' } },
      ]);
    }
    const { body, ticket } = await this.print.pdf(code, paper, origin(req));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="tiket-${ticket.number}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  }

  @Get(':code/print.html')
  @UseGuards(TicketPrintThrottlerGuard)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The ticket as an HTML page for kiosk browser printing (autoPrint=1 opens the print dialog)' })
  async printHtml(@Param('code', PublicCodePipe) code: string, @Query('autoPrint') autoPrint: string | undefined, @Req() req: Request): Promise<string> {
    const html = await this.print.html(code, origin(req), autoPrint === '1' || autoPrint === 'true');
    // Its own policy: the print script inline (by hash), the QR as a data: image, nothing else.
    req.res?.setHeader('Content-Security-Policy', renderedPageCsp(html));
    return html;
  }
}

function origin(req: Request): string {
  return publicBaseUrl(req);
}
