import { bootstrapApplication } from '@angular/platform-browser';

import { CounterApp } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(CounterApp, appConfig).catch((error: unknown) => console.error(error));
