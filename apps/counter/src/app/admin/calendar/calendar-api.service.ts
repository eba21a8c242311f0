import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClosureResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

export interface NewCalendarDay {
  date: string;
  name: string;
  kind: 'national_holiday' | 'cuti_bersama';
}

/** The national calendar: read by anyone (`/calendar/{year}`), changed by system admins (`/admin/calendar`). */
@Injectable({ providedIn: 'root' })
export class CalendarApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  year(year: number): Observable<ClosureResponse[]> {
    return this.http.get<ClosureResponse[]>(`${this.baseUrl}/calendar/${year}`);
  }

  add(day: NewCalendarDay): Observable<ClosureResponse> {
    return this.http.post<ClosureResponse>(`${this.baseUrl}/admin/calendar`, day);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/admin/calendar/${encodeURIComponent(id)}`);
  }
}
