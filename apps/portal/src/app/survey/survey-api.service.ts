import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SurveyAnswerRequest, SurveyAnswerResponse, SurveyFormResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The public survey endpoints (docs/survey.md): the one-time token is the only key. */
@Injectable({ providedIn: 'root' })
export class SurveyApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

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
