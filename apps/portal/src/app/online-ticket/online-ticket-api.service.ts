import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateOnlineTicketRequest, OnlineTicketAvailability, OnlineTicketCreatedResponse, OnlineTicketTiming } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The online-ticket endpoints (docs/api.md, "Online tickets"). */
@Injectable({ providedIn: 'root' })
export class OnlineTicketApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  availability(serviceId: string): Observable<OnlineTicketAvailability> {
    return this.http.get<OnlineTicketAvailability>(`${this.baseUrl}/queue/online-tickets/availability`, { params: { serviceId } });
  }

  /** One key per form submission, reused if the same submission is retried: one ticket, however often. */
  create(request: CreateOnlineTicketRequest, idempotencyKey: string): Observable<OnlineTicketCreatedResponse> {
    return this.http.post<OnlineTicketCreatedResponse>(`${this.baseUrl}/queue/online-tickets`, request, { headers: { 'Idempotency-Key': idempotencyKey } });
  }

  timing(code: string): Observable<OnlineTicketTiming> {
    return this.http.get<OnlineTicketTiming>(`${this.baseUrl}/queue/online-tickets/${encodeURIComponent(code)}/timing`);
  }
}
