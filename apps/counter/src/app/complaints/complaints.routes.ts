import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { AdminScope } from '../admin/admin-scope.service';
import { COMPLAINTS_DICTIONARY } from './complaints.dictionary';

/**
 * The complaint handlers' inbox (pengaduan, issue 16), mounted at `pengaduan` for every signed-in
 * staff member: the API scopes it (site admins their MPP, agency staff their agency's; a system
 * admin picks the MPP, kept by AdminScope as on the admin pages).
 */
export const COMPLAINTS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(COMPLAINTS_DICTIONARY), AdminScope],
    children: [
      {
        path: '',
        loadComponent: () => import('./inbox-page.component').then((m) => m.ComplaintInboxPageComponent),
        title: 'complaints.title',
      },
      {
        path: ':id',
        loadComponent: () => import('./detail-page.component').then((m) => m.ComplaintDetailPageComponent),
        title: 'complaints.title',
      },
    ],
  },
];
