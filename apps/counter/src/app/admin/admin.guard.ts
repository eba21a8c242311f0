import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';

import { AuthSession } from '../auth/auth-session.service';
import { isAdminRole } from './admin-roles';

/** `admin`: system, site and agency admins only; an officer goes back to the app's home. */
export const adminGuard: CanActivateFn = () =>
  isAdminRole(inject(AuthSession).user()?.role) ? true : inject(Router).createUrlTree(['/']);
