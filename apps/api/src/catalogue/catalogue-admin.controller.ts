import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgencyResponse, ClosureResponse, RetiredServiceResponse, ServiceResponse, ServiceSummaryResponse, SiteResponse, SiteSummaryResponse } from '@mpp/contracts';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { AgenciesService } from './agencies.service';
import { CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';
import { CreateServiceDto, UpdateServiceDto } from './dto/service.dto';
import { CreateCalendarDayDto, CreateClosureDto, CreateSiteDto, UpdateSiteDto } from './dto/site.dto';
import { ServiceCatalogService } from './service-catalog.service';
import { SitesService } from './sites.service';

/** Create, update and retire the catalogue. Role here, scope (which site/agency) in the services. */
@ApiTags('admin: catalogue')
@ApiBearerAuth()
@Controller('v1/admin')
export class CatalogueAdminController {
  constructor(
    private readonly sites: SitesService,
    private readonly agencies: AgenciesService,
    private readonly services: ServiceCatalogService,
  ) {}

  @Post('sites')
  @StaffRoles('system_admin')
  createSite(@CurrentStaff() staff: StaffPrincipal, @Body() dto: CreateSiteDto): Promise<SiteResponse> {
    return this.sites.create(staff, dto);
  }

  @Patch('sites/:code')
  @StaffRoles('system_admin', 'site_admin')
  updateSite(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: UpdateSiteDto): Promise<SiteResponse> {
    return this.sites.update(staff, code, dto);
  }

  @Post('sites/:code/retire')
  @HttpCode(200)
  @StaffRoles('system_admin')
  retireSite(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<SiteSummaryResponse> {
    return this.sites.retire(staff, code);
  }

  @Post('sites/:code/closures')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'Add a local closure day (site-local date)' })
  addClosure(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: CreateClosureDto): Promise<ClosureResponse> {
    return this.sites.addClosure(staff, code, dto);
  }

  @Delete('sites/:code/closures/:id')
  @HttpCode(204)
  @StaffRoles('system_admin', 'site_admin')
  removeClosure(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.sites.removeClosure(staff, code, id);
  }

  @Post('calendar')
  @StaffRoles('system_admin')
  @ApiOperation({ summary: 'Add a national holiday or cuti bersama day (from the yearly SKB)' })
  addCalendarDay(@CurrentStaff() staff: StaffPrincipal, @Body() dto: CreateCalendarDayDto): Promise<ClosureResponse> {
    return this.sites.addCalendarDay(staff, dto);
  }

  @Delete('calendar/:id')
  @HttpCode(204)
  @StaffRoles('system_admin')
  removeCalendarDay(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.sites.removeCalendarDay(staff, id);
  }

  @Post('sites/:code/agencies')
  @StaffRoles('system_admin', 'site_admin')
  createAgency(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: CreateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.create(staff, code, dto);
  }

  @Patch('agencies/:id')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  updateAgency(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: UpdateAgencyDto): Promise<AgencyResponse> {
    return this.agencies.update(staff, id, dto);
  }

  @Post('agencies/:id/retire')
  @HttpCode(200)
  @StaffRoles('system_admin', 'site_admin')
  retireAgency(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<AgencyResponse> {
    return this.agencies.retire(staff, id);
  }

  @Get('agencies/:id/retired-services')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  @ApiOperation({ summary: "An agency's retired services (its admins, its site's admins)" })
  listRetiredServices(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) agencyId: string): Promise<RetiredServiceResponse[]> {
    return this.services.listRetired(staff, agencyId);
  }

  @Post('agencies/:id/services')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  createService(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) agencyId: string, @Body() dto: CreateServiceDto): Promise<ServiceResponse> {
    return this.services.create(staff, agencyId, dto);
  }

  @Patch('services/:id')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  updateService(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: UpdateServiceDto): Promise<ServiceResponse> {
    return this.services.update(staff, id, dto);
  }

  @Post('services/:id/retire')
  @HttpCode(200)
  @StaffRoles('system_admin', 'site_admin', 'agency_admin')
  retireService(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<ServiceSummaryResponse> {
    return this.services.retire(staff, id);
  }
}
