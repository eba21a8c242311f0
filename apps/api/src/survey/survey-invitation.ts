import type { CitizenLanguage } from '@mpp/contracts';
import type { SurveySubject } from './survey-token';

/**
 * The survey's link in a finished application's closing message (docs/survey.md, "Where it is
 * offered"). The applications' notifier calls these; the survey folder imports nothing of theirs.
 */

/** The subject of a finished application: its row's ids and the site-local day it was finished. */
export function applicationSurveySubject(row: { id: string; site_id: string; agency_id: string; service_id: string }, finishedOn: string): SurveySubject {
  return { kind: 'application', id: row.id, siteId: row.site_id, agencyId: row.agency_id, serviceId: row.service_id, date: finishedOn };
}

/** The survey page's address: absolute with PUBLIC_URL, else the path (the portal's own). */
export function surveyLink(token: string, publicUrl: string | null): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}/survei/${token}`;
}

/** One sentence for the message, in the application's language. */
export function surveyInvitation(lang: CitizenLanguage, link: string): string {
  return lang === 'id'
    ? `Bagaimana pelayanan kami? Isi survei kepuasan (tanpa nama, 14 hari): ${link}`
    : `How did we do? Take the satisfaction survey (anonymous, 14 days): ${link}`;
}
