import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The administrative audit log (issue 15, Administration): one row per administrative change, who
 * (the staff account and its role at the time), when (clock_timestamp(), the moment the row was
 * written inside the change's transaction), the scope it belongs to (site, agency; both null for
 * what only system admins see: the national calendar, system accounts), what (action, entity type
 * and id, a label to find it by) and the changed fields before → after. Secrets and citizens'
 * personal data are never written here (AuditLog strips them). Append-only: UPDATE and DELETE are
 * refused by the trigger, as for ticket_event.
 */
export class AddAdminAudit1766500000000 implements MigrationInterface {
  name = 'AddAdminAudit1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid NOT NULL REFERENCES staff_user (id),
        actor_role varchar(20) NOT NULL,
        site_id uuid,
        agency_id uuid,
        action varchar(60) NOT NULL,
        entity_type varchar(40) NOT NULL,
        entity_id uuid NOT NULL,
        entity_label varchar(300),
        before jsonb,
        after jsonb,
        request_id varchar(128),
        ip varchar(64),
        search_text text GENERATED ALWAYS AS (
          lower(action || ' ' || entity_type || ' ' || coalesce(entity_label, '') || ' ' || coalesce(before::text, '') || ' ' || coalesce(after::text, ''))
        ) STORED
      )`);
    // Newest first, by scope, by who, by what: each search filter has an index that ends in (at, id).
    await q.query(`CREATE INDEX ix_admin_audit_at ON admin_audit (at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_admin_audit_site ON admin_audit (site_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_admin_audit_agency ON admin_audit (agency_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_admin_audit_actor ON admin_audit (actor_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_admin_audit_entity ON admin_audit (entity_type, entity_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_admin_audit_action ON admin_audit (action, at DESC, id DESC)`);
    // Free text (a name, a value before or after) by trigram, so ILIKE '%…%' does not read the table.
    await q.query(`CREATE INDEX ix_admin_audit_text ON admin_audit USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);
    // TRUNCATE skips row triggers: refuse it too.
    await q.query(`
      CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
      FOR EACH STATEMENT EXECUTE FUNCTION mpp_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE admin_audit`);
  }
}
