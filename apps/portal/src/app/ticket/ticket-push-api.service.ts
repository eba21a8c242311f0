import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The browser's push subscription as the API keeps it (PushSubscription.toJSON()). */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A ticket's Web Push endpoints (apps/api/src/push): the ticket's public code is the key. */
@Injectable({ providedIn: 'root' })
export class TicketPushApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  publicKey(): Observable<{ publicKey: string }> {
    return this.http.get<{ publicKey: string }>(`${this.baseUrl}/push/public-key`);
  }

  subscribe(code: string, subscription: PushSubscriptionJson, lang: 'id' | 'en'): Observable<{ subscribed: true }> {
    return this.http.post<{ subscribed: true }>(this.url(code), { endpoint: subscription.endpoint, keys: subscription.keys, lang });
  }

  unsubscribe(code: string, endpoint: string): Observable<void> {
    return this.http.delete<void>(this.url(code), { body: { endpoint } });
  }

  private url(code: string): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(code)}/push-subscription`;
  }
}
