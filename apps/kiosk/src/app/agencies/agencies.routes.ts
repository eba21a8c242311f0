import type { Routes } from '@angular/router';

import { AgenciesPageComponent } from './agencies-page.component';

export const AGENCIES_ROUTES: Routes = [
  { path: '', pathMatch: 'full', component: AgenciesPageComponent, title: 'kiosk.agencies.title' },
];
