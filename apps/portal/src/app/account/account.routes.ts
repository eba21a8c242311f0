import type { Routes } from '@angular/router';

import { HistoryPageComponent } from './history-page.component';
import { SignInPageComponent } from './sign-in-page.component';

/** Mounted at `akun`: `akun/masuk` signs in (code or OpenID Connect), `akun/riwayat` is "Riwayat saya". */
export const ACCOUNT_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'riwayat' },
  { path: 'masuk', component: SignInPageComponent, title: 'account.signIn.title' },
  { path: 'riwayat', component: HistoryPageComponent, title: 'account.history.title' },
];
