import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { AdminScope } from '../admin/admin-scope.service';
import { REPORTS_DICTIONARY } from './reports.dictionary';

/**
 * Mounted at `laporan` (system, site and agency admins: adminGuard). chart.js is imported by the
 * pages of this route only, so an officer's bundle never loads it.
 */
export const REPORTS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(REPORTS_DICTIONARY), AdminScope],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'skm' },
      {
        path: 'skm',
        loadComponent: () => import('./skm-report-page.component').then((m) => m.SkmReportPageComponent),
        title: 'reports.skm.title',
      },
      {
        path: 'kinerja',
        loadComponent: () => import('./hall-report-page.component').then((m) => m.HallReportPageComponent),
        title: 'reports.hall.title',
      },
      {
        path: 'pengaduan',
        loadComponent: () => import('./complaint-report-page.component').then((m) => m.ComplaintReportPageComponent),
        title: 'reports.complaints.title',
      },
    ],
  },
];
