import type { Routes } from '@angular/router';

import { OnlineTicketPageComponent } from './online-ticket-page.component';

/** Mounted at `antrean-daring`: `antrean-daring/:serviceId`, take a ticket from home. */
export const ONLINE_TICKET_ROUTES: Routes = [{ path: ':serviceId', component: OnlineTicketPageComponent, title: 'daring.title' }];
