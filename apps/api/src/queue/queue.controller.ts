import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CounterResponse, CounterSnapshot, TicketResponse } from '@mpp/contracts';
import type { Response } from 'express';
import { CurrentPrincipal, CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { Principal, StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { FinishTicketDto, IssueTicketDto, PickTicketDto, TransferDto } from './dto/queue.dto';
import { CounterService } from './counter.service';
import { TicketIssuer } from './ticket-issuer';

const COUNTER_STAFF = ['officer', 'agency_admin'] as const;

/** The hall's operations: kiosks issue, officers call and serve at their counter. */
@ApiTags('queue')
@ApiBearerAuth()
@Controller('v1/queue')
export class QueueController {
  constructor(
    private readonly issuer: TicketIssuer,
    private readonly counters: CounterService,
  ) {}

  @Post('tickets')
  @ApiOperation({ summary: 'Issue a ticket (kiosk device or staff). Same Idempotency-Key, same ticket.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string per ticket request, reused on retries' })
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: IssueTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TicketResponse> {
    if (key !== undefined && !/^[A-Za-z0-9_.:-]{8,200}$/.test(key)) {
      throw ApiException.badRequest('INVALID_IDEMPOTENCY_KEY', {
        id: 'Idempotency-Key harus 8–200 karakter: huruf, angka, titik, garis bawah, titik dua atau tanda hubung.',
        en: 'Idempotency-Key must be 8–200 characters: letters, digits, dot, underscore, colon or hyphen.',
      });
    }
    const { ticket, replayed } = await this.issuer.issue(principal, dto, key ?? null);
    res.status(replayed ? 200 : 201);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return ticket;
  }

  @Get('sites/:code/counters')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin', 'officer')
  @ApiOperation({ summary: 'Every counter of the site and what it is doing' })
  siteCounters(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<CounterResponse[]> {
    return this.counters.siteCounters(staff, code);
  }

  @Get('counters/:id')
  @StaffRoles(...COUNTER_STAFF, 'site_admin', 'system_admin')
  @ApiOperation({ summary: "A counter with its current ticket and its waiting list (the officer's agency only)" })
  counter(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<CounterSnapshot> {
    return this.counters.counterSnapshot(staff, id);
  }

  @Post('counters/:id/open')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  @ApiOperation({ summary: 'Sit at this counter and open it' })
  open(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<CounterResponse> {
    return this.counters.openCounter(staff, id);
  }

  @Post('counters/:id/pause')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  pause(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<CounterResponse> {
    return this.counters.setCounterState(staff, id, 'paused');
  }

  @Post('counters/:id/close')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  close(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<CounterResponse> {
    return this.counters.setCounterState(staff, id, 'closed');
  }

  @Post('counters/:id/call-next')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  @ApiOperation({ summary: 'Call the next ticket by the site policy' })
  callNext(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<TicketResponse> {
    return this.counters.callNext(staff, id);
  }

  @Post('counters/:id/call')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  @ApiOperation({ summary: 'Call a specific waiting ticket (only where the site allows; logged)' })
  pick(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: PickTicketDto): Promise<TicketResponse> {
    return this.counters.pick(staff, id, dto.ticketId);
  }

  @Post('counters/:id/recall')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  recall(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<TicketResponse> {
    return this.counters.recall(staff, id);
  }

  @Post('counters/:id/start')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  start(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<TicketResponse> {
    return this.counters.start(staff, id);
  }

  @Post('counters/:id/finish')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  finish(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: FinishTicketDto): Promise<TicketResponse> {
    return this.counters.finish(staff, id, dto.outcomeNote?.trim() || null);
  }

  @Post('counters/:id/no-show')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  noShow(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<TicketResponse> {
    return this.counters.noShow(staff, id);
  }

  @Post('counters/:id/return')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  @ApiOperation({ summary: 'Put the called ticket back in the queue, in its place' })
  returnToQueue(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<TicketResponse> {
    return this.counters.returnToQueue(staff, id);
  }

  @Post('counters/:id/transfer')
  @HttpCode(200)
  @StaffRoles(...COUNTER_STAFF)
  @ApiOperation({ summary: 'Transfer to another service and/or counter, keeping number and place' })
  transfer(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string, @Body() dto: TransferDto): Promise<TicketResponse> {
    return this.counters.transfer(staff, id, dto);
  }
}
