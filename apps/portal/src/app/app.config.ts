import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  isDevMode,
  type ApplicationConfig,
} from '@angular/core';
import {
  PreloadAllModules,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
  withPreloading,
} from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { provideMppUi } from '@mpp/ui';

import { ACCOUNT_TITLES_DICTIONARY } from './account/account-titles.dictionary';
import { APP_ROUTES } from './app.routes';
import { BOOKING_DICTIONARY } from './booking/booking.dictionary';
import { OFFLINE_DICTIONARY } from './offline/offline.dictionary';
import { offlineInterceptor } from './offline/offline.interceptor';
import { ONLINE_TICKET_DICTIONARY } from './online-ticket/online-ticket.dictionary';
import { PORTAL_DICTIONARY } from './portal.dictionary';
import { TICKET_NOTIFY_DICTIONARY } from './ticket/ticket-notify.dictionary';
import { SITE_PAGE_DICTIONARY } from './site/site.dictionary';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([offlineInterceptor])),
    provideRouter(
      APP_ROUTES,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
      withPreloading(PreloadAllModules),
    ),
    provideMppUi(PORTAL_DICTIONARY, SITE_PAGE_DICTIONARY, OFFLINE_DICTIONARY, TICKET_NOTIFY_DICTIONARY, BOOKING_DICTIONARY, ONLINE_TICKET_DICTIONARY, ACCOUNT_TITLES_DICTIONARY),
    // One worker for caching (ngsw-config.json: the app shell, open tickets, the last search) and
    // Web Push (SwPush), registered once the app is stable (at most 5 s), in production builds.
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:5000' }),
  ],
};
