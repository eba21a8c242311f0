import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { ONLINE_TICKET_DICTIONARY } from '../online-ticket/online-ticket.dictionary';
import { TicketPageComponent } from './ticket-page.component';
import { TICKET_NOTIFY_DICTIONARY } from './ticket-notify.dictionary';
import { TICKET_PAGE_DICTIONARY } from './ticket.dictionary';

/**
 * Mounted at `tiket`: `tiket/:code`, the address in the printed ticket's QR code. Its words come
 * with this chunk, with the online ticket's (the "when to set off" card).
 */
export const TICKET_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(TICKET_PAGE_DICTIONARY, TICKET_NOTIFY_DICTIONARY, ONLINE_TICKET_DICTIONARY)],
    children: [{ path: ':code', component: TicketPageComponent, title: 'portal.ticket.title' }],
  },
];
