import { Body, Controller, Get, HttpCode, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CitizenContactAddedResponse, CitizenHistoryResponse, CitizenMeResponse, CitizenOtpSentResponse, CitizenProvidersResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiException } from '../common/errors/api-exception';
import { CITIZEN_MESSAGES } from './citizen.messages';
import { clearCookie, OIDC_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './citizen-cookies';
import { CitizenHistoryService } from './citizen-history.service';
import { CitizenPrincipal, CitizenSessionsService, SESSION_TTL_SECONDS } from './citizen-sessions.service';
import { CitizenSessionGuard, CurrentCitizen } from './citizen-session.guard';
import { CitizenAccountService } from './citizen-account.service';
import { CitizenOtpRequestDto, CitizenOtpVerifyDto, CitizenPreferencesDto } from './dto/citizen.dto';
import { OIDC_LOGIN_TTL_SECONDS, OidcService } from './oidc.service';
import { OtpRateLimited, OtpService } from './otp.service';

const SESSION_PATH = '/api';
const OIDC_PATH = '/api/v1/citizen/oidc';
/** The portal's pages the provider's callback sends the browser to. */
const AFTER_SIGN_IN = '/akun/riwayat';
const SIGN_IN_FAILED = '/akun/masuk?gagal=oidc';

/**
 * The optional citizen account (docs/citizen-account.md). Public for the staff guard: these
 * endpoints know citizens by their session cookie only (CitizenSessionGuard).
 */
@ApiTags('citizen account')
@Public()
@Controller('v1/citizen')
export class CitizenController {
  constructor(
    private readonly otp: OtpService,
    private readonly sessions: CitizenSessionsService,
    private readonly history: CitizenHistoryService,
    private readonly oidc: OidcService,
    private readonly account: CitizenAccountService,
  ) {}

  @Get('providers')
  @ApiOperation({ summary: 'The OpenID Connect provider citizens may sign in with, if one is configured' })
  providers(): CitizenProvidersResponse {
    const settings = this.oidc.settings;
    return { oidc: settings ? { name: settings.name, startUrl: `${OIDC_PATH}/start` } : null };
  }

  @Post('otp')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a 6-digit sign-in code to a mobile number (SMS) or an email address; rate-limited per recipient and per address' })
  async requestOtp(@Body() dto: CitizenOtpRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CitizenOtpSentResponse> {
    try {
      return await this.otp.request(dto.recipient, String(req.ip));
    } catch (error) {
      if (error instanceof OtpRateLimited) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Post('otp/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with the code: sets the session cookie (httpOnly) and answers who is signed in' })
  async verifyOtp(@Body() dto: CitizenOtpVerifyDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CitizenMeResponse> {
    const recipient = await this.otp.verify(dto.recipient, dto.code.trim());
    const session = await this.sessions.signIn(recipient.kind, this.otp.recipientHash(recipient), recipient.value, 'otp');
    setCookie(req, res, SESSION_COOKIE, session.token, { path: SESSION_PATH, maxAgeSeconds: SESSION_TTL_SECONDS });
    return this.sessions.me({ citizenId: session.citizenId, tokenHash: '', expiresAt: session.expiresAt });
  }

  @Get('me')
  @UseGuards(CitizenSessionGuard)
  @ApiOperation({ summary: 'The signed-in citizen (identities masked)' })
  me(@CurrentCitizen() citizen: CitizenPrincipal): Promise<CitizenMeResponse> {
    return this.sessions.me(citizen);
  }

  @Get('history')
  @UseGuards(CitizenSessionGuard)
  @ApiOperation({ summary: "Riwayat saya: the signed-in citizen's bookings and tickets, newest first" })
  myHistory(@CurrentCitizen() citizen: CitizenPrincipal): Promise<CitizenHistoryResponse> {
    return this.history.history(citizen.citizenId);
  }

  @Put('preferences')
  @UseGuards(CitizenSessionGuard)
  @ApiOperation({ summary: 'How the signed-in citizen is told (sms, whatsapp, email, none) and in which language: the default for their next bookings and tickets from home' })
  setPreferences(@CurrentCitizen() citizen: CitizenPrincipal, @Body() dto: CitizenPreferencesDto): Promise<CitizenMeResponse> {
    return this.account.setPreferences(citizen, dto.notifyBy, dto.language ?? null);
  }

  @Post('contacts/otp')
  @UseGuards(CitizenSessionGuard)
  @HttpCode(200)
  @ApiOperation({ summary: "Send a code to another mobile number or email address of the signed-in citizen (the sign-in code's limits)" })
  async requestContactCode(@Body() dto: CitizenOtpRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CitizenOtpSentResponse> {
    try {
      return await this.account.requestContactCode(dto.recipient, String(req.ip));
    } catch (error) {
      if (error instanceof OtpRateLimited) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Post('contacts/verify')
  @UseGuards(CitizenSessionGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Add the contact proved by its code; a citizen who signed in with it before is merged into this one (bookings, tickets, contacts, sessions)' })
  addContact(@CurrentCitizen() citizen: CitizenPrincipal, @Body() dto: CitizenOtpVerifyDto): Promise<CitizenContactAddedResponse> {
    return this.account.addContact(citizen, dto.recipient, dto.code.trim());
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session (also when it has already ended) and clear its cookie' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const citizen = await this.sessions.authenticate(readCookie(req, SESSION_COOKIE));
    if (citizen) await this.sessions.signOut(citizen);
    clearCookie(req, res, SESSION_COOKIE, SESSION_PATH);
  }

  @Get('oidc/start')
  @ApiOperation({ summary: "Begin signing in with the OpenID Connect provider: a redirect to its login page (code flow, PKCE, state, nonce)" })
  async oidcStart(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.settings) throw ApiException.notFound('OIDC_NOT_CONFIGURED', CITIZEN_MESSAGES.oidcOff);
    let started: { url: string; cookie: string };
    try {
      started = await this.oidc.start();
    } catch {
      res.redirect(303, SIGN_IN_FAILED);
      return;
    }
    setCookie(req, res, OIDC_COOKIE, started.cookie, { path: OIDC_PATH, maxAgeSeconds: OIDC_LOGIN_TTL_SECONDS });
    res.redirect(303, started.url);
  }

  @Get('oidc/callback')
  @ApiOperation({ summary: "The provider's redirect back: signs the citizen in and sends the browser to Riwayat saya" })
  async oidcCallback(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.oidc.settings) throw ApiException.notFound('OIDC_NOT_CONFIGURED', CITIZEN_MESSAGES.oidcOff);
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const subject = await this.oidc.finish(search, readCookie(req, OIDC_COOKIE));
    clearCookie(req, res, OIDC_COOKIE, OIDC_PATH);
    if (!subject) {
      res.redirect(303, SIGN_IN_FAILED);
      return;
    }
    const value = `${subject.issuer}|${subject.subject}`;
    const session = await this.sessions.signIn('oidc', this.oidc.identityHash(value), JSON.stringify({ name: this.oidc.settings.name, iss: subject.issuer, sub: subject.subject }), 'oidc');
    setCookie(req, res, SESSION_COOKIE, session.token, { path: SESSION_PATH, maxAgeSeconds: SESSION_TTL_SECONDS });
    res.redirect(303, AFTER_SIGN_IN);
  }
}
