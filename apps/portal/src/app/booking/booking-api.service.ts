import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BookingCreatedResponse,
  BookingDaysResponse,
  BookingProof,
  BookingPublicResponse,
  BookingResponse,
  CreateBookingRequest,
  SlotsResponse,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/**
 * The booking's endpoints. The code alone reads where and when; everything else carries the
 * proof of ownership (the manage token, or the full NIK for older bookings) in a POST body,
 * never in a URL (docs/booking.md).
 */
@Injectable({ providedIn: 'root' })
export class BookingApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** Every day of the service's booking horizon: open or closed (and why), seats left. */
  days(serviceId: string): Observable<BookingDaysResponse> {
    return this.http.get<BookingDaysResponse>(`${this.baseUrl}/services/${encodeURIComponent(serviceId)}/booking-days`);
  }

  /** One day's slots with their remaining seats. */
  slots(serviceId: string, date: string): Observable<SlotsResponse> {
    return this.http.get<SlotsResponse>(`${this.baseUrl}/services/${encodeURIComponent(serviceId)}/slots`, { params: { date } });
  }

  create(request: CreateBookingRequest): Observable<BookingCreatedResponse> {
    return this.http.post<BookingCreatedResponse>(`${this.baseUrl}/bookings`, request);
  }

  reschedule(code: string, proof: BookingProof, date: string, start: string): Observable<BookingResponse> {
    return this.http.post<BookingResponse>(`${this.bookingUrl(code)}/reschedule`, { ...proof, date, start });
  }

  /** The calendar file: where and when only, so a plain link (GET) is enough. */
  calendarUrl(code: string, lang: 'id' | 'en'): string {
    return `${this.bookingUrl(code)}/calendar.ics?lang=${lang}`;
  }

  /** The QR the kiosk scans (it encodes the code only). */
  qrUrl(code: string): string {
    return `${this.bookingUrl(code)}/qr.png`;
  }

  get(code: string): Observable<BookingPublicResponse> {
    return this.http.get<BookingPublicResponse>(this.bookingUrl(code));
  }

  details(code: string, proof: BookingProof): Observable<BookingResponse> {
    return this.http.post<BookingResponse>(`${this.bookingUrl(code)}/details`, proof);
  }

  cancel(code: string, proof: BookingProof): Observable<BookingResponse> {
    return this.http.post<BookingResponse>(`${this.bookingUrl(code)}/cancel`, proof);
  }

  /** The PDF confirmation, as a file for the browser to save or open. */
  confirmationPdf(code: string, proof: BookingProof): Observable<Blob> {
    return this.http.post(`${this.bookingUrl(code)}/confirmation.pdf`, proof, { responseType: 'blob' });
  }

  private bookingUrl(code: string): string {
    return `${this.baseUrl}/bookings/${encodeURIComponent(code)}`;
  }
}
