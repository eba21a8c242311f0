import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { BookingProof, BookingPublicResponse, BookingResponse } from '@mpp/contracts';
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
