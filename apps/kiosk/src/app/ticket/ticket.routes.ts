import { inject } from '@angular/core';
import { Router, type CanActivateFn, type Routes } from '@angular/router';

import { KioskTicketStore } from './kiosk-ticket.store';
import { TicketPageComponent } from './ticket-page.component';

/** The ticket screen needs a ticket: opened by itself (a reload), it goes to the start screen. */
const ticketShownGuard: CanActivateFn = () =>
  inject(KioskTicketStore).current() ? true : inject(Router).createUrlTree(['/']);

/** Mounted at `tiket` (lazy, preloaded at start: the QR drawing stays out of the first bundle). */
export const TICKET_ROUTES: Routes = [
  { path: '', component: TicketPageComponent, canActivate: [ticketShownGuard], title: 'kiosk.ticket.title' },
];
