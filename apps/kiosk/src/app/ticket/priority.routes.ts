import type { Routes } from '@angular/router';

import { PriorityPageComponent } from './priority-page.component';

/** Mounted at `antrean`: `antrean/:serviceId`, the priority choice. */
export const PRIORITY_ROUTES: Routes = [
  { path: ':serviceId', component: PriorityPageComponent, title: 'kiosk.priority.title' },
];
