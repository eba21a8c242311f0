import { ChangeDetectionStrategy, Component, ElementRef, effect, input, output, viewChild } from '@angular/core';

/**
 * A modal question (the browser's own `<dialog>`: focus stays inside, Escape cancels, the focus
 * returns to the button that opened it). Open while `open` is true; the content and the buttons are
 * the caller's, projected.
 */
@Component({
  selector: 'counter-admin-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" [attr.aria-labelledby]="labelId()" [attr.data-testid]="testId()" (cancel)="onCancel($event)">
      <h2 class="dialog__title" [id]="labelId()">{{ heading() }}</h2>
      <ng-content />
    </dialog>
  `,
  styles: `
    .dialog {
      max-width: 36rem;
      width: calc(100% - 2rem);
      padding: var(--mpp-space-4);
      border: 1px solid var(--mpp-color-border);
      border-radius: var(--mpp-radius);
      background: var(--mpp-color-surface);
      color: var(--mpp-color-text);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 45%);
    }
    .dialog__title {
      margin-top: 0;
      font-size: 1.25rem;
    }
  `,
})
export class AdminDialogComponent {
  readonly open = input.required<boolean>();
  readonly heading = input.required<string>();
  readonly labelId = input.required<string>();
  readonly testId = input<string>('admin-dialog');
  /** Escape pressed: the caller closes (sets `open` to false). */
  readonly dismissed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.open() && !dialog.open) dialog.showModal();
      else if (!this.open() && dialog.open) dialog.close();
    });
  }

  protected onCancel(event: Event): void {
    event.preventDefault();
    this.dismissed.emit();
  }
}
