import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OnlineTicketAvailability, OnlineTicketCreatedResponse, OnlineTicketPolicy, OnlineTicketTiming } from '@mpp/contracts';
import type { Response } from 'express';
import { CurrentStaff, Public, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { TicketLookupThrottlerGuard } from '../common/http/ticket-throttler.guard';
import { SiteCodePipe } from '../common/pipes';
import { OnlineTicketThrottlerGuard } from './online-ticket-throttler.guard';
import { CreateOnlineTicketDto, OnlineTicketAvailabilityQueryDto, OnlineTicketPolicyDto } from './online-ticket.dto';
import { OnlineTicketService } from './online-ticket.service';
import { PublicCodePipe } from './public-code.pipe';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/** Citizens take a ticket from home ("antrean daring"); site admins set the daily caps per NIK. */
@ApiTags('queue: online tickets')
@Controller('v1')
export class OnlineTicketController {
  constructor(private readonly online: OnlineTicketService) {}

  @Get('queue/online-tickets/availability')
  @Public()
  @UseGuards(TicketLookupThrottlerGuard)
  @ApiOperation({ summary: 'Whether a ticket from home can be taken for the service now, and if not why' })
  availability(@Query() query: OnlineTicketAvailabilityQueryDto): Promise<OnlineTicketAvailability> {
    return this.online.availability(query.serviceId);
  }

  @Get('queue/online-tickets/:code/timing')
  @Public()
  @UseGuards(TicketLookupThrottlerGuard)
  @ApiOperation({ summary: "The server's clock and the site's hours, for the ticket page's \"when to set off\"" })
  timing(@Param('code', PublicCodePipe) code: string): Promise<OnlineTicketTiming> {
    return this.online.timing(code);
  }

  @Post('queue/online-tickets')
  @Public()
  @UseGuards(OnlineTicketThrottlerGuard)
  @ApiOperation({ summary: 'Take a ticket from home: NIK, name, mobile. Same Idempotency-Key, same ticket. The answer carries the ticket page, nothing personal.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string per ticket request, reused on retries' })
  async create(@Body() dto: CreateOnlineTicketDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<OnlineTicketCreatedResponse> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw ApiException.badRequest('INVALID_IDEMPOTENCY_KEY', {
        id: 'Idempotency-Key harus 8–200 karakter: huruf, angka, titik, garis bawah, titik dua atau tanda hubung.',
        en: 'Idempotency-Key must be 8–200 characters: letters, digits, dot, underscore, colon or hyphen.',
      });
    }
    const { ticket, replayed } = await this.online.create(dto, key ?? null);
    res.status(replayed ? 200 : 201);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return ticket;
  }

  @Get('admin/sites/:code/online-ticket-policy')
  @ApiBearerAuth()
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: "The site's daily caps per NIK for tickets from home" })
  policy(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<OnlineTicketPolicy> {
    return this.online.policy(staff, code);
  }

  @Put('admin/sites/:code/online-ticket-policy')
  @ApiBearerAuth()
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'Set the daily caps per NIK: per service (default 1) and over all services (default 3)' })
  setPolicy(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: OnlineTicketPolicyDto): Promise<OnlineTicketPolicy> {
    return this.online.setPolicy(staff, code, dto);
  }
}
