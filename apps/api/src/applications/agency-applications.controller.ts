import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApplicationDocumentAccessResponse, ApplicationEventResponse, ApplicationInboxResponse, ApplicationNoteResponse, ApplicationResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { UuidPipe } from '../common/pipes';
import { ApplicationNotesService } from './application-notes.service';
import { ApplicationUploadsService } from './application-uploads.service';
import { ApplicationService } from './application.service';
import { originOf } from './applications.controller';
import { sendDocument, uploadBody } from './document-http';
import { AddApplicationNoteDto, CreateWalkInApplicationDto, DocumentReadQueryDto, InboxQueryDto, MarkReadyDto, RejectApplicationDto, ReturnApplicationDto, ReviewItemDto } from './dto/application.dto';

/**
 * The agency's side: its officers (and agency admins) see and act on their own agency's
 * applications only; another agency's answer 404. An officer's first step claims the application;
 * another officer's claim is refused (409) unless the caller is the agency admin.
 */
@ApiTags('applications (agency)')
@ApiBearerAuth()
@StaffRoles('officer', 'agency_admin')
@Controller('v1/agency/applications')
export class AgencyApplicationsController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly uploads: ApplicationUploadsService,
    private readonly notes: ApplicationNotesService,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'A walk-in’s application, opened from the ticket the officer is serving at their counter (for its service); the code and the secret go to the citizen’s phone only',
  })
  createWalkIn(@CurrentStaff() staff: StaffPrincipal, @Body() dto: CreateWalkInApplicationDto, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.createWalkIn(staff, dto, originOf(req));
  }

  @Get()
  @ApiOperation({ summary: "The agency's inbox, newest first: filter by state, or by flag (due_soon, overdue, at_risk: the flag job's rule); keyset paging by cursor" })
  inbox(@CurrentStaff() staff: StaffPrincipal, @Query() query: InboxQueryDto): Promise<ApplicationInboxResponse> {
    return this.applications.inbox(staff, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application with its checklist and trail (NIK and phone masked)' })
  detail(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<ApplicationResponse & { events: ApplicationEventResponse[] }> {
    return this.applications.detail(staff, id);
  }

  @Get(':id/notes')
  @ApiOperation({ summary: 'The officers’ internal notes, oldest first (never shown to the citizen)' })
  listNotes(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<ApplicationNoteResponse[]> {
    return this.notes.list(staff, id);
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'Add an internal note (any officer of the agency; no claim needed); notes are never changed' })
  addNote(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: AddApplicationNoteDto): Promise<ApplicationNoteResponse> {
    return this.notes.add(staff, id, dto.text);
  }

  @Get(':id/document-access')
  @ApiOperation({ summary: 'Every read of the application’s documents, oldest first: who, when, from where' })
  documentAccess(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<ApplicationDocumentAccessResponse[]> {
    return this.uploads.accessLog(staff, id);
  }

  @Get(':id/documents/:documentId')
  @ApiOperation({ summary: 'One uploaded document, decrypted, as an attachment (images with ?inline=1 shown inline); every read is logged' })
  async document(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', UuidPipe) id: string,
    @Param('documentId', UuidPipe) documentId: string,
    @Query() query: DocumentReadQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendDocument(res, await this.uploads.download({ kind: 'officer', staff, id }, documentId, query.inline === '1', originOf(req)));
  }

  @Put(':id/items/:requirementId/document')
  @ApiOperation({ summary: 'Upload a document for the citizen at the counter: a walk-in’s draft (any item), or a returned application’s items to correct. The body is the file itself' })
  @ApiConsumes('application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream')
  @ApiHeader({ name: 'X-File-Name', required: false, description: 'the file’s name, percent-encoded UTF-8' })
  upload(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', UuidPipe) id: string,
    @Param('requirementId', UuidPipe) requirementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApplicationResponse> {
    const body = uploadBody(req, res);
    return body.guard(this.uploads.upload({ kind: 'officer', staff, id }, requirementId, body.stream, body.length, body.fileName, originOf(req)));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a walk-in’s draft at the counter (every mandatory document uploaded)' })
  submit(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.submitAtCounter(staff, id, originOf(req));
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.claim(staff, id, originOf(req));
  }

  @Post(':id/start-verification')
  @HttpCode(200)
  startVerification(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.startVerification(staff, id, originOf(req));
  }

  @Post(':id/items/:requirementId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one requirement accepted, or needs_revision with a reason' })
  reviewItem(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('id', UuidPipe) id: string,
    @Param('requirementId', UuidPipe) requirementId: string,
    @Body() dto: ReviewItemDto,
    @Req() req: Request,
  ): Promise<ApplicationResponse> {
    return this.applications.reviewItem(staff, id, requirementId, dto.state, dto.reason, originOf(req));
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return the items marked needs_revision to the citizen, with a deadline' })
  returnForCorrection(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: ReturnApplicationDto, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.returnForCorrection(staff, id, new Date(dto.citizenDeadline), originOf(req));
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Corrections brought to the counter: resubmit for the citizen' })
  resubmit(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.resubmitAtCounter(staff, id, originOf(req));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark complete (every requirement accepted): the SLA clock starts' })
  accept(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.accept(staff, id, originOf(req));
  }

  @Post(':id/start-process')
  @HttpCode(200)
  startProcess(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.startProcess(staff, id, originOf(req));
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.approve(staff, id, originOf(req));
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: RejectApplicationDto, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.reject(staff, id, dto.reason, originOf(req));
  }

  @Post(':id/mark-ready')
  @HttpCode(200)
  markReady(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: MarkReadyDto, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.markReady(staff, id, dto.delivery, originOf(req));
  }

  @Post(':id/finish')
  @HttpCode(200)
  finish(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Req() req: Request): Promise<ApplicationResponse> {
    return this.applications.finish(staff, id, originOf(req));
  }
}
