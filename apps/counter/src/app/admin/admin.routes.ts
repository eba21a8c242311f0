import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { AdminScope } from './admin-scope.service';
import { siteAdminGuard, systemAdminGuard } from './admin.guard';
import { CALENDAR_ADMIN_DICTIONARY } from './calendar/calendar.dictionary';
import { SERVICES_ADMIN_DICTIONARY } from './services/services.dictionary';
import { ADMIN_DICTIONARY } from './admin.dictionary';
import { COUNTERS_STAFF_DICTIONARY } from './counters-staff.dictionary';
import { AdminShellComponent } from './admin-shell.component';

/** Mounted at `admin` (system, site and agency admins: adminGuard): one page per section. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(ADMIN_DICTIONARY), AdminScope],
    component: AdminShellComponent,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'petugas' },
      {
        path: 'situs',
        canActivate: [siteAdminGuard],
        loadComponent: () => import('./site-page.component').then((m) => m.SitePageComponent),
        title: 'admin.site.title',
      },
      {
        path: 'layanan',
        providers: [provideDictionary(SERVICES_ADMIN_DICTIONARY)],
        loadComponent: () => import('./services/services-page.component').then((m) => m.ServicesPageComponent),
        title: 'admin.services.title',
      },
      {
        path: 'loket',
        canActivate: [siteAdminGuard],
        providers: [provideDictionary(COUNTERS_STAFF_DICTIONARY)],
        loadComponent: () => import('./counters-page.component').then((m) => m.CountersPageComponent),
        title: 'admin.counters.title',
      },
      {
        path: 'petugas',
        providers: [provideDictionary(COUNTERS_STAFF_DICTIONARY)],
        loadComponent: () => import('./staff-page.component').then((m) => m.StaffPageComponent),
        title: 'admin.staff.title',
      },
      {
        path: 'perangkat',
        canActivate: [siteAdminGuard],
        loadComponent: () => import('./devices-page.component').then((m) => m.DevicesPageComponent),
        title: 'admin.devices.title',
      },
      {
        path: 'kebijakan',
        canActivate: [siteAdminGuard],
        loadComponent: () => import('./policies-page.component').then((m) => m.PoliciesPageComponent),
        title: 'admin.policies.title',
      },
      {
        path: 'kalender',
        canActivate: [systemAdminGuard],
        providers: [provideDictionary(CALENDAR_ADMIN_DICTIONARY)],
        loadComponent: () => import('./calendar/calendar-page.component').then((m) => m.CalendarPageComponent),
        title: 'admin.calendar.title',
      },
    ],
  },
];
