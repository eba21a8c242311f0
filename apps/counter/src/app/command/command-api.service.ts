import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { RedFlagListResponse, RedFlagSettingsResponse, UpdateRedFlagSettingsRequest } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

/** The red flags endpoints (docs/red-flags.md), as they are: the screen adds no rules. */
@Injectable({ providedIn: 'root' })
export class CommandApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private url(siteCode: string, tail = ''): string {
    return `${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/red-flags${tail}`;
  }

  redFlags(siteCode: string): Observable<RedFlagListResponse> {
    return this.http.get<RedFlagListResponse>(this.url(siteCode));
  }

  settings(siteCode: string): Observable<RedFlagSettingsResponse> {
    return this.http.get<RedFlagSettingsResponse>(this.url(siteCode, '/settings'));
  }

  saveSettings(siteCode: string, settings: UpdateRedFlagSettingsRequest): Observable<RedFlagSettingsResponse> {
    return this.http.put<RedFlagSettingsResponse>(this.url(siteCode, '/settings'), settings);
  }
}
