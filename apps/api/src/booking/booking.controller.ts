import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { BookingCreatedResponse, BookingResponse, SlotsResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { UuidPipe } from '../common/pipes';
import { BookingDocuments } from './booking-documents';
import { BookingService } from './booking.service';
import { BookingThrottlerGuard } from './booking-throttler.guard';
import { CreateBookingDto, RescheduleBookingDto, SlotsQueryDto, VerifyBookingDto } from './dto/booking.dto';

/**
 * Citizens book from home. Every endpoint is rate-limited per address; after submission the
 * NIK only ever appears masked.
 */
@ApiTags('booking (public)')
@Public()
@UseGuards(BookingThrottlerGuard)
@SkipThrottle({ login: true })
@Controller('v1')
export class BookingController {
  constructor(
    private readonly bookings: BookingService,
    private readonly documents: BookingDocuments,
  ) {}

  @Get('services/:id/slots')
  @ApiOperation({ summary: "A day's slots with remaining seats; a closed day says why" })
  slots(@Param('id', UuidPipe) id: string, @Query() query: SlotsQueryDto): Promise<SlotsResponse> {
    return this.bookings.slots(id, query.date);
  }

  @Post('bookings')
  @ApiOperation({ summary: 'Book a slot: NIK, name, mobile number, optional email' })
  create(@Body() dto: CreateBookingDto, @Req() req: Request): Promise<BookingCreatedResponse> {
    return this.bookings.create(dto, origin(req));
  }

  @Get('bookings/:code')
  @ApiOperation({ summary: 'A booking, with the NIK masked' })
  get(@Param('code') code: string): Promise<BookingResponse> {
    return this.bookings.get(code);
  }

  @Get('bookings/:code/confirmation.pdf')
  @ApiOperation({ summary: 'The booking confirmation (PDF with the QR for the kiosk)' })
  async confirmation(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { pdf, code: normalized } = await this.documents.confirmationPdf(code, origin(req));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="pemesanan-${normalized}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(pdf);
  }

  @Post('bookings/:code/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: "Cancel with the booking code and the NIK's last four digits; the seat is free at once" })
  cancel(@Param('code') code: string, @Body() dto: VerifyBookingDto, @Req() req: Request): Promise<BookingResponse> {
    return this.bookings.cancel(code, dto.nikLast4, origin(req));
  }

  @Post('bookings/:code/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: "Move to another slot with the booking code and the NIK's last four digits" })
  reschedule(@Param('code') code: string, @Body() dto: RescheduleBookingDto, @Req() req: Request): Promise<BookingResponse> {
    return this.bookings.reschedule(code, dto.nikLast4, dto.date, dto.start, origin(req));
  }
}

export function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
