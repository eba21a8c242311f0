import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApplicationDocumentAccessResponse,
  ApplicationEventResponse,
  ApplicationFlagKindName,
  ApplicationInboxResponse,
  ApplicationItemResponse,
  ApplicationNoteResponse,
  ApplicationResponse,
  ApplicationResultDeliveryName,
  ApplicationStateName,
  CreateWalkInApplicationRequest,
  DecisionLetterKind,
  IssuedDocumentSummary,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import { catchError, from, switchMap, throwError, type Observable } from 'rxjs';

/**
 * A refused file request (responseType blob) carries its JSON error as a Blob: read it back, so
 * the API's own bilingual message is shown rather than a generic one.
 */
function jsonErrors<T>(request: Observable<T>): Observable<T> {
  return request.pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob) || !error.error.type.includes('json')) return throwError(() => error);
      return from(error.error.text()).pipe(
        switchMap((text) => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON after all: keep the text
          }
          return throwError(() => new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined }));
        }),
      );
    }),
  );
}

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
  /** When the retention job deleted the file (its record stays). */
  purgedAt?: string | null;
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
  due?: ApplicationFlagKindName;
}

/** The steps of `POST /agency/applications/{id}/{step}` the review screen offers. */
export type ApplicationStep =
  | 'submit'
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

  /**
   * A document's bytes with the staff token, to show from a blob URL (never from the API URL: it is
   * sandboxed). `view` asks for an image inline: the access log then says "view", not "download".
   */
  document(id: string, documentId: string, view = false): Observable<Blob> {
    return jsonErrors(this.http.get(`${this.url(id)}/documents/${encodeURIComponent(documentId)}`, { responseType: 'blob', params: view ? { inline: '1' } : {} }));
  }

  /** A new version of an item's document (a walk-in's draft, or a correction brought to the counter): the body is the file. */
  uploadDocument(id: string, requirementId: string, file: File): Observable<ApplicationResponse> {
    return this.http.put<ApplicationResponse>(`${this.url(id)}/items/${encodeURIComponent(requirementId)}/document`, file, {
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name.slice(0, 200)) },
    });
  }

  /** Every read of the application's documents, oldest first (who, when, which version, view or download). */
  documentAccess(id: string): Observable<ApplicationDocumentAccessResponse[]> {
    return this.http.get<ApplicationDocumentAccessResponse[]>(`${this.url(id)}/document-access`);
  }

  /** The officers' internal notes on the application, oldest first (never shown to the citizen). */
  notes(id: string): Observable<ApplicationNoteResponse[]> {
    return this.http.get<ApplicationNoteResponse[]>(`${this.url(id)}/notes`);
  }

  /** Adds an internal note (1–2000 characters); notes are append-only: no edit, no delete. */
  addNote(id: string, text: string): Observable<ApplicationNoteResponse> {
    return this.http.post<ApplicationNoteResponse>(`${this.url(id)}/notes`, { text });
  }

  /** A walk-in's draft, opened from the ticket the officer is serving. */
  createWalkIn(request: CreateWalkInApplicationRequest): Observable<ApplicationResponse> {
    return this.http.post<ApplicationResponse>(this.root(), request);
  }

  /** Receipts, results and decision letters issued for the application. */
  issuedDocuments(id: string): Observable<IssuedDocumentSummary[]> {
    return this.http.get<IssuedDocumentSummary[]>(`${this.url(id)}/issued-documents`);
  }

  /** The latest receipt, result or letter as a PDF blob. */
  issuedPdf(id: string, kind: 'receipt' | 'result' | 'letter'): Observable<Blob> {
    return jsonErrors(this.http.get(`${this.url(id)}/${kind}`, { responseType: 'blob' }));
  }

  /** The result document (a PDF) while approved. */
  uploadResult(id: string, file: File): Observable<IssuedDocumentSummary> {
    return this.http.put<IssuedDocumentSummary>(`${this.url(id)}/result`, file, { headers: { 'Content-Type': 'application/pdf' } });
  }

  /** A generated decision letter: approval while approved, rejection while rejected. */
  makeLetter(id: string, kind: DecisionLetterKind, body?: string): Observable<IssuedDocumentSummary> {
    return this.http.post<IssuedDocumentSummary>(`${this.url(id)}/letter`, body ? { kind, body } : { kind });
  }

  private root(): string {
    return `${this.baseUrl}/agency/applications`;
  }

  private url(id: string): string {
    return `${this.root()}/${encodeURIComponent(id)}`;
  }
}
