import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { API_BASE_URL } from '@mpp/ui';
import { catchError, throwError } from 'rxjs';

import { DeviceSession } from './device-session.service';
import { DEVICE_SETUP_PATH } from './device.guards';

/**
 * Adds `Authorization: Bearer <device token>` to API requests when the device is signed in. A 401
 * (token revoked) signs the device out and sends it to the setup screen with a message. Requests
 * that already carry credentials (the setup screen verifying a new token) are left alone.
 */
export const deviceInterceptor: HttpInterceptorFn = (request, next) => {
  const baseUrl = inject(API_BASE_URL);
  if (!request.url.startsWith(baseUrl) || request.headers.has('Authorization')) {
    return next(request);
  }
  const session = inject(DeviceSession);
  const router = inject(Router);
  const token = session.token();
  if (!token) {
    return next(request);
  }
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && session.token() === token) {
        session.signOut('revoked');
        if (!router.url.startsWith(DEVICE_SETUP_PATH)) {
          void router.navigateByUrl(DEVICE_SETUP_PATH);
        }
      }
      return throwError(() => error);
    }),
  );
};
