import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  LoginRequest,
  LoginResponse,
  LoginResult,
  StaffUserResponse,
  TotpConfirmRequest,
  TotpEnrolmentResponse,
  TotpVerifyRequest,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

export const LOGIN_PATH = '/auth/login';
/** The second step of an administrator's sign-in: its 401s are wrong codes, shown on the form. */
export const TOTP_PATH_PREFIX = '/auth/totp/';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** An officer's session, or an administrator's next step (enrol, or type the code). */
  login(request: LoginRequest): Observable<LoginResult> {
    return this.http.post<LoginResult>(`${this.baseUrl}${LOGIN_PATH}`, request);
  }

  /** A new authenticator secret (QR and text), shown once. */
  startEnrolment(enrolmentToken: string): Observable<TotpEnrolmentResponse> {
    return this.http.post<TotpEnrolmentResponse>(`${this.baseUrl}${TOTP_PATH_PREFIX}enrolment`, { enrolmentToken });
  }

  confirmEnrolment(request: TotpConfirmRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${this.baseUrl}${TOTP_PATH_PREFIX}enrolment/confirm`, request);
  }

  verifyCode(request: TotpVerifyRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${this.baseUrl}${TOTP_PATH_PREFIX}verify`, request);
  }

  /** The signed-in user (the interceptor adds the token). */
  me(): Observable<StaffUserResponse> {
    return this.http.get<StaffUserResponse>(`${this.baseUrl}/auth/me`);
  }
}
