import type { Routes } from '@angular/router';

import { guestGuard } from './auth.guards';
import { LoginPageComponent } from './login-page.component';

/** Mounted at `login`. */
export const AUTH_ROUTES: Routes = [
  { path: '', component: LoginPageComponent, canActivate: [guestGuard], title: 'counter.login.title' },
];
