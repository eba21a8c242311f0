import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CitizenIdentityKind, CitizenLanguage, CitizenNotifyBy, CitizenOtpChannel } from '@mpp/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface OtpRow {
  id: string;
  code_hash: string;
  attempts: number;
}

export interface SessionRow {
  citizen_id: string;
  expires_at: Date;
}

export interface IdentityRow {
  kind: CitizenIdentityKind;
  value_cipher: string;
}

export interface HistoryBookingRow {
  code: string;
  status: string;
  site_code: string;
  site_name: string;
  time_zone: string;
  service_id: string;
  service_name: string;
  service_name_en: string;
  slot_date: string;
  slot_start: string;
  slot_end: string;
  starts_at: Date;
  created_at: Date;
}

export interface HistoryTicketRow {
  public_code: string;
  prefix: string;
  number: number;
  status: string;
  site_code: string;
  site_name: string;
  time_zone: string;
  service_id: string;
  service_name: string;
  service_name_en: string;
  local_date: string;
  issued_at: Date;
}

export interface HistoryApplicationRow {
  code: string;
  state: string;
  site_code: string;
  site_name: string;
  time_zone: string;
  service_id: string;
  service_name: string;
  service_name_en: string;
  due_at: Date | null;
  citizen_deadline: Date | null;
  created_at: Date;
}

export interface PreferencesRow {
  notify_by: CitizenNotifyBy | null;
  language: CitizenLanguage | null;
}

/** What adding a verified contact did: the citizen it now belongs to, and whether another citizen was merged into it. */
export interface ContactAdded {
  citizenId: string;
  merged: boolean;
}

/** Advisory lock keys (pg_advisory_xact_lock's second argument): sign-in per identity, and merges. */
const IDENTITY_LOCK = 7132;
const MERGE_LOCK = 7133;

/** How many rows of each kind "Riwayat saya" shows at most. */
export const HISTORY_LIMIT = 100;

/**
 * The citizen account's queries, one method each (citizen.tables.ts lists the columns). Times are
 * the database's (`now()`), so every API process agrees on when a code or a session ends.
 */
