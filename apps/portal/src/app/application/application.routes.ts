import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { ApplicationNewPageComponent } from './application-new-page.component';
import { ApplicationPageComponent } from './application-page.component';
import { APPLICATION_DICTIONARY } from './application.dictionary';

/**
 * Mounted at `permohonan`: `permohonan/baru/:serviceId` starts an application (before `:code`,
 * which would otherwise take "baru" for a code), `permohonan/:code` is the application's page:
 * uploads, progress, corrections, downloads. The words come with this chunk (provideDictionary).
 */
export const APPLICATION_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(APPLICATION_DICTIONARY)],
    children: [
      { path: 'baru/:serviceId', component: ApplicationNewPageComponent, title: 'application.new.title' },
      { path: ':code', component: ApplicationPageComponent, title: 'application.page.title' },
    ],
  },
];
