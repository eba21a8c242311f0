import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { BOOKING_DICTIONARY } from '../booking/booking.dictionary';
import { ONLINE_TICKET_DICTIONARY } from '../online-ticket/online-ticket.dictionary';
import { ServiceDetailPageComponent } from './service-detail-page.component';
import { SERVICE_DETAIL_DICTIONARY } from './service-detail.dictionary';

/**
 * Mounted at `layanan`: `layanan/:id`. Its words come with this chunk, with the booking's (the
 * "Pesan antrean" button) and the online ticket's (its link).
 */
export const SERVICE_DETAIL_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(SERVICE_DETAIL_DICTIONARY, BOOKING_DICTIONARY, ONLINE_TICKET_DICTIONARY)],
    children: [{ path: ':id', component: ServiceDetailPageComponent, title: 'portal.service.title' }],
  },
];
