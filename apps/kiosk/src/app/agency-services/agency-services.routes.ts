import type { Routes } from '@angular/router';

import { AgencyServicesPageComponent } from './agency-services-page.component';

/** Mounted at `instansi`: `instansi/:agencyCode`. */
export const AGENCY_SERVICES_ROUTES: Routes = [
  { path: ':agencyCode', component: AgencyServicesPageComponent, title: 'kiosk.services.title' },
];
