import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service standard may state no completion time (issue 14): then the legal default applies, 5
 * working days after the application is received complete (UU 30/2014 Pasal 53 as amended;
 * LEGAL_DEFAULT_COMPLETION_TIME in libs/domain). Value and unit are both given or both empty.
 */
export class AllowServiceWithoutCompletionTime1766450000001 implements MigrationInterface {
  name = 'AllowServiceWithoutCompletionTime1766450000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service ALTER COLUMN completion_time_value DROP NOT NULL, ALTER COLUMN completion_time_unit DROP NOT NULL`);
    await q.query(`ALTER TABLE service ADD CONSTRAINT ck_service_completion_both CHECK ((completion_time_value IS NULL) = (completion_time_unit IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // What applied to those services: the legal default, written out.
    await q.query(`UPDATE service SET completion_time_value = 5, completion_time_unit = 'working_days' WHERE completion_time_value IS NULL`);
    await q.query(`ALTER TABLE service DROP CONSTRAINT ck_service_completion_both`);
    await q.query(`ALTER TABLE service ALTER COLUMN completion_time_value SET NOT NULL, ALTER COLUMN completion_time_unit SET NOT NULL`);
  }
}
