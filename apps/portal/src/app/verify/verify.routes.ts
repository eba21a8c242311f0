import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { VerifyPageComponent } from './verify-page.component';
import { VERIFY_DICTIONARY } from './verify.dictionary';

/**
 * Mounted at `verifikasi`: `verifikasi/:number`, the address in the QR code of every receipt,
 * result and letter; `verifikasi` alone asks for the number. The words come with this chunk.
 */
export const VERIFY_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(VERIFY_DICTIONARY)],
    children: [
      { path: '', component: VerifyPageComponent, title: 'verify.title' },
      { path: ':number', component: VerifyPageComponent, title: 'verify.title' },
    ],
  },
];
