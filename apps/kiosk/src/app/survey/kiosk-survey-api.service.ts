import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PublicTicketResponse, SurveyAnswerRequest, SurveyAnswerResponse, SurveyFormResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** Reads a ticket's QR text (`<portal>/tiket/<publicCode>`) or a typed code: the public code, or null. */
export function publicCodeOf(text: string): string | null {
  const trimmed = text.trim();
  const match = /\/tiket\/([A-Za-z0-9_-]{16})(?:[/?#]|$)/.exec(trimmed) ?? /^([A-Za-z0-9_-]{16})$/.exec(trimmed);
  return match ? match[1] : null;
}

/**
 * The public ticket and survey endpoints the kiosk's SKM page uses (docs/survey.md): the ticket
 * says whether its one-time survey token is offered; the token is the only key to the form.
 */
@Injectable({ providedIn: 'root' })
export class KioskSurveyApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  ticket(publicCode: string): Observable<PublicTicketResponse> {
    return this.http.get<PublicTicketResponse>(`${this.baseUrl}/tickets/${encodeURIComponent(publicCode)}`);
  }

  form(token: string): Observable<SurveyFormResponse> {
    return this.http.get<SurveyFormResponse>(this.url(token));
  }

  answer(token: string, body: SurveyAnswerRequest): Observable<SurveyAnswerResponse> {
    return this.http.post<SurveyAnswerResponse>(this.url(token), body);
  }

  private url(token: string): string {
    return `${this.baseUrl}/survey/${encodeURIComponent(token)}`;
  }
}
