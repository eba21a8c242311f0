import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { LocalizedText } from '@mpp/contracts';
import { BilingualPipe } from '@mpp/ui';

/**
 * "Beri tahu saya lewat": one radio button per channel the form offers (the booking form: SMS,
 * WhatsApp, email; the ticket from home: SMS, WhatsApp, none), with the form's own legend and
 * hint (tied to the group by aria-describedby). The page keeps the value (injectNotifyByChoice,
 * which starts it from the signed-in citizen's account) and may disable a choice (email without
 * an address). Ids and test ids: `{idPrefix}-notify-hint`, fieldset `{idPrefix}-notify`, each
 * choice `{choiceTestIdPrefix}{choice}`.
 */
@Component({
  selector: 'portal-notify-by-choice',
  imports: [BilingualPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notify-by-choice.component.html',
  styleUrl: './form-page.css',
})
export class NotifyByChoiceComponent<C extends string> {
  /** "booking" or "online". */
  readonly idPrefix = input.required<string>();
  /** "notify-" (the booking form) or "online-notify-": the start of each choice's test id. */
  readonly choiceTestIdPrefix = input.required<string>();
  readonly choices = input.required<readonly C[]>();
  readonly labels = input.required<Readonly<Record<C, LocalizedText>>>();
  readonly legend = input.required<LocalizedText>();
  readonly hint = input.required<LocalizedText>();
  readonly value = input.required<C>();
  /** Choices shown but not available now. */
  readonly disabledChoices = input<readonly C[]>([]);
  readonly chosen = output<C>();
}
