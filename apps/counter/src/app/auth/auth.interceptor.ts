import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { API_BASE_URL } from '@mpp/ui';
import { catchError, throwError } from 'rxjs';

import { LOGIN_PATH, TOTP_PATH_PREFIX } from './auth-api.service';
import { AuthSession } from './auth-session.service';

/**
 * Adds `Authorization: Bearer <token>` to API requests. A 401 (token expired or revoked) signs
 * the officer out and sends them to the login page; the sign-in requests' own 401s (a wrong
 * password or code) are left for the login form to show.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const baseUrl = inject(API_BASE_URL);
  if (!request.url.startsWith(baseUrl) || request.url === `${baseUrl}${LOGIN_PATH}` || request.url.startsWith(`${baseUrl}${TOTP_PATH_PREFIX}`)) {
    return next(request);
  }
  const session = inject(AuthSession);
  const router = inject(Router);
  const token = session.token();
  const authorized = token
    ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : request;

  return next(authorized).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        session.clear();
        if (!router.url.startsWith('/login')) {
          void router.navigate(['/login'], {
            queryParams: { returnUrl: router.url === '/' ? null : router.url, reason: 'expired' },
          });
        }
      }
      return throwError(() => error);
    }),
  );
};
