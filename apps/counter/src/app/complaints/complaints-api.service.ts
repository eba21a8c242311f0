import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ComplaintInboxResponse,
  ComplaintStaffResponse,
  ComplaintStatusName,
  ComplaintSummaryResponse,
  StaffUserResponse,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** What the inbox can be narrowed to (the API's own query parameters). */
export interface ComplaintInboxFilter {
  status?: ComplaintStatusName | null;
  agencyId?: string | null;
}

/** The status steps of `POST …/{id}/steps/{step}`. */
export type ComplaintStep = 'verify' | 'start' | 'ask-citizen' | 'answer' | 'close';

/**
 * The handlers' complaint endpoints (docs/complaints.md, `/v1/admin/sites/{code}/complaints`); the
 * interceptor adds the staff token. The screens add no rules: the API decides and answers the
 * complaint as it is after each change.
 */
@Injectable({ providedIn: 'root' })
export class ComplaintsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  inbox(siteCode: string, filter: ComplaintInboxFilter, cursor: string | null, limit = 20): Observable<ComplaintInboxResponse> {
    const params: Record<string, string | number> = { limit };
    if (filter.status) params['status'] = filter.status;
    if (filter.agencyId) params['agencyId'] = filter.agencyId;
    if (cursor) params['cursor'] = cursor;
    return this.http.get<ComplaintInboxResponse>(this.root(siteCode), { params });
  }

  summary(siteCode: string): Observable<ComplaintSummaryResponse> {
    return this.http.get<ComplaintSummaryResponse>(`${this.root(siteCode)}/summary`);
  }

  detail(siteCode: string, id: string): Observable<ComplaintStaffResponse> {
    return this.http.get<ComplaintStaffResponse>(this.url(siteCode, id));
  }

  step(siteCode: string, id: string, step: ComplaintStep, text?: string): Observable<ComplaintStaffResponse> {
    return this.http.post<ComplaintStaffResponse>(`${this.url(siteCode, id)}/steps/${step}`, text === undefined ? {} : { text });
  }

  addNote(siteCode: string, id: string, text: string): Observable<ComplaintStaffResponse> {
    return this.http.post<ComplaintStaffResponse>(`${this.url(siteCode, id)}/notes`, { text });
  }

  assign(siteCode: string, id: string, staffId: string | null): Observable<ComplaintStaffResponse> {
    return this.http.put<ComplaintStaffResponse>(`${this.url(siteCode, id)}/assignee`, { staffId });
  }

  reroute(siteCode: string, id: string, agencyId: string | null, reason: string): Observable<ComplaintStaffResponse> {
    return this.http.post<ComplaintStaffResponse>(`${this.url(siteCode, id)}/reroute`, { agencyId, reason });
  }

  merge(siteCode: string, id: string, intoCode: string): Observable<ComplaintStaffResponse> {
    return this.http.post<ComplaintStaffResponse>(`${this.url(siteCode, id)}/merge`, { intoCode });
  }

  /** A photo's bytes with the staff token, shown from a blob URL. */
  photo(siteCode: string, id: string, photoId: string): Observable<Blob> {
    return this.http.get(`${this.url(siteCode, id)}/photos/${encodeURIComponent(photoId)}`, { responseType: 'blob' });
  }

  /** The staff accounts the caller may list (admins; an officer is refused 403 and sees "assign to me" only). */
  staff(): Observable<StaffUserResponse[]> {
    return this.http.get<StaffUserResponse[]>(`${this.baseUrl}/admin/users`);
  }

  private root(siteCode: string): string {
    return `${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/complaints`;
  }

  private url(siteCode: string, id: string): string {
    return `${this.root(siteCode)}/${encodeURIComponent(id)}`;
  }
}
