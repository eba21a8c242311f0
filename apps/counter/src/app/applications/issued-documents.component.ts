import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { ApplicationStateName, DecisionLetterKind, IssuedDocumentSummary } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe } from '@mpp/ui';
import type { Observable, Subscription } from 'rxjs';

import { AgencyApplicationsApi } from './agency-applications-api.service';
import { formatBytes, formatSiteMoment } from './application-format';

type Busy = 'receipt' | 'result' | 'letter' | 'upload' | 'make-letter' | null;

/** Saves a blob under a name through a temporary link (the blob: URL is revoked after). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * What the agency issued for an application (issue 14, verifiable documents): the receipt of the
 * submission, the result document and the decision letters, each with its number and sha256; the
 * result PDF is uploaded while approved, a letter generated while approved (approval) or rejected
 * (rejection). Every file is fetched with the staff token and saved from a blob.
 */
@Component({
  selector: 'counter-issued-documents',
  imports: [ErrorAlertComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="issued-title">{{ 'applications.issued.title' | t }}</h2>
    @if (documents().length === 0) {
      <p class="mpp-muted" data-testid="issued-none">{{ 'applications.issued.none' | t }}</p>
    } @else {
      <ul class="mpp-list-plain issued__list" data-testid="issued-list">
        @for (doc of documents(); track doc.number) {
          <li class="issued__item" data-testid="issued-item" [attr.data-kind]="doc.kind" [attr.data-number]="doc.number">
            <strong>{{ kindKey(doc) | t }}</strong>
            <span class="issued__number">{{ doc.number }}</span>
            <span class="mpp-muted">{{ when(doc.issuedAt) }} · {{ size(doc.size) }} · SHA-256 <code>{{ doc.sha256.slice(0, 16) }}…</code></span>
          </li>
        }
      </ul>
    }
    <div class="issued__actions">
      @if (hasReceipt()) {
        <button type="button" class="mpp-button" data-testid="issued-receipt" [disabled]="busy() !== null" [attr.aria-busy]="busy() === 'receipt'" (click)="download('receipt')">
          {{ 'applications.issued.receipt' | t }}
        </button>
      }
      @if (has('result')) {
        <button type="button" class="mpp-button" data-testid="issued-result" [disabled]="busy() !== null" [attr.aria-busy]="busy() === 'result'" (click)="download('result')">
          {{ 'applications.issued.downloadResult' | t }}
        </button>
      }
      @if (has('decision_letter')) {
        <button type="button" class="mpp-button" data-testid="issued-letter" [disabled]="busy() !== null" [attr.aria-busy]="busy() === 'letter'" (click)="download('letter')">
          {{ 'applications.issued.downloadLetter' | t }}
        </button>
      }
    </div>
    @if (canAct() && state() === 'approved') {
      <div class="mpp-field">
        <label class="mpp-label" for="result-file">{{ 'applications.issued.uploadResult' | t }}</label>
        <input #resultInput id="result-file" type="file" accept="application/pdf" class="mpp-input" data-testid="issued-result-file" aria-describedby="result-hint" [disabled]="busy() !== null" (change)="uploadResult(resultInput)" />
        <p id="result-hint" class="mpp-muted">{{ 'applications.issued.uploadResultHint' | t }}</p>
      </div>
    }
    @if (canAct() && letterKind(); as kind) {
      <form class="issued__letter" (submit)="makeLetter($event, kind)" data-testid="issued-letter-form">
        <div class="mpp-field">
          <label class="mpp-label" for="letter-body">{{ 'applications.issued.letterBody' | t }}</label>
          <textarea #letterInput id="letter-body" class="mpp-input" rows="2" maxlength="2000" data-testid="issued-letter-body" [value]="letterBody()" (input)="letterBody.set(letterInput.value)"></textarea>
        </div>
        <button type="submit" class="mpp-button" data-testid="issued-make-letter" [disabled]="busy() !== null" [attr.aria-busy]="busy() === 'make-letter'">
          {{ (kind === 'approval' ? 'applications.issued.makeApproval' : 'applications.issued.makeRejection') | t }}
        </button>
      </form>
    }
    @if (error()) {
      <ui-error-alert data-testid="issued-error" [error]="error()" />
    }
    <p class="mpp-visually-hidden" role="status" aria-live="polite" data-testid="issued-announcement">{{ announcement() }}</p>
  `,
  styles: `
    :host {
      display: grid;
      gap: var(--mpp-space-2);
    }
    h2 {
      margin: 0;
    }
    .issued__list {
      display: grid;
      gap: var(--mpp-space-1);
    }
    .issued__item {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
      align-items: baseline;
    }
    .issued__number {
      font-family: var(--mpp-font-mono);
    }
    .issued__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--mpp-space-2);
    }
  `,
})
export class IssuedDocumentsComponent {
  private readonly api = inject(AgencyApplicationsApi);
  private readonly i18n = inject(I18nService);

  readonly applicationId = input.required<string>();
  readonly applicationCode = input.required<string>();
  readonly state = input.required<ApplicationStateName>();
  /** The application's version: a change (a step, an upload) reads the list again. */
  readonly version = input.required<number>();
  readonly canAct = input.required<boolean>();
  readonly timeZone = input.required<string>();

  protected readonly documents = signal<IssuedDocumentSummary[]>([]);
  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<unknown>(null);
  protected readonly announcement = signal('');
  protected readonly letterBody = signal('');
  /** A receipt exists for every submission: offered once the application left the draft. */
  protected readonly hasReceipt = computed(() => this.state() !== 'draft');
  protected readonly letterKind = computed<DecisionLetterKind | null>(() => (this.state() === 'approved' ? 'approval' : this.state() === 'rejected' ? 'rejection' : null));

  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.applicationId();
      this.version();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected has(kind: IssuedDocumentSummary['kind']): boolean {
    return this.documents().some((d) => d.kind === kind);
  }

  protected kindKey(doc: IssuedDocumentSummary): string {
    if (doc.kind === 'decision_letter') return doc.letterKind === 'rejection' ? 'applications.issued.kind.rejection' : 'applications.issued.kind.approval';
    return `applications.issued.kind.${doc.kind}`;
  }

  protected when(iso: string): string {
    return formatSiteMoment(iso, this.timeZone(), this.i18n.lang());
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang());
  }

  protected download(kind: 'receipt' | 'result' | 'letter'): void {
    this.run(kind, this.api.issuedPdf(this.applicationId(), kind), (blob) => {
      saveBlob(new Blob([blob], { type: 'application/pdf' }), `${this.applicationCode()}-${kind}.pdf`);
      // The receipt is issued on its first request: it now shows in the list.
      if (kind === 'receipt') this.load(this.applicationId());
    });
  }

  protected uploadResult(field: HTMLInputElement): void {
    const file = field.files?.[0];
    if (!file) return;
    this.run('upload', this.api.uploadResult(this.applicationId(), file), (doc) => {
      field.value = '';
      this.announcement.set(this.i18n.t('applications.issued.uploaded', { number: doc.number }));
      this.load(this.applicationId());
    });
  }

  protected makeLetter(event: Event, kind: DecisionLetterKind): void {
    event.preventDefault();
    this.run('make-letter', this.api.makeLetter(this.applicationId(), kind, this.letterBody().trim() || undefined), (doc) => {
      this.letterBody.set('');
      this.announcement.set(this.i18n.t('applications.issued.made', { number: doc.number }));
      this.load(this.applicationId());
    });
  }

  private run<T>(busy: Exclude<Busy, null>, request: Observable<T>, done: (value: T) => void): void {
    this.busy.set(busy);
    this.error.set(null);
    request.subscribe({
      next: (value) => {
        this.busy.set(null);
        done(value);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.error.set(error);
      },
    });
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.request = this.api.issuedDocuments(id).subscribe({
      next: (documents) => this.documents.set(documents),
      error: (error: unknown) => this.error.set(error),
    });
  }
}
