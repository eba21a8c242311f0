import type { Routes } from '@angular/router';
import { NotFoundPageComponent } from '@mpp/ui';

import { authGuard } from './auth/auth.guards';
import { AUTH_ROUTES } from './auth/auth.routes';
import { HOME_ROUTES } from './home/home.routes';

export const APP_ROUTES: Routes = [
  { path: 'login', children: AUTH_ROUTES },
  { path: '', canActivate: [authGuard], children: HOME_ROUTES },
  { path: '**', component: NotFoundPageComponent, title: 'common.notFound.title' },
];
