import { Controller, Get, Headers, HttpException, HttpStatus, Injectable, Logger, Param, Post, Req, Res, UploadedFile, UseGuards, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMPLAINT_PHOTO_MAX_BYTES, type ComplaintPhotoResponse } from '@mpp/contracts';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream';
import type { Observable } from 'rxjs';
import { CurrentStaff, Public, StaffRoles } from '../auth/auth.decorators';
import type { StaffPrincipal } from '../auth/principal';
import { ApiException } from '../common/errors/api-exception';
import { SiteCodePipe, UuidPipe } from '../common/pipes';
import { BUSY_RETRY_AFTER_SECONDS } from '../applications/document-http';
import { FileErrors } from '../files/files-errors';
import { ComplaintPhotoMessages } from './complaint-photos.messages';
import { ComplaintPhotosService, type PhotoDownload, type UploadedPhoto } from './complaint-photos.service';
import { ComplaintThrottlerGuard } from './complaint-throttler.guard';
import { COMPLAINT_SECRET_HEADER, originOf, secretOf } from './complaints.controller';

const logger = new Logger('ComplaintPhotos');

/** multer (through Nest) with the photo's limits: one file in the field `photo`, nothing else, held in memory (at most 10 MB). */
const MulterPhoto = FileInterceptor('photo', { limits: { fileSize: COMPLAINT_PHOTO_MAX_BYTES, files: 1, fields: 0, parts: 1 } });

/**
 * The upload's body: first the refusals that need none of it (wrong secret, closed or full, a
 * declared length too large), then multer, whose refusals (English only, from Nest) become the
 * API's bilingual ones: too large 413, anything else about the form 400. A body refused unread is
 * read and dropped by Node after the answer, so the client receives the refusal.
 */
@Injectable()
export class ComplaintPhotoUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new MulterPhoto();

  constructor(private readonly photos: ComplaintPhotosService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const declared = req.headers['content-length'];
    const length = declared !== undefined && /^\d{1,15}$/.test(declared) ? Number(declared) : null;
    const secret = req.headers[COMPLAINT_SECRET_HEADER];
    await this.photos.checkBeforeUpload(String(req.params.code), secretOf(typeof secret === 'string' ? secret : undefined), length);
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof ApiException || !(error instanceof HttpException)) throw error;
      if (error.getStatus() === HttpStatus.PAYLOAD_TOO_LARGE) throw FileErrors.tooLarge(COMPLAINT_PHOTO_MAX_BYTES);
      throw ApiException.badRequest('PHOTO_REQUIRED', ComplaintPhotoMessages.photoRequired);
    }
  }
}

/** A photo as an image the browser shows: never cached, never sniffed, sandboxed; an error half-way destroys the response. */
function sendPhoto(res: Response, photo: PhotoDownload): void {
  res.status(200);
  res.setHeader('Content-Type', 'image/jpeg');
  res.setHeader('Content-Length', String(photo.bytes));
  res.setHeader('Content-Disposition', `inline; filename="${photo.fileName}"`);
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  pipeline(photo.stream, res, (error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn({ msg: 'a complaint photo download stopped half-way', error: error.message });
  });
}

/** The reporter's photos: add one (multipart `photo`, JPEG or PNG, ≤ 10 MB, at most 3) and read them back, with X-Complaint-Secret. */
@ApiTags('complaints (citizen)')
@Public()
@Controller('v1/complaints/:code/photos')
export class ComplaintPhotosController {
  constructor(private readonly photos: ComplaintPhotosService) {}

  @Post()
  @UseGuards(ComplaintThrottlerGuard)
  @UseInterceptors(ComplaintPhotoUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Add a photo (multipart field `photo`, JPEG or PNG, at most 10 MB, 3 per complaint, not once closed): stored as JPEG without EXIF/GPS' })
  async upload(
    @Param('code') code: string,
    @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined,
    @UploadedFile() file: UploadedPhoto | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintPhotoResponse> {
    try {
      return await this.photos.upload(code, secretOf(secret), file, originOf(req));
    } catch (error) {
      if (error instanceof ApiException && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      throw error;
    }
  }

  @Get(':photoId')
  @ApiOperation({ summary: 'One photo of the complaint (image/jpeg, not cached), with X-Complaint-Secret' })
  async read(@Param('code') code: string, @Param('photoId', UuidPipe) photoId: string, @Headers(COMPLAINT_SECRET_HEADER) secret: string | undefined, @Res() res: Response): Promise<void> {
    sendPhoto(res, await this.photos.readForReporter(code, secretOf(secret), photoId));
  }
}

/** The handlers' read of a complaint's photo: the scope of GET …/complaints/{id} (another agency 404, another site 403). */
@ApiTags('complaints (staff)')
@ApiBearerAuth()
@StaffRoles('system_admin', 'site_admin', 'agency_admin', 'officer')
@Controller('v1/admin/sites/:code/complaints/:id/photos')
export class ComplaintPhotosAdminController {
  constructor(private readonly photos: ComplaintPhotosService) {}

  @Get(':photoId')
  @ApiOperation({ summary: 'One photo of the complaint (image/jpeg, not cached)' })
  async read(
    @CurrentStaff() staff: StaffPrincipal,
    @Param('code', SiteCodePipe) code: string,
    @Param('id', UuidPipe) id: string,
    @Param('photoId', UuidPipe) photoId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPhoto(res, await this.photos.readForStaff(staff, code, id, photoId));
  }
}
