import { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = `'draft', 'submitted', 'in_verification', 'returned', 'resubmitted', 'complete', 'in_process', 'approved', 'ready', 'done', 'rejected', 'withdrawn', 'expired'`;

/**
 * Digital applications (issue 14, docs/applications.md): the application for one service at one
 * site, made against a version of the service's requirements; its checklist (one item per
 * requirement of that version); and its append-only trail of transitions. The applicant's
 * identity is stored like a booking's: encrypted under DATA_KEY, the NIK also as a keyed hash;
 * a citizen without an account proves ownership with a secret whose SHA-256 only is kept. The
 * SLA clock's due dates are computed by libs/domain at each transition and stored, so an agency's
 * inbox filters and pages by columns (ix_application_inbox, ix_application_due).
 */
export class AddApplication1766410000000 implements MigrationInterface {
  name = 'AddApplication1766410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code char(8) NOT NULL,
        service_id uuid NOT NULL REFERENCES service (id),
        site_id uuid NOT NULL REFERENCES site (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        requirements_version integer NOT NULL,
        state varchar(16) NOT NULL,
        citizen_id uuid REFERENCES citizen (id) ON DELETE SET NULL,
        owner_secret_hash bytea,
        nik_hash char(64) NOT NULL,
        nik_cipher text NOT NULL,
        name_cipher text NOT NULL,
        phone_cipher text NOT NULL,
        email_cipher text,
        language varchar(2) NOT NULL DEFAULT 'id',
        assigned_officer_id uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        citizen_deadline timestamptz,
        result_delivery varchar(16),
        decision_reason text,
        clock_started_at timestamptz,
        clock_phase varchar(12) NOT NULL DEFAULT 'not_started',
        due_at timestamptz,
        legal_due_at timestamptz,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_application_code UNIQUE (code),
        CONSTRAINT ck_application_state CHECK (state IN (${STATES})),
        CONSTRAINT ck_application_owner CHECK (citizen_id IS NOT NULL OR owner_secret_hash IS NOT NULL),
        CONSTRAINT ck_application_language CHECK (language IN ('id', 'en')),
        CONSTRAINT ck_application_result_delivery CHECK (result_delivery IS NULL OR result_delivery IN ('collect_at_site', 'download')),
        CONSTRAINT ck_application_clock_phase CHECK (clock_phase IN ('not_started', 'running', 'paused', 'stopped'))
      )`);
    // The agency's inbox, newest first, by state or not (keyset on created_at, id).
    await q.query(`CREATE INDEX ix_application_inbox ON application (agency_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_application_inbox_state ON application (agency_id, state, created_at DESC, id DESC)`);
    // Due soon and overdue: open applications with a due date.
    await q.query(`
      CREATE INDEX ix_application_due ON application (agency_id, due_at)
       WHERE due_at IS NOT NULL AND state NOT IN ('draft', 'ready', 'done', 'rejected', 'withdrawn', 'expired')`);
    await q.query(`CREATE INDEX ix_application_returned_deadline ON application (citizen_deadline) WHERE state = 'returned'`);
    await q.query(`CREATE INDEX ix_application_citizen ON application (citizen_id, created_at) WHERE citizen_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE application_item (
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        requirement_id uuid NOT NULL REFERENCES service_requirement (id),
        position integer NOT NULL,
        state varchar(16) NOT NULL DEFAULT 'pending',
        reason text,
        reviewed_by uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        PRIMARY KEY (application_id, requirement_id),
        CONSTRAINT ck_application_item_state CHECK (state IN ('pending', 'accepted', 'needs_revision')),
        CONSTRAINT ck_application_item_reason CHECK (state <> 'needs_revision' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_application_item_requirement ON application_item (requirement_id)`);

    await q.query(`
      CREATE TABLE application_event (
        id bigserial PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        action varchar(24) NOT NULL,
        from_state varchar(16),
        to_state varchar(16) NOT NULL,
        actor_kind varchar(8) NOT NULL,
        actor_id uuid,
        at timestamptz NOT NULL,
        ip varchar(64),
        user_agent varchar(300),
        details jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT ck_application_event_actor CHECK (actor_kind IN ('citizen', 'officer', 'system'))
      )`);
    await q.query(`CREATE INDEX ix_application_event_application ON application_event (application_id, id)`);
    // mpp_forbid_change (AddQueue): the trail is never changed or deleted.
    await q.query(`
      CREATE TRIGGER application_event_append_only BEFORE UPDATE OR DELETE ON application_event
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_event`);
    await q.query(`DROP TABLE application_item`);
    await q.query(`DROP TABLE application`);
  }
}
