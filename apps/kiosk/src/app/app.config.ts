import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import {
  PreloadAllModules,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
  withPreloading,
} from '@angular/router';
import { provideMppUi } from '@mpp/ui';

import { APP_ROUTES } from './app.routes';
import { DEVICE_DICTIONARY } from './device/device.dictionary';
import { deviceInterceptor } from './device/device.interceptor';
import { DISPLAY_DICTIONARY } from './display/display.dictionary';
import { KIOSK_DICTIONARY } from './kiosk.dictionary';
import { KIOSK_MACHINE_DICTIONARY } from './kiosk-machine.dictionary';
import { KIOSK_SURVEY_DICTIONARY } from './survey/kiosk-survey.dictionary';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([deviceInterceptor])),
    provideRouter(
      APP_ROUTES,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      // The ticket screen must open even if the network drops right after a ticket is issued.
      withPreloading(PreloadAllModules),
    ),
    provideMppUi(KIOSK_DICTIONARY, DEVICE_DICTIONARY, KIOSK_MACHINE_DICTIONARY, DISPLAY_DICTIONARY, KIOSK_SURVEY_DICTIONARY),
  ],
};
