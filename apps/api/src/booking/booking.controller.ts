import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { BookingCreatedResponse, BookingDaysResponse, BookingPublicResponse, BookingResponse, SlotsResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { publicBaseUrl } from '../common/http/host-policy';
import { UuidPipe } from '../common/pipes';
import { BookingDocuments } from './booking-documents';
import { BookingService } from './booking.service';
import { BookingThrottlerGuard } from './booking-throttler.guard';
import { BookingProofDto, CalendarQueryDto, CreateBookingDto, RescheduleBookingDto, SlotsQueryDto } from './dto/booking.dto';

/**
 * Citizens book from home. Every endpoint is rate-limited per address; after submission the
 * NIK only ever appears masked. The code alone shows where and when; the name, the PDF and every
 * change need the proof of ownership (the manage token of the link, or for older bookings the
 * full NIK) in the body of a POST, never in a URL.
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

  @Get('services/:id/booking-days')
  @ApiOperation({ summary: 'Every day of the booking horizon: open or closed (and why), seats left in its bookable slots' })
  days(@Param('id', UuidPipe) id: string): Promise<BookingDaysResponse> {
    return this.bookings.days(id);
  }

  @Post('bookings')
  @ApiOperation({ summary: 'Book a slot: NIK, name, mobile number, optional email' })
  create(@Body() dto: CreateBookingDto, @Req() req: Request): Promise<BookingCreatedResponse> {
    return this.bookings.create(dto, origin(req));
  }

  @Get('bookings/:code')
  @ApiOperation({ summary: 'A booking by its code: service, site, time and status; no personal data' })
  get(@Param('code') code: string): Promise<BookingPublicResponse> {
    return this.bookings.get(code);
  }

  @Get('bookings/:code/calendar.ics')
  @ApiOperation({ summary: 'The booking as a calendar event (.ics): where, when, what to bring; nothing personal, like the code alone' })
  async calendar(@Param('code') code: string, @Query() query: CalendarQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { ics, code: normalized } = await this.documents.calendar(code, query.lang ?? 'id', origin(req));
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pemesanan-${normalized}.ics"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(ics);
  }

  @Get('bookings/:code/qr.png')
  @ApiOperation({ summary: "The booking's QR for the kiosk: it encodes the code and nothing else" })
  async qr(@Param('code') code: string, @Res() res: Response): Promise<void> {
    const png = await this.documents.qrPng(code);
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.end(png);
  }

  @Post('bookings/:code/details')
  @HttpCode(200)
  @ApiOperation({ summary: 'The booking as its owner sees it (name; NIK and phone masked), with the manage token or, for older bookings, the full NIK' })
  details(@Param('code') code: string, @Body() dto: BookingProofDto): Promise<BookingResponse> {
    return this.bookings.details(code, dto);
  }

  @Post('bookings/:code/confirmation.pdf')
  @HttpCode(200)
  @ApiOperation({ summary: 'The booking confirmation (PDF with the QR for the kiosk), with the same proof as the details' })
  async confirmation(@Param('code') code: string, @Body() dto: BookingProofDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { pdf, code: normalized } = await this.documents.confirmationPdf(code, dto, origin(req));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="pemesanan-${normalized}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(pdf);
  }

  @Post('bookings/:code/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel with the manage token (or, for older bookings, the full NIK); the seat is free at once' })
  cancel(@Param('code') code: string, @Body() dto: BookingProofDto, @Req() req: Request): Promise<BookingResponse> {
    return this.bookings.cancel(code, dto, origin(req));
  }

  @Post('bookings/:code/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move to another slot with the manage token (or, for older bookings, the full NIK)' })
  reschedule(@Param('code') code: string, @Body() dto: RescheduleBookingDto, @Req() req: Request): Promise<BookingResponse> {
    return this.bookings.reschedule(code, { token: dto.token, nik: dto.nik }, dto.date, dto.start, origin(req));
  }
}

export function origin(req: Request): string {
  return publicBaseUrl(req);
}
