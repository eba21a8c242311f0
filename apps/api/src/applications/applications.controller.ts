import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApplicationCreatedResponse, ApplicationResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { readCookie, SESSION_COOKIE } from '../citizen/citizen-cookies';
import { CitizenSessionsService } from '../citizen/citizen-sessions.service';
import { UuidPipe } from '../common/pipes';
import { ApplicationThrottlerGuard } from './application-throttler.guard';
import { ApplicationUploadsService } from './application-uploads.service';
import { ApplicationService, OwnerProof, RequestOrigin } from './application.service';
import { sendDocument, uploadBody } from './document-http';
import { CreateApplicationDto, DocumentReadQueryDto } from './dto/application.dto';

/** The header that carries the secret of an application made without an account (never a URL). */
export const APPLICATION_SECRET_HEADER = 'x-application-secret';

/**
 * The citizen's side of a digital application. Signed in (the citizen session cookie), the
 * application is the account's; otherwise the answer to creating it carries a secret, given once
 * and sent by SMS, that opens it together with its code. Anything else answers 404.
 */
@ApiTags('applications (citizen)')
@Public()
@Controller('v1/applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly uploads: ApplicationUploadsService,
    private readonly sessions: CitizenSessionsService,
  ) {}

  @Post()
  @UseGuards(ApplicationThrottlerGuard)
  @ApiOperation({ summary: 'A draft application for a service: the checklist of its current requirements; the secret once when not signed in' })
  async create(@Body() dto: CreateApplicationDto, @Req() req: Request): Promise<ApplicationCreatedResponse> {
    return this.applications.create(dto, await this.citizenOf(req), originOf(req));
  }

  @Get(':code')
  @ApiOperation({ summary: 'The application as its owner sees it (NIK and phone masked), by session or X-Application-Secret' })
  async read(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.read(code, await this.proofOf(req, secret));
  }

  @Post(':code/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the draft to the agency' })
  async submit(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.submit(code, await this.proofOf(req, secret), originOf(req));
  }

  @Post(':code/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the corrections of a returned application' })
  async resubmit(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.resubmit(code, await this.proofOf(req, secret), originOf(req));
  }

  @Post(':code/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the application (before a decision)' })
  async withdraw(@Param('code') code: string, @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.withdraw(code, await this.proofOf(req, secret), originOf(req));
  }

  @Put(':code/items/:requirementId/document')
  @UseGuards(ApplicationThrottlerGuard)
  @ApiOperation({
    summary:
      'Upload a new version of one requirement’s document: the body is the file itself (PDF, JPEG or PNG, told by its content), X-File-Name optional (percent-encoded UTF-8). A draft: any item; returned: the items to correct',
  })
  @ApiConsumes('application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream')
  @ApiHeader({ name: 'X-File-Name', required: false, description: 'the file’s name, percent-encoded UTF-8 (kept encrypted, shown only to the owner and the agency)' })
  async upload(
    @Param('code') code: string,
    @Param('requirementId', UuidPipe) requirementId: string,
    @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApplicationResponse> {
    const body = uploadBody(req, res);
    return body.guard(this.proofOf(req, secret).then((proof) => this.uploads.upload({ kind: 'citizen', code, proof }, requirementId, body.stream, body.length, body.fileName, originOf(req))));
  }

  @Get(':code/documents/:documentId')
  @ApiOperation({ summary: 'One uploaded document, decrypted, as an attachment (images with ?inline=1 shown inline); every read is logged' })
  async document(
    @Param('code') code: string,
    @Param('documentId', UuidPipe) documentId: string,
    @Query() query: DocumentReadQueryDto,
    @Headers(APPLICATION_SECRET_HEADER) secret: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const download = await this.uploads.download({ kind: 'citizen', code, proof: await this.proofOf(req, secret) }, documentId, query.inline === '1', originOf(req));
    sendDocument(res, download);
  }

  private citizenOf(req: Request) {
    return this.sessions.authenticate(readCookie(req, SESSION_COOKIE));
  }

  private async proofOf(req: Request, secret: string | undefined): Promise<OwnerProof> {
    const trimmed = secret?.trim();
    return { citizen: await this.citizenOf(req), secret: trimmed && trimmed.length <= 200 ? trimmed : null };
  }
}

/** Where the request came from, for the trail. */
export function originOf(req: Request): RequestOrigin {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}
