import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideMppUi } from '@mpp/ui';

import { APP_ROUTES } from './app.routes';
import { authInterceptor } from './auth/auth.interceptor';
import { CONSOLE_DICTIONARY } from './console.dictionary';
import { COUNTER_DICTIONARY } from './counter.dictionary';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideRouter(APP_ROUTES, withComponentInputBinding()),
    provideMppUi(COUNTER_DICTIONARY, CONSOLE_DICTIONARY),
  ],
};
