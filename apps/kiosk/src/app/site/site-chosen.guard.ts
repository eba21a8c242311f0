import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';

import { KioskSiteStore } from './kiosk-site.store';

/** Pages inside an MPP: without one chosen, go to the start screen, which asks for it. */
export const siteChosenGuard: CanActivateFn = () =>
  inject(KioskSiteStore).siteCode() ? true : inject(Router).createUrlTree(['/']);
