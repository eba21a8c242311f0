import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';

import { AuthSession } from './auth-session.service';

/** Pages for signed-in staff: anyone else goes to the login page, and comes back after. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthSession).token()) {
    return true;
  }
  const returnUrl = state.url === '/' ? null : state.url;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl } });
};

/** The login page: someone already signed in goes home. */
export const guestGuard: CanActivateFn = () =>
  inject(AuthSession).token() ? inject(Router).createUrlTree(['/']) : true;
