import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import type {
  CheckInRequest,
  CheckInResponse,
  IssueTicketRequest,
  TicketResponse,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import { retry, throwError, timeout, timer, type Observable } from 'rxjs';

/** How a kiosk request is retried after a network error, a timeout or a 5xx answer. */
export interface KioskRetryPolicy {
  /** Automatic retries before the person is offered "Coba lagi". */
  retries: number;
  /** Wait before the first retry; doubled for each next one. */
  backoffMs: number;
  /** A request with no answer after this long is abandoned and retried. */
  timeoutMs: number;
}

export const KIOSK_RETRY_POLICY = new InjectionToken<KioskRetryPolicy>('KIOSK_RETRY_POLICY', {
  providedIn: 'root',
  factory: () => ({ retries: 2, backoffMs: 1000, timeoutMs: 15_000 }),
});

/** Worth sending again: no answer (network, timeout) or a server failure. 4xx answers are final. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof HttpErrorResponse) {
    return error.status === 0 || error.status >= 500;
  }
  return error instanceof Error && error.name === 'TimeoutError';
}

/** The kiosk's queue requests, sent with the device token (added by the device interceptor). */
@Injectable({ providedIn: 'root' })
export class KioskQueueApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly policy = inject(KIOSK_RETRY_POLICY);

  /**
   * Issues a ticket. `idempotencyKey` is made once per ticket the person asked for and is sent
   * unchanged on every retry (automatic here, or "Coba lagi"), so the server answers a retry with
   * the ticket it already issued: a network blip never makes two tickets.
   */
  issue(request: IssueTicketRequest, idempotencyKey: string): Observable<TicketResponse> {
    return this.retrying(
      this.http.post<TicketResponse>(`${this.baseUrl}/queue/tickets`, request, {
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    );
  }

  /** Checks an online booking in (typed or scanned code). Checking in twice is harmless. */
  checkIn(request: CheckInRequest): Observable<CheckInResponse> {
    return this.retrying(this.http.post<CheckInResponse>(`${this.baseUrl}/queue/check-in`, request));
  }

  private retrying<T>(request: Observable<T>): Observable<T> {
    const { retries, backoffMs, timeoutMs } = this.policy;
    return request.pipe(
      timeout(timeoutMs),
      retry({
        count: retries,
        delay: (error: unknown, attempt: number) =>
          isTransientError(error) ? timer(backoffMs * 2 ** (attempt - 1)) : throwError(() => error),
      }),
    );
  }
}

/** A fresh Idempotency-Key for a new ticket. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
