import { Injectable } from '@nestjs/common';
import type { ApplicationNoteResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { ApplicationMessages } from './application.messages';
import { ApplicationService } from './application.service';

interface NoteRow {
  id: string;
  author_id: string;
  author_name: string;
  at: Date;
  body_cipher: string;
}

/**
 * Officers' internal notes on an application (docs/applications.md, Notes): any officer or admin
 * of the application's agency writes and reads them; another agency's application answers 404.
 * The text is encrypted (a note can quote a document or name the applicant) and never reaches the
 * citizen; a note is never changed (application_note is append-only).
 */
@Injectable()
export class ApplicationNotesService {
  constructor(
    private readonly db: DataSource,
    private readonly applications: ApplicationService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async add(staff: StaffPrincipal, id: string, text: string): Promise<ApplicationNoteResponse> {
    const application = await this.applications.requireForAgency(staff, id);
    const trimmed = text.trim();
    if (!trimmed) throw ApiException.badRequest('VALIDATION_FAILED', ApplicationMessages.noteEmpty, [{ field: 'text', message: ApplicationMessages.noteEmpty }]);
    const [row] = (await this.db.query(
      `INSERT INTO application_note (application_id, author_id, at, body_cipher)
       VALUES ($1, $2, $3, $4)
       RETURNING id, author_id, at, body_cipher, (SELECT full_name FROM staff_user WHERE id = $2) AS author_name`,
      [application.id, staff.userId, this.clock.now(), this.cipher.encrypt(trimmed)],
    )) as NoteRow[];
    return this.describe(row);
  }

  /** Every note of the application, oldest first. */
  async list(staff: StaffPrincipal, id: string): Promise<ApplicationNoteResponse[]> {
    const application = await this.applications.requireForAgency(staff, id);
    const rows = (await this.db.query(
      `SELECT n.id, n.author_id, s.full_name AS author_name, n.at, n.body_cipher
         FROM application_note n JOIN staff_user s ON s.id = n.author_id
        WHERE n.application_id = $1 ORDER BY n.at, n.id`,
      [application.id],
    )) as NoteRow[];
    return rows.map((r) => this.describe(r));
  }

  private describe(row: NoteRow): ApplicationNoteResponse {
    return { id: row.id, authorId: row.author_id, authorName: row.author_name, at: row.at.toISOString(), text: this.cipher.decrypt(row.body_cipher) };
  }
}
