import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApplicationEventResponse,
  ApplicationInboxResponse,
  ApplicationItemResponse,
  ApplicationResponse,
  ApplicationResultDeliveryName,
  ApplicationStateName,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/**
 * One stored version of a requirement's document, as the agency sees it (issue 14, uploads). Read
 * defensively: an API without uploads answers items without `documents`.
 */
export interface ApplicationDocumentInfo {
  id: string;
  version: number;
  contentType: string;
  size: number;
  sha256: string;
  fileName?: string | null;
  uploadedAt: string;
  uploadedBy?: 'citizen' | 'officer';
}

/** A checklist item with its document versions (absent from an API that has no uploads yet). */
export type AgencyApplicationItem = Omit<ApplicationItemResponse, 'documents'> & { documents?: ApplicationDocumentInfo[] };

/** `GET /agency/applications/{id}`: the application, its checklist with documents, and its trail. */
export type AgencyApplicationDetail = Omit<ApplicationResponse, 'items'> & {
  items: AgencyApplicationItem[];
  events: ApplicationEventResponse[];
};

/** What the inbox can be narrowed to: one state, or the clock's flags. */
export interface InboxFilter {
  state?: ApplicationStateName;
  due?: 'due_soon' | 'overdue';
}

/** The steps of `POST /agency/applications/{id}/{step}` the review screen offers. */
export type ApplicationStep =
  | 'claim'
  | 'start-verification'
  | 'return'
  | 'resubmit'
  | 'accept'
  | 'start-process'
  | 'approve'
  | 'reject'
  | 'mark-ready'
  | 'finish';

export interface ApplicationStepBody {
  return: { citizenDeadline: string };
  reject: { reason: string };
  'mark-ready': { delivery: ApplicationResultDeliveryName };
}

/** The agency's application endpoints (the interceptor adds the staff token). */
@Injectable({ providedIn: 'root' })
export class AgencyApplicationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  inbox(filter: InboxFilter, cursor: string | null, limit = 20): Observable<ApplicationInboxResponse> {
    const params: Record<string, string | number> = { limit };
    if (filter.state) params['state'] = filter.state;
    if (filter.due) params['due'] = filter.due;
    if (cursor) params['cursor'] = cursor;
    return this.http.get<ApplicationInboxResponse>(this.root(), { params });
  }

  detail(id: string): Observable<AgencyApplicationDetail> {
    return this.http.get<AgencyApplicationDetail>(this.url(id));
  }

  step<S extends ApplicationStep>(id: string, step: S, body: S extends keyof ApplicationStepBody ? ApplicationStepBody[S] : Record<string, never>): Observable<ApplicationResponse> {
    return this.http.post<ApplicationResponse>(`${this.url(id)}/${step}`, body);
  }

  reviewItem(id: string, requirementId: string, state: 'accepted' | 'needs_revision', reason?: string): Observable<ApplicationResponse> {
    return this.http.post<ApplicationResponse>(`${this.url(id)}/items/${encodeURIComponent(requirementId)}`, reason ? { state, reason } : { state });
  }

  /** A document's bytes with the staff token, to show from a blob URL (never from the API URL: it is sandboxed). */
  document(id: string, documentId: string): Observable<Blob> {
    return this.http.get(`${this.url(id)}/documents/${encodeURIComponent(documentId)}`, { responseType: 'blob' });
  }

  private root(): string {
    return `${this.baseUrl}/agency/applications`;
  }

  private url(id: string): string {
    return `${this.root()}/${encodeURIComponent(id)}`;
  }
}
