import { inject, signal, type Signal } from '@angular/core';

import { CitizenSessionService } from '../account/citizen-session.service';

/** The "Beri tahu saya lewat" choice of a citizen's form: what is chosen now, and the citizen's own change. */
export interface NotifyByChoice<C extends string> {
  readonly chosen: Signal<C>;
  choose(value: C): void;
}

/**
 * The state of a form's "Beri tahu saya lewat" (call it in a field initializer). It starts at
 * `fallback`; when the citizen is signed in and their account's choice
 * (`CitizenSessionService.me().preferences.notifyBy`) is one the form offers, it starts there
 * instead (an account's `email` on a form without it, or `none` where the form does not offer it,
 * leaves the fallback). The citizen can still change it, and a change made before the account
 * answered is kept.
 */
export function injectNotifyByChoice<C extends string>(offered: readonly C[], fallback: C): NotifyByChoice<C> {
  const session = inject(CitizenSessionService);
  const chosen = signal<C>(fallback);
  let changedByCitizen = false;
  void session.load().then((me) => {
    const fromAccount = me?.preferences.notifyBy ?? null;
    if (!changedByCitizen && isOffered(offered, fromAccount)) chosen.set(fromAccount);
  });
  return {
    chosen: chosen.asReadonly(),
    choose(value: C): void {
      changedByCitizen = true;
      chosen.set(value);
    },
  };
}

function isOffered<C extends string>(offered: readonly C[], value: string | null): value is C {
  return value !== null && (offered as readonly string[]).includes(value);
}
