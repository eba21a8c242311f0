import { MigrationInterface, QueryRunner } from 'typeorm';
import { CallNextTargetedOnlyForOfficersAgency1764900000000 } from './1764900000000-CallNextTargetedOnlyForOfficersAgency';

/**
 * Defects #1: call-next answered 500 for a call that had happened. The API read the called
 * ticket's view in the same statement as `SELECT … FROM queue_call_next(…)`, and that statement's
 * snapshot is taken before the function runs; each statement inside the function takes a newer
 * one. A ticket issued (committed) in between was called by the function but missing from the
 * view: no prefix, an exception after commit, no announcement, and COUNTER_BUSY on retry.
 *
 * Now the function answers the view of the ticket it called (or the one the counter holds) itself,
 * read by a statement inside it, after the call, so it sees what the call saw and the call's own
 * changes. The columns are those of the API's ticket view (QueueRepository's TicketRow). The
 * return type changes, so the function is dropped and created again; its steps are those of
 * CallNextTargetedOnlyForOfficersAgency.
 */
export class CallNextAnswersCalledTicket1764910000000 implements MigrationInterface {
  name = 'CallNextAnswersCalledTicket1764910000000';

  async up(q: QueryRunner): Promise<void> {
    // The API's ticket view (QueueRepository TICKET_VIEW) of one ticket, for the function's answer.
    await q.query(`
      CREATE FUNCTION queue_ticket_view(p_id uuid)
      RETURNS TABLE (
        id uuid, seq bigint, site_id uuid, site_code text, site_name text, time_zone text,
        service_id uuid, service_name text, service_name_en text, agency_id uuid, agency_short_name text,
        prefix text, number integer, local_date text, public_code text, priority text, source text, status text,
        queue_at timestamptz, counter_id uuid, counter_number integer, counter_name text, target_counter_id uuid,
        recall_count integer, issued_at timestamptz, first_called_at timestamptz, called_at timestamptz,
        started_at timestamptz, finished_at timestamptz, outcome_note text)
      LANGUAGE sql STABLE AS $fn$
        SELECT t.id, t.seq, t.site_id, st.code::text, st.name::text, st.time_zone::text,
               t.service_id, sv.name::text, sv.name_en::text, a.id, a.short_name::text,
               t.prefix::text, t.number, to_char(t.local_date, 'YYYY-MM-DD'), t.public_code::text,
               t.priority::text, t.source::text, t.status::text, t.queue_at,
               t.counter_id, c.number, c.name::text, t.target_counter_id,
               t.recall_count, t.issued_at, t.first_called_at, t.called_at, t.started_at, t.finished_at, t.outcome_note
          FROM ticket t
          JOIN site st ON st.id = t.site_id
          JOIN service sv ON sv.id = t.service_id
          JOIN agency a ON a.id = sv.agency_id
          LEFT JOIN counter c ON c.id = t.counter_id
         WHERE t.id = p_id
      $fn$`);
    await q.query(`DROP FUNCTION queue_call_next(uuid, uuid, uuid, uuid, timestamptz)`);
    await q.query(`
      CREATE FUNCTION queue_call_next(p_counter uuid, p_user uuid, p_site uuid, p_agency uuid, p_now timestamptz)
      RETURNS TABLE (
        outcome text, id uuid, seq bigint, site_id uuid, site_code text, site_name text, time_zone text,
        service_id uuid, service_name text, service_name_en text, agency_id uuid, agency_short_name text,
        prefix text, number integer, local_date text, public_code text, priority text, source text, status text,
        queue_at timestamptz, counter_id uuid, counter_number integer, counter_name text, target_counter_id uuid,
        recall_count integer, issued_at timestamptz, first_called_at timestamptz, called_at timestamptz,
        started_at timestamptz, finished_at timestamptz, outcome_note text)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        c record;
        held record;
        v_services uuid[];
        v_date date;
        v_prefer_priority boolean;
        v_next record;
      BEGIN
        SELECT k.id, k.site_id, k.number, k.name, k.state, k.officer_id, k.regular_streak,
               st.time_zone, st.queue_mode, st.queue_interleave_every
          INTO c
          FROM counter k JOIN site st ON st.id = k.site_id
         WHERE k.id = p_counter AND k.retired_at IS NULL
           FOR UPDATE OF k;
        IF NOT FOUND THEN outcome := 'counter_not_found'; RETURN NEXT; RETURN; END IF;
        IF p_site IS NOT NULL AND c.site_id <> p_site THEN outcome := 'other_site'; RETURN NEXT; RETURN; END IF;
        IF c.officer_id IS DISTINCT FROM p_user THEN outcome := 'not_at_counter'; RETURN NEXT; RETURN; END IF;
        IF c.state <> 'open' THEN outcome := 'not_open'; RETURN NEXT; RETURN; END IF;

        SELECT t.id INTO held
          FROM ticket t WHERE t.counter_id = p_counter AND t.status IN ('called', 'serving') FOR UPDATE;
        IF FOUND THEN
          RETURN QUERY SELECT 'counter_busy'::text, v.* FROM queue_ticket_view(held.id) v;
          RETURN;
        END IF;

        SELECT coalesce(array_agg(s.id), '{}') INTO v_services
          FROM counter_service cs
          JOIN service s ON s.id = cs.service_id AND s.retired_at IS NULL
          JOIN agency a ON a.id = s.agency_id AND a.retired_at IS NULL
         WHERE cs.counter_id = p_counter AND (p_agency IS NULL OR s.agency_id = p_agency);
        IF cardinality(v_services) = 0 THEN outcome := 'not_your_agency'; RETURN NEXT; RETURN; END IF;

        v_date := (p_now AT TIME ZONE c.time_zone)::date;
        v_prefer_priority := c.queue_mode = 'priority_first' OR c.regular_streak >= c.queue_interleave_every;

        SELECT t.id, t.service_id, t.priority, t.local_date INTO v_next FROM ticket t
         WHERE t.target_counter_id = p_counter AND t.status = 'waiting' AND t.local_date = v_date
           AND t.service_id = ANY (v_services)
         ORDER BY t.queue_at, t.seq LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF NOT FOUND AND v_prefer_priority THEN
          SELECT t.id, t.service_id, t.priority, t.local_date INTO v_next FROM ticket t
           WHERE t.site_id = c.site_id AND t.local_date = v_date AND t.status = 'waiting' AND t.target_counter_id IS NULL
             AND t.priority <> 'regular' AND t.service_id = ANY (v_services)
           ORDER BY t.queue_at, t.seq LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        IF NOT FOUND THEN
          SELECT t.id, t.service_id, t.priority, t.local_date INTO v_next FROM ticket t
           WHERE t.site_id = c.site_id AND t.local_date = v_date AND t.status = 'waiting' AND t.target_counter_id IS NULL
             AND t.priority = 'regular' AND t.service_id = ANY (v_services)
           ORDER BY t.queue_at, t.seq LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        IF NOT FOUND AND NOT v_prefer_priority THEN
          SELECT t.id, t.service_id, t.priority, t.local_date INTO v_next FROM ticket t
           WHERE t.site_id = c.site_id AND t.local_date = v_date AND t.status = 'waiting' AND t.target_counter_id IS NULL
             AND t.priority <> 'regular' AND t.service_id = ANY (v_services)
           ORDER BY t.queue_at, t.seq LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        IF NOT FOUND THEN outcome := 'queue_empty'; RETURN NEXT; RETURN; END IF;

        UPDATE ticket t SET status = 'called', counter_id = p_counter, target_counter_id = NULL, recall_count = 0,
                            called_at = p_now, first_called_at = coalesce(t.first_called_at, p_now)
         WHERE t.id = v_next.id;
        INSERT INTO ticket_event (ticket_id, site_id, action, from_status, to_status, counter_id, actor_user_id, actor_device_id, at, details)
        VALUES (v_next.id, c.site_id, 'call', 'waiting', 'called', p_counter, p_user, NULL, p_now, '{}'::jsonb);
        UPDATE counter k SET regular_streak = CASE WHEN v_next.priority = 'regular' THEN c.regular_streak + 1 ELSE 0 END
         WHERE k.id = p_counter;
        -- The answer: the ticket as this call left it (a statement of its own sees the call).
        RETURN QUERY SELECT 'called'::text, v.* FROM queue_ticket_view(v_next.id) v;
        -- Last: every counter of the service shares this row, so its lock is held for the least time.
        UPDATE service_day_count d
           SET waiting_regular = GREATEST(d.waiting_regular - CASE WHEN v_next.priority = 'regular' THEN 1 ELSE 0 END, 0),
               waiting_priority = GREATEST(d.waiting_priority - CASE WHEN v_next.priority = 'regular' THEN 0 ELSE 1 END, 0)
         WHERE d.service_id = v_next.service_id AND d.local_date = v_next.local_date;
        RETURN;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION queue_call_next(uuid, uuid, uuid, uuid, timestamptz)`);
    await new CallNextTargetedOnlyForOfficersAgency1764900000000().up(q);
    await q.query(`DROP FUNCTION queue_ticket_view(uuid)`);
  }
}
