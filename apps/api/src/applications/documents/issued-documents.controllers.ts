import { Body, Controller, Get, Headers, HttpCode, Logger, Param, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { IssuedDocumentSummary, VerifiedDocumentResponse, VerifyDocumentFileResponse } from '@mpp/contracts';
import { formatBookingCode } from '@mpp/domain';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream';
import { CurrentStaff, Public, StaffRoles } from '../../auth/auth.decorators';
import type { StaffPrincipal } from '../../auth/principal';
import { readCookie, SESSION_COOKIE } from '../../citizen/citizen-cookies';
import { CitizenSessionsService } from '../../citizen/citizen-sessions.service';
import { publicBaseUrl } from '../../common/http/host-policy';
import { UuidPipe } from '../../common/pipes';
import type { OwnerProof } from '../application.service';
import { APPLICATION_SECRET_HEADER, originOf } from '../applications.controller';
import { uploadBody } from '../document-http';
import { CreateLetterDto } from './dto/issued-document.dto';
import { IssuedDocumentsService, type IssuedDownload } from './issued-documents.service';

const logger = new Logger('IssuedDocuments');

const FILE_PREFIX = { receipt: 'tanda-terima', result: 'hasil', decision_letter: 'surat-keputusan' } as const;

/**
 * Streams a stored PDF as a download: an attachment, sandboxed, never cached. A file that fails
 * to authenticate part-way aborts the response (nothing unauthenticated is sent).
 */
function send(res: Response, d: IssuedDownload): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Length', String(d.row.size));
  res.setHeader('Content-Disposition', `attachment; filename="${FILE_PREFIX[d.row.kind]}-${formatBookingCode(d.applicationCode)}-${d.row.number}.pdf"`);
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Document-Number', d.row.number);
  pipeline(d.stream, res, (error) => {
    if (error) logger.warn({ msg: 'an issued document’s download stopped', number: d.row.number, error: error.message });
  });
}

/** The owner's downloads: by the citizen session cookie or X-Application-Secret, as the other citizen routes. */
@ApiTags('applications (citizen)')
@Public()
@Controller('v1/applications')
export class OwnerIssuedDocumentsController {
  constructor(
    private readonly documents: IssuedDocumentsService,
    private readonly sessions: CitizenSessionsService,
  ) {}

  @Get(':code/receipt')
  @ApiOperation({ summary: 'The receipt (tanda terima, PDF) of the latest submission, issued on the first request' })
  async receipt(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.documents.receiptForOwner(code, await this.proofOf(req, secret), publicBaseUrl(req), originOf(req)));
  }

  @Get(':code/result')
  @ApiOperation({ summary: 'The latest result document (PDF) the agency issued' })
  async result(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.documents.latestForOwner(code, await this.proofOf(req, secret), 'result', originOf(req)));
  }

  @Get(':code/letter')
  @ApiOperation({ summary: 'The latest decision letter (PDF)' })
  async letter(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.documents.latestForOwner(code, await this.proofOf(req, secret), 'decision_letter', originOf(req)));
  }

  @Get(':code/issued-documents')
  @ApiOperation({ summary: 'The documents issued for the application: number, kind, date, sha256' })
  async list(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request): Promise<IssuedDocumentSummary[]> {
    return this.documents.listForOwner(code, await this.proofOf(req, secret));
  }

  private async proofOf(req: Request, secret: string | undefined): Promise<OwnerProof> {
    const trimmed = secret?.trim();
    return { citizen: await this.sessions.authenticate(readCookie(req, SESSION_COOKIE)), secret: trimmed && trimmed.length <= 200 ? trimmed : null };
  }
}

/** The agency's side: its own applications only (another agency's answer 404). */
@ApiTags('applications (agency)')
@ApiBearerAuth()
@StaffRoles('officer', 'agency_admin')
@Controller('v1/agency/applications')
export class AgencyIssuedDocumentsController {
  constructor(private readonly documents: IssuedDocumentsService) {}

  @Get(':id/receipt')
  @ApiOperation({ summary: 'The receipt of the latest submission (issued on the first request)' })
  async receipt(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.documents.receiptForStaff(staff, id, publicBaseUrl(req), originOf(req)));
  }

  @Get(':id/result')
  async result(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.documents.latestForStaff(staff, id, 'result', originOf(req)));
  }

  @Get(':id/letter')
  async letter(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    send(res, await this.documents.latestForStaff(staff, id, 'decision_letter', originOf(req)));
  }

  @Get(':id/issued-documents')
  list(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<IssuedDocumentSummary[]> {
    return this.documents.listForStaff(staff, id);
  }

  @Put(':id/result')
  @HttpCode(201)
  @ApiOperation({ summary: 'Upload the result document while approved: the body is the PDF itself (at most 25 MB; a JSON or form body 415); the issued copy is stamped with its number and verification QR' })
  uploadResult(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<IssuedDocumentSummary> {
    const body = uploadBody(req, res);
    return body.guard(this.documents.uploadResult(staff, id, body.stream, body.length, publicBaseUrl(req), originOf(req)));
  }

  @Post(':id/letter')
  @HttpCode(201)
  @ApiOperation({ summary: 'Generate a decision letter: approval while approved, rejection (with the decision’s reason) while rejected' })
  makeLetter(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: CreateLetterDto, @Req() req: Request): Promise<IssuedDocumentSummary> {
    return this.documents.makeLetter(staff, id, dto.kind, dto.body?.trim() || null, publicBaseUrl(req), originOf(req));
  }
}

/** Anyone holding a document confirms it here: no personal data, rate-limited per address. */
@ApiTags('verification (public)')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true })
@Controller('v1/verify')
export class VerifyController {
  constructor(private readonly documents: IssuedDocumentsService) {}

  @Get(':number')
  @ApiOperation({ summary: 'What a document number stands for: kind, service, agency, site, date and the sha256 of its PDF' })
  verify(@Param('number') number: string): Promise<VerifiedDocumentResponse> {
    return this.documents.verify(number);
  }

  @Post(':number')
  @HttpCode(200)
  @ApiOperation({ summary: 'Compare a PDF (the body itself, at most 25 MB; a JSON or form body 415) with the document issued under the number' })
  verifyFile(@Param('number') number: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<VerifyDocumentFileResponse> {
    const body = uploadBody(req, res);
    return body.guard(this.documents.verifyFile(number, body.stream, body.length));
  }
}
