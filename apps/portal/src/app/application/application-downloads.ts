import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { HttpResponse } from '@angular/common/http';

import { saveFile } from '../common/save-file';
import { ApplicationApi, type ApplicationFile } from './application-api.service';

/** Which download a page asked for: a document version's id, or receipt / result / letter. */
export type DownloadKey = string;

/**
 * The files of an application's page (provide it in the component: its requests end with the
 * page): each fetched with the proof of ownership in a header, then handed to the browser to save
 * through an object URL under the name the API gave (Content-Disposition: the code, never a
 * person's name). One at a time; the error stays beside the button that failed.
 */
@Injectable()
export class ApplicationDownloads {
  private readonly api = inject(ApplicationApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly pendingKey = signal<DownloadKey | null>(null);
  private readonly failure = signal<{ key: DownloadKey; error: unknown } | null>(null);

  readonly pending = this.pendingKey.asReadonly();
  readonly error = this.failure.asReadonly();

  /** Fetches `file` and saves it; `onSaved` hears the answer (e.g. the receipt's number). */
  download(code: string, file: ApplicationFile, secret: string | null, key: DownloadKey, fallbackName: string, onSaved?: (res: HttpResponse<Blob>) => void): void {
    if (this.pendingKey() !== null) return;
    this.pendingKey.set(key);
    this.failure.set(null);
    this.api
      .download(code, file, secret)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (res) => {
          this.pendingKey.set(null);
          if (res.body) saveFile(res.body, fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName);
          onSaved?.(res);
        },
        error: (error: unknown) => {
          this.pendingKey.set(null);
          this.failure.set({ key, error });
        },
      });
  }

  errorFor(key: DownloadKey): unknown {
    const failure = this.failure();
    return failure?.key === key ? failure.error : null;
  }
}

/** `attachment; filename="ABCD-2345-1.pdf"` → "ABCD-2345-1.pdf"; null when there is none. */
export function fileNameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match ? match[1].trim() : null;
}
