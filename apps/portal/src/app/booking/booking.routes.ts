import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { BookingDonePageComponent } from './booking-done-page.component';
import { BookingNewPageComponent } from './booking-new-page.component';
import { BookingPageComponent } from './booking-page.component';
import { BOOKING_DICTIONARY } from './booking.dictionary';
import { BOOKING_PAGE_DICTIONARY } from './booking-page.dictionary';

/**
 * Mounted at `pemesanan`: `pemesanan/baru/:serviceId` books a visit (before `:code`, which would
 * otherwise take "baru" for a code), `pemesanan/:code/berhasil` confirms it, and
 * `pemesanan/:code` is the booking's page, the link in every booking message and PDF. The words
 * come with this chunk (provideDictionary).
 */
export const BOOKING_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(BOOKING_DICTIONARY, BOOKING_PAGE_DICTIONARY)],
    children: [
      { path: 'baru/:serviceId', component: BookingNewPageComponent, title: 'booking.new.title' },
      { path: ':code/berhasil', component: BookingDonePageComponent, title: 'booking.done.title' },
      { path: ':code', component: BookingPageComponent, title: 'portal.booking.title' },
    ],
  },
];
