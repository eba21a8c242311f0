import type { Routes } from '@angular/router';

import { SearchPageComponent } from './search-page.component';

export const SEARCH_ROUTES: Routes = [
  { path: '', pathMatch: 'full', component: SearchPageComponent, title: 'portal.search.title' },
];
