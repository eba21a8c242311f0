import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { VerifiedDocumentResponse, VerifyDocumentFileResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The public verification endpoints (docs/applications.md, "Receipts, results and verification"). */
@Injectable({ providedIn: 'root' })
export class VerifyApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  facts(number: string): Observable<VerifiedDocumentResponse> {
    return this.http.get<VerifiedDocumentResponse>(`${this.baseUrl}/verify/${encodeURIComponent(number)}`);
  }

  /** The server's comparison, for a browser without crypto.subtle (an insecure origin, an old browser): the file is the body. */
  compare(number: string, file: Blob): Observable<VerifyDocumentFileResponse> {
    return this.http.post<VerifyDocumentFileResponse>(`${this.baseUrl}/verify/${encodeURIComponent(number)}`, file, { headers: { 'Content-Type': 'application/pdf' } });
  }
}
