import { Inject, Injectable, Logger } from '@nestjs/common';
import sharp, { type Sharp } from 'sharp';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { WorkQueue } from './work-queue';

/**
 * Decoded pixels an upload may have: a 50-megapixel phone photo (8165 × 6124) fits; a small PNG
 * declaring 30000 × 30000 (a decompression bomb, 3.6 GB decoded) is refused before decoding.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** JPEG quality of the re-encoded copy: documents stay legible, a 12 MP photo lands near 2–4 MB. */
export const JPEG_QUALITY = 85;

/**
 * Images re-encoded without their metadata (EXIF with GPS, XMP, IPTC, ICC, comments), turned
 * upright by their EXIF orientation first, one image per libvips thread, through a small queue
 * (docs/files.md, The work queue).
 *
 * libvips settings, process-wide (nothing else in the API uses sharp): one thread per image
 * (`sharp.concurrency(1)`) since the queue already runs FILES_IMAGE_CONCURRENCY images side by side
 * on a 2-core machine; and no operation cache (`sharp.cache(false)`): every upload is a new image,
 * so the cache would only keep decoded pixels of images that will never come back.
 */
@Injectable()
export class ImageReencoder {
  readonly queue: WorkQueue;
  private readonly logger = new Logger('ImageReencoder');

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'files'>) {
    sharp.concurrency(1);
    sharp.cache(false);
    this.queue = new WorkQueue(config.files.imageConcurrency, config.files.imageQueueLength);
    this.logger.debug(`image queue: ${config.files.imageConcurrency} at once, ${config.files.imageQueueLength} waiting`);
  }

  /**
   * A sharp pipeline (a Duplex: write the image in, read the clean copy out) for one image of the
   * given type; the copy has the same type. Run it inside a slot of `queue`.
   */
  pipeline(type: 'image/jpeg' | 'image/png'): Sharp {
    const image = sharp({ failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true }).autoOrient();
    // Without withMetadata()/keepExif()/keepIccProfile() sharp writes no metadata at all (and converts to sRGB).
    // optimiseCoding off: libjpeg's Huffman optimisation keeps every DCT coefficient of the image for a
    // second pass (+170 MB and 2.5 s for a 12 MP photo, against +34 MB and 0.6 s without), for a copy
    // only 4–10 % smaller; with it, 50 uploads at once peaked at 648 MB (docs/applications.md, Measured).
    return type === 'image/jpeg'
      ? image.jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:2:0', optimiseCoding: false })
      : image.png({ compressionLevel: 6 });
  }
}
