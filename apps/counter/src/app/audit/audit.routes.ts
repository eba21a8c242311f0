import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { AdminScope } from '../admin/admin-scope.service';
import { AUDIT_DICTIONARY } from './audit.dictionary';

/** Mounted at `audit` (system, site and agency admins: adminGuard): the read-only audit log. */
export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(AUDIT_DICTIONARY), AdminScope],
    loadComponent: () => import('./audit-page.component').then((m) => m.AuditPageComponent),
    title: 'audit.title',
  },
];
