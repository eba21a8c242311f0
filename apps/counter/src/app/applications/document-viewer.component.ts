import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { AgencyApplicationsApi, type ApplicationDocumentInfo } from './agency-applications-api.service';
import { formatBytes, formatSiteMoment } from './application-format';

type Shown =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'image'; dataUrl: string; blobUrl: string }
  | { status: 'pdf'; blobUrl: string }
  | { status: 'other'; blobUrl: string };

/**
 * One requirement's documents: the version history, and the chosen version fetched with the staff
 * token as a blob. Never the API's URL in the page (the API serves files as sandboxed attachments):
 * an image is shown from a data: URL (the app's CSP allows data: images); a PDF is offered by
 * "Buka di tab baru" (Chromium's PDF viewer in a tab of its own) and "Unduh", from a blob: URL. It is
 * not shown in the page: Chromium refuses to render a PDF in a sandboxed frame at all, and an
 * unsandboxed frame of the app's origin is not allowed (the CSP keeps frame-src 'none';
 * docs/applications.md, "PDF preview").
 */
@Component({
  selector: 'counter-document-viewer',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (documents().length === 0) {
      <p class="mpp-muted" data-testid="document-none">{{ 'applications.document.none' | t }}</p>
    } @else {
      <div class="viewer__versions" role="group" [attr.aria-label]="'applications.document.versions' | t">
        @for (doc of newestFirst(); track doc.id) {
          <button
            type="button"
            class="mpp-button viewer__version"
            data-testid="document-version"
            [attr.data-document-id]="doc.id"
            [attr.aria-pressed]="doc.id === chosenId()"
            (click)="choose(doc.id)"
          >
            {{ 'applications.document.version' | t: { n: doc.version } }}
            <span class="mpp-muted">{{ when(doc.uploadedAt) }} · {{ size(doc.size) }}</span>
          </button>
        }
      </div>
      @if (chosen(); as doc) {
        <p class="mpp-muted viewer__meta" data-testid="document-meta">
          {{ doc.contentType }} · {{ size(doc.size) }} ·
          {{ (doc.uploadedBy === 'officer' ? 'applications.document.byOfficer' : 'applications.document.byCitizen') | t }} ·
          <span title="SHA-256">SHA-256 <code data-testid="document-sha256">{{ doc.sha256.slice(0, 16) }}…</code></span>
        </p>
      }
      @if (purgedAt(); as purgedAt) {
        <p class="mpp-muted" data-testid="document-purged">{{ 'applications.document.purged' | t: { date: when(purgedAt) } }}</p>
      }
      @switch (shown().status) {
        @case ('loading') {
          <p class="mpp-status" role="status">{{ 'common.loading' | t }}</p>
        }
        @case ('error') {
          <ui-error-alert data-testid="document-error" [error]="errorOf()" [retryable]="true" (retry)="reload()" />
        }
        @case ('image') {
          <img class="viewer__image" data-testid="document-image" [src]="imageUrl()" [alt]="'applications.document.imageAlt' | t: { name: requirementName(), n: chosenVersion() }" />
        }
        @case ('pdf') {
          <p class="viewer__note" data-testid="document-pdf-note">{{ 'applications.document.pdfNote' | t }}</p>
        }
        @case ('other') {
          <p class="mpp-muted">{{ 'applications.document.noPreview' | t }}</p>
        }
      }
      @if (blobUrl(); as url) {
        <p class="viewer__links">
          <a class="mpp-button" data-testid="document-open" [href]="url" target="_blank" rel="noopener noreferrer">{{ 'applications.document.open' | t }}</a>
          <a class="mpp-button" data-testid="document-download" [href]="url" [attr.download]="downloadName()">{{ 'applications.document.download' | t }}</a>
        </p>
      }
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: var(--mpp-space-2);
    }
    .viewer__versions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
    }
    .viewer__version {
      display: inline-flex;
      flex-direction: column;
      align-items: flex-start;
      font-size: 0.875rem;
    }
    .viewer__version[aria-pressed='true'] {
      border-width: 3px;
      font-weight: 700;
    }
    .viewer__meta {
      margin: 0;
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
    .viewer__image {
      max-width: 100%;
      max-height: 70vh;
      object-fit: contain;
      border: 1px solid var(--mpp-color-border-soft);
      background: var(--mpp-color-surface);
    }
    .viewer__note {
      margin: 0;
    }
    .viewer__links {
      display: flex;
      gap: var(--mpp-space-2);
      margin: 0;
    }
  `,
})
export class DocumentViewerComponent {
  private readonly api = inject(AgencyApplicationsApi);
  private readonly i18n = inject(I18nService);
  private readonly sanitizer = inject(DomSanitizer);

  readonly applicationId = input.required<string>();
  readonly applicationCode = input.required<string>();
  readonly requirementName = input.required<string>();
  readonly itemPosition = input.required<number>();
  readonly documents = input.required<readonly ApplicationDocumentInfo[]>();
  readonly timeZone = input.required<string>();

  /** The version picked by the officer; the newest when none (or when it is not in the list). */
  private readonly picked = signal<string | null>(null);
  protected readonly newestFirst = computed(() => [...this.documents()].sort((a, b) => b.version - a.version));
  /** Equal by id: the application read again after a step brings new objects, not a new file to fetch. */
  protected readonly chosen = computed(
    () => {
      const list = this.newestFirst();
      return list.find((d) => d.id === this.picked()) ?? list[0] ?? null;
    },
    { equal: (a, b) => a?.id === b?.id && a?.purgedAt === b?.purgedAt },
  );
  protected readonly purgedAt = computed(() => this.chosen()?.purgedAt ?? null);
  protected readonly chosenId = computed(() => this.chosen()?.id ?? null);
  protected readonly chosenVersion = computed(() => this.chosen()?.version ?? '');
  protected readonly shown = signal<Shown>({ status: 'none' });
  protected readonly blobUrl = computed(() => {
    const shown = this.shown();
    return shown.status === 'image' || shown.status === 'pdf' || shown.status === 'other' ? this.sanitizer.bypassSecurityTrustUrl(shown.blobUrl) : null;
  });
  protected readonly imageUrl = computed(() => {
    const shown = this.shown();
    return shown.status === 'image' ? shown.dataUrl : '';
  });
  protected readonly errorOf = computed(() => {
    const shown = this.shown();
    return shown.status === 'error' ? shown.error : null;
  });
  protected readonly downloadName = computed(() => {
    const doc = this.chosen();
    if (!doc) return null;
    const ext = doc.contentType === 'application/pdf' ? 'pdf' : doc.contentType === 'image/png' ? 'png' : doc.contentType === 'image/jpeg' ? 'jpg' : 'bin';
    return `${this.applicationCode()}-${this.itemPosition()}-v${doc.version}.${ext}`;
  });

  private request: Subscription | null = null;
  private objectUrl: string | null = null;

  constructor() {
    effect(() => {
      const id = this.applicationId();
      const doc = this.chosen();
      untracked(() => this.load(id, doc));
    });
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.revoke();
    });
  }

  protected choose(documentId: string): void {
    this.picked.set(documentId);
  }

  protected reload(): void {
    this.load(this.applicationId(), this.chosen());
  }

  protected when(iso: string): string {
    return formatSiteMoment(iso, this.timeZone(), this.i18n.lang());
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang());
  }

  private load(applicationId: string, doc: ApplicationDocumentInfo | null): void {
    this.request?.unsubscribe();
    this.revoke();
    if (!doc || doc.purgedAt) {
      this.shown.set({ status: 'none' });
      return;
    }
    this.shown.set({ status: 'loading' });
    this.request = this.api.document(applicationId, doc.id, doc.contentType.startsWith('image/')).subscribe({
      next: (body) => void this.show(body, doc),
      error: (error: unknown) => this.shown.set({ status: 'error', error }),
    });
  }

  private async show(body: Blob, doc: ApplicationDocumentInfo): Promise<void> {
    // The type the API sniffed when it was stored, not whatever the answer claims.
    const blob = new Blob([body], { type: doc.contentType });
    const blobUrl = URL.createObjectURL(blob);
    this.objectUrl = blobUrl;
    if (doc.contentType.startsWith('image/')) {
      const dataUrl = await readAsDataUrl(blob);
      if (this.objectUrl === blobUrl) this.shown.set({ status: 'image', dataUrl, blobUrl });
    } else if (doc.contentType === 'application/pdf') {
      this.shown.set({ status: 'pdf', blobUrl });
    } else {
      this.shown.set({ status: 'other', blobUrl });
    }
  }

  private revoke(): void {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
  }
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsDataURL(blob);
  });
}
