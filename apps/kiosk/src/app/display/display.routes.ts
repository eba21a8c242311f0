import type { Routes } from '@angular/router';

import { DisplayPageComponent } from './display-page.component';

export const DISPLAY_ROUTES: Routes = [
  { path: '', component: DisplayPageComponent, title: 'display.title' },
];
