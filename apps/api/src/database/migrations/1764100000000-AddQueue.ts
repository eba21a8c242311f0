import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue: per-site calling policy, counters (loket) and the services they serve, tickets with
 * gap-free numbering per (site, prefix, local day), an append-only event log, idempotency keys
 * and exact daily quotas.
 */
export class AddQueue1764100000000 implements MigrationInterface {
  name = 'AddQueue1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE site
        ADD COLUMN queue_mode varchar(16) NOT NULL DEFAULT 'priority_first'
          CONSTRAINT ck_site_queue_mode CHECK (queue_mode IN ('priority_first', 'interleave')),
        ADD COLUMN queue_interleave_every integer NOT NULL DEFAULT 3
          CONSTRAINT ck_site_queue_interleave CHECK (queue_interleave_every BETWEEN 1 AND 50),
        ADD COLUMN queue_allow_pick boolean NOT NULL DEFAULT false,
        ADD COLUMN queue_max_recalls integer NOT NULL DEFAULT 3
          CONSTRAINT ck_site_queue_max_recalls CHECK (queue_max_recalls BETWEEN 0 AND 10)`);

    await q.query(`
      CREATE TABLE counter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        number integer NOT NULL CONSTRAINT ck_counter_number CHECK (number BETWEEN 1 AND 999),
        name varchar(80) NOT NULL,
        state varchar(8) NOT NULL DEFAULT 'closed' CONSTRAINT ck_counter_state CHECK (state IN ('open', 'paused', 'closed')),
        officer_id uuid REFERENCES staff_user (id),
        regular_streak integer NOT NULL DEFAULT 0,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_counter_site_number UNIQUE (site_id, number)
      )`);
    // An officer sits at one counter at a time.
    await q.query(`CREATE UNIQUE INDEX uq_counter_officer ON counter (officer_id) WHERE officer_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE counter_service (
        counter_id uuid NOT NULL REFERENCES counter (id) ON DELETE CASCADE,
        service_id uuid NOT NULL REFERENCES service (id),
        PRIMARY KEY (counter_id, service_id)
      )`);
    await q.query(`CREATE INDEX ix_counter_service_service ON counter_service (service_id)`);

    await q.query(`
      CREATE TABLE ticket_sequence (
        site_id uuid NOT NULL REFERENCES site (id),
        prefix char(1) NOT NULL,
        local_date date NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (site_id, prefix, local_date)
      )`);

    await q.query(`
      CREATE TABLE service_day_count (
        service_id uuid NOT NULL REFERENCES service (id),
        local_date date NOT NULL,
        issued integer NOT NULL,
        -- Tickets of the service waiting now, by class: moved in the same statement as every
        -- change into or out of 'waiting', so a new ticket learns its place without counting.
        waiting_regular integer NOT NULL DEFAULT 0 CONSTRAINT ck_service_day_waiting_regular CHECK (waiting_regular >= 0),
        waiting_priority integer NOT NULL DEFAULT 0 CONSTRAINT ck_service_day_waiting_priority CHECK (waiting_priority >= 0),
        PRIMARY KEY (service_id, local_date)
      )`);

    await q.query(`
      CREATE TABLE ticket (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Issue order, to break ties between tickets queued at the same instant.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        site_id uuid NOT NULL REFERENCES site (id),
        service_id uuid NOT NULL REFERENCES service (id),
        prefix char(1) NOT NULL,
        number integer NOT NULL,
        local_date date NOT NULL,
        public_code varchar(32) NOT NULL CONSTRAINT uq_ticket_public_code UNIQUE,
        priority varchar(16) NOT NULL CONSTRAINT ck_ticket_priority
          CHECK (priority IN ('regular', 'disability', 'elderly', 'pregnant', 'child', 'disaster_victim')),
        source varchar(8) NOT NULL CONSTRAINT ck_ticket_source CHECK (source IN ('kiosk', 'booking', 'staff')),
        status varchar(12) NOT NULL DEFAULT 'waiting' CONSTRAINT ck_ticket_status
          CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'not_served')),
        queue_at timestamptz NOT NULL,
        counter_id uuid REFERENCES counter (id),
        target_counter_id uuid REFERENCES counter (id),
        recall_count integer NOT NULL DEFAULT 0,
        issued_at timestamptz NOT NULL DEFAULT now(),
        first_called_at timestamptz,
        called_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        outcome_note text,
        issued_by_user_id uuid REFERENCES staff_user (id),
        issued_by_device_id uuid REFERENCES device (id),
        CONSTRAINT uq_ticket_number UNIQUE (site_id, prefix, local_date, number),
        CONSTRAINT ck_ticket_active_has_counter CHECK (status NOT IN ('called', 'serving') OR counter_id IS NOT NULL)
      )`);
    // The guarantee "a counter holds at most one called-or-serving ticket", in the database itself.
    await q.query(`CREATE UNIQUE INDEX uq_ticket_active_per_counter ON ticket (counter_id) WHERE status IN ('called', 'serving')`);
    // Calling: one ordered index walk per class (priority or not) finds the next ticket.
    await q.query(`
      CREATE INDEX ix_ticket_waiting_next_regular ON ticket (site_id, local_date, queue_at, seq)
      WHERE status = 'waiting' AND target_counter_id IS NULL AND priority = 'regular'`);
    await q.query(`
      CREATE INDEX ix_ticket_waiting_next_priority ON ticket (site_id, local_date, queue_at, seq)
      WHERE status = 'waiting' AND target_counter_id IS NULL AND priority <> 'regular'`);
    await q.query(`
      CREATE INDEX ix_ticket_waiting_targeted ON ticket (target_counter_id, queue_at, seq)
      WHERE status = 'waiting' AND target_counter_id IS NOT NULL`);
    // A ticket's place: counts of the waiting tickets of its service.
    await q.query(`
      CREATE INDEX ix_ticket_waiting_service ON ticket (site_id, service_id, local_date, queue_at, seq) INCLUDE (priority)
      WHERE status = 'waiting'`);
    // Recent service durations for the wait estimate.
    await q.query(`CREATE INDEX ix_ticket_done_recent ON ticket (service_id, finished_at DESC) WHERE status = 'done'`);
    await q.query(`CREATE INDEX ix_ticket_site_day ON ticket (site_id, local_date)`);

    await q.query(`
      CREATE TABLE ticket_event (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES ticket (id),
        site_id uuid NOT NULL REFERENCES site (id),
        action varchar(16) NOT NULL,
        from_status varchar(12),
        to_status varchar(12) NOT NULL,
        counter_id uuid REFERENCES counter (id),
        actor_user_id uuid REFERENCES staff_user (id),
        actor_device_id uuid REFERENCES device (id),
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX ix_ticket_event_ticket ON ticket_event (ticket_id, id)`);
    await q.query(`CREATE INDEX ix_ticket_event_site_at ON ticket_event (site_id, at)`);
    // Append-only: the log of what happened to a ticket cannot be rewritten.
    await q.query(`
      CREATE FUNCTION mpp_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER ticket_event_append_only BEFORE UPDATE OR DELETE ON ticket_event
      FOR EACH ROW EXECUTE FUNCTION mpp_forbid_change()`);

    await q.query(`
      CREATE TABLE idempotency_key (
        scope varchar(80) NOT NULL,
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        ticket_id uuid REFERENCES ticket (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
    await q.query(`DROP TABLE ticket_event`);
    await q.query(`DROP FUNCTION mpp_forbid_change()`);
    await q.query(`DROP TABLE ticket`);
    await q.query(`DROP TABLE service_day_count`);
    await q.query(`DROP TABLE ticket_sequence`);
    await q.query(`DROP TABLE counter_service`);
    await q.query(`DROP TABLE counter`);
    await q.query(`
      ALTER TABLE site DROP COLUMN queue_mode, DROP COLUMN queue_interleave_every,
        DROP COLUMN queue_allow_pick, DROP COLUMN queue_max_recalls`);
  }
}
