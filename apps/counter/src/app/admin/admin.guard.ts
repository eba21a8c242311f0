import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';

import { AuthSession } from '../auth/auth-session.service';
import { isAdminRole } from './admin-roles';

/** `admin`: system, site and agency admins only; an officer goes back to the app's home. */
export const adminGuard: CanActivateFn = () =>
  isAdminRole(inject(AuthSession).user()?.role) ? true : inject(Router).createUrlTree(['/']);

/** Sections of the whole MPP (lokets, devices, policies): an agency admin goes to the staff section. */
export const siteAdminGuard: CanActivateFn = () =>
  inject(AuthSession).user()?.role === 'agency_admin' ? inject(Router).createUrlTree(['/admin/petugas']) : true;

/** The national calendar: system admins only; anyone else goes to the staff section. */
export const systemAdminGuard: CanActivateFn = () =>
  inject(AuthSession).user()?.role === 'system_admin' ? true : inject(Router).createUrlTree(['/admin/petugas']);
