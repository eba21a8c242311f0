import { inject } from '@angular/core';
import { Router, type CanActivateFn, type Routes } from '@angular/router';
import { NotFoundPageComponent } from '@mpp/ui';

import { AuthSession } from './auth/auth-session.service';
import { authGuard } from './auth/auth.guards';
import { AUTH_ROUTES } from './auth/auth.routes';
import { ConsolePageComponent } from './console/console-page.component';
import { CounterPickerPageComponent } from './picker/counter-picker-page.component';
import { SupervisorPageComponent } from './supervisor/supervisor-page.component';

/**
 * Officers start at the counter picker; administrators at the supervisor view. A guard, not a
 * redirect: redirects run before the sign-in guard, when the role is not known yet.
 */
export const landingGuard: CanActivateFn = () => {
  const role = inject(AuthSession).user()?.role;
  return inject(Router).createUrlTree([role === undefined || role === 'officer' ? '/loket' : '/pengawas']);
};

export const APP_ROUTES: Routes = [
  { path: 'login', children: AUTH_ROUTES },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', canActivate: [landingGuard], children: [] },
      { path: 'loket', component: CounterPickerPageComponent, title: 'picker.title' },
      { path: 'loket/:counterId', component: ConsolePageComponent, title: 'console.title' },
      { path: 'pengawas', component: SupervisorPageComponent, title: 'supervisor.title' },
    ],
  },
  { path: '**', component: NotFoundPageComponent, title: 'common.notFound.title' },
];
