/**
 * The SKM survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017; docs/survey.md): what crosses
 * the wire. The form is read and answered with a one-time survey token only; the answer keeps
 * the site, agency, service and date, nothing that leads back to the citizen.
 */
import type { LocalizedText } from './errors';

export const SURVEY_GENDERS = ['male', 'female'] as const;
export type SurveyGender = (typeof SURVEY_GENDERS)[number];

/** Pendidikan as the regulation's form lists it. */
export const SURVEY_EDUCATIONS = ['sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2_plus'] as const;
export type SurveyEducation = (typeof SURVEY_EDUCATIONS)[number];

/** Pekerjaan as the regulation's form lists it. */
export const SURVEY_OCCUPATIONS = ['pns', 'tni', 'polri', 'swasta', 'wirausaha', 'lainnya'] as const;
export type SurveyOccupation = (typeof SURVEY_OCCUPATIONS)[number];

/** Usia, in ranges (the form asks the age; a range says enough and identifies less). */
export const SURVEY_AGE_RANGES = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'] as const;
export type SurveyAgeRange = (typeof SURVEY_AGE_RANGES)[number];

export const SURVEY_COMMENT_MAX_LENGTH = 1000;

export interface SurveyOption<T> {
  value: T;
  label: LocalizedText;
}

/** One of the nine elements (unsur) with its question and its four answers, worst (1) to best (4). */
export interface SurveyElementForm {
  /** "U1" … "U9" */
  code: string;
  name: LocalizedText;
  question: LocalizedText;
  options: SurveyOption<1 | 2 | 3 | 4>[];
}

/** GET /v1/survey/:token */
export interface SurveyFormResponse {
  siteName: string;
  agencyName: string;
  service: { name: string; nameEn: string | null };
  /** Site-local date of the service, YYYY-MM-DD. */
  date: string;
  /** What was finished: a served ticket or a finished application. */
  kind: 'ticket' | 'application';
  elements: SurveyElementForm[];
  profile: {
    genders: SurveyOption<SurveyGender>[];
    educations: SurveyOption<SurveyEducation>[];
    occupations: SurveyOption<SurveyOccupation>[];
    ageRanges: SurveyOption<SurveyAgeRange>[];
  };
  commentMaxLength: number;
}

export interface SurveyProfile {
  gender?: SurveyGender | null;
  education?: SurveyEducation | null;
  occupation?: SurveyOccupation | null;
  ageRange?: SurveyAgeRange | null;
}

/** POST /v1/survey/:token */
export interface SurveyAnswerRequest {
  /** Nine whole scores 1–4, U1…U9. */
  scores: number[];
  comment?: string | null;
  profile?: SurveyProfile | null;
}

/** 201: the answer is kept; the token is spent. */
export interface SurveyAnswerResponse {
  thanks: LocalizedText;
}

export type SurveyBand = 'A' | 'B' | 'C' | 'D';

export interface SurveyIndex {
  respondents: number;
  /** 25.00–100.00 rounded to two decimals; null without respondents. */
  ikm: number | null;
  band: SurveyBand | null;
  /** "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik" (and English). */
  bandLabel: LocalizedText | null;
}

export interface SurveyElementResult {
  code: string;
  name: LocalizedText;
  /** Average score 1–4, unrounded. */
  nrr: number;
  /** NRR × 25, rounded to two decimals (the element's index). */
  ikm: number;
  band: SurveyBand;
}

export interface SurveyGroupResult extends SurveyIndex {
  id: string;
  name: string;
  /** Served tickets of this group in the period (the population N). */
  population: number;
  requiredSample: number;
}

export interface SurveyProfileCount {
  value: string;
  label: LocalizedText;
  count: number;
}

/** GET /v1/admin/sites/:code/survey/report?from&to[&agencyId][&serviceId] */
export interface SurveyReportResponse extends SurveyIndex {
  site: { code: string; name: string };
  agency: { id: string; name: string } | null;
  service: { id: string; name: string } | null;
  from: string;
  to: string;
  /** Served tickets in the period within the scope: N of Krejcie–Morgan. */
  population: number;
  /** Krejcie–Morgan's sample for that population (χ² 3.841, P 0.5, d 0.05). */
  requiredSample: number;
  sampleReached: boolean;
  /** The nine elements, lowest NRR first (the follow-up plan starts with the first). */
  elements: SurveyElementResult[];
  byAgency: SurveyGroupResult[];
  byService: SurveyGroupResult[];
  profile: {
    gender: SurveyProfileCount[];
    education: SurveyProfileCount[];
    occupation: SurveyProfileCount[];
    ageRange: SurveyProfileCount[];
  };
  /** Free comments of the period (newest date first, at most 200): what citizens wrote. */
  comments: { date: string; serviceName: string; text: string }[];
}
