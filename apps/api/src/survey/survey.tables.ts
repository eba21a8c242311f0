import { tableShape } from '../database/table-shape';

/** The survey tables written by raw SQL (SurveyRepository), as AddSurvey1766530000000 made them. */
export const SURVEY_TABLES = [
  tableShape(__filename, 'survey_answer', {
    id: 'uuid',
    site_id: 'uuid',
    agency_id: 'uuid',
    service_id: 'uuid',
    service_date: 'date',
    u1: 'smallint',
    u2: 'smallint',
    u3: 'smallint',
    u4: 'smallint',
    u5: 'smallint',
    u6: 'smallint',
    u7: 'smallint',
    u8: 'smallint',
    u9: 'smallint',
    gender: 'varchar(12) | null',
    education: 'varchar(12) | null',
    occupation: 'varchar(12) | null',
    age_range: 'varchar(12) | null',
    /** PiiCipher: a comment may name someone. */
    comment_cipher: 'text | null',
  }),
  tableShape(__filename, 'survey_token_used', {
    /** SHA-256 of the spent token's one-way id (SurveyTokenSealer). */
    token_hash: 'bytea',
    expires_on: 'date',
  }),
];
