import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DisplaySnapshot } from '@mpp/contracts';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { SiteCodePipe } from '../common/pipes';
import { DisplayService } from './display.service';

@ApiTags('queue')
@ApiBearerAuth()
@Controller('v1/queue/sites')
export class DisplayController {
  constructor(private readonly display: DisplayService) {}

  @Get(':code/display')
  @ApiOperation({ summary: "The hall display's snapshot (display/kiosk devices and staff of the site). Live updates: socket.io /queue, join-display." })
  async snapshot(@CurrentPrincipal() principal: Principal, @Param('code', SiteCodePipe) code: string): Promise<DisplaySnapshot> {
    return this.display.snapshot(await this.display.requireSiteFor(principal, code));
  }
}
