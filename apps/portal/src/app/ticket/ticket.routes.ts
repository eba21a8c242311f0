import type { Routes } from '@angular/router';

import { TicketPageComponent } from './ticket-page.component';

/** Mounted at `tiket`: `tiket/:code`, the address in the printed ticket's QR code. */
export const TICKET_ROUTES: Routes = [
  { path: ':code', component: TicketPageComponent, title: 'portal.ticket.title' },
];
