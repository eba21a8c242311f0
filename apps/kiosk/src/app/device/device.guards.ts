import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';

import { DeviceSession } from './device-session.service';

/** The setup screen, where a device token is entered. */
export const DEVICE_SETUP_PATH = '/perangkat';

/** Pages for a signed-in device (kiosk or hall display): without one, go to the setup screen. */
export const deviceSignedInGuard: CanActivateFn = () =>
  inject(DeviceSession).device() ? true : inject(Router).createUrlTree([DEVICE_SETUP_PATH]);
