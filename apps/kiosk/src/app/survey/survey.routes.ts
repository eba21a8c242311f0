import type { Routes } from '@angular/router';

import { KioskSurveyPageComponent } from './kiosk-survey-page.component';

/** Mounted at `survei`. */
export const SURVEY_ROUTES: Routes = [{ path: '', component: KioskSurveyPageComponent, title: 'kiosk.survey.title' }];
