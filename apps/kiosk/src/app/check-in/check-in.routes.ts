import type { Routes } from '@angular/router';

import { CheckInPageComponent } from './check-in-page.component';

/** Mounted at `check-in`. */
export const CHECK_IN_ROUTES: Routes = [
  { path: '', component: CheckInPageComponent, title: 'kiosk.checkin.title' },
];
