import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BookingResponse,
  CounterResponse,
  CounterSnapshot,
  Page,
  ServiceSummaryResponse,
  TicketResponse,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import { EMPTY, expand, map, reduce, type Observable } from 'rxjs';

/** What an officer does to the counter's current ticket (POST /queue/counters/{id}/{path}). */
export type TicketActionPath = 'call-next' | 'recall' | 'start' | 'finish' | 'no-show' | 'return' | 'transfer';

/** The queue endpoints a counter officer and a supervisor use (the interceptor adds the token). */
@Injectable({ providedIn: 'root' })
export class QueueApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  siteCounters(siteCode: string): Observable<CounterResponse[]> {
    return this.http.get<CounterResponse[]>(`${this.baseUrl}/queue/sites/${encodeURIComponent(siteCode)}/counters`);
  }

  counter(counterId: string): Observable<CounterSnapshot> {
    return this.http.get<CounterSnapshot>(this.counterUrl(counterId));
  }

  setCounterState(counterId: string, state: 'open' | 'pause' | 'close'): Observable<CounterResponse> {
    return this.http.post<CounterResponse>(`${this.counterUrl(counterId)}/${state}`, {});
  }

  act(counterId: string, action: TicketActionPath, body: object = {}): Observable<TicketResponse> {
    return this.http.post<TicketResponse>(`${this.counterUrl(counterId)}/${action}`, body);
  }

  /** Calls one specific waiting ticket (only where the site's policy allows it). */
  pick(counterId: string, ticketId: string): Observable<TicketResponse> {
    return this.http.post<TicketResponse>(`${this.counterUrl(counterId)}/call`, { ticketId });
  }

  /** The booking behind a ticket that came from an online booking (NIK and phone masked). */
  bookingOfTicket(ticketId: string): Observable<BookingResponse> {
    return this.http.get<BookingResponse>(`${this.baseUrl}/queue/tickets/${encodeURIComponent(ticketId)}/booking`);
  }

  /** Every active service of a site (all pages). */
  siteServices(siteCode: string): Observable<ServiceSummaryResponse[]> {
    const pageSize = 100;
    const page = (n: number) =>
      this.http.get<Page<ServiceSummaryResponse>>(`${this.baseUrl}/services`, {
        params: { site: siteCode, page: n, pageSize },
      });
    return page(1).pipe(
      map((result, index) => ({ result, n: index + 1 })),
      expand(({ result, n }) =>
        n * pageSize < result.total ? page(n + 1).pipe(map((next) => ({ result: next, n: n + 1 }))) : EMPTY,
      ),
      reduce<{ result: Page<ServiceSummaryResponse> }, ServiceSummaryResponse[]>(
        (all, { result }) => [...all, ...result.items],
        [],
      ),
    );
  }

  private counterUrl(counterId: string): string {
    return `${this.baseUrl}/queue/counters/${encodeURIComponent(counterId)}`;
  }
}
