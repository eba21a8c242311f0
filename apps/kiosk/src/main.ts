import { bootstrapApplication } from '@angular/platform-browser';

import { KioskApp } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(KioskApp, appConfig).catch((error: unknown) => console.error(error));
