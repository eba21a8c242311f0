import { ChangeDetectionStrategy, Component, DestroyRef, Injector, afterNextRender, computed, inject, input, signal, viewChild, type ElementRef } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { LocalizedText, SurveyAnswerRequest, SurveyFormResponse, SurveyProfile } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe, describeApiError, loadError, loadedValue, pickText, toLoadState } from '@mpp/ui';
import { switchMap } from 'rxjs';

import { SurveyApi } from './survey-api.service';

type ProfileField = keyof SurveyProfile;

/**
 * `survei/:token`: the SKM questionnaire of PermenPANRB 14/2017 on a phone. Nine elements, each
 * four large answers (1 worst … 4 best) in the regulation's words, the optional profile and a
 * comment; then a thank-you. A spent token says the survey was answered; a closed or unknown one
 * says why in the API's words.
 */
@Component({
  selector: 'portal-survey-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './survey-page.component.html',
  styleUrl: './survey-page.component.css',
})
export class SurveyPageComponent {
  private readonly api = inject(SurveyApi);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  /** Route parameter `:token`. */
  readonly token = input.required<string>();

  private readonly state = toSignal(toObservable(this.token).pipe(switchMap((token) => this.api.form(token).pipe(toLoadState()))), { initialValue: null });
  protected readonly form = computed(() => loadedValue(this.state()));
  protected readonly loadFailure = computed(() => loadError(this.state()));
  /** 409 on opening: the token was spent already. */
  protected readonly alreadyAnswered = computed(() => {
    const error = this.loadFailure();
    return error !== null && describeApiError(error, this.i18n.lang()).status === 409;
  });
  protected readonly loadMessage = computed(() => {
    const error = this.loadFailure();
    return error === null ? '' : describeApiError(error, this.i18n.lang()).message;
  });

  protected readonly scores = signal<(number | null)[]>(Array(9).fill(null));
  protected readonly profile = signal<SurveyProfile>({});
  protected readonly comment = signal('');
  protected readonly missing = signal(0);
  protected readonly sending = signal(false);
  protected readonly submitError = signal<unknown>(null);
  protected readonly thanks = signal<LocalizedText | null>(null);
  /** A 409 on sending: answered in the meantime (another tab, another phone). */
  protected readonly spentWhileOpen = signal<string | null>(null);

  private readonly thanksHeading = viewChild<ElementRef<HTMLElement>>('thanksHeading');
  private readonly missingAlert = viewChild<ElementRef<HTMLElement>>('missingAlert');

  protected text(value: LocalizedText): string {
    return pickText(this.i18n.lang(), value);
  }

  protected about(form: SurveyFormResponse): string {
    const date = new Intl.DateTimeFormat(this.i18n.lang() === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${form.date}T00:00:00Z`));
    const service = this.i18n.lang() === 'en' && form.service.nameEn ? form.service.nameEn : form.service.name;
    return this.i18n.t('survey.about', { service, agency: form.agencyName, site: form.siteName, date });
  }

  protected choose(index: number, value: number): void {
    this.scores.update((list) => list.map((v, i) => (i === index ? value : v)));
    if (this.missing() > 0) this.missing.set(this.scores().filter((v) => v === null).length);
  }

  protected setProfile(field: ProfileField, event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.profile.update((p) => ({ ...p, [field]: value === '' ? null : value }));
  }

  protected onComment(event: Event): void {
    this.comment.set((event.target as HTMLTextAreaElement).value);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.sending()) return;
    const scores = this.scores();
    const unanswered = scores.filter((v) => v === null).length;
    this.missing.set(unanswered);
    if (unanswered > 0) {
      // The message is announced (role=alert); the focus goes to the first element not rated.
      const first = scores.findIndex((v) => v === null);
      afterNextRender(() => (document.getElementById(`survey-element-${first}`)?.querySelector('input') ?? this.missingAlert()?.nativeElement)?.focus(), { injector: this.injector });
      return;
    }
    const profile = Object.fromEntries(Object.entries(this.profile()).filter(([, v]) => v)) as SurveyProfile;
    const body: SurveyAnswerRequest = { scores: scores as number[], ...(this.comment().trim() ? { comment: this.comment().trim() } : {}), ...(Object.keys(profile).length ? { profile } : {}) };
    this.sending.set(true);
    this.submitError.set(null);
    this.api
      .answer(this.token(), body)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (answer) => {
          this.sending.set(false);
          this.thanks.set(answer.thanks);
          afterNextRender(() => this.thanksHeading()?.nativeElement.focus(), { injector: this.injector });
        },
        error: (error: unknown) => {
          this.sending.set(false);
          const described = describeApiError(error, this.i18n.lang());
          if (described.status === 409) {
            this.spentWhileOpen.set(described.message);
            afterNextRender(() => this.thanksHeading()?.nativeElement.focus(), { injector: this.injector });
          } else {
            this.submitError.set(error);
          }
        },
      });
  }
}
