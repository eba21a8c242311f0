import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  ISSUED_DOCUMENT_MAX_BYTES,
  type DecisionLetterKind,
  type IssuedDocumentKind,
  type IssuedDocumentSummary,
  type VerifiedDocumentResponse,
  type VerifyDocumentFileResponse,
} from '@mpp/contracts';
import { maskNik, normalizeBookingCode } from '@mpp/domain';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { pipeline as connect, Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../../auth/principal';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { Clock } from '../../common/clock';
import { ApiException } from '../../common/errors/api-exception';
import { isUniqueViolation } from '../../common/errors/pg-error';
import { PiiCipher } from '../../common/pii-cipher';
import { FilesService } from '../../files/files.service';
import { ByteLimit, peek, Sha256Meter } from '../../files/stream-tools';
import { WorkQueue } from '../../files/work-queue';
import { assertFileNotPurged } from '../application-retention';
import { ApplicationMessages } from '../application.messages';
import { ApplicationRepository, type ApplicationRow } from '../application.repository';
import type { OwnerProof, RequestOrigin } from '../application.service';
import { newDocumentNumber, normalizeDocumentNumber } from './issued-document-number';
import { IssuedDocumentRepository, type IssuedDocumentRow, type NewIssuedDocument } from './issued-document.repository';
import { IssuedDocumentMessages, ISSUED_DOCUMENT_KIND_LABELS, LETTER_KIND_LABELS } from './issued-documents.messages';
import { verificationUrl } from './issued-pdf';
import { renderLetterPdf } from './letter-pdf';
import { renderReceiptPdf } from './receipt-pdf';
import { stampResultPdf, UnstampablePdfError, type StampedResult } from './result-stamp';

/** Who downloads: the owner (citizen) or an officer of the agency. */
export type Reader = { kind: 'citizen'; citizenId: string | null } | { kind: 'officer'; userId: string };

/** A document to stream: its row and its plaintext. */
export interface IssuedDownload {
  row: IssuedDocumentRow;
  applicationCode: string;
  stream: Readable;
}

const NUMBER_ATTEMPTS = 3;
/** States in which the owner may download the result: ready (to collect or download) and done. */
const RESULT_STATES: ReadonlySet<string> = new Set(['ready', 'done']);
const PDF_MAGIC = Buffer.from('%PDF-', 'ascii');
/** Result uploads held at once: 4 × 25 MB read, plus one being stamped (pdf-lib's parse and its output). */
export const MAX_RESULTS_IN_FLIGHT = 4;

function noop(): void {}

/**
 * Receipts, results and decision letters of applications, and their public verification
 * (docs/applications.md, "Receipts, results and verification"). A document is rendered (or
 * received), stored encrypted by FilesService and recorded with its sha256 and a public number in
 * one transaction; a failed transaction removes the stored file. Downloads are logged.
 */
@Injectable()
export class IssuedDocumentsService {
  private readonly logger = new Logger('IssuedDocuments');
  /** Result uploads being read or stamped now (each holds up to 25 MB, and pdf-lib's copy while stamped). */
  private resultsInFlight = 0;
  /** pdf-lib runs on the event loop: one stamp at a time (the admitted uploads wait here, in order). */
  private readonly stampQueue = new WorkQueue(1, MAX_RESULTS_IN_FLIGHT);

  constructor(
    private readonly repo: IssuedDocumentRepository,
    private readonly applications: ApplicationRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly cipher: PiiCipher,
    private readonly files: FilesService,
    private readonly clock: Clock,
  ) {}

  /** Result uploads held now (read or being stamped): at most MAX_RESULTS_IN_FLIGHT. */
  get resultUploadsInFlight(): number {
    return this.resultsInFlight;
  }

  // ---- the owner -------------------------------------------------------------------------

  /** The receipt of the latest submission, issued on the first request (once, however many race). */
  async receiptForOwner(code: string, proof: OwnerProof, base: string, origin: RequestOrigin): Promise<IssuedDownload> {
    const a = await this.requireOwned(code, proof);
    const row = await this.issueReceipt(a, base, { kind: 'citizen', id: proof.citizen?.citizenId ?? null });
    return this.download(a, row, { kind: 'citizen', citizenId: proof.citizen?.citizenId ?? null }, origin);
  }

  /** The newest result or letter. The citizen gets the result once the application is ready (marked so by the agency), or done. */
  async latestForOwner(code: string, proof: OwnerProof, kind: 'result' | 'decision_letter', origin: RequestOrigin): Promise<IssuedDownload> {
    const a = await this.requireOwned(code, proof);
    if (kind === 'result' && !RESULT_STATES.has(a.state)) throw ApiException.notFound('RESULT_NOT_AVAILABLE', IssuedDocumentMessages.resultNotYet);
    return this.download(a, await this.requireLatest(a, kind), { kind: 'citizen', citizenId: proof.citizen?.citizenId ?? null }, origin);
  }

  async listForOwner(code: string, proof: OwnerProof): Promise<IssuedDocumentSummary[]> {
    const a = await this.requireOwned(code, proof);
    return (await this.repo.allOf(a.id)).map(summary);
  }

  // ---- the agency ------------------------------------------------------------------------

  async receiptForStaff(staff: StaffPrincipal, id: string, base: string, origin: RequestOrigin): Promise<IssuedDownload> {
    const a = await this.requireForAgency(staff, id);
    const row = await this.issueReceipt(a, base, { kind: 'officer', id: staff.userId });
    return this.download(a, row, { kind: 'officer', userId: staff.userId }, origin);
  }

  async latestForStaff(staff: StaffPrincipal, id: string, kind: 'result' | 'decision_letter', origin: RequestOrigin): Promise<IssuedDownload> {
    const a = await this.requireForAgency(staff, id);
    return this.download(a, await this.requireLatest(a, kind), { kind: 'officer', userId: staff.userId }, origin);
  }

  async listForStaff(staff: StaffPrincipal, id: string): Promise<IssuedDocumentSummary[]> {
    const a = await this.requireForAgency(staff, id);
    return (await this.repo.allOf(a.id)).map(summary);
  }

  /**
   * The agency's result document (the body is the PDF), while the application is approved. The
   * upload is read whole (at most ISSUED_DOCUMENT_MAX_BYTES: pdf-lib needs the whole file), stamped
   * on its last page with the number and the QR code to the verification page (result-stamp.ts),
   * and the STAMPED copy is stored and issued: its sha256 is the one that verifies. The original's
   * sha256 and size are kept in the trail's event. At most MAX_RESULTS_IN_FLIGHT uploads are read
   * or stamped at once (503 FILES_BUSY past it), one stamp at a time. The row and the event are
   * written in one transaction that checks the state again under the row's lock.
   */
  async uploadResult(staff: StaffPrincipal, id: string, body: Readable, declaredLength: number | null, base: string, origin: RequestOrigin): Promise<IssuedDocumentSummary> {
    const before = await this.requireForAgency(staff, id);
    checkClaim(before, staff);
    if (before.state !== 'approved') throw ApiException.conflict('RESULT_NOT_ALLOWED', IssuedDocumentMessages.resultNotApproved);
    if (declaredLength !== null && declaredLength > ISSUED_DOCUMENT_MAX_BYTES) throw tooLarge();
    if (this.resultsInFlight >= MAX_RESULTS_IN_FLIGHT) throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'FILES_BUSY', IssuedDocumentMessages.resultsBusy);
    this.resultsInFlight++;
    try {
      const upload = await readResultPdf(body);
      const original = { sha256: createHash('sha256').update(upload).digest('hex'), size: upload.length };
      const site = (await this.catalogue.cachedSite(before.site_id))!;
      let storedKey: string | null = null;
      try {
        const row = await this.withNumber('result', site.timeZone, async (number, now) => {
          if (storedKey) await this.removeQuietly(storedKey);
          storedKey = null;
          const issued = await this.stampQueue.run(() => stampOrRefuse(upload, number, verificationUrl(base, number)));
          const stored = await this.files.storeBytes(Readable.from([issued.bytes]), { size: issued.bytes.length });
          storedKey = stored.key;
          return this.applications.transaction(async (tx) => {
            const a = await this.lockForOfficer(tx, staff, id);
            if (a.state !== 'approved') throw ApiException.conflict('RESULT_NOT_ALLOWED', IssuedDocumentMessages.resultNotApproved);
            const inserted = await this.repo.insert(tx, this.newRow(a, 'result', number, now, stored, { kind: 'officer', id: staff.userId }));
            await this.trail(tx, a, 'issue_result', staff, now, origin, inserted, {
              stamped: issued.stamped,
              ...(issued.skipped ? { stampSkipped: issued.skipped } : {}),
              originalSha256: original.sha256,
              originalSize: original.size,
            });
            return inserted;
          });
        });
        return summary(row);
      } catch (error) {
        if (storedKey) await this.removeQuietly(storedKey);
        throw error;
      }
    } finally {
      this.resultsInFlight--;
    }
  }

  /** A generated letter: approval while approved, rejection (with the decision's reason) while rejected. */
  async makeLetter(staff: StaffPrincipal, id: string, kind: DecisionLetterKind, note: string | null, base: string, origin: RequestOrigin): Promise<IssuedDocumentSummary> {
    const before = await this.requireForAgency(staff, id);
    checkClaim(before, staff);
    const site = (await this.catalogue.cachedSite(before.site_id))!;
    const service = (await this.catalogue.findServiceById(before.service_id))!;
    const agency = await this.catalogue.findAgencyById(before.agency_id);
    const officerName = (await this.repo.staffName(staff.userId)) ?? '';
    let storedKey: string | null = null;
    try {
      const row = await this.withNumber('decision_letter', site.timeZone, (number, now) =>
        this.applications.transaction(async (tx) => {
          if (storedKey) await this.removeQuietly(storedKey);
          storedKey = null;
          const a = await this.lockForOfficer(tx, staff, id);
          if (kind === 'approval' && a.state !== 'approved') throw ApiException.conflict('LETTER_NOT_ALLOWED', IssuedDocumentMessages.approvalLetterNotApproved);
          if (kind === 'rejection' && a.state !== 'rejected') throw ApiException.conflict('LETTER_NOT_ALLOWED', IssuedDocumentMessages.rejectionLetterNotRejected);
          if (kind === 'rejection' && !a.decision_reason?.trim()) throw ApiException.unprocessable('REASON_MISSING', IssuedDocumentMessages.rejectionReasonMissing);
          const submission = await this.repo.latestSubmission(a.id, tx);
          const pdf = await renderLetterPdf({
            kind,
            number,
            verificationUrl: verificationUrl(base, number),
            applicationCode: a.code,
            service: { name: service.name, nameEn: service.nameEn },
            agencyName: agency?.name ?? '',
            siteName: site.name,
            siteAddress: site.address || null,
            timeZone: site.timeZone,
            applicantName: this.cipher.decrypt(a.name_cipher),
            nikMasked: maskNik(this.cipher.decrypt(a.nik_cipher)),
            submittedAt: a.submitted_at ?? submission?.at ?? null,
            reason: kind === 'rejection' ? a.decision_reason : null,
            note,
            officerName,
            issuedAt: now,
          });
          const stored = await this.files.storeBytes(Readable.from([pdf]), { size: pdf.length });
          storedKey = stored.key;
          const issued = await this.repo.insert(tx, { ...this.newRow(a, 'decision_letter', number, now, stored, { kind: 'officer', id: staff.userId }), letter_kind: kind });
          await this.trail(tx, a, 'issue_letter', staff, now, origin, issued);
          return issued;
        }),
      );
      return summary(row);
    } catch (error) {
      if (storedKey) await this.removeQuietly(storedKey);
      throw error;
    }
  }

  // ---- public verification -----------------------------------------------------------------

  async verify(rawNumber: string): Promise<VerifiedDocumentResponse> {
    const number = normalizeDocumentNumber(rawNumber);
    const row = number ? await this.repo.byNumber(number) : null;
    if (!row) throw ApiException.notFound('DOCUMENT_NOT_FOUND', IssuedDocumentMessages.notFound);
    return {
      number: row.number,
      kind: row.kind,
      kindLabel: row.letter_kind ? LETTER_KIND_LABELS[row.letter_kind] : ISSUED_DOCUMENT_KIND_LABELS[row.kind],
      service: { name: row.service_name, nameEn: row.service_name_en },
      agencyName: row.agency_name,
      siteName: row.site_name,
      issuedAt: row.issued_at.toISOString(),
      timeZone: row.time_zone,
      sha256: row.sha256,
    };
  }

  /** Hashes the body as it streams (at most ISSUED_DOCUMENT_MAX_BYTES, never held whole) and compares it with the document's sha256. */
  async verifyFile(rawNumber: string, body: Readable, declaredLength: number | null): Promise<VerifyDocumentFileResponse> {
    const number = normalizeDocumentNumber(rawNumber);
    const row = number ? await this.repo.byNumber(number) : null;
    if (!row) throw ApiException.notFound('DOCUMENT_NOT_FOUND', IssuedDocumentMessages.notFound);
    if (declaredLength !== null && declaredLength > ISSUED_DOCUMENT_MAX_BYTES) throw tooLarge();
    const meter = new Sha256Meter();
    const limited = connect(body, new ByteLimit(ISSUED_DOCUMENT_MAX_BYTES, () => tooLarge()), meter, noop);
    for await (const chunk of limited as AsyncIterable<Buffer>) void chunk;
    if (meter.bytes === 0) throw ApiException.unprocessable('FILE_EMPTY', IssuedDocumentMessages.emptyFile);
    const sha256 = meter.sha256;
    return { matches: timingSafeEqual(Buffer.from(sha256, 'hex'), Buffer.from(row.sha256, 'hex')), sha256 };
  }

  // ---- issuing ---------------------------------------------------------------------------

  /**
   * The receipt of the application's latest submission: found, or rendered and stored, then
   * recorded under a lock on that submission. The rendering and the file's upload happen before
   * the transaction (no pooled connection waits on a file store); a request that lost a race finds
   * the winner's row under the lock and removes its own file, so racing requests make one row and
   * leave one file (the unique index uq_issued_document_receipt is the backstop).
   */
  private async issueReceipt(a: ApplicationRow, base: string, issuer: { kind: 'citizen' | 'officer'; id: string | null }): Promise<IssuedDocumentRow> {
    const submission = await this.repo.latestSubmission(a.id);
    if (!submission) throw ApiException.conflict('RECEIPT_NOT_AVAILABLE', IssuedDocumentMessages.receiptNotYet);
    const existing = await this.repo.receiptOf(submission.id);
    if (existing) return existing;
    const site = (await this.catalogue.cachedSite(a.site_id))!;
    const service = (await this.catalogue.findServiceById(a.service_id))!;
    const agency = await this.catalogue.findAgencyById(a.agency_id);
    const items = await this.applications.items(a.id);
    const received = new Map((await this.repo.documentsReceivedAt(a.id, submission.at)).map((d) => [d.requirement_id, d]));
    const nikMasked = maskNik(this.cipher.decrypt(a.nik_cipher));
    return this.withNumber('receipt', site.timeZone, async (number, now) => {
      const pdf = await renderReceiptPdf({
        number,
        verificationUrl: verificationUrl(base, number),
        applicationCode: a.code,
        service: { name: service.name, nameEn: service.nameEn },
        agencyName: agency?.name ?? '',
        siteName: site.name,
        siteAddress: site.address || null,
        timeZone: site.timeZone,
        submittedAt: submission.at,
        submission: submission.ordinal,
        nikMasked,
        items: items.map((i) => {
          const d = received.get(i.requirement_id);
          return { name: i.name, nameEn: i.name_en, mandatory: i.mandatory, document: d ? { version: d.version, sha256: d.sha256, contentType: d.content_type } : null };
        }),
        issuedAt: now,
      });
      const stored = await this.files.storeBytes(Readable.from([pdf]), { size: pdf.length });
      let recorded: IssuedDocumentRow;
      try {
        recorded = await this.repo.transaction(async (tx) => {
          await this.repo.lockSubmission(tx, submission.id);
          return (await this.repo.receiptOf(submission.id, tx)) ?? this.repo.insert(tx, { ...this.newRow(a, 'receipt', number, now, stored, issuer), submission_event_id: submission.id });
        });
      } catch (error) {
        await this.removeQuietly(stored.key);
        if (isUniqueViolation(error, 'uq_issued_document_receipt')) {
          const winner = await this.repo.receiptOf(submission.id);
          if (winner) return winner;
        }
        throw error;
      }
      // Another request's receipt was there first: this copy is not needed.
      if (recorded.file_key !== stored.key) await this.removeQuietly(stored.key);
      return recorded;
    });
  }

  /** Runs `work` with a fresh number, again with another one in the unlikely case it is taken. */
  private async withNumber<T>(kind: IssuedDocumentKind, timeZone: string, work: (number: string, now: Date) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const now = this.clock.now();
      try {
        return await work(newDocumentNumber(kind, now, timeZone, (n) => randomBytes(n)), now);
      } catch (error) {
        if (attempt < NUMBER_ATTEMPTS && isUniqueViolation(error, 'uq_issued_document_number')) continue;
        throw error;
      }
    }
  }

  private newRow(a: ApplicationRow, kind: IssuedDocumentKind, number: string, now: Date, stored: { key: string; sha256: string; size: number }, issuer: { kind: 'citizen' | 'officer'; id: string | null }): NewIssuedDocument {
    return {
      number,
      kind,
      letter_kind: null,
      application_id: a.id,
      service_id: a.service_id,
      agency_id: a.agency_id,
      site_id: a.site_id,
      submission_event_id: null,
      issued_at: now,
      sha256: stored.sha256,
      size: stored.size,
      file_key: stored.key,
      issued_by_kind: issuer.kind,
      issued_by_id: issuer.id,
    };
  }

  /** The issue in the application's trail (the state does not change). */
  private trail(tx: EntityManager, a: ApplicationRow, action: string, staff: StaffPrincipal, now: Date, origin: RequestOrigin, issued: IssuedDocumentRow, extra: Record<string, unknown> = {}): Promise<void> {
    return this.applications.appendEvent(tx, {
      applicationId: a.id,
      action,
      from: a.state,
      to: a.state,
      actorKind: 'officer',
      actorId: staff.userId,
      at: now,
      ...origin,
      details: { number: issued.number, kind: issued.kind, ...(issued.letter_kind ? { letterKind: issued.letter_kind } : {}), sha256: issued.sha256, ...extra },
    });
  }

  // ---- reading ---------------------------------------------------------------------------

  private async requireLatest(a: ApplicationRow, kind: 'result' | 'decision_letter'): Promise<IssuedDocumentRow> {
    const row = await this.repo.latest(a.id, kind);
    if (!row) {
      throw kind === 'result'
        ? ApiException.notFound('RESULT_NOT_AVAILABLE', IssuedDocumentMessages.resultNotYet)
        : ApiException.notFound('LETTER_NOT_AVAILABLE', IssuedDocumentMessages.letterNotYet);
    }
    return row;
  }

  /**
   * Opens the file, then logs the access: a file the retention deleted answers 410 DOCUMENT_PURGED
   * (the number still verifies), a missing one 404, a tampered one fails before a byte is sent.
   */
  private async download(a: ApplicationRow, row: IssuedDocumentRow, reader: Reader, origin: RequestOrigin): Promise<IssuedDownload> {
    await assertFileNotPurged(this.repo.queryable, { issuedDocumentId: row.id });
    const stream = await this.files.open(row.file_key);
    try {
      await this.repo.logAccess({
        documentId: row.id,
        applicationId: a.id,
        actorKind: reader.kind,
        actorId: reader.kind === 'officer' ? reader.userId : reader.citizenId,
        at: this.clock.now(),
        ip: origin.ip,
        userAgent: origin.userAgent,
      });
    } catch (error) {
      // Not logged, not served.
      stream.destroy();
      throw error;
    }
    return { row, applicationCode: a.code, stream };
  }

  private async removeQuietly(key: string): Promise<void> {
    try {
      await this.files.remove(key);
    } catch (error) {
      this.logger.warn({ msg: 'could not remove the file of a document not recorded', key, error: (error as Error).message });
    }
  }

  // ---- access (the same rules as ApplicationService) ---------------------------------------

  /** The caller's application: their citizen session's, or the one the secret opens. Else 404. */
  private async requireOwned(rawCode: string, proof: OwnerProof): Promise<ApplicationRow> {
    const code = normalizeBookingCode(rawCode);
    const row = code ? await this.applications.findByCode(code) : null;
    const bySession = Boolean(row && proof.citizen && row.citizen_id === proof.citizen.citizenId);
    const bySecret = Boolean(row?.owner_secret_hash && proof.secret && sameBytes(createHash('sha256').update(proof.secret, 'utf8').digest(), row.owner_secret_hash));
    if (!row || !(bySession || bySecret)) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
    return row;
  }

  private async requireForAgency(staff: StaffPrincipal, id: string): Promise<ApplicationRow> {
    const agencyId = requireAgency(staff);
    const row = await this.applications.findById(id);
    if (!row || row.agency_id !== agencyId || row.state === 'draft') throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
    return row;
  }

  private async lockForOfficer(tx: EntityManager, staff: StaffPrincipal, id: string): Promise<ApplicationRow> {
    const agencyId = requireAgency(staff);
    const a = await this.applications.lockById(tx, id);
    if (!a || a.agency_id !== agencyId || a.state === 'draft') throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
    checkClaim(a, staff);
    return a;
  }
}