@Injectable()
export class CitizenRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Codes asked for this recipient in the last `seconds`, and the newest one's age in seconds. */
  async countRecentOtps(recipientHash: string, seconds: number): Promise<{ count: number; newestAgeSeconds: number | null }> {
    const rows: { count: string; newest_age: number | null }[] = await this.db.query(
      `SELECT count(*) AS count, EXTRACT(EPOCH FROM now() - max(created_at))::float8 AS newest_age
         FROM citizen_otp
        WHERE recipient_hash = $1 AND created_at > now() - make_interval(secs => $2::int)`,
      [recipientHash, seconds],
    );
    return { count: Number(rows[0].count), newestAgeSeconds: rows[0].newest_age };
  }

  /**
   * A new code for the recipient; the codes asked before it stop working (only the newest counts).
   * Runs in one transaction, so two requests at once leave one live code.
   */
  async replaceOtp(recipientHash: string, channel: CitizenOtpChannel, id: string, codeHash: string, ttlSeconds: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7131))`, [recipientHash]);
      await tx.query(`UPDATE citizen_otp SET used_at = now() WHERE recipient_hash = $1 AND used_at IS NULL`, [recipientHash]);
      await tx.query(
        `INSERT INTO citizen_otp (id, recipient_hash, channel, code_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::int))`,
        [id, recipientHash, channel, codeHash, ttlSeconds],
      );
    });
  }

  /**
   * Counts one attempt on the recipient's live code (unused, unexpired, below `maxAttempts`) and
   * answers it, or null when there is none. The count is taken before the code is compared, so
   * parallel guesses cannot exceed the limit.
   */
  async takeOtpAttempt(recipientHash: string, maxAttempts: number): Promise<OtpRow | null> {
    const [rows] = (await this.db.query(
      `UPDATE citizen_otp SET attempts = attempts + 1
        WHERE id = (SELECT id FROM citizen_otp WHERE recipient_hash = $1 AND used_at IS NULL AND expires_at > now()
                     ORDER BY created_at DESC LIMIT 1)
          AND attempts < $2
       RETURNING id, code_hash, attempts`,
      [recipientHash, maxAttempts],
    )) as [OtpRow[], number];
    return rows[0] ?? null;
  }

  /** Whether the recipient has a live code whose attempts are all used. */
  async hasExhaustedOtp(recipientHash: string, maxAttempts: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM citizen_otp WHERE recipient_hash = $1 AND used_at IS NULL AND expires_at > now() AND attempts >= $2 LIMIT 1`,
      [recipientHash, maxAttempts],
    );
    return rows.length > 0;
  }

  /** Marks the code used; false if another request used it first. */
  async useOtp(id: string): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE citizen_otp SET used_at = now() WHERE id = $1 AND used_at IS NULL`, [id])) as [unknown, number];
    return count === 1;
  }

  /**
   * The citizen of this verified identity, created with it the first time: one citizen per
   * identity (uq_citizen_identity), also when two sign-ins race.
   */
  async findOrCreateCitizen(kind: CitizenIdentityKind, lookupHash: string, valueCipher: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      await this.lockIdentity(tx, kind, lookupHash);
      // A merge may remove the citizen found between the read and the update (it moved the
      // identity to the citizen that stays): read again, at most twice.
      for (let attempt = 0; attempt < 3; attempt++) {
        const found: { citizen_id: string }[] = await tx.query(`SELECT citizen_id FROM citizen_identity WHERE kind = $1 AND lookup_hash = $2`, [kind, lookupHash]);
        if (!found[0]) break;
        const [, touched] = (await tx.query(`UPDATE citizen SET last_sign_in_at = now() WHERE id = $1`, [found[0].citizen_id])) as [unknown, number];
        if (touched === 1) return found[0].citizen_id;
      }
      const created: { id: string }[] = await tx.query(`INSERT INTO citizen (last_sign_in_at) VALUES (now()) RETURNING id`);
      await tx.query(`INSERT INTO citizen_identity (citizen_id, kind, lookup_hash, value_cipher) VALUES ($1, $2, $3, $4)`, [
        created[0].id,
        kind,
        lookupHash,
        valueCipher,
      ]);
      return created[0].id;
    });
  }

  /**
   * Gives the citizen of the live session `tokenHash` a contact they have just proved (a code sent
   * to it). A new contact is added; one that already belongs to another citizen means both are the
   * same person: that citizen's bookings, tickets, contacts and sessions (every row with a foreign
   * key to it) move to this one, its choices fill the ones this one has not made, and it is
   * deleted, all in one transaction.
   * Merges run one at a time (an advisory lock) and the session's citizen is read again under it,
   * so two merges racing (each citizen adding the other's contact) end with one citizen, whichever
   * commits first. Null when the session ended meanwhile.
   */
  async addContact(tokenHash: string, kind: CitizenIdentityKind, lookupHash: string, valueCipher: string): Promise<ContactAdded | null> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('citizen-merge', $1))`, [MERGE_LOCK]);
      await this.lockIdentity(tx, kind, lookupHash);
      const session: { citizen_id: string }[] = await tx.query(
        `SELECT s.citizen_id FROM citizen_session s JOIN citizen c ON c.id = s.citizen_id
          WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now()
            FOR UPDATE OF c`,
        [tokenHash],
      );
      if (!session[0]) return null;
      const citizenId = session[0].citizen_id;
      const owner: { citizen_id: string }[] = await tx.query(`SELECT citizen_id FROM citizen_identity WHERE kind = $1 AND lookup_hash = $2`, [kind, lookupHash]);
      if (!owner[0]) {
        await tx.query(`INSERT INTO citizen_identity (citizen_id, kind, lookup_hash, value_cipher) VALUES ($1, $2, $3, $4)`, [citizenId, kind, lookupHash, valueCipher]);
        return { citizenId, merged: false };
      }
      const other = owner[0].citizen_id;
      if (other === citizenId) return { citizenId, merged: false };
      await tx.query(`SELECT id FROM citizen WHERE id = $1 FOR UPDATE`, [other]);
      // Every row that names a citizen (booking, ticket, citizen_identity, citizen_session, and any
      // table added later with a foreign key to citizen), found in the catalog so none is left to
      // the delete's CASCADE or SET NULL.
      const references: { table_name: string; column_name: string }[] = await tx.query(
        `SELECT c.conrelid::regclass::text AS table_name, quote_ident(a.attname) AS column_name
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
          WHERE c.contype = 'f' AND c.confrelid = 'citizen'::regclass
          ORDER BY 1, 2`,
      );
      for (const ref of references) {
        await tx.query(`UPDATE ${ref.table_name} SET ${ref.column_name} = $1 WHERE ${ref.column_name} = $2`, [citizenId, other]);
      }
      await tx.query(
        `UPDATE citizen c
            SET notify_by = COALESCE(c.notify_by, o.notify_by),
                language = COALESCE(c.language, o.language),
                last_sign_in_at = GREATEST(c.last_sign_in_at, o.last_sign_in_at),
                created_at = LEAST(c.created_at, o.created_at)
           FROM citizen o
          WHERE c.id = $1 AND o.id = $2`,
        [citizenId, other],
      );
      await tx.query(`DELETE FROM citizen WHERE id = $1`, [other]);
      return { citizenId, merged: true };
    });
  }

  async findPreferences(citizenId: string): Promise<PreferencesRow> {
    const rows: PreferencesRow[] = await this.db.query(`SELECT notify_by, language FROM citizen WHERE id = $1`, [citizenId]);
    return rows[0] ?? { notify_by: null, language: null };
  }

  /** Records the citizen's choice; `language` null keeps the one chosen before. */
  async setPreferences(citizenId: string, notifyBy: CitizenNotifyBy, language: CitizenLanguage | null, manager?: EntityManager): Promise<void> {
    await (manager ?? this.db).query(`UPDATE citizen SET notify_by = $2, language = COALESCE($3, language) WHERE id = $1`, [citizenId, notifyBy, language]);
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async lockIdentity(tx: EntityManager, kind: CitizenIdentityKind, lookupHash: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, [`${kind}:${lookupHash}`, IDENTITY_LOCK]);
  }

  async identitiesOf(citizenId: string): Promise<IdentityRow[]> {
    return this.db.query(`SELECT kind, value_cipher FROM citizen_identity WHERE citizen_id = $1 ORDER BY created_at`, [citizenId]);
  }

  async insertSession(tokenHash: string, citizenId: string, via: string, ttlSeconds: number): Promise<Date> {
    const rows: { expires_at: Date }[] = await this.db.query(
      `INSERT INTO citizen_session (token_hash, citizen_id, via, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4::int)) RETURNING expires_at`,
      [tokenHash, citizenId, via, ttlSeconds],
    );
    return rows[0].expires_at;
  }

  async findLiveSession(tokenHash: string): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.db.query(
      `SELECT citizen_id, expires_at FROM citizen_session WHERE token_hash = $1 AND ended_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.query(`UPDATE citizen_session SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL`, [tokenHash]);
  }

  /** Links a booking just made by a signed-in citizen; never takes one linked to another. */
  async linkBooking(code: string, citizenId: string): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE booking SET citizen_id = $2 WHERE code = $1 AND citizen_id IS NULL`, [code, citizenId])) as [unknown, number];
    return count === 1;
  }

  /** Links a ticket just taken from home by a signed-in citizen; never takes one linked to another. */
  async linkTicket(publicCode: string, citizenId: string): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE ticket SET citizen_id = $2 WHERE public_code = $1 AND citizen_id IS NULL`, [publicCode, citizenId])) as [
      unknown,
      number,
    ];
    return count === 1;
  }

  async findHistoryBookings(citizenId: string): Promise<HistoryBookingRow[]> {
    return this.db.query(
      `SELECT b.code, b.status, s.code AS site_code, s.name AS site_name, s.time_zone, v.id AS service_id, v.name AS service_name,
              v.name_en AS service_name_en, to_char(b.slot_date, 'YYYY-MM-DD') AS slot_date, to_char(b.slot_start, 'HH24:MI') AS slot_start,
              to_char(b.slot_end, 'HH24:MI') AS slot_end, b.starts_at, b.created_at
         FROM booking b JOIN site s ON s.id = b.site_id JOIN service v ON v.id = b.service_id
        WHERE b.citizen_id = $1
        ORDER BY b.created_at DESC
        LIMIT $2`,
      [citizenId, HISTORY_LIMIT],
    );
  }

  /**
   * The account's digital applications (table `application`, read here by SQL: the citizen module
   * does not import the applications module). Only what "Riwayat saya" lists: no applicant data.
   */
  async findHistoryApplications(citizenId: string): Promise<HistoryApplicationRow[]> {
    return this.db.query(
      `SELECT a.code, a.state, s.code AS site_code, s.name AS site_name, s.time_zone, v.id AS service_id, v.name AS service_name,
              v.name_en AS service_name_en, a.due_at, a.citizen_deadline, a.created_at
         FROM application a JOIN site s ON s.id = a.site_id JOIN service v ON v.id = a.service_id
        WHERE a.citizen_id = $1
        ORDER BY a.created_at DESC
        LIMIT $2`,
      [citizenId, HISTORY_LIMIT],
    );
  }

  async findHistoryTickets(citizenId: string): Promise<HistoryTicketRow[]> {
    return this.db.query(
      `SELECT t.public_code, t.prefix, t.number, t.status, s.code AS site_code, s.name AS site_name, s.time_zone, v.id AS service_id,
              v.name AS service_name, v.name_en AS service_name_en, to_char(t.local_date, 'YYYY-MM-DD') AS local_date, t.issued_at
         FROM ticket t JOIN site s ON s.id = t.site_id JOIN service v ON v.id = t.service_id
        WHERE t.citizen_id = $1
        ORDER BY t.issued_at DESC
        LIMIT $2`,
      [citizenId, HISTORY_LIMIT],
    );
  }
}
