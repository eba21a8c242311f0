import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';

import { NetworkStatus } from './network-status.service';

/** A read that got no answer while offline turns the page into the offline page (NetworkStatus). */
export const offlineInterceptor: HttpInterceptorFn = (req, next) => {
  const network = inject(NetworkStatus);
  return next(req).pipe(
    tap({
      error: (error: unknown) => {
        if (req.method === 'GET' && error instanceof HttpErrorResponse && network.isNoAnswer(error.status)) network.requestFailed();
      },
    }),
  );
};
