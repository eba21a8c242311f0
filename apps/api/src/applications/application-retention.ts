import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalizedText } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FilesService } from '../files/files.service';
import { JobRunner } from '../jobs/job-runner';

/** Once a day where background jobs run (QUEUE_SWEEP_SECONDS > 0). */
export const RETENTION_SWEEP_SECONDS = 86_400;
/** Files looked at per batch; a pass goes on batch after batch until none is left or one deletes nothing. */
const BATCH = 500;

/** The states after which nothing more happens to an application: its files may go once the site's retention has passed. */
const FINISHED_STATES = ['done', 'withdrawn', 'expired'] as const;

/** A stored file the retention deletes: an uploaded document version or an issued document. */
export type PurgedFileRef = { applicationDocumentId: string } | { issuedDocumentId: string };

interface DueFileRow {
  kind: 'application_document' | 'issued_document';
  id: string;
  application_id: string;
  file_key: string;
}

export interface RetentionSweepResult {
  /** Files deleted and recorded in application_file_purge. */
  purged: number;
  /** Files whose delete failed: tried again at the next pass. */
  failed: number;
}

export const RETENTION_MESSAGES = {
  filePurged: (days: number | null): LocalizedText => ({
    id: `Berkas ini sudah dihapus sesuai masa simpan berkas permohonan${days ? ` (${days} hari setelah permohonan selesai)` : ''}; riwayat permohonan tetap tersimpan. Hubungi instansi bila Anda memerlukan salinannya.`,
    en: `This file has been deleted under the retention period for application files${days ? ` (${days} days after the application was finished)` : ''}; the application's history is kept. Contact the agency if you need a copy.`,
  }),
};

/** Anything that runs a query: the DataSource, or a transaction's EntityManager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * For the downloads (issued documents; uploaded documents check their own join): answers 410 Gone,
 * DOCUMENT_PURGED as the uploads' download does, with a bilingual message naming the site's
 * period, when the retention job has deleted the file. Call it before opening the stored file.
 */
export async function assertFileNotPurged(db: Queryable, ref: PurgedFileRef): Promise<void> {
  const [column, id] = 'applicationDocumentId' in ref ? ['application_document_id', ref.applicationDocumentId] : ['issued_document_id', ref.issuedDocumentId];
  const rows = (await db.query(
    `SELECT s.application_file_retention_days AS days
       FROM application_file_purge p JOIN application a ON a.id = p.application_id JOIN site s ON s.id = a.site_id
      WHERE p.${column} = $1`,
    [id],
  )) as { days: number }[];
  if (rows.length) throw new ApiException(HttpStatus.GONE, 'DOCUMENT_PURGED', RETENTION_MESSAGES.filePurged(rows[0].days));
}

/**
 * Retention of application files (docs/applications.md, "Flags, escalation and retention"): the job
 * `application file retention` deletes the stored files (FilesService.remove) of applications done,
 * withdrawn or expired whose last change is older than their site's application_file_retention_days:
 * every uploaded document version and every issued document (receipt, result, letter). Each deleted
 * file is recorded in application_file_purge; the document rows, their sha256 and the trail stay.
 * The file is deleted first and recorded after: a failed delete is logged by ids and tried again at
 * the next pass, and never stops the others; a delete whose record failed is done again (a no-op).
 */
@Injectable()
export class ApplicationRetention implements OnModuleInit {
  static readonly JOB = 'application file retention';
  private readonly logger = new Logger('ApplicationRetention');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FilesService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: ApplicationRetention.JOB,
      everySeconds: this.config.queueSweepSeconds > 0 ? RETENTION_SWEEP_SECONDS : 0,
      run: () => this.sweep().then(() => undefined),
    });
  }

  /** One pass: every file due is deleted and recorded, or left for the next pass when its delete fails. */
  async sweep(): Promise<RetentionSweepResult> {
    const now = this.clock.now();
    const result: RetentionSweepResult = { purged: 0, failed: 0 };
    const failedIds = new Set<string>();
    for (;;) {
      const due = await this.dueFiles(now, [...failedIds]);
      if (!due.length) break;
      for (const file of due) {
        try {
          await this.files.remove(file.file_key);
        } catch (error) {
          failedIds.add(file.id);
          result.failed += 1;
          this.logger.warn({ msg: 'application file not deleted; tried again at the next pass', kind: file.kind, documentId: file.id, applicationId: file.application_id, error: error instanceof Error ? error.message : String(error) });
          continue;
        }
        const inserted = (await this.db.query(
          `INSERT INTO application_file_purge (application_id, application_document_id, issued_document_id, file_key, purged_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
          [file.application_id, file.kind === 'application_document' ? file.id : null, file.kind === 'issued_document' ? file.id : null, file.file_key, now],
        )) as unknown[];
        result.purged += inserted.length;
      }
      if (due.length < BATCH) break;
    }
    if (result.purged || result.failed) this.logger.log({ msg: 'application files purged', ...result });
    return result;
  }

  /** Files of finished applications past their site's retention, not yet purged (up to BATCH), leaving out `skip`. */
  private async dueFiles(now: Date, skip: string[]): Promise<DueFileRow[]> {
    return (await this.db.query(
      `WITH finished AS (
         SELECT a.id FROM application a JOIN site s ON s.id = a.site_id
          WHERE a.state = ANY($1::text[]) AND a.updated_at < $2::timestamptz - make_interval(days => s.application_file_retention_days)
       )
       SELECT * FROM (
         SELECT 'application_document' AS kind, d.id, d.application_id, d.file_key
           FROM application_document d JOIN finished f ON f.id = d.application_id
          WHERE NOT EXISTS (SELECT 1 FROM application_file_purge p WHERE p.application_document_id = d.id)
         UNION ALL
         SELECT 'issued_document' AS kind, i.id, i.application_id, i.file_key
           FROM issued_document i JOIN finished f ON f.id = i.application_id
          WHERE NOT EXISTS (SELECT 1 FROM application_file_purge p WHERE p.issued_document_id = i.id)
       ) due
       WHERE NOT (due.id = ANY($3::uuid[]))
       ORDER BY due.application_id, due.id
       LIMIT ${BATCH}`,
      [[...FINISHED_STATES], now, skip],
    )) as DueFileRow[];
  }
}
