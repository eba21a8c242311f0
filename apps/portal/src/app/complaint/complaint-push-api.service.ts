import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

import type { PushSubscriptionJson } from '../ticket/ticket-push-api.service';

/** A complaint's Web Push endpoints (apps/api/src/complaints/complaint-push.controller.ts): the code and the secret header. */
@Injectable({ providedIn: 'root' })
export class ComplaintPushApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  publicKey(): Observable<{ publicKey: string }> {
    return this.http.get<{ publicKey: string }>(`${this.baseUrl}/push/public-key`);
  }

  subscribe(code: string, secret: string, subscription: PushSubscriptionJson, lang: 'id' | 'en'): Observable<{ subscribed: true }> {
    return this.http.post<{ subscribed: true }>(this.url(code), { endpoint: subscription.endpoint, keys: subscription.keys, lang }, { headers: this.headers(secret) });
  }

  unsubscribe(code: string, secret: string, endpoint: string): Observable<void> {
    return this.http.delete<void>(this.url(code), { body: { endpoint }, headers: this.headers(secret) });
  }

  private headers(secret: string): HttpHeaders {
    return new HttpHeaders({ 'X-Complaint-Secret': secret });
  }

  private url(code: string): string {
    return `${this.baseUrl}/complaints/${encodeURIComponent(code)}/push-subscription`;
  }
}
