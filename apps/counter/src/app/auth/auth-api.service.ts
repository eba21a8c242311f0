import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LoginRequest, LoginResponse, StaffUserResponse } from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

export const LOGIN_PATH = '/auth/login';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  login(request: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${this.baseUrl}${LOGIN_PATH}`, request);
  }

  /** The signed-in user (the interceptor adds the token). */
  me(): Observable<StaffUserResponse> {
    return this.http.get<StaffUserResponse>(`${this.baseUrl}/auth/me`);
  }
}
