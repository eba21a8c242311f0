import { Controller, Get, Header, Param, ParseIntPipe } from '@nestjs/common';
import { ApiException } from '../common/errors/api-exception';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgencyResponse, ClosureResponse, SitePageResponse, SiteResponse, SiteSummaryResponse } from '@mpp/contracts';
import { Public } from '../auth/auth.decorators';
import { SiteCodePipe } from '../common/pipes';
import { SitesService } from './sites.service';

const YEAR_PIPE = new ParseIntPipe({
  exceptionFactory: () =>
    ApiException.badRequest('INVALID_YEAR', { id: 'Tahun harus berupa angka, mis. 2026.', en: 'The year must be a number, e.g. 2026.' }),
});

@ApiTags('catalogue')
@Public()
@Controller('v1')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get('sites')
  @ApiOperation({ summary: 'All active MPP sites' })
  list(): Promise<SiteSummaryResponse[]> {
    return this.sites.list();
  }

  @Get('sites/:code')
  @ApiOperation({ summary: 'One site with opening hours and upcoming closures' })
  get(@Param('code', SiteCodePipe) code: string): Promise<SiteResponse> {
    return this.sites.get(code);
  }

  @Get('sites/:code/page')
  // "Open now" changes by the minute: a cached copy is checked again (ETag) before it is shown.
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: "The citizen's page of a site: today's hours, open now, closures in the next 30 days, facilities, agencies" })
  page(@Param('code', SiteCodePipe) code: string): Promise<SitePageResponse> {
    return this.sites.page(code);
  }

  @Get('sites/:code/agencies')
  @ApiOperation({ summary: "The site's active agencies" })
  agencies(@Param('code', SiteCodePipe) code: string): Promise<AgencyResponse[]> {
    return this.sites.listAgencies(code);
  }

  @Get('calendar/:year')
  @ApiOperation({ summary: 'National holidays and cuti bersama of a year' })
  calendar(@Param('year', YEAR_PIPE) year: number): Promise<ClosureResponse[]> {
    return this.sites.listNationalCalendar(year);
  }
}
