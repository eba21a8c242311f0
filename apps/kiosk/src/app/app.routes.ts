import type { Routes } from '@angular/router';
import { NotFoundPageComponent } from '@mpp/ui';

import { AGENCIES_ROUTES } from './agencies/agencies.routes';
import { AGENCY_SERVICES_ROUTES } from './agency-services/agency-services.routes';
import { deviceSignedInGuard, kioskDeviceGuard } from './device/device.guards';
import { DEVICE_ROUTES } from './device/device.routes';
import { PRIORITY_ROUTES } from './ticket/priority.routes';

/** Routes whose pages take the whole screen, without the kiosk header. */
export const FULL_SCREEN_PATHS = ['/display'];

export const APP_ROUTES: Routes = [
  { path: '', canActivate: [kioskDeviceGuard], children: AGENCIES_ROUTES },
  { path: 'instansi', canActivate: [kioskDeviceGuard], children: AGENCY_SERVICES_ROUTES },
  { path: 'antrean', canActivate: [kioskDeviceGuard], children: PRIORITY_ROUTES },
  {
    path: 'tiket',
    canActivate: [kioskDeviceGuard],
    loadChildren: () => import('./ticket/ticket.routes').then((m) => m.TICKET_ROUTES),
  },
  {
    path: 'check-in',
    canActivate: [kioskDeviceGuard],
    loadChildren: () => import('./check-in/check-in.routes').then((m) => m.CHECK_IN_ROUTES),
  },
  {
    path: 'survei',
    canActivate: [kioskDeviceGuard],
    loadChildren: () => import('./survey/survey.routes').then((m) => m.SURVEY_ROUTES),
  },
  { path: 'perangkat', children: DEVICE_ROUTES },
  {
    path: 'display',
    canActivate: [deviceSignedInGuard],
    loadChildren: () => import('./display/display.routes').then((m) => m.DISPLAY_ROUTES),
  },
  { path: '**', component: NotFoundPageComponent, title: 'common.notFound.title' },
];
