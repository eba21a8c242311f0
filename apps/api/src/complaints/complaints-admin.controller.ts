import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComplaintInboxResponse, ComplaintStaffAction, ComplaintStaffResponse, ComplaintSummaryResponse } from '@mpp/contracts';
import type { Request } from 'express';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { ComplaintService } from './complaint.service';
import { originOf } from './complaints.controller';
import { AssignComplaintDto, ComplaintInboxQueryDto, ComplaintOptionalTextDto, ComplaintTextDto, MergeComplaintDto, RerouteComplaintDto } from './dto/complaint.dto';

const STEPS: Record<string, ComplaintStaffAction> = { verify: 'verify', start: 'start', 'ask-citizen': 'ask_citizen', answer: 'answer', close: 'close' };

/**
 * The handlers' side (docs/complaints.md): site admins handle every complaint of their site and
 * alone see a confidential reporter; agency admins and officers handle their agency's (another
 * agency's answers 404).
 */
@ApiTags('complaints (staff)')
@ApiBearerAuth()
@StaffRoles('system_admin', 'site_admin', 'agency_admin', 'officer')
@Controller('v1/admin/sites/:code/complaints')
export class ComplaintsAdminController {
  constructor(private readonly complaints: ComplaintService) {}

  @Get()
  @ApiOperation({ summary: 'The inbox, oldest first, paged (agency staff: their agency only)' })
  inbox(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Query() query: ComplaintInboxQueryDto): Promise<ComplaintInboxResponse> {
    return this.complaints.inbox(staff, code, query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Live counts per agency and status, untouched and overdue, the oldest open first (agency staff: their agency); no personal data' })
  summary(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<ComplaintSummaryResponse> {
    return this.complaints.summary(staff, code);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One complaint with its trail and clocks (a confidential reporter only for the site admin)' })
  get(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Param('id', UuidPipe) id: string): Promise<ComplaintStaffResponse> {
    return this.complaints.get(staff, code, id);
  }

  @Post(':id/steps/:step')
  @HttpCode(200)
  @ApiOperation({ summary: 'A status step: verify, start, ask-citizen (text), answer (text), close (text unless answered)' })
  step(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('code', SiteCodePipe) code: string,
    @Param('id', UuidPipe) id: string,
    @Param('step') step: string,
    @Body() dto: ComplaintOptionalTextDto,
    @Req() req: Request,
  ): Promise<ComplaintStaffResponse> {
    const action = Object.hasOwn(STEPS, step) ? STEPS[step] : undefined;
    if (!action) throw new BadRequestException({ statusCode: 400, code: 'UNKNOWN_STEP', message: { id: `Langkah tidak dikenal: ${Object.keys(STEPS).join(', ')}.`, en: `Unknown step: ${Object.keys(STEPS).join(', ')}.` } });
    return this.complaints.staffStep(staff, code, id, action, dto.text ?? null, originOf(req));
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'An internal note (never shown to the reporter)' })
  note(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Param('id', UuidPipe) id: string, @Body() dto: ComplaintTextDto, @Req() req: Request): Promise<ComplaintStaffResponse> {
    return this.complaints.addNote(staff, code, id, dto.text, originOf(req));
  }

  @Put(':id/assignee')
  @ApiOperation({ summary: 'Assign to a staff member of the complaint’s agency or a site admin (null: unassign)' })
  assign(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Param('id', UuidPipe) id: string, @Body() dto: AssignComplaintDto, @Req() req: Request): Promise<ComplaintStaffResponse> {
    return this.complaints.assign(staff, code, id, dto.staffId ?? null, originOf(req));
  }

  @Post(':id/reroute')
  @HttpCode(200)
  @ApiOperation({ summary: '"Bukan wewenang": to another agency of the site, or out of the MPP (agencyId null: closed), with a reason' })
  reroute(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Param('id', UuidPipe) id: string, @Body() dto: RerouteComplaintDto, @Req() req: Request): Promise<ComplaintStaffResponse> {
    return this.complaints.reroute(staff, code, id, dto.agencyId ?? null, dto.reason, originOf(req));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate into the complaint it repeats (closed, pointing at it)' })
  merge(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Param('id', UuidPipe) id: string, @Body() dto: MergeComplaintDto, @Req() req: Request): Promise<ComplaintStaffResponse> {
    return this.complaints.merge(staff, code, id, dto.intoCode, originOf(req));
  }
}
