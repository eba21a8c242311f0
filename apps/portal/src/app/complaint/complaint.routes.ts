import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { ComplaintNewPageComponent } from './complaint-new-page.component';
import { ComplaintStatsPageComponent } from './complaint-stats-page.component';
import { ComplaintTrackPageComponent } from './complaint-track-page.component';
import { COMPLAINT_DICTIONARY } from './complaint.dictionary';

/**
 * Pengaduan (issue 16), mounted at `pengaduan`: `baru` files a complaint (`?mpp=CODE&ref=ticket:A012`),
 * `lacak` follows it with the code and the secret (never in the URL), `statistik/:siteCode` the
 * MPP's public statistics. The words come with this chunk.
 */
export const COMPLAINT_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(COMPLAINT_DICTIONARY)],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'baru' },
      { path: 'baru', component: ComplaintNewPageComponent, title: 'complaint.new.title' },
      { path: 'lacak', component: ComplaintTrackPageComponent, title: 'complaint.track.title' },
      { path: 'statistik/:siteCode', component: ComplaintStatsPageComponent, title: 'complaint.stats.title' },
    ],
  },
];
