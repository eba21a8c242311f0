import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { OnlineTicketPageComponent } from './online-ticket-page.component';
import { ONLINE_TICKET_DICTIONARY } from './online-ticket.dictionary';

/** Mounted at `antrean-daring`: `antrean-daring/:serviceId`, take a ticket from home. The words come with this chunk. */
export const ONLINE_TICKET_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(ONLINE_TICKET_DICTIONARY)],
    children: [{ path: ':serviceId', component: OnlineTicketPageComponent, title: 'daring.title' }],
  },
];
