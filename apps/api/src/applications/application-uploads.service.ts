import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { ApplicationDocumentAccessResponse, ApplicationResponse } from '@mpp/contracts';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../auth/principal';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { PiiCipher } from '../common/pii-cipher';
import { FilesService, type StoredDocument } from '../files/files.service';
import { FileErrors } from '../files/files-errors';
import { ApplicationMessages } from './application.messages';
import { ApplicationDocumentRow, ApplicationItemRow, ApplicationRepository, ApplicationRow } from './application.repository';
import { ApplicationService, maxUploadBytesOf, OwnerProof, RequestOrigin } from './application.service';

/** Who uploads or reads: the owner (by session or secret) by the application's code, or an officer of its agency by its id. */
export type DocumentActor = { kind: 'citizen'; code: string; proof: OwnerProof } | { kind: 'officer'; staff: StaffPrincipal; id: string };

/** A document ready to stream: its headers' facts and the decrypting stream. */
export interface DocumentDownload {
  stream: Readable;
  contentType: ApplicationDocumentRow['content_type'];
  size: number;
  /** `<code>-<item position>-v<version>.<ext>`: no personal name. */
  fileName: string;
  inline: boolean;
}

const EXTENSIONS: Record<ApplicationDocumentRow['content_type'], string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The documents of an application (docs/applications.md, Documents): uploads per checklist item,
 * streamed into FilesService (sniffed, images re-encoded without metadata, encrypted) and then
 * recorded as a new immutable version in one transaction; downloads streamed back decrypted, each
 * read logged in application_document_access.
 */
@Injectable()
export class ApplicationUploadsService {
  private readonly logger = new Logger('ApplicationUploads');

