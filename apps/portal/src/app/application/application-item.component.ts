import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import type { ApplicationDocumentResponse, ApplicationItemResponse, ApplicationResponse, RequirementResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, LocalizedPipe, TranslatePipe } from '@mpp/ui';
import type { Subscription } from 'rxjs';

import { injectFocusAfterRender } from '../common/focus-after-render';
import { ApplicationApi } from './application-api.service';
import { ApplicationDownloads } from './application-downloads';
import { BYTES_PER_MB, displayApplicationCode, formatFileSize, formatSiteInstant } from './application-format';

/** The types the API takes (it checks the content again: these only spare a phone a useless upload). */
const ACCEPTED_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];
const TYPE_LABELS: Readonly<Record<string, string>> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; percent: number }
  | { kind: 'saved'; version: number }
  /** Refused in the browser (too large, wrong type): the text is ours. */
  | { kind: 'refused'; key: string; params: Record<string, string | number> }
  /** Refused or failed at the API: its message; `retryAfter` seconds when it was busy (503). */
  | { kind: 'failed'; error: unknown; retryAfter: number | null };

/**
 * One requirement of an application: what it must show, its review state and reason, the current
 * document (type, size, version, when) with a download, and, when the citizen may upload now, two
 * choices, "Foto dengan kamera" (`capture="environment"`: the phone's back camera) and "Pilih
 * berkas" (a PDF or an image), "Ganti berkas" once a document is there. The size is checked before
 * sending (the service's limit); the upload's progress shows as a bar and its start and end are
 * announced (aria-live); an error takes the focus.
 */
@Component({
  selector: 'li[portalApplicationItem]',
  host: {
    class: 'mpp-card item',
    tabindex: '-1',
    '[id]': 'idBase()',
    '[class.item--missing]': 'missing()',
    '[class.item--revise]': "item().state === 'needs_revision'",
    '[attr.data-testid]': "'application-item-' + item().position",
  },
  imports: [ErrorAlertComponent, LocalizedPipe, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './application-item.component.html',
  styleUrl: './application-item.component.css',
})
export class ApplicationItemComponent {
  private readonly api = inject(ApplicationApi);
  private readonly i18n = inject(I18nService);
  private readonly focus = injectFocusAfterRender();
  private readonly destroyRef = inject(DestroyRef);
  protected readonly downloads = inject(ApplicationDownloads);

  readonly item = input.required<ApplicationItemResponse>();
  /** The catalogue's requirement (what the document must show), when the service could be read. */
  readonly requirement = input<RequirementResponse | null>(null);
  readonly code = input.required<string>();
  readonly secret = input<string | null>(null);
  readonly timeZone = input.required<string>();
  /** The citizen may upload to this item now (a draft; or returned and marked for correction). */
  readonly editable = input(false);
  /** Shown with its review state (after submitting). */
  readonly reviewed = input(false);
  /** Marked as still missing (a mandatory item without a document). */
  readonly missing = input(false);
  readonly maxUploadBytes = input.required<number>();
  readonly uploaded = output<ApplicationResponse>();

  protected readonly state = signal<UploadState>({ kind: 'idle' });
  protected readonly replacing = signal(false);
  protected readonly latest = computed<ApplicationDocumentResponse | null>(() => this.item().documents.at(-1) ?? null);
  protected readonly maxMb = computed(() => Math.floor(this.maxUploadBytes() / BYTES_PER_MB));
  protected readonly showChoices = computed(() => this.editable() && this.state().kind !== 'uploading' && (!this.latest() || this.replacing()));
  protected readonly idBase = computed(() => `item-${this.item().requirementId}`);

  private readonly problem = viewChild<ElementRef<HTMLElement>>('problem');
  private readonly replaceButton = viewChild<ElementRef<HTMLButtonElement>>('replaceButton');
  private lastFile: File | null = null;
  private running: Subscription | null = null;

  protected fileLine(doc: ApplicationDocumentResponse): string {
    const lang = this.i18n.lang();
    return this.i18n.t('application.item.file', {
      type: TYPE_LABELS[doc.contentType] ?? doc.contentType,
      size: formatFileSize(doc.size, lang),
      version: doc.version,
      when: formatSiteInstant(doc.uploadedAt, this.timeZone(), lang),
    });
  }

  /** When an officer marked the item, in the site's zone. */
  protected reviewedLine(at: string): string {
    return this.i18n.t('application.item.reviewedAt', { when: formatSiteInstant(at, this.timeZone(), this.i18n.lang()) });
  }

  protected download(doc: ApplicationDocumentResponse): void {
    const ext = doc.contentType === 'application/pdf' ? 'pdf' : doc.contentType === 'image/png' ? 'png' : 'jpg';
    this.downloads.download(this.code(), { kind: 'document', documentId: doc.id }, this.secret(), doc.id, `${displayApplicationCode(this.code())}-${this.item().position}.${ext}`);
  }

  protected startReplacing(): void {
    this.replacing.set(true);
    this.state.set({ kind: 'idle' });
  }

  protected cancelReplacing(): void {
    this.replacing.set(false);
    this.state.set({ kind: 'idle' });
    this.focus(this.replaceButton);
  }

  protected picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    input.value = '';
    if (file) this.send(file);
  }

  protected retry(): void {
    if (this.lastFile) this.send(this.lastFile);
  }

  private send(file: File): void {
    this.lastFile = file;
    const lang = this.i18n.lang();
    if (file.size > this.maxUploadBytes()) {
      this.refuse('application.item.tooLarge', { name: file.name, size: formatFileSize(file.size, lang), mb: this.maxMb() });
      return;
    }
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
      this.refuse('application.item.wrongType', { name: file.name });
      return;
    }
    this.running?.unsubscribe();
    this.state.set({ kind: 'uploading', name: file.name, percent: 0 });
    this.running = this.api
      .upload(this.code(), this.item().requirementId, file, this.secret())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            const percent = event.total > 0 ? Math.min(100, Math.round((event.loaded / event.total) * 100)) : 0;
            this.state.set({ kind: 'uploading', name: file.name, percent });
            return;
          }
          const item = event.application.items.find((i) => i.requirementId === this.item().requirementId);
          this.state.set({ kind: 'saved', version: item?.documents.at(-1)?.version ?? 1 });
          this.replacing.set(false);
          this.lastFile = null;
          this.uploaded.emit(event.application);
        },
        error: (error: unknown) => {
          const retryAfter = error instanceof HttpErrorResponse && error.status === 503 ? Number(error.headers.get('Retry-After')) || null : null;
          this.state.set({ kind: 'failed', error, retryAfter });
          this.focusProblem();
        },
      });
  }

  private refuse(key: string, params: Record<string, string | number>): void {
    this.state.set({ kind: 'refused', key, params });
    this.focusProblem();
  }

  private focusProblem(): void {
    this.focus(this.problem);
  }
}
