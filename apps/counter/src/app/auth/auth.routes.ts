import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { guestGuard } from './auth.guards';
import { LoginPageComponent } from './login-page.component';
import { LOGIN_DICTIONARY } from './login.dictionary';

/** Mounted at `login`. */
export const AUTH_ROUTES: Routes = [
  {
    path: '',
    component: LoginPageComponent,
    canActivate: [guestGuard],
    providers: [provideDictionary(LOGIN_DICTIONARY)],
    title: 'counter.login.title',
  },
];
