import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { BOOKING_PAGE_DICTIONARY } from '../booking/booking-page.dictionary';
import { ACCOUNT_TITLES_DICTIONARY } from './account-titles.dictionary';
import { HistoryPageComponent } from './history-page.component';
import { SignInPageComponent } from './sign-in-page.component';

/**
 * Mounted at `akun`: `akun/masuk` signs in (code or OpenID Connect), `akun/riwayat` is "Riwayat saya".
 * The titles (and the bookings' statuses the history shows) come with this chunk.
 */
export const ACCOUNT_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(ACCOUNT_TITLES_DICTIONARY, BOOKING_PAGE_DICTIONARY)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'riwayat' },
      { path: 'masuk', component: SignInPageComponent, title: 'account.signIn.title' },
      { path: 'riwayat', component: HistoryPageComponent, title: 'account.history.title' },
    ],
  },
];
