import { afterRenderEffect, ElementRef, signal, untracked } from '@angular/core';

/**
 * Where the keyboard's focus goes once the page has rendered, for a page driven from the keyboard
 * (the application review page, the complaint page). `later(selector)` names an element that may
 * not exist yet (the first field of a form just opened, an action's button after its form closed):
 * it gets the focus on the first render that shows it. With none pending, `formField` may name
 * where an open form wants the focus; it is read in the effect, so a form opening moves the focus.
 * Made in an injection context: a component's field.
 */
export class PendingFocus {
  private readonly target = signal<string | null>(null);
  private readonly host: ElementRef<HTMLElement>;

  constructor(host: ElementRef<HTMLElement>, formField: () => string | null = () => null) {
    this.host = host;
    afterRenderEffect(() => {
      const target = this.target();
      const field = formField();
      untracked(() => {
        if (target) {
          const element = this.host.nativeElement.querySelector<HTMLElement>(target);
          if (element) {
            element.focus();
            this.target.set(null);
          }
          return;
        }
        if (field) this.now(field);
      });
    });
  }

  /** Focus `selector` once it is rendered. */
  later(selector: string): void {
    this.target.set(selector);
  }

  /** Focus `selector` now, if it is there. */
  now(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
