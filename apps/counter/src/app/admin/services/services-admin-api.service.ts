import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AgencyResponse, Page, RetiredServiceResponse, ServiceResponse, ServiceSummaryResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

import type { AgencyBody, ServiceBody } from './service-draft';

/**
 * The catalogue as the Layanan page reads and changes it: the public reads (`/sites/{code}/agencies`,
 * `/services`, `/services/{id}`: active rows only) and the admin writes (`/admin/...`), each
 * scoped by the API (an agency admin only their agency).
 */
@Injectable({ providedIn: 'root' })
export class ServicesAdminApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  agencies(siteCode: string): Observable<AgencyResponse[]> {
    return this.http.get<AgencyResponse[]>(`${this.baseUrl}/sites/${encodeURIComponent(siteCode)}/agencies`);
  }

  /** The active services of an agency (100 at most: the API's largest page). */
  services(siteCode: string, agencyCode: string): Observable<Page<ServiceSummaryResponse>> {
    const params = new HttpParams().set('site', siteCode).set('agency', agencyCode).set('pageSize', 100);
    return this.http.get<Page<ServiceSummaryResponse>>(`${this.baseUrl}/services`, { params });
  }

  service(id: string): Observable<ServiceResponse> {
    return this.http.get<ServiceResponse>(`${this.baseUrl}/services/${encodeURIComponent(id)}`);
  }

  /** The agency's retired services (admin read: they are no longer public). */
  retiredServices(agencyId: string): Observable<RetiredServiceResponse[]> {
    return this.http.get<RetiredServiceResponse[]>(`${this.baseUrl}/admin/agencies/${encodeURIComponent(agencyId)}/retired-services`);
  }

  createAgency(siteCode: string, body: AgencyBody & { code: string }): Observable<AgencyResponse> {
    return this.http.post<AgencyResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/agencies`, body);
  }

  updateAgency(id: string, body: AgencyBody): Observable<AgencyResponse> {
    return this.http.patch<AgencyResponse>(`${this.baseUrl}/admin/agencies/${encodeURIComponent(id)}`, body);
  }

  retireAgency(id: string): Observable<unknown> {
    return this.http.post(`${this.baseUrl}/admin/agencies/${encodeURIComponent(id)}/retire`, {});
  }

  createService(agencyId: string, body: ServiceBody & { code: string }): Observable<ServiceResponse> {
    return this.http.post<ServiceResponse>(`${this.baseUrl}/admin/agencies/${encodeURIComponent(agencyId)}/services`, body);
  }

  updateService(id: string, body: ServiceBody & { requirementsVersion: number }): Observable<ServiceResponse> {
    return this.http.patch<ServiceResponse>(`${this.baseUrl}/admin/services/${encodeURIComponent(id)}`, body);
  }

  retireService(id: string): Observable<unknown> {
    return this.http.post(`${this.baseUrl}/admin/services/${encodeURIComponent(id)}/retire`, {});
  }
}
