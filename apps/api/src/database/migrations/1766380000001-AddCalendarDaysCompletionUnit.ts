import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service standard's completion time may be given in calendar days (BPHTB validation: "paling
 * lama 30 hari"), beside minutes (same day) and working days of the site's calendar.
 */
export class AddCalendarDaysCompletionUnit1766380000001 implements MigrationInterface {
  name = 'AddCalendarDaysCompletionUnit1766380000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service DROP CONSTRAINT ck_service_completion_unit`);
    await q.query(`ALTER TABLE service ADD CONSTRAINT ck_service_completion_unit CHECK (completion_time_unit IN ('minutes', 'working_days', 'calendar_days'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The same number of working days is never shorter: the old check allows nothing closer.
    await q.query(`UPDATE service SET completion_time_unit = 'working_days' WHERE completion_time_unit = 'calendar_days'`);
    await q.query(`ALTER TABLE service DROP CONSTRAINT ck_service_completion_unit`);
    await q.query(`ALTER TABLE service ADD CONSTRAINT ck_service_completion_unit CHECK (completion_time_unit IN ('minutes', 'working_days'))`);
  }
}
