import { bootstrapApplication } from '@angular/platform-browser';

import { PortalApp } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(PortalApp, appConfig).catch((error: unknown) => console.error(error));
