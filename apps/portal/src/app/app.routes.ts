import type { Routes } from '@angular/router';
import { NotFoundPageComponent } from '@mpp/ui';

import { SEARCH_ROUTES } from './search/search.routes';

export const APP_ROUTES: Routes = [
  // The home page is the search: loaded with the app, so a phone on a slow network waits once.
  { path: '', children: SEARCH_ROUTES },
  {
    path: 'layanan',
    loadChildren: () =>
      import('./service-detail/service-detail.routes').then((m) => m.SERVICE_DETAIL_ROUTES),
  },
  {
    path: 'pemesanan',
    loadChildren: () => import('./booking/booking.routes').then((m) => m.BOOKING_ROUTES),
  },
  { path: 'mpp', loadChildren: () => import('./site/site.routes').then((m) => m.SITE_ROUTES) },
  {
    path: 'tiket',
    loadChildren: () => import('./ticket/ticket.routes').then((m) => m.TICKET_ROUTES),
  },
  { path: 'antrean-daring', loadChildren: () => import('./online-ticket/online-ticket.routes').then((m) => m.ONLINE_TICKET_ROUTES) },
  { path: 'permohonan', loadChildren: () => import('./application/application.routes').then((m) => m.APPLICATION_ROUTES) },
  { path: 'verifikasi', loadChildren: () => import('./verify/verify.routes').then((m) => m.VERIFY_ROUTES) },
  { path: 'survei', loadChildren: () => import('./survey/survey.routes').then((m) => m.SURVEY_ROUTES) },
  { path: 'pengaduan', loadChildren: () => import('./complaint/complaint.routes').then((m) => m.COMPLAINT_ROUTES) },
  { path: 'akun', loadChildren: () => import('./account/account.routes').then((m) => m.ACCOUNT_ROUTES) },
  { path: '**', component: NotFoundPageComponent, title: 'common.notFound.title' },
];
