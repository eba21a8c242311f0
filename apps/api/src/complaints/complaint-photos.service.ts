import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { COMPLAINT_MAX_PHOTOS, COMPLAINT_PHOTO_MAX_BYTES, type ComplaintPhotoResponse } from '@mpp/contracts';
import { Readable } from 'node:stream';
import type { StaffPrincipal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ApiException } from '../common/errors/api-exception';
import { isImage, sniffDocumentType } from '../files/content-type';
import { FilesService } from '../files/files.service';
import { FileErrors } from '../files/files-errors';
import { ImageReencoder } from '../files/image-reencoder';
import { QueueFullError } from '../files/work-queue';
import { ComplaintPhotoMessages } from './complaint-photos.messages';
import { ComplaintPhotoRepository, toComplaintPhotoResponse, type ComplaintPhotoRow } from './complaint-photos.repository';
import { ComplaintMessages } from './complaint.messages';
import { ComplaintRepository, type ComplaintRow } from './complaint.repository';
import { ComplaintService, type RequestOrigin } from './complaint.service';

/** What a multipart body may add around the photo (boundaries, part headers, a long file name). */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

/** What the upload interceptor hands over: the file's bytes (at most COMPLAINT_PHOTO_MAX_BYTES). */
export interface UploadedPhoto {
  buffer: Buffer;
  size: number;
}

/** A photo ready to stream: the decrypting stream and its size. Always a JPEG. */
export interface PhotoDownload {
  stream: Readable;
  bytes: number;
  fileName: string;
}

/**
 * Photos of a complaint (docs/complaints.md, Photos and location): JPEG or PNG from the reporter,
 * re-encoded as JPEG without any metadata (EXIF with GPS, XMP, ICC) in the API's one image queue,
 * stored encrypted by FilesService, recorded under the complaint row's lock with a `photo_added`
 * event in the trail. At most COMPLAINT_MAX_PHOTOS per complaint, none once it is closed.
 */
@Injectable()
export class ComplaintPhotosService {
  private readonly logger = new Logger('ComplaintPhotos');

  constructor(
    private readonly complaints: ComplaintService,
    private readonly repo: ComplaintRepository,
    private readonly photos: ComplaintPhotoRepository,
    private readonly files: FilesService,
    private readonly images: ImageReencoder,
    private readonly clock: Clock,
  ) {}

  /**
   * One photo from the reporter. Refusals before any work (404 wrong secret, 409 closed or full),
   * then the type by the first bytes (415), the re-encode (422 unreadable, 503 busy), the store,
   * and the record under the row's lock with the checks run again; a refused record removes the
   * stored file, so nothing is half-written.
   */
  /**
   * The refusals that need no byte of the photo (404 wrong secret, 409 closed or full, 413 by the
   * declared length), run before the body is read: a refused upload is not received first.
   */
  async checkBeforeUpload(code: string, secret: string | null, declaredLength: number | null): Promise<void> {
    const owned = await this.complaints.requireOwned(code, secret);
    this.checkRoom(owned, await this.photos.listFor(owned.id));
    if (declaredLength !== null && declaredLength > COMPLAINT_PHOTO_MAX_BYTES + MULTIPART_OVERHEAD_BYTES) throw FileErrors.tooLarge(COMPLAINT_PHOTO_MAX_BYTES);
  }

  async upload(code: string, secret: string | null, file: UploadedPhoto | undefined, origin: RequestOrigin): Promise<ComplaintPhotoResponse> {
    const owned = await this.complaints.requireOwned(code, secret);
    if (!file) throw ApiException.badRequest('PHOTO_REQUIRED', ComplaintPhotoMessages.photoRequired);
    this.checkRoom(owned, await this.photos.listFor(owned.id));
    if (file.size > COMPLAINT_PHOTO_MAX_BYTES) throw FileErrors.tooLarge(COMPLAINT_PHOTO_MAX_BYTES);
    if (file.size === 0) throw FileErrors.empty();
    const type = sniffDocumentType(file.buffer.subarray(0, 8));
    if (type === null || !isImage(type)) throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'PHOTO_TYPE_NOT_ALLOWED', ComplaintPhotoMessages.notJpegOrPng);

