import type { Routes } from '@angular/router';

import { DeviceSetupPageComponent } from './device-setup-page.component';

/** Mounted at `perangkat`. */
export const DEVICE_ROUTES: Routes = [
  { path: '', component: DeviceSetupPageComponent, title: 'kiosk.device.title' },
];
