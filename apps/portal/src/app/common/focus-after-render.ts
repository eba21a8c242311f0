import { Injector, afterNextRender, inject, type ElementRef } from '@angular/core';

/** What takes the focus: a selector in the document, or a view child (a viewChild signal). */
export type FocusTarget = string | (() => ElementRef<HTMLElement> | undefined);

/**
 * A function that focuses `target` once the page has rendered what just changed (the question
 * that opens, the status line after an answer, the error). Call it in a field initializer.
 */
export function injectFocusAfterRender(): (target: FocusTarget) => void {
  const injector = inject(Injector);
  return (target) =>
    afterNextRender(
      () => {
        const element = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target()?.nativeElement;
        element?.focus();
      },
      { injector },
    );
}
