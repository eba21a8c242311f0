import type { Routes } from '@angular/router';

import { HomePageComponent } from './home-page.component';

export const HOME_ROUTES: Routes = [
  { path: '', pathMatch: 'full', component: HomePageComponent, title: 'counter.home.title' },
];
