import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service's requirements keep their ids across edits (issue 14: an application's checklist
 * points at them). An edit updates the rows it names by id, adds the rows without one, and deletes
 * the rows left out, or retires them (`retired_at`) when another table refers to them. Only active
 * rows need distinct positions, so the unique constraint becomes a unique index over them. The
 * requirement set carries a version on its service (`requirements_version`, 1 for every service
 * there now), raised by each edit that changes the set, for an application to record the version
 * it was made against. Existing rows keep their ids and positions.
 */
export class KeepRequirementIdsAcrossEdits1766380000000 implements MigrationInterface {
  name = 'KeepRequirementIdsAcrossEdits1766380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service ADD COLUMN requirements_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE service ADD CONSTRAINT ck_service_requirements_version CHECK (requirements_version >= 1)`);
    await q.query(`ALTER TABLE service_requirement ADD COLUMN retired_at timestamptz`);
    await q.query(`ALTER TABLE service_requirement DROP CONSTRAINT uq_service_requirement_position`);
    await q.query(`CREATE UNIQUE INDEX uq_service_requirement_position ON service_requirement (service_id, position) WHERE retired_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM service_requirement WHERE retired_at IS NOT NULL`);
    await q.query(`DROP INDEX uq_service_requirement_position`);
    await q.query(`ALTER TABLE service_requirement ADD CONSTRAINT uq_service_requirement_position UNIQUE (service_id, position)`);
    await q.query(`ALTER TABLE service_requirement DROP COLUMN retired_at`);
    await q.query(`ALTER TABLE service DROP CONSTRAINT ck_service_requirements_version`);
    await q.query(`ALTER TABLE service DROP COLUMN requirements_version`);
  }
}
