import type { ApplicationStateName } from './application';
import type { LocalizedText } from './errors';

/** due_soon: due within the site's working day; overdue: past the service deadline; at_risk: past the legal deadline undecided. */
export type ApplicationFlagKindName = 'due_soon' | 'overdue' | 'at_risk';

/**
 * An open SLA flag of an application (GET /agency/application-flags, GET /sites/{siteId}/application-flags),
 * oldest first. Nothing personal: the code, the service, the agency and the deadline.
 */
export interface ApplicationFlagResponse {
  id: string;
  kind: ApplicationFlagKindName;
  label: LocalizedText;
  applicationId: string;
  /** The application's code, as the inbox shows it. */
  code: string;
  state: ApplicationStateName;
  service: { id: string; name: string; nameEn: string };
  agency: { id: string; shortName: string };
  /** The deadline the flag is about (ISO): the service due date, or the legal one for at_risk. */
  deadline: string;
  raisedAt: string;
  /** When its message went to the outbox. */
  notifiedAt: string | null;
}

export interface ApplicationFlagListResponse {
  /** The oldest open flags first, at most `limit` of them. */
  items: ApplicationFlagResponse[];
  /** Every open flag in scope. */
  total: number;
  limit: number;
}
