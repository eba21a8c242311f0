import { HttpClient, HttpErrorResponse, HttpHeaders, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApplicationCreatedResponse, ApplicationResponse, IssuedDocumentSummary } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import { Observable } from 'rxjs';

/** `POST /api/v1/applications` (docs/applications.md, API). */
export interface CreateApplicationRequest {
  serviceId: string;
  nik: string;
  fullName: string;
  phone: string;
  email?: string;
  language: 'id' | 'en';
}

/** What an upload reports: bytes sent so far, then the application with the new version. */
export type UploadEvent = { kind: 'progress'; loaded: number; total: number } | { kind: 'done'; application: ApplicationResponse };

/** The citizen's actions on an application (each answers the application as it is now). */
export type ApplicationAction = 'submit' | 'resubmit' | 'withdraw';

/** The files the citizen may download: a document version by id, or what the MPP issued. */
export type ApplicationFile = { kind: 'document'; documentId: string } | { kind: 'receipt' } | { kind: 'result' } | { kind: 'letter' };

/** The header that proves ownership of an application made without an account. */
const SECRET_HEADER = 'X-Application-Secret';

/**
 * The citizen's application endpoints. Ownership is the session cookie (signed in) or the secret
 * in the `X-Application-Secret` header; never a URL. Uploads go through XMLHttpRequest for the
 * progress of the request body (fetch reports none): the body is the file itself.
 */
@Injectable({ providedIn: 'root' })
export class ApplicationApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  create(request: CreateApplicationRequest): Observable<ApplicationCreatedResponse> {
    return this.http.post<ApplicationCreatedResponse>(`${this.baseUrl}/applications`, request);
  }

  get(code: string, secret: string | null): Observable<ApplicationResponse> {
    return this.http.get<ApplicationResponse>(this.url(code), { headers: proofHeaders(secret) });
  }

  act(code: string, action: ApplicationAction, secret: string | null): Observable<ApplicationResponse> {
    return this.http.post<ApplicationResponse>(`${this.url(code)}/${action}`, {}, { headers: proofHeaders(secret) });
  }

  /** What the MPP issued for the application (receipts, result, letters): numbers to verify, dates. */
  issued(code: string, secret: string | null): Observable<IssuedDocumentSummary[]> {
    return this.http.get<IssuedDocumentSummary[]>(`${this.url(code)}/issued-documents`, { headers: proofHeaders(secret) });
  }

  /** A file as a Blob with the answer's headers (its name is in Content-Disposition). */
  download(code: string, file: ApplicationFile, secret: string | null): Observable<HttpResponse<Blob>> {
    const path = file.kind === 'document' ? `documents/${encodeURIComponent(file.documentId)}` : file.kind;
    return this.http.get(`${this.url(code)}/${path}`, { headers: proofHeaders(secret), responseType: 'blob', observe: 'response' });
  }

  /**
   * Sends `file` as the document of one requirement (`PUT …/items/{requirementId}/document`, the
   * body is the file, its name percent-encoded in `X-File-Name`). Emits the upload's progress, then
   * the application; fails with an HttpErrorResponse carrying the API's error body (413, 415, 422,
   * 409, 503 with Retry-After) or status 0 when the network failed. Unsubscribing aborts it.
   */
  upload(code: string, requirementId: string, file: File, secret: string | null): Observable<UploadEvent> {
    const url = `${this.url(code)}/items/${encodeURIComponent(requirementId)}/document`;
    return new Observable<UploadEvent>((subscriber) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.responseType = 'text';
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      if (secret) xhr.setRequestHeader(SECRET_HEADER, secret);
      xhr.upload.onprogress = (event) => subscriber.next({ kind: 'progress', loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
      xhr.onload = () => {
        const body = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300 && body) {
          subscriber.next({ kind: 'done', application: body as ApplicationResponse });
          subscriber.complete();
          return;
        }
        subscriber.error(
          new HttpErrorResponse({ status: xhr.status, statusText: xhr.statusText, url, error: body ?? xhr.responseText, headers: headersOf(xhr) }),
        );
      };
      xhr.onerror = () => subscriber.error(new HttpErrorResponse({ status: 0, statusText: 'Network error', url }));
      xhr.ontimeout = xhr.onerror;
      xhr.send(file);
      return () => {
        if (xhr.readyState !== XMLHttpRequest.DONE) xhr.abort();
      };
    });
  }

  private url(code: string): string {
    return `${this.baseUrl}/applications/${encodeURIComponent(code)}`;
  }
}

function proofHeaders(secret: string | null): HttpHeaders {
  return secret ? new HttpHeaders({ [SECRET_HEADER]: secret }) : new HttpHeaders();
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function headersOf(xhr: XMLHttpRequest): HttpHeaders {
  const retryAfter = xhr.getResponseHeader('Retry-After');
  return retryAfter ? new HttpHeaders({ 'Retry-After': retryAfter }) : new HttpHeaders();
}
