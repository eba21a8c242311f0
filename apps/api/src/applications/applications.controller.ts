import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApplicationCreatedResponse, ApplicationResponse } from '@mpp/contracts';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { readCookie, SESSION_COOKIE } from '../citizen/citizen-cookies';
import { CitizenSessionsService } from '../citizen/citizen-sessions.service';
import { ApplicationService, OwnerProof, RequestOrigin } from './application.service';
import { CreateApplicationDto } from './dto/application.dto';

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
    private readonly sessions: CitizenSessionsService,
  ) {}

  @Post()
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
