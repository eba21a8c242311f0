import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SitePageResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The citizen's page of one MPP: one request for everything the page shows. */
@Injectable({ providedIn: 'root' })
export class SitePageApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  get(code: string): Observable<SitePageResponse> {
    return this.http.get<SitePageResponse>(`${this.baseUrl}/sites/${encodeURIComponent(code)}/page`);
  }
}
