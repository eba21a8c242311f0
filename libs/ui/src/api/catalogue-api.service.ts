import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgencyResponse,
  Page,
  ServiceResponse,
  ServiceSummaryResponse,
  SiteResponse,
  SiteSummaryResponse,
} from '@mpp/contracts';
import type { Observable } from 'rxjs';

import { API_BASE_URL } from './api-base-url';

export interface ServiceSearchQuery {
  site?: string;
  agency?: string;
  /** Free text; results come best match first. */
  q?: string;
  /** From 1. */
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
}

/** The public catalogue endpoints, used by the portal and the kiosk. */
@Injectable({ providedIn: 'root' })
export class CatalogueApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  listSites(): Observable<SiteSummaryResponse[]> {
    return this.http.get<SiteSummaryResponse[]>(`${this.baseUrl}/sites`);
  }

  getSite(siteCode: string): Observable<SiteResponse> {
    return this.http.get<SiteResponse>(`${this.baseUrl}/sites/${encodeURIComponent(siteCode)}`);
  }

  listAgencies(siteCode: string): Observable<AgencyResponse[]> {
    return this.http.get<AgencyResponse[]>(
      `${this.baseUrl}/sites/${encodeURIComponent(siteCode)}/agencies`,
    );
  }

  searchServices(query: ServiceSearchQuery): Observable<Page<ServiceSummaryResponse>> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(name, String(value));
      }
    }
    return this.http.get<Page<ServiceSummaryResponse>>(`${this.baseUrl}/services`, { params });
  }

  getService(id: string): Observable<ServiceResponse> {
    return this.http.get<ServiceResponse>(`${this.baseUrl}/services/${encodeURIComponent(id)}`);
  }
}
