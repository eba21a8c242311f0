import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComplaintCitizenResponse, ComplaintCreatedResponse } from '@mpp/contracts';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators';
import { ComplaintThrottlerGuard } from './complaint-throttler.guard';
import { ComplaintService, type RequestOrigin } from './complaint.service';
import { ComplaintRatingDto, ComplaintTextDto, CreateComplaintDto } from './dto/complaint.dto';

/** The header that carries the reporter's secret (never a URL). */
export const COMPLAINT_SECRET_HEADER = 'x-complaint-secret';

export function originOf(req: Request): RequestOrigin {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}

export function secretOf(secret: string | undefined): string | null {
  const trimmed = secret?.trim();
  return trimmed && trimmed.length <= 200 ? trimmed : null;
}

/** The reporter's side: file, follow with the code and the secret, reply, reopen, accept, rate. Anything else 404. */
@ApiTags('complaints (citizen)')
@Public()
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintService) {}

  @Post()
  @UseGuards(ComplaintThrottlerGuard)
  @ApiOperation({ summary: 'File a complaint or a consultation request: the tracking code and the secret, once' })
  create(@Body() dto: CreateComplaintDto, @Req() req: Request): Promise<ComplaintCreatedResponse> {
    return this.complaints.create(dto, originOf(req));
  }

  @Get(':code')
  @ApiOperation({ summary: 'The complaint as its reporter sees it (no personal data, no internal notes), with X-Complaint-Secret' })
  read(@Param('code') code: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined): Promise<ComplaintCitizenResponse> {
    return this.complaints.read(code, secretOf(secret));
  }

  @Post(':code/reply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the handlers’ question (waiting for the reporter → in progress)' })
  reply(@Param('code') code: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined, @Body() dto: ComplaintTextDto, @Req() req: Request): Promise<ComplaintCitizenResponse> {
    return this.complaints.citizenStep(code, secretOf(secret), 'citizen_reply', dto.text, originOf(req));
  }

  @Post(':code/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen within the reopen period after the answer, with a reason' })
  reopen(@Param('code') code: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined, @Body() dto: ComplaintTextDto, @Req() req: Request): Promise<ComplaintCitizenResponse> {
    return this.complaints.citizenStep(code, secretOf(secret), 'reopen', dto.text, originOf(req));
  }

  @Post(':code/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the answer (answered → closed)' })
  close(@Param('code') code: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined, @Req() req: Request): Promise<ComplaintCitizenResponse> {
    return this.complaints.citizenStep(code, secretOf(secret), 'close', null, originOf(req));
  }

  @Post(':code/rating')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate the answer, 1–5 (once answered)' })
  rate(@Param('code') code: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined, @Body() dto: ComplaintRatingDto, @Req() req: Request): Promise<ComplaintCitizenResponse> {
    return this.complaints.rate(code, secretOf(secret), dto.rating, originOf(req));
  }
}
