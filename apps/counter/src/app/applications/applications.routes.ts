import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { APPLICATIONS_DICTIONARY } from './applications.dictionary';

/** Mounted at `permohonan` (signed-in agency staff): the inbox and one application's review. */
export const APPLICATIONS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(APPLICATIONS_DICTIONARY)],
    children: [
      {
        path: '',
        loadComponent: () => import('./inbox-page.component').then((m) => m.ApplicationInboxPageComponent),
        title: 'applications.title',
      },
      {
        path: 'baru',
        loadComponent: () => import('./walk-in-page.component').then((m) => m.WalkInPageComponent),
        title: 'applications.walkIn.title',
      },
      {
        path: ':id',
        loadComponent: () => import('./review-page.component').then((m) => m.ApplicationReviewPageComponent),
        title: 'applications.title',
      },
    ],
  },
];
