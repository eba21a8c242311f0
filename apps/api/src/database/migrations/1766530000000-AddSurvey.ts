import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SKM survey (issue 15, docs/survey.md). survey_answer keeps what the IKM needs and nothing
 * that leads back to the citizen: site, agency, service, the service's date (no time), the nine
 * scores, the optional profile and the comment (encrypted under DATA_KEY: a citizen may write a
 * name). Its id is random; there is no ticket, application, token or time column.
 * survey_token_used holds SHA-256 of a spent token's one-way id until the token has expired,
 * so each token is answered once; nothing in it names the answer.
 */
export class AddSurvey1766530000000 implements MigrationInterface {
  name = 'AddSurvey1766530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        service_id uuid NOT NULL REFERENCES service (id),
        service_date date NOT NULL,
        u1 smallint NOT NULL CHECK (u1 BETWEEN 1 AND 4),
        u2 smallint NOT NULL CHECK (u2 BETWEEN 1 AND 4),
        u3 smallint NOT NULL CHECK (u3 BETWEEN 1 AND 4),
        u4 smallint NOT NULL CHECK (u4 BETWEEN 1 AND 4),
        u5 smallint NOT NULL CHECK (u5 BETWEEN 1 AND 4),
        u6 smallint NOT NULL CHECK (u6 BETWEEN 1 AND 4),
        u7 smallint NOT NULL CHECK (u7 BETWEEN 1 AND 4),
        u8 smallint NOT NULL CHECK (u8 BETWEEN 1 AND 4),
        u9 smallint NOT NULL CHECK (u9 BETWEEN 1 AND 4),
        gender varchar(12),
        education varchar(12),
        occupation varchar(12),
        age_range varchar(12),
        comment_cipher text
      )`);
    await q.query(`CREATE INDEX ix_survey_answer_site_date ON survey_answer (site_id, service_date)`);
    await q.query(`
      CREATE TABLE survey_token_used (
        token_hash bytea PRIMARY KEY,
        expires_on date NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_survey_token_used_expiry ON survey_token_used (expires_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_token_used`);
    await q.query(`DROP TABLE survey_answer`);
  }
}