  constructor(
    private readonly applications: ApplicationService,
    private readonly repo: ApplicationRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly files: FilesService,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  /**
   * One upload: who and what are checked before a byte is read (404, 409, 413 by Content-Length),
   * the body is stored (FilesService.storeDocument: 413, 422, 503), then under the row's lock the
   * checks run again and the version is recorded with its trail event. A failed record removes the
   * stored file (logged if that fails too; the caller sees the original error only).
   */
  async upload(actor: DocumentActor, requirementId: string, body: Readable, declaredLength: number | null, fileName: string | null, origin: RequestOrigin): Promise<ApplicationResponse> {
    const row = await this.find(actor);
    const service = (await this.catalogue.findServiceById(row.service_id))!;
    const maxBytes = maxUploadBytesOf(service);
    this.checkUpload(row, await this.repo.item(row.id, requirementId));
    if (declaredLength !== null && declaredLength > maxBytes) throw FileErrors.tooLarge(maxBytes);

    const stored = await this.files.storeDocument(body, { maxBytes });
    try {
      const updated = await this.record(actor, row.id, requirementId, stored, fileName, origin);
      return await this.applications.describe(updated, actor.kind === 'officer');
    } catch (error) {
      await this.discard(stored.key);
      throw error;
    }
  }

  /** The document's decrypted stream and headers; the read is logged first (no row when refused). */
  async download(actor: DocumentActor, documentId: string, wantsInline: boolean, origin: RequestOrigin): Promise<DocumentDownload> {
    const row = await this.find(actor);
    const doc = await this.repo.findDocument(row.id, documentId);
    if (!doc) throw ApiException.notFound('DOCUMENT_NOT_FOUND', ApplicationMessages.documentNotFound);
    // Deleted by the retention job (application_file_purge): the record stays, the file is gone.
    if (doc.purged_at) throw new ApiException(HttpStatus.GONE, 'DOCUMENT_PURGED', ApplicationMessages.documentPurged(doc.purged_at));
    const inline = wantsInline && doc.content_type !== 'application/pdf';
    const stream = await this.files.open(doc.file_key);
    try {
      await this.repo.appendDocumentAccess({
        documentId: doc.id,
        applicationId: row.id,
        actorKind: actor.kind,
        actorId: actor.kind === 'officer' ? actor.staff.userId : (actor.proof.citizen?.citizenId ?? null),
        at: this.clock.now(),
        ...origin,
        purpose: inline ? 'view' : 'download',
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    const position = (await this.repo.items(row.id)).find((i) => i.requirement_id === doc.requirement_id)?.position ?? 0;
    return { stream, contentType: doc.content_type, size: Number(doc.size), fileName: `${row.code}-${position}-v${doc.version}.${EXTENSIONS[doc.content_type]}`, inline };
  }

  /** Every read of the application's documents, oldest first (staff of its agency). */
  async accessLog(staff: StaffPrincipal, id: string): Promise<ApplicationDocumentAccessResponse[]> {
    const row = await this.applications.requireForAgency(staff, id);
    return (await this.repo.documentAccess(row.id)).map((a) => ({
      documentId: a.document_id,
      requirementId: a.requirement_id,
      version: a.version,
      actorKind: a.actor_kind,
      actorId: a.actor_id,
      at: a.at.toISOString(),
      ip: a.ip,
      userAgent: a.user_agent,
      purpose: a.purpose,
    }));
  }

  private find(actor: DocumentActor): Promise<ApplicationRow> {
    return actor.kind === 'citizen' ? this.applications.requireOwned(actor.code, actor.proof) : this.applications.requireForAgency(actor.staff, actor.id);
  }

  /**
   * A draft takes a document for any item; a returned application only for the items returned
   * for correction (which stay `needs_revision`, with the officer's reason, until the resubmission
   * puts them back to `pending`). Any other state: 409.
   */
  private checkUpload(row: ApplicationRow, item: ApplicationItemRow | null): void {
    if (row.state !== 'draft' && row.state !== 'returned') throw ApiException.conflict('APPLICATION_NOT_EDITABLE', ApplicationMessages.uploadNotAllowed);
    if (!item) throw ApiException.notFound('APPLICATION_ITEM_NOT_FOUND', ApplicationMessages.itemNotFound);
    if (row.state === 'returned' && item.state !== 'needs_revision') throw ApiException.conflict('ITEM_NOT_RETURNED', ApplicationMessages.uploadItemNotReturned);
  }

  private async record(actor: DocumentActor, applicationId: string, requirementId: string, stored: StoredDocument, fileName: string | null, origin: RequestOrigin): Promise<ApplicationRow> {
    return this.repo.transaction(async (tx: EntityManager) => {
      const a = actor.kind === 'officer' ? await this.applications.lockForOfficer(tx, actor.staff, applicationId) : await this.repo.lockById(tx, applicationId);
      if (!a) throw ApiException.notFound('APPLICATION_NOT_FOUND', ApplicationMessages.notFound);
      this.checkUpload(a, await this.repo.item(a.id, requirementId, tx));
      const now = this.clock.now();
      const actorId = actor.kind === 'officer' ? actor.staff.userId : (actor.proof.citizen?.citizenId ?? null);
      const doc = await this.repo.insertDocument(tx, {
        applicationId: a.id,
        requirementId,
        fileKey: stored.key,
        sha256: stored.sha256,
        size: stored.size,
        contentType: stored.contentType,
        fileNameCipher: fileName ? this.cipher.encrypt(fileName) : null,
        uploadedByKind: actor.kind,
        uploadedById: actorId,
        at: now,
      });
      // The application's version moves, so a client holding it sees the change; an officer's upload claims it like any other step.
      const updated = await this.repo.update(tx, a.id, actor.kind === 'officer' ? { assigned_officer_id: a.assigned_officer_id ?? actor.staff.userId } : {}, now);
      await this.repo.appendEvent(tx, {
        applicationId: a.id,
        action: 'upload_document',
        from: a.state,
        to: a.state,
        actorKind: actor.kind,
        actorId,
        at: now,
        ...origin,
        details: { requirementId, documentId: doc.id, version: doc.version, contentType: doc.content_type, size: stored.size },
      });
      return updated;
    });
  }

  /** Removes a stored file whose record failed: logged by its key only, never thrown. */
  private async discard(key: string): Promise<void> {
    try {
      await this.files.remove(key);
    } catch (error) {
      this.logger.warn({ msg: 'could not remove the file of an upload that was not recorded', key, error: (error as Error).message });
    }
  }
}
