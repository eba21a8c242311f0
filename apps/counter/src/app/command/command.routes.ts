import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { AdminScope } from '../admin/admin-scope.service';
import { COMMAND_DICTIONARY } from './command.dictionary';

/** Mounted at `komando` (system, site and agency admins: adminGuard): the site's command view. */
export const COMMAND_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(COMMAND_DICTIONARY), AdminScope],
    loadComponent: () => import('./command-page.component').then((m) => m.CommandPageComponent),
    title: 'command.title',
  },
];
