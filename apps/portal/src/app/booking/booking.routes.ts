import type { Routes } from '@angular/router';

import { BookingDonePageComponent } from './booking-done-page.component';
import { BookingNewPageComponent } from './booking-new-page.component';
import { BookingPageComponent } from './booking-page.component';

/**
 * Mounted at `pemesanan`: `pemesanan/baru/:serviceId` books a visit (before `:code`, which would
 * otherwise take "baru" for a code), `pemesanan/:code/berhasil` confirms it, and
 * `pemesanan/:code` is the booking's page, the link in every booking message and PDF.
 */
export const BOOKING_ROUTES: Routes = [
  { path: 'baru/:serviceId', component: BookingNewPageComponent, title: 'booking.new.title' },
  { path: ':code/berhasil', component: BookingDonePageComponent, title: 'booking.done.title' },
  { path: ':code', component: BookingPageComponent, title: 'portal.booking.title' },
];
