import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BookingPolicy, BookingResponse, CheckInResponse } from '@mpp/contracts';
import { CurrentPrincipal, CurrentStaff, StaffRoles } from '../auth/auth.decorators';
import type { Principal, StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { BookingService } from './booking.service';
import { BookingPolicyDto, CheckInDto, SlotsQueryDto } from './dto/booking.dto';

@ApiTags('booking: kiosk and staff')
@ApiBearerAuth()
@Controller('v1')
export class CheckInController {
  constructor(private readonly bookings: BookingService) {}

  @Post('queue/check-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kiosk: a booking (scanned QR or typed code) becomes a ticket, placed at its slot time' })
  checkIn(@CurrentPrincipal() principal: Principal, @Body() dto: CheckInDto): Promise<CheckInResponse> {
    if (principal.kind !== 'device') {
      throw ApiException.forbidden('KIOSK_ONLY', { id: 'Check-in hanya dapat dilakukan di kios MPP.', en: 'Check-in is done at the MPP kiosk.' });
    }
    return this.bookings.checkIn(principal, dto.code);
  }

  @Get('queue/tickets/:id/booking')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin', 'officer')
  @ApiOperation({ summary: "Counter console: the booking behind a checked-in ticket (NIK and phone masked)" })
  bookingOfTicket(@CurrentStaff() staff: StaffPrincipal, @Param('id', UuidPipe) id: string): Promise<BookingResponse> {
    return this.bookings.forTicket(staff, id);
  }

  @Get('admin/sites/:code/booking-stats')
  @StaffRoles('system_admin', 'site_admin', 'agency_admin', 'officer')
  @ApiOperation({ summary: 'Bookings of a day per service: active, checked in, cancelled, no-show' })
  stats(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Query() query: SlotsQueryDto) {
    return this.bookings.stats(staff, code, query.date);
  }

  @Get('admin/sites/:code/booking-policy')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'The check-in window, late arrivals and weekly limit in force, in the shape PUT accepts' })
  readPolicy(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string): Promise<BookingPolicy> {
    return this.bookings.sitePolicy(staff, code);
  }

  @Put('admin/sites/:code/booking-policy')
  @StaffRoles('system_admin', 'site_admin')
  @ApiOperation({ summary: 'Check-in window, what happens to late arrivals, and the weekly limit per NIK' })
  policy(@CurrentStaff() staff: StaffPrincipal, @Param('code', SiteCodePipe) code: string, @Body() dto: BookingPolicyDto): Promise<BookingPolicyDto> {
    return this.bookings.setSitePolicy(staff, code, dto);
  }
}
