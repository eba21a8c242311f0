import { DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { I18nService } from '@mpp/ui';
import type { Observable } from 'rxjs';

import type { CitizenIdentityForm } from '../citizen-form/citizen-identity-form';

/**
 * The submit of a citizen's form for one service (the application, the booking, the ticket from
 * home), the same on each page: one request at a time; on submit every identity message shows
 * and the first field with a problem (or the page's own first problem) takes the focus instead
 * of a request; a refusal puts the API's field messages beside their fields and its error in
 * `#<prefix>-submit-error`, which takes the focus. Call it in a field initializer; the page
 * builds its request and says where success goes.
 */
export function injectCitizenFormSubmit(options: { identity: CitizenIdentityForm; page: { focus(selector: string): void }; prefix: string }) {
  const { identity, page, prefix } = options;
  const i18n = inject(I18nService);
  const destroyRef = inject(DestroyRef);
  const pending = signal(false);
  const error = signal<unknown>(null);
  return {
    /** A request is on its way (the submit button is disabled). */
    pending: pending.asReadonly(),
    /** The API's refusal of the last request, or null. */
    error: error.asReadonly(),
    /** The language of the messages the request asks for: the page's. */
    language: (): 'id' | 'en' => (i18n.lang() === 'en' ? 'en' : 'id'),
    /**
     * A submit event: true when the request may go. False while one is pending, or when
     * `problem` (the selector of something the page itself misses, checked first) or an identity
     * field has a problem, which then takes the focus.
     */
    start(event: Event, problem: string | null = null): boolean {
      event.preventDefault();
      if (pending()) return false;
      error.set(null);
      const first = identity.check();
      const focus = problem ?? (first ? `#${prefix}-${first}` : null);
      if (focus) page.focus(focus);
      return focus === null;
    },
    /** Sends `request` (unsubscribed when the page goes); `done` gets its answer. */
    send<T>(request: Observable<T>, done: (value: T) => void): void {
      pending.set(true);
      request.pipe(takeUntilDestroyed(destroyRef)).subscribe({
        next: (value) => {
          pending.set(false);
          done(value);
        },
        error: (refusal: unknown) => {
          pending.set(false);
          identity.refused(refusal);
          error.set(refusal);
          page.focus(`#${prefix}-submit-error`);
        },
      });
    },
  };
}
