import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryStorage } from './directory-storage';
import { FileCipher } from './file-cipher';
import { FILE_STORAGE, type FileStorage } from './file-storage';
import { FilesService } from './files.service';
import { ImageReencoder } from './image-reencoder';
import { S3Storage } from './s3-storage';
import { join } from 'node:path';

/** The driver the configuration names: S3 when S3_URL is set, else the directory under DATA_DIR. */
export function createFileStorage(config: Pick<AppConfig, 'files'>): FileStorage {
  const { s3, dir } = config.files;
  return s3 ? new S3Storage(s3, join(dir, '.tmp')) : new DirectoryStorage(dir);
}

/**
 * Encrypted storage of citizens' documents (docs/files.md). Needs APP_CONFIG and DATA_KEY, which
 * AppModule's global module provides. No endpoints: features (applications) import it and use
 * FilesService.
 */
@Module({
  providers: [{ provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: createFileStorage }, FileCipher, ImageReencoder, FilesService],
  // ImageReencoder too: complaint photos are re-encoded to JPEG whatever came in, in the same queue (one line of images for the whole API).
  exports: [FilesService, ImageReencoder],
})
export class FilesModule {}
