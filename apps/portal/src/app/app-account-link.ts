import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CitizenMeResponse } from '@mpp/contracts';
import { TranslatePipe, readStorage, writeStorage } from '@mpp/ui';

import { CitizenSessionService } from './account/citizen-session.service';

/** localStorage: the last known session, `{ label, until }` (the masked identity and the session's end). */
export const ACCOUNT_HINT_KEY = 'mpp.citizen';

interface AccountHint {
  /** The citizen's first identity as the API masks it ("0812****7890"), never in full. */
  label: string;
  /** The session's end (ISO): after it the hint is ignored. */
  until: string;
}

/**
 * The header's account link: "Masuk" (to /akun/masuk) or, signed in, the citizen's masked name
 * and "Riwayat saya" (to /akun/riwayat). The session is an httpOnly cookie the page cannot read,
 * and the first load asks the API nothing (docs/portal.md, Performance), so the header shows what
 * this phone last heard from the API, kept in localStorage by this component whenever a page of
 * the account or the booking asks who is signed in (CitizenSessionService). A hint that outlived
 * its session is corrected by the first such answer (the history page asks at once).
 */
@Component({
  selector: 'portal-account-link',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (account(); as a) {
      <a class="account-link" routerLink="/akun/riwayat" data-testid="account-link">
        <span class="account-link__name" data-testid="account-name">{{ a.label }}</span>
        <span>{{ 'portal.account.history' | t }}</span>
      </a>
    } @else {
      <a class="account-link" routerLink="/akun/masuk" data-testid="account-link">{{ 'portal.account.signIn' | t }}</a>
    }
  `,
  styles: `
    .account-link {
      display: inline-flex;
      flex-direction: column;
      justify-content: center;
      min-height: var(--mpp-target);
      padding: 0 var(--mpp-space-1);
      color: inherit;
      font-weight: 600;
      line-height: 1.2;
    }
    .account-link:hover {
      color: inherit;
    }
    .account-link__name {
      font-size: 0.8125rem;
      font-weight: 400;
    }
  `,
})
export class AccountLinkComponent {
  private readonly session = inject(CitizenSessionService);
  private readonly hint = readHint();

  /** Who is signed in: the API's answer once a page asked, else this phone's hint. */
  protected readonly account = computed<AccountHint | null>(() => {
    const me = this.session.me();
    if (me === undefined) return this.hint;
    return me ? toHint(me) : null;
  });

  constructor() {
    effect(() => {
      const me = this.session.me();
      if (me === undefined) return;
      const hint = me ? toHint(me) : null;
      writeStorage('local', ACCOUNT_HINT_KEY, hint ? JSON.stringify(hint) : null);
    });
  }
}

function toHint(me: CitizenMeResponse): AccountHint {
  return { label: me.identities[0]?.label ?? '', until: me.sessionExpiresAt };
}

function readHint(): AccountHint | null {
  const raw = readStorage('local', ACCOUNT_HINT_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<AccountHint>;
    if (typeof value.label !== 'string' || typeof value.until !== 'string') return null;
    return Date.parse(value.until) > Date.now() ? { label: value.label, until: value.until } : null;
  } catch {
    return null;
  }
}
