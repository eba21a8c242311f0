import type { Routes } from '@angular/router';

import { BookingPageComponent } from './booking-page.component';

/** Mounted at `pemesanan`: `pemesanan/:code`, the link in every booking message and PDF. */
export const BOOKING_ROUTES: Routes = [
  { path: ':code', component: BookingPageComponent, title: 'portal.booking.title' },
];
