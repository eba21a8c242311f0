import type { Routes } from '@angular/router';

import { SitePageComponent } from './site-page.component';

/** Mounted at `mpp`: `mpp/:code`. */
export const SITE_ROUTES: Routes = [{ path: ':code', component: SitePageComponent, title: 'portal.sitePage.title' }];