    const clean = await this.reencode(file.buffer);
    const stored = await this.files.storeBytes(Readable.from([clean.data]), { size: clean.data.length });
    try {
      const row = await this.repo.transaction(async (tx) => {
        const complaint = await this.repo.lockById(tx, owned.id);
        if (!complaint) throw ApiException.notFound('COMPLAINT_NOT_FOUND', ComplaintMessages.notFound);
        this.checkRoom(complaint, await this.photos.listFor(complaint.id, tx));
        const now = this.clock.now();
        const photo = await this.photos.insert(tx, { complaint_id: complaint.id, file_key: stored.key, width: clean.width, height: clean.height, bytes: stored.size, created_at: now });
        await this.repo.update(tx, complaint.id, {}, now);
        await this.repo.appendEvent(tx, {
          complaint_id: complaint.id,
          action: 'photo_added',
          from_status: null,
          to_status: null,
          actor_kind: 'citizen',
          actor_id: null,
          at: now,
          ip: origin.ip,
          user_agent: origin.userAgent,
          internal: false,
          note_cipher: null,
          details: { photoId: photo.id, width: photo.width, height: photo.height, bytes: photo.bytes },
        });
        return photo;
      });
      return toComplaintPhotoResponse(row);
    } catch (error) {
      await this.discard(stored.key);
      throw error;
    }
  }

  /** The reporter's own photo (with the secret). */
  async readForReporter(code: string, secret: string | null, photoId: string): Promise<PhotoDownload> {
    const owned = await this.complaints.requireOwned(code, secret);
    return this.download(owned, photoId);
  }

  /** A handler's read: the same scope as the complaint itself (another agency 404, another site 403). */
  async readForStaff(staff: StaffPrincipal, siteCode: string, id: string, photoId: string): Promise<PhotoDownload> {
    const { row } = await this.complaints.requireForStaff(staff, siteCode, id);
    return this.download(row, photoId);
  }

  private async download(complaint: ComplaintRow, photoId: string): Promise<PhotoDownload> {
    const photo = await this.photos.findOf(complaint.id, photoId);
    if (!photo) throw ApiException.notFound('PHOTO_NOT_FOUND', ComplaintPhotoMessages.photoNotFound);
    const stream = await this.files.open(photo.file_key);
    return { stream, bytes: photo.bytes, fileName: `${complaint.code}-${photo.id.slice(0, 8)}.jpg` };
  }

  private checkRoom(complaint: ComplaintRow, photos: readonly ComplaintPhotoRow[]): void {
    if (complaint.status === 'closed') throw ApiException.conflict('COMPLAINT_CLOSED', ComplaintPhotoMessages.closed);
    if (photos.length >= COMPLAINT_MAX_PHOTOS) throw ApiException.conflict('COMPLAINT_PHOTOS_FULL', ComplaintPhotoMessages.tooMany);
  }

  /**
   * JPEG or PNG in, JPEG out: turned upright, transparency on white, no metadata at all (sharp
   * writes none unless asked), in a slot of the API's image queue (503 FILES_BUSY when it is full).
   */
  private async reencode(input: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
    if (!this.images.queue.hasRoom()) throw FileErrors.busy();
    try {
      return await this.images.queue.run(async () => {
        const image = this.images.pipeline('image/jpeg').flatten({ background: '#ffffff' });
        image.end(input);
        try {
          const { data, info } = await image.toBuffer({ resolveWithObject: true });
          return { data, width: info.width, height: info.height };
        } catch {
          throw FileErrors.unreadableImage();
        }
      });
    } catch (error) {
      if (error instanceof QueueFullError) throw FileErrors.busy();
      throw error;
    }
  }

  /** Removes a stored file whose record failed: logged by its key only, never thrown. */
  private async discard(key: string): Promise<void> {
    try {
      await this.files.remove(key);
    } catch (error) {
      this.logger.warn({ msg: 'could not remove the file of a complaint photo that was not recorded', key, error: (error as Error).message });
    }
  }
}
