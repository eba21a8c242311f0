import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PublicTicketResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The ticket's public endpoints: the code printed in the QR is the only key. */
@Injectable({ providedIn: 'root' })
export class TicketApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  get(code: string): Observable<PublicTicketResponse> {
    return this.http.get<PublicTicketResponse>(this.ticketUrl(code));
  }

  /** The citizen gives up a waiting ticket; answers with the ticket as it now is. */
  cancel(code: string): Observable<PublicTicketResponse> {
    return this.http.post<PublicTicketResponse>(`${this.ticketUrl(code)}/cancel`, {});
  }

  /** The printable ticket (PDF), for a plain link: the browser opens it itself. */
  printUrl(code: string, format: '80mm' | 'a6' = '80mm'): string {
    return `${this.ticketUrl(code)}/print?format=${format}`;
  }

  private ticketUrl(code: string): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(code)}`;
  }
}
