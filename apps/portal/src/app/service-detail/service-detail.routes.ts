import type { Routes } from '@angular/router';

import { ServiceDetailPageComponent } from './service-detail-page.component';

/** Mounted at `layanan`: `layanan/:id`. */
export const SERVICE_DETAIL_ROUTES: Routes = [
  { path: ':id', component: ServiceDetailPageComponent, title: 'portal.service.title' },
];
