import type { Routes } from '@angular/router';
import { NotFoundPageComponent } from '@mpp/ui';

import { AGENCIES_ROUTES } from './agencies/agencies.routes';
import { AGENCY_SERVICES_ROUTES } from './agency-services/agency-services.routes';
import { siteChosenGuard } from './site/site-chosen.guard';

/** Routes whose pages take the whole screen, without the kiosk header. */
export const FULL_SCREEN_PATHS = ['/display'];

export const APP_ROUTES: Routes = [
  { path: '', children: AGENCIES_ROUTES },
  { path: 'instansi', canActivate: [siteChosenGuard], children: AGENCY_SERVICES_ROUTES },
  {
    path: 'display',
    loadChildren: () => import('./display/display.routes').then((m) => m.DISPLAY_ROUTES),
  },
  { path: '**', component: NotFoundPageComponent, title: 'common.notFound.title' },
];