function requireAgency(staff: StaffPrincipal): string {
  if (!staff.agencyId) throw ApiException.forbidden('NOT_AGENCY_STAFF', ApplicationMessages.noAgency);
  return staff.agencyId;
}

/** Another officer's claim is theirs (the agency admin may act on it), as for every officer step. */
function checkClaim(a: ApplicationRow, staff: StaffPrincipal): void {
  if (a.assigned_officer_id && a.assigned_officer_id !== staff.userId && staff.role !== 'agency_admin') {
    throw ApiException.conflict('APPLICATION_CLAIMED', ApplicationMessages.claimedByOther);
  }
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The upload whole (at most ISSUED_DOCUMENT_MAX_BYTES: 413 past it, the rest unread), starting with %PDF- (else 422). */
async function readResultPdf(body: Readable): Promise<Buffer> {
  const limited = connect(body, new ByteLimit(ISSUED_DOCUMENT_MAX_BYTES, () => tooLarge()), noop);
  const { head, stream } = await peek(limited, PDF_MAGIC.length);
  if (head.length === 0 || !head.equals(PDF_MAGIC)) {
    stream.destroy();
    throw head.length === 0 ? ApiException.unprocessable('FILE_EMPTY', IssuedDocumentMessages.emptyFile) : ApiException.unprocessable('RESULT_NOT_PDF', IssuedDocumentMessages.resultNotPdf);
  }
  const pieces: Buffer[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** The stamped result, or 422 for a PDF pdf-lib cannot open (encrypted, damaged, no page). */
async function stampOrRefuse(upload: Buffer, number: string, url: string): Promise<StampedResult> {
  try {
    return await stampResultPdf(upload, { number, verificationUrl: url });
  } catch (error) {
    if (!(error instanceof UnstampablePdfError)) throw error;
    throw error.reason === 'encrypted'
      ? ApiException.unprocessable('RESULT_PDF_ENCRYPTED', IssuedDocumentMessages.resultEncrypted)
      : ApiException.unprocessable('RESULT_PDF_UNREADABLE', IssuedDocumentMessages.resultUnreadable);
  }
}

function tooLarge(): ApiException {
  return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', IssuedDocumentMessages.tooLarge(ISSUED_DOCUMENT_MAX_BYTES / (1024 * 1024)));
}

function summary(row: IssuedDocumentRow): IssuedDocumentSummary {
  return { number: row.number, kind: row.kind, letterKind: row.letter_kind, issuedAt: row.issued_at.toISOString(), sha256: row.sha256, size: Number(row.size) };
}
