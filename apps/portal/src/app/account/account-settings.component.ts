import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { CITIZEN_NOTIFY_CHOICES, type CitizenContactAddedResponse, type CitizenNotifyBy } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService } from '@mpp/ui';

import { AccountTextPipe } from './account-text.pipe';
import { CitizenSessionService } from './citizen-session.service';
import { OneTimeCodeFormComponent } from './one-time-code-form.component';

/**
 * On "Riwayat saya", below the list: how the citizen is told ("Beri tahu saya lewat": SMS,
 * WhatsApp, email with a verified address, or not at all), kept on the account in the page's
 * language; and another number or email to add, proved by a code: when the citizen had signed in
 * with it before, both accounts become one (`merged` tells the page to read the history again).
 */
@Component({
  selector: 'portal-account-settings',
  imports: [ErrorAlertComponent, AccountTextPipe, OneTimeCodeFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="mpp-card settings" aria-labelledby="settings-notify-heading">
      <h2 id="settings-notify-heading">{{ 'account.settings.notifyHeading' | at }}</h2>
      <form (submit)="save($event)" novalidate>
        <fieldset class="settings__choices" aria-describedby="settings-notify-hint" data-testid="settings-notify">
          <legend class="mpp-label">{{ 'account.settings.notifyLegend' | at }}</legend>
          <p id="settings-notify-hint" class="mpp-muted settings__hint">{{ 'account.settings.notifyHint' | at }}</p>
          @for (c of choices; track c) {
            <label class="settings__choice" [class.settings__choice--off]="c === 'email' && !hasEmail()" [attr.data-testid]="'settings-notify-' + c">
              <input type="radio" name="notifyBy" [value]="c" [checked]="notifyBy() === c" [disabled]="c === 'email' && !hasEmail()" (change)="notifyBy.set(c)" />
              {{ 'account.settings.notify.' + c | at }}
            </label>
          }
          @if (!hasEmail()) {
            <p class="mpp-muted settings__hint">{{ 'account.settings.emailNeeded' | at }}</p>
          }
        </fieldset>
        <button class="mpp-button mpp-button--primary" type="submit" [disabled]="saving() || !notifyBy()" data-testid="settings-save">
          {{ (saving() ? 'account.settings.saving' : 'account.settings.save') | at }}
        </button>
        <p class="settings__status" role="status" data-testid="settings-saved">{{ saved() ? ('account.settings.saved' | at) : '' }}</p>
        @if (saveError()) {
          <ui-error-alert [error]="saveError()" />
        }
      </form>
    </section>

    <section class="mpp-card settings" aria-labelledby="settings-contact-heading">
      <h2 id="settings-contact-heading">{{ 'account.contact.heading' | at }}</h2>
      <p class="mpp-muted settings__hint">{{ 'account.contact.intro' | at }}</p>
      <portal-one-time-code-form prefix="contact" verifyKey="account.contact.verify" [request]="requestContactCode" [confirm]="addContact" (requested)="added.set(null)" />
      <p class="settings__status" role="status" data-testid="contact-added">{{ addedKey() ? (addedKey() | at) : '' }}</p>
    </section>
  `,
  styles: `
    .settings {
      margin-top: var(--mpp-space-4);
    }
    .settings h2 {
      font-size: 1.1rem;
      margin-top: 0;
    }
    .settings__hint {
      margin: 0 0 var(--mpp-space-2);
    }
    .settings__choices {
      border: 0;
      padding: 0;
      margin: 0 0 var(--mpp-space-3);
    }
    .settings__choice {
      display: flex;
      align-items: center;
      gap: var(--mpp-space-2);
      min-height: 44px;
    }
    .settings__choice--off {
      opacity: 0.7;
    }
    .settings__status {
      min-height: 1.5em;
      margin: var(--mpp-space-2) 0 0;
      font-weight: 600;
    }
  `,
})
export class AccountSettingsComponent {
  private readonly session = inject(CitizenSessionService);
  private readonly i18n = inject(I18nService);

  /** A contact was added and another account merged into this one: the history has more in it. */
  readonly merged = output<void>();

  protected readonly choices = CITIZEN_NOTIFY_CHOICES;
  protected readonly hasEmail = computed(() => !!this.session.me()?.identities.some((i) => i.kind === 'email'));
  protected readonly notifyBy = signal<CitizenNotifyBy | null>(this.session.me()?.preferences?.notifyBy ?? null);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly saveError = signal<unknown>(null);

  protected readonly added = signal<CitizenContactAddedResponse | null>(null);
  protected readonly addedKey = computed(() => {
    const added = this.added();
    if (!added) return '';
    return added.merged ? 'account.contact.merged' : 'account.contact.added';
  });

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const choice = this.notifyBy();
    if (!choice) return;
    this.saving.set(true);
    this.saved.set(false);
    this.saveError.set(null);
    try {
      const me = await this.session.savePreferences(choice, this.i18n.lang());
      this.notifyBy.set(me.preferences.notifyBy);
      this.saved.set(true);
    } catch (error) {
      this.saveError.set(error);
    } finally {
      this.saving.set(false);
    }
  }

  protected readonly requestContactCode = (recipient: string) => this.session.requestContactCode(recipient);
  protected readonly addContact = async (recipient: string, code: string): Promise<void> => {
    const added = await this.session.addContact(recipient, code);
    this.added.set(added);
    if (added.preferences.notifyBy && !this.notifyBy()) this.notifyBy.set(added.preferences.notifyBy);
    if (added.merged) this.merged.emit();
  };
}
