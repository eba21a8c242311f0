import type { Routes } from '@angular/router';
import { provideDictionary } from '@mpp/ui';

import { SurveyPageComponent } from './survey-page.component';
import { SURVEY_DICTIONARY } from './survey.dictionary';

/** Mounted at `survei`: `survei/:token`, the link a served ticket's page and a finished application's message give. */
export const SURVEY_ROUTES: Routes = [
  {
    path: '',
    providers: [provideDictionary(SURVEY_DICTIONARY)],
    children: [{ path: ':token', component: SurveyPageComponent, title: 'survey.title' }],
  },
];
