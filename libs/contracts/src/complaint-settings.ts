/** A site's complaint settings (issue 16, docs/complaints.md): GET/PUT /v1/admin/sites/{code}/complaint-settings. */

/** PUT body: the whole set (every field present; null clock = the legal default). */
export interface UpdateComplaintSettingsRequest {
  /** First response, in the site's working days (1–60); null: the legal default (UU 25/2009 Pasal 50 ayat (2), 14 days). */
  firstResponseDays: number | null;
  /** Resolution, in the site's working days (1–60, not shorter than the first response); null: the legal default (ayat (5), 60 days). */
  resolutionDays: number | null;
  /** The "untouched" red flag: an open complaint no handler touched for this many days (1–60; default 7). */
  untouchedDays: number;
  /** How long after the answer the reporter may reopen (calendar days, 1–90; default 14). */
  reopenDays: number;
}

export interface ComplaintSettingsResponse extends UpdateComplaintSettingsRequest {
  siteCode: string;
  /** What applies where a clock is null (calendar days; a deadline on a closed day moves to the next working day's close). */
  legalDefault: { firstResponseDays: number; resolutionDays: number; unit: 'calendar_days' };
  /** When an admin last saved them; null: never (the defaults). */
  updatedAt: string | null;
}
