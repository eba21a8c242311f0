import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: sites with opening hours and closures, the national calendar, agencies,
 * services with their service standard and a search index, staff users and devices.
 */
export class CreateCatalogueAndStaff1764000000000 implements MigrationInterface {
  name = 'CreateCatalogueAndStaff1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE; this wrapper names its dictionary so it can be IMMUTABLE and indexed.
    await q.query(`
      CREATE OR REPLACE FUNCTION mpp_fold(input text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$`);

    await q.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL CONSTRAINT uq_site_code UNIQUE,
        name varchar(160) NOT NULL,
        city varchar(120) NOT NULL,
        province varchar(120) NOT NULL,
        address text NOT NULL,
        time_zone varchar(64) NOT NULL,
        phone varchar(32),
        email varchar(254),
        opening_hours jsonb NOT NULL DEFAULT '[]'::jsonb,
        closes_on_cuti_bersama boolean NOT NULL DEFAULT true,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE national_calendar_day (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        date date NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(20) NOT NULL CONSTRAINT ck_national_calendar_day_kind CHECK (kind IN ('national_holiday', 'cuti_bersama')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_national_calendar_day UNIQUE (date, kind)
      )`);

    await q.query(`
      CREATE TABLE site_closure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id) ON DELETE CASCADE,
        date date NOT NULL,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_site_closure_day UNIQUE (site_id, date)
      )`);

    await q.query(`
      CREATE TABLE agency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        code varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        short_name varchar(60) NOT NULL,
        description text,
        contact_phone varchar(32),
        contact_email varchar(254),
        website varchar(300),
        logo_url varchar(500),
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_agency_site_code UNIQUE (site_id, code)
      )`);

    await q.query(`
      CREATE TABLE service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        code varchar(64) NOT NULL,
        name varchar(200) NOT NULL,
        name_en varchar(200) NOT NULL,
        summary varchar(300) NOT NULL,
        summary_en varchar(300) NOT NULL,
        description text NOT NULL,
        description_en text NOT NULL,
        synonyms text[] NOT NULL DEFAULT '{}',
        procedure jsonb NOT NULL DEFAULT '[]'::jsonb,
        completion_time_value integer NOT NULL CONSTRAINT ck_service_completion_positive CHECK (completion_time_value > 0),
        completion_time_unit varchar(16) NOT NULL CONSTRAINT ck_service_completion_unit CHECK (completion_time_unit IN ('minutes', 'working_days')),
        completion_time_note text,
        fee_free boolean NOT NULL,
        fee_amount bigint NOT NULL CONSTRAINT ck_service_fee_amount CHECK (fee_amount >= 0),
        fee_legal_basis text,
        fee_note text,
        product text NOT NULL,
        product_en text,
        legal_basis text[] NOT NULL DEFAULT '{}',
        complaint_channel text NOT NULL,
        ticket_prefix char(1) NOT NULL CONSTRAINT ck_service_ticket_prefix CHECK (ticket_prefix ~ '^[A-Z]$'),
        expected_service_minutes integer NOT NULL CONSTRAINT ck_service_expected_minutes CHECK (expected_service_minutes BETWEEN 1 AND 480),
        walk_in_enabled boolean NOT NULL DEFAULT true,
        online_booking_enabled boolean NOT NULL DEFAULT true,
        daily_quota integer CONSTRAINT ck_service_daily_quota CHECK (daily_quota IS NULL OR daily_quota > 0),
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        search_text text NOT NULL DEFAULT '',
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_service_site_code UNIQUE (site_id, code),
        CONSTRAINT ck_service_fee_free CHECK (NOT fee_free OR fee_amount = 0)
      )`);
    await q.query(`CREATE INDEX ix_service_agency ON service (agency_id)`);
    await q.query(`CREATE INDEX ix_service_search_vector ON service USING gin (search_vector)`);
    await q.query(`CREATE INDEX ix_service_search_text_trgm ON service USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE service_requirement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
        position integer NOT NULL,
        name varchar(300) NOT NULL,
        name_en varchar(300),
        description text,
        mandatory boolean NOT NULL DEFAULT true,
        form varchar(24) NOT NULL CONSTRAINT ck_service_requirement_form CHECK (form IN ('original', 'copy', 'original_and_copy', 'none')),
        uploadable boolean NOT NULL DEFAULT false,
        file_types text[] NOT NULL DEFAULT '{}',
        CONSTRAINT uq_service_requirement_position UNIQUE (service_id, position)
      )`);

    await q.query(`
      CREATE TABLE staff_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CONSTRAINT uq_staff_user_email UNIQUE,
        full_name varchar(160) NOT NULL,
        password_hash text NOT NULL,
        role varchar(20) NOT NULL,
        site_id uuid REFERENCES site (id),
        agency_id uuid REFERENCES agency (id),
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_staff_user_email_lower CHECK (email = lower(email)),
        CONSTRAINT ck_staff_user_scope CHECK (
          (role = 'system_admin' AND site_id IS NULL AND agency_id IS NULL) OR
          (role = 'site_admin' AND site_id IS NOT NULL AND agency_id IS NULL) OR
          (role IN ('agency_admin', 'officer') AND site_id IS NOT NULL AND agency_id IS NOT NULL)
        )
      )`);

    await q.query(`
      CREATE TABLE device (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        name varchar(120) NOT NULL,
        kind varchar(16) NOT NULL CONSTRAINT ck_device_kind CHECK (kind IN ('kiosk', 'display')),
        token_hash char(64) NOT NULL CONSTRAINT uq_device_token_hash UNIQUE,
        created_by uuid REFERENCES staff_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_device_site ON device (site_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE device`);
    await q.query(`DROP TABLE staff_user`);
    await q.query(`DROP TABLE service_requirement`);
    await q.query(`DROP TABLE service`);
    await q.query(`DROP TABLE agency`);
    await q.query(`DROP TABLE site_closure`);
    await q.query(`DROP TABLE national_calendar_day`);
    await q.query(`DROP TABLE site`);
    await q.query(`DROP FUNCTION mpp_fold(text)`);
  }
}
