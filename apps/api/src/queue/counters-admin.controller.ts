import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CounterResponse, QueuePolicy, RetiredCounterResponse } from '@mpp/contracts';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { CountersAdminService } from './counters-admin.service';
import { CreateCounterDto, QueuePolicyDto, UpdateCounterDto } from './dto/queue.dto';

@ApiTags('admin: queue')
@ApiBearerAuth()
@Controller('v1/admin')
export class CountersAdminController {
  constructor(private readonly counters: CountersAdminService) {}

  @Post('sites/:code/counters')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'Add a counter (loket) serving one or more services' })
  create(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: CreateCounterDto): Promise<CounterResponse> {
    return this.counters.create(staff, code, dto);
  }

  @Patch('counters/:id')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: "Rename, change the services, or renumber a counter (its place on the display; another counter's number swaps)" })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: UpdateCounterDto): Promise<CounterResponse> {
    return this.counters.update(staff, id, dto);
  }

  @Post('counters/:id/retire')
  @HttpCode(204)
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'Retire a closed counter nobody sits at (409 while open, holding a ticket, or with tickets transferred to it)' })
  retire(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.counters.retire(staff, id);
  }

  @Get('sites/:code/counters/retired')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: "The site's retired counters by number (left out of every other counter list)" })
  retiredCounters(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<RetiredCounterResponse[]> {
    return this.counters.retired(staff, code);
  }

  @Get('sites/:code/queue-policy')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'The calling order in force, in the shape PUT accepts' })
  readPolicy(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<QueuePolicy> {
    return this.counters.policy(staff, code);
  }

  @Put('sites/:code/queue-policy')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'Calling order: priority first or interleaved, officer picks, recalls before no-show' })
  policy(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: QueuePolicyDto): Promise<QueuePolicy> {
    return this.counters.setPolicy(staff, code, dto);
  }
}
