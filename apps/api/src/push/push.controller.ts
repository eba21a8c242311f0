import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentStaff, Public, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SitesService } from '../catalogue/sites.service';
import { TicketLookupThrottlerGuard } from '../common/http/ticket-throttler.guard';
import { SiteCodePipe } from '../common/pipes';
import { PublicCodePipe } from '../queue/public-code.pipe';
import { PushSettingsDto, PushSubscriptionDto, PushUnsubscribeDto } from './dto/push-subscription.dto';
import { PushRepository } from './push.repository';
import { PushSettingsService } from './push-settings.service';
import { PushService } from './push.service';

/**
 * A ticket page's Web Push: the server's VAPID public key, and subscribing a browser to a ticket's
 * messages with the ticket's public code (the page's own key). No personal data is answered.
 */
@ApiTags('tickets (public)')
@Public()
@Controller('v1')
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('push/public-key')
  @ApiOperation({ summary: "The VAPID public key a browser subscribes with (applicationServerKey)" })
  publicKey(): { publicKey: string } {
    return this.push.publicKey();
  }

  @Post('tickets/:code/push-subscription')
  @UseGuards(TicketLookupThrottlerGuard)
  @ApiOperation({ summary: 'Send this browser "N orang lagi sebelum Anda" and "Dipanggil: menuju loket X" for the ticket (201 new, 200 updated)' })
  async subscribe(@Param('code', PublicCodePipe) code: string, @Body() dto: PushSubscriptionDto, @Res({ passthrough: true }) res: Response): Promise<{ subscribed: true }> {
    const { created } = await this.push.subscribe(code, dto);
    res.status(created ? 201 : 200);
    return { subscribed: true };
  }

  @Delete('tickets/:code/push-subscription')
  @UseGuards(TicketLookupThrottlerGuard)
  @HttpCode(204)
  @ApiOperation({ summary: "Stop this browser's messages for the ticket" })
  async unsubscribe(@Param('code', PublicCodePipe) code: string, @Body() dto: PushUnsubscribeDto): Promise<void> {
    await this.push.remove(code, dto.endpoint);
  }
}

@ApiTags('admin: queue')
@ApiBearerAuth()
@Controller('v1/admin')
export class PushSettingsController {
  constructor(
    private readonly sites: SitesService,
    private readonly repo: PushRepository,
    private readonly settings: PushSettingsService,
  ) {}

  @Get('sites/:code/push-settings')
  @StaffRoles('system_admin', 'site_admin')
  async get(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<{ aheadNotice: number }> {
    const site = await this.sites.requireManageableSite(staff, code);
    return { aheadNotice: await this.repo.aheadNotice(site.id) };
  }

  @Put('sites/:code/push-settings')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'How many people ahead a ticket is told "N orang lagi sebelum Anda" (default 3; 0 = never)' })
  async set(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: PushSettingsDto): Promise<{ aheadNotice: number }> {
    const site = await this.sites.requireManageableSite(staff, code);
    return this.settings.setAheadNotice(staff, site, dto.aheadNotice);
  }
}
