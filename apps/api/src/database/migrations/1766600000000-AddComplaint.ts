import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'received', 'verified', 'in_progress', 'waiting_for_citizen', 'answered', 'closed', 'reopened'`;

/**
 * Complaints and consultation (issue 16, docs/complaints.md): one complaint per report at a site,
 * routed to an agency (none for the MPP's own facilities), optionally about a service and a ticket
 * or application; the text and the reporter's identity encrypted under DATA_KEY (none at all when
 * anonymous); a tracking code (40 random bits) and, separately, the SHA-256 of a secret only the
 * reporter receives. The clocks' due dates are computed by libs/domain and stored so the inbox
 * filters and sorts by columns. complaint_event is the append-only trail: every status change,
 * assignment, re-route, merge, reply and internal note, who, when and from where.
 */
export class AddComplaint1766600000000 implements MigrationInterface {
  name = 'AddComplaint1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code char(8) NOT NULL,
        site_id uuid NOT NULL REFERENCES site (id),
        agency_id uuid REFERENCES agency (id),
        service_id uuid REFERENCES service (id),
        kind varchar(16) NOT NULL CHECK (kind IN ('complaint', 'consultation')),
        subject varchar(16) NOT NULL CHECK (subject IN ('service', 'agency', 'officer_conduct', 'facilities')),
        anonymity varchar(12) NOT NULL CHECK (anonymity IN ('named', 'confidential', 'anonymous')),
        status varchar(20) NOT NULL CHECK (status IN (${STATUSES})),
        text_cipher text NOT NULL,
        reporter_name_cipher text,
        reporter_phone_cipher text,
        reporter_email_cipher text,
        language varchar(2) NOT NULL CHECK (language IN ('id', 'en')),
        owner_secret_hash bytea NOT NULL,
        reference_kind varchar(12) CHECK (reference_kind IN ('ticket', 'application', 'booking')),
        reference_code varchar(16),
        assigned_staff_id uuid REFERENCES staff_user (id),
        merged_into_id uuid REFERENCES complaint (id),
        first_response_due_at timestamptz NOT NULL,
        resolution_due_at timestamptz NOT NULL,
        first_responded_at timestamptz,
        answered_at timestamptz,
        closed_at timestamptz,
        last_handler_action_at timestamptz NOT NULL,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_complaint_code UNIQUE (code),
        CONSTRAINT ck_complaint_anonymous_has_no_identity CHECK (
          anonymity <> 'anonymous' OR (reporter_name_cipher IS NULL AND reporter_phone_cipher IS NULL AND reporter_email_cipher IS NULL)),
        CONSTRAINT ck_complaint_reference CHECK ((reference_kind IS NULL) = (reference_code IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_complaint_inbox ON complaint (site_id, agency_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_complaint_open ON complaint (site_id, last_handler_action_at) WHERE status NOT IN ('answered', 'closed')`);
    await q.query(`
      CREATE TABLE complaint_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        action varchar(24) NOT NULL,
        from_status varchar(20),
        to_status varchar(20),
        actor_kind varchar(8) NOT NULL CHECK (actor_kind IN ('citizen', 'staff', 'system')),
        actor_id uuid,
        at timestamptz NOT NULL,
        ip varchar(64),
        user_agent varchar(300),
        internal boolean NOT NULL,
        note_cipher text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_complaint_event ON complaint_event (complaint_id, at, id)`);
    await q.query(`
      CREATE TRIGGER complaint_event_append_only BEFORE UPDATE OR DELETE ON complaint_event
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_event`);
    await q.query(`DROP TABLE complaint`);
  }
}
