import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';

import { DeviceSession } from './device-session.service';

/** The setup screen, where a device token is entered. */
export const DEVICE_SETUP_PATH = '/perangkat';

/** Pages for a signed-in device (kiosk or hall display): without one, go to the setup screen. */
export const deviceSignedInGuard: CanActivateFn = () =>
  inject(DeviceSession).device() ? true : inject(Router).createUrlTree([DEVICE_SETUP_PATH]);

/** The ticket machine's pages: a hall display's account is sent to its display instead. */
export const kioskDeviceGuard: CanActivateFn = () => {
  const device = inject(DeviceSession).device();
  if (!device) return inject(Router).createUrlTree([DEVICE_SETUP_PATH]);
  return device.kind === 'display' ? inject(Router).createUrlTree(['/display']) : true;
};
