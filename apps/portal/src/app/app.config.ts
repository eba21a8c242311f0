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

import { APP_ROUTES } from './app.routes';
import { OFFLINE_DICTIONARY } from './offline/offline.dictionary';
import { offlineInterceptor } from './offline/offline.interceptor';
import { PORTAL_DICTIONARY } from './portal.dictionary';
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
    // Only the first page's words (header, search, offline page, the site page's link): every other
    // page registers its own in its *.routes.ts (provideDictionary), loaded with its chunk.
    provideMppUi(PORTAL_DICTIONARY, SITE_PAGE_DICTIONARY, OFFLINE_DICTIONARY),
    // One worker for caching (ngsw-config.json: the app shell, open tickets, the last search) and
    // Web Push (SwPush), registered once the app is stable (at most 5 s), in production builds:
    // portal-worker.js, Angular's ngsw-worker.js with a ticket's notifications kept in order.
    provideServiceWorker('portal-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:5000' }),
  ],
};
