import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ComplaintCitizenResponse,
  ComplaintCreatedResponse,
  ComplaintPhotoResponse,
  ComplaintStatsResponse,
  CreateComplaintRequest,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The header that proves the reporter (never a URL, never a log). */
const SECRET_HEADER = 'X-Complaint-Secret';

/** The reporter's steps on a complaint (docs/complaints.md, Citizen). */
export type ComplaintCitizenAction = { kind: 'reply'; text: string } | { kind: 'reopen'; text: string } | { kind: 'close' } | { kind: 'rating'; rating: number };

/**
 * The public complaint endpoints (docs/complaints.md): file, follow with the code and the secret
 * (`X-Complaint-Secret`, a header only), the reporter's steps, the photos, the site's statistics.
 */
@Injectable({ providedIn: 'root' })
export class ComplaintApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  create(request: CreateComplaintRequest): Observable<ComplaintCreatedResponse> {
    return this.http.post<ComplaintCreatedResponse>(`${this.baseUrl}/complaints`, request);
  }

  read(code: string, secret: string): Observable<ComplaintCitizenResponse> {
    return this.http.get<ComplaintCitizenResponse>(this.url(code), { headers: proof(secret) });
  }

  act(code: string, secret: string, action: ComplaintCitizenAction): Observable<ComplaintCitizenResponse> {
    const body = action.kind === 'rating' ? { rating: action.rating } : action.kind === 'close' ? {} : { text: action.text };
    return this.http.post<ComplaintCitizenResponse>(`${this.url(code)}/${action.kind}`, body, { headers: proof(secret) });
  }

  /** `POST …/{code}/photos`, multipart field `photo`; the API re-encodes it without EXIF/GPS. */
  uploadPhoto(code: string, secret: string, file: File): Observable<ComplaintPhotoResponse> {
    const form = new FormData();
    form.append('photo', file, file.name || 'foto.jpg');
    return this.http.post<ComplaintPhotoResponse>(`${this.url(code)}/photos`, form, { headers: proof(secret) });
  }

  /** A photo's bytes, read with the secret header (so an <img> cannot load it by URL alone). */
  photo(code: string, secret: string, photoId: string): Observable<Blob> {
    return this.http.get(`${this.url(code)}/photos/${encodeURIComponent(photoId)}`, { headers: proof(secret), responseType: 'blob' });
  }

  /** The server's VAPID key (404 PUSH_DISABLED when this server sends no Web Push). */
  pushPublicKey(): Observable<{ publicKey: string }> {
    return this.http.get<{ publicKey: string }>(`${this.baseUrl}/push/public-key`);
  }

  /** This browser gets the complaint's status changes (`POST …/{code}/push-subscription`). */
  subscribePush(code: string, secret: string, subscription: { endpoint: string; keys: { p256dh: string; auth: string } }, lang: 'id' | 'en'): Observable<{ subscribed: true }> {
    return this.http.post<{ subscribed: true }>(`${this.url(code)}/push-subscription`, { endpoint: subscription.endpoint, keys: subscription.keys, lang }, { headers: proof(secret) });
  }

  unsubscribePush(code: string, secret: string, endpoint: string): Observable<void> {
    return this.http.delete<void>(`${this.url(code)}/push-subscription`, { headers: proof(secret), body: { endpoint } });
  }

  stats(siteCode: string, period: { from?: string; to?: string }): Observable<ComplaintStatsResponse> {
    let params = new HttpParams();
    if (period.from) params = params.set('from', period.from);
    if (period.to) params = params.set('to', period.to);
    return this.http.get<ComplaintStatsResponse>(`${this.baseUrl}/sites/${encodeURIComponent(siteCode)}/complaints/stats`, { params });
  }

  private url(code: string): string {
    return `${this.baseUrl}/complaints/${encodeURIComponent(code)}`;
  }
}

function proof(secret: string): HttpHeaders {
  return new HttpHeaders({ [SECRET_HEADER]: secret });
}
