import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Defects #3: tickets sent to a counter (a transfer with a target counter) were called by whoever
 * sat at it, whatever their agency: a Dukcapil ticket sent to a counter serving Dukcapil and BPJS
 * went to the BPJS officer there. The first probe now takes only tickets of the services of the
 * officer's agency that the counter serves (`v_services`), like the other probes; a ticket of
 * another agency stays sent to the counter until an officer of its agency sits there.
 * Everything else is the function of AddCallNextFunction, unchanged.
 */
export class CallNextTargetedOnlyForOfficersAgency1764900000000 implements MigrationInterface {
  name = 'CallNextTargetedOnlyForOfficersAgency1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(callNextFunction(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(callNextFunction(false));
  }
}

function callNextFunction(targetedOfOwnAgency: boolean): string {
  return `
      CREATE OR REPLACE FUNCTION queue_call_next(p_counter uuid, p_user uuid, p_site uuid, p_agency uuid, p_now timestamptz)
      RETURNS TABLE (outcome text, ticket_id uuid, counter_number integer, counter_name varchar)
      LANGUAGE plpgsql VOLATILE AS $fn$
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
        IF NOT FOUND THEN RETURN QUERY SELECT 'counter_not_found', NULL::uuid, NULL::integer, NULL::varchar; RETURN; END IF;
        IF p_site IS NOT NULL AND c.site_id <> p_site THEN RETURN QUERY SELECT 'other_site', NULL::uuid, NULL::integer, NULL::varchar; RETURN; END IF;
        IF c.officer_id IS DISTINCT FROM p_user THEN RETURN QUERY SELECT 'not_at_counter', NULL::uuid, NULL::integer, NULL::varchar; RETURN; END IF;
        IF c.state <> 'open' THEN RETURN QUERY SELECT 'not_open', NULL::uuid, NULL::integer, NULL::varchar; RETURN; END IF;

        SELECT t.id INTO held
          FROM ticket t WHERE t.counter_id = p_counter AND t.status IN ('called', 'serving') FOR UPDATE;
        IF FOUND THEN RETURN QUERY SELECT 'counter_busy', held.id, c.number, c.name; RETURN; END IF;

        SELECT coalesce(array_agg(s.id), '{}') INTO v_services
          FROM counter_service cs
          JOIN service s ON s.id = cs.service_id AND s.retired_at IS NULL
          JOIN agency a ON a.id = s.agency_id AND a.retired_at IS NULL
         WHERE cs.counter_id = p_counter AND (p_agency IS NULL OR s.agency_id = p_agency);
        IF cardinality(v_services) = 0 THEN RETURN QUERY SELECT 'not_your_agency', NULL::uuid, NULL::integer, NULL::varchar; RETURN; END IF;

        v_date := (p_now AT TIME ZONE c.time_zone)::date;
        v_prefer_priority := c.queue_mode = 'priority_first' OR c.regular_streak >= c.queue_interleave_every;

        SELECT t.id, t.service_id, t.priority, t.local_date INTO v_next FROM ticket t
         WHERE t.target_counter_id = p_counter AND t.status = 'waiting' AND t.local_date = v_date${targetedOfOwnAgency ? '\n           AND t.service_id = ANY (v_services)' : ''}
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
        IF NOT FOUND THEN RETURN QUERY SELECT 'queue_empty', NULL::uuid, NULL::integer, NULL::varchar; RETURN; END IF;

        UPDATE ticket SET status = 'called', counter_id = p_counter, target_counter_id = NULL, recall_count = 0,
                          called_at = p_now, first_called_at = coalesce(first_called_at, p_now)
         WHERE id = v_next.id;
        INSERT INTO ticket_event (ticket_id, site_id, action, from_status, to_status, counter_id, actor_user_id, actor_device_id, at, details)
        VALUES (v_next.id, c.site_id, 'call', 'waiting', 'called', p_counter, p_user, NULL, p_now, '{}'::jsonb);
        UPDATE counter SET regular_streak = CASE WHEN v_next.priority = 'regular' THEN c.regular_streak + 1 ELSE 0 END
         WHERE id = p_counter;
        -- Last: every counter of the service shares this row, so its lock is held for the least time.
        UPDATE service_day_count
           SET waiting_regular = GREATEST(waiting_regular - CASE WHEN v_next.priority = 'regular' THEN 1 ELSE 0 END, 0),
               waiting_priority = GREATEST(waiting_priority - CASE WHEN v_next.priority = 'regular' THEN 0 ELSE 1 END, 0)
         WHERE service_id = v_next.service_id AND local_date = v_next.local_date;
        RETURN QUERY SELECT 'called', v_next.id, c.number, c.name;
      END
      $fn$`;
}
