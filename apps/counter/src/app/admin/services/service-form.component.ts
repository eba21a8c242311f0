import { ChangeDetectionStrategy, Component, Injector, afterNextRender, inject, input, linkedSignal, output, signal } from '@angular/core';
import { COMPLETION_TIME_UNITS, UPLOADABLE_FILE_TYPES, type BookingSettings, type UploadableFileType } from '@mpp/contracts';
import { ErrorAlertComponent, TranslatePipe } from '@mpp/ui';

import { type RequirementDraft, type ServiceDraft, moveRow, newRequirement } from './service-draft';
import { ServicePreviewComponent } from './service-preview.component';

const DOCUMENT_FORMS = ['original', 'copy', 'original_and_copy', 'none'] as const;

/**
 * The full service standard of one service as a plain form: texts in both languages, the
 * requirements (add, edit, remove, move up/down; each row keeps the id the API gave it), procedure,
 * completion time with its unit, fee, product, legal basis, complaints, queue, booking and online
 * settings. "Pratinjau" shows it as a citizen would read it. The API checks everything; its
 * refusal is shown field by field above the buttons.
 */
@Component({
  selector: 'counter-service-form',
  imports: [ErrorAlertComponent, ServicePreviewComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './service-form.component.html',
  styleUrls: ['../admin-page.css', './services-page.css'],
})
export class ServiceFormComponent {
  readonly initial = input.required<ServiceDraft>();
  readonly isNew = input.required<boolean>();
  readonly agencyName = input<string>('');
  readonly saving = input<boolean>(false);
  readonly error = input<unknown>(null);
  readonly submitted = output<ServiceDraft>();
  readonly cancelled = output<void>();

  private readonly injector = inject(Injector);
  protected readonly draft = linkedSignal(() => this.initial());
  protected readonly previewing = signal(false);
  protected readonly units = COMPLETION_TIME_UNITS;
  protected readonly forms = DOCUMENT_FORMS;
  protected readonly fileTypes = UPLOADABLE_FILE_TYPES;

  protected set<K extends keyof ServiceDraft>(key: K, value: ServiceDraft[K]): void {
    this.draft.update((d) => ({ ...d, [key]: value }));
  }

  protected setBooking(key: keyof BookingSettings, value: string): void {
    this.draft.update((d) => ({ ...d, booking: { ...d.booking, [key]: Number(value) } }));
  }

  protected setRequirement<K extends keyof RequirementDraft>(index: number, key: K, value: RequirementDraft[K]): void {
    this.draft.update((d) => ({ ...d, requirements: d.requirements.map((r, i) => (i === index ? { ...r, [key]: value } : r)) }));
  }

  protected toggleFileType(index: number, type: UploadableFileType, on: boolean): void {
    const current = this.draft().requirements[index].fileTypes;
    const next = on ? [...new Set([...current, type])] : current.filter((t) => t !== type);
    this.setRequirement(index, 'fileTypes', UPLOADABLE_FILE_TYPES.filter((t) => next.includes(t)));
  }

  protected addRequirement(): void {
    const row = newRequirement();
    this.draft.update((d) => ({ ...d, requirements: [...d.requirements, row] }));
    // The new row's first field takes the focus, so typing goes on from the keyboard.
    this.focusAfterRender(`req-name-${row.key}`);
  }

  protected removeRequirement(index: number): void {
    this.draft.update((d) => ({ ...d, requirements: d.requirements.filter((_, i) => i !== index) }));
  }

  protected moveRequirement(index: number, delta: number, key: number, button: 'up' | 'down'): void {
    this.draft.update((d) => ({ ...d, requirements: moveRow(d.requirements, index, delta) }));
    // The focus stays with the moved row: on the same button, or the other one at the list's end.
    this.focusAfterRender(`req-${button}-${key}`, `req-${button === 'up' ? 'down' : 'up'}-${key}`);
  }

  private focusAfterRender(id: string, fallbackId?: string): void {
    afterNextRender(
      () => {
        const target = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
        const usable = target && !target.disabled ? target : fallbackId ? document.getElementById(fallbackId) : null;
        usable?.focus();
      },
      { injector: this.injector },
    );
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    this.submitted.emit(this.draft());
  }
}
