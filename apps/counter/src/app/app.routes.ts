import { inject } from '@angular/core';
import { Router, type CanActivateFn, type Routes } from '@angular/router';
import { NotFoundPageComponent } from '@mpp/ui';

import { adminGuard } from './admin/admin.guard';
import { AuthSession } from './auth/auth-session.service';
import { authGuard } from './auth/auth.guards';

/**
 * Officers start at the counter picker; administrators at the supervisor view. A guard, not a
 * redirect: redirects run before the sign-in guard, when the role is not known yet.
 */
export const landingGuard: CanActivateFn = () => {
  const role = inject(AuthSession).user()?.role;
  return inject(Router).createUrlTree([role === undefined || role === 'officer' ? '/loket' : '/pengawas']);
};

/** Every page is loaded with its route: an officer's browser never fetches the supervisor view. */
export const APP_ROUTES: Routes = [
  { path: 'login', loadChildren: () => import('./auth/auth.routes').then((m) => m.AUTH_ROUTES) },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', canActivate: [landingGuard], children: [] },
      {
        path: 'loket',
        loadComponent: () => import('./picker/counter-picker-page.component').then((m) => m.CounterPickerPageComponent),
        title: 'picker.title',
      },
      {
        path: 'loket/:counterId',
        loadComponent: () => import('./console/console-page.component').then((m) => m.ConsolePageComponent),
        title: 'console.title',
      },
      {
        path: 'permohonan',
        loadChildren: () => import('./applications/applications.routes').then((m) => m.APPLICATIONS_ROUTES),
      },
      {
        path: 'pengaduan',
        loadChildren: () => import('./complaints/complaints.routes').then((m) => m.COMPLAINTS_ROUTES),
      },
      {
        path: 'pengawas',
        loadComponent: () => import('./supervisor/supervisor-page.component').then((m) => m.SupervisorPageComponent),
        title: 'supervisor.title',
      },
      {
        path: 'admin',
        canActivate: [adminGuard],
        loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'komando',
        canActivate: [adminGuard],
        loadChildren: () => import('./command/command.routes').then((m) => m.COMMAND_ROUTES),
      },
      {
        path: 'laporan',
        canActivate: [adminGuard],
        loadChildren: () => import('./reports/reports.routes').then((m) => m.REPORTS_ROUTES),
      },
      {
        path: 'audit',
        canActivate: [adminGuard],
        loadChildren: () => import('./audit/audit.routes').then((m) => m.AUDIT_ROUTES),
      },
    ],
  },
  { path: '**', component: NotFoundPageComponent, title: 'common.notFound.title' },
];
