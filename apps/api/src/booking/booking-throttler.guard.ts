import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Booking endpoints are public; the limits (per client address) keep them from being scraped or flooded. */
@Injectable()
export class BookingThrottlerGuard extends ThrottlerGuard {}
