import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { LocalizedText, SurveyAnswerRequest, SurveyFormResponse } from '@mpp/contracts';
import { ErrorAlertComponent, I18nService, TranslatePipe, describeApiError, pickText } from '@mpp/ui';
import { map, of, switchMap, type Subscription } from 'rxjs';

import { isPermissionError, startQrCamera, type QrCamera } from '../camera/qr-camera';
import { KIOSK_TICKET_IDLE_MS } from '../idle/idle-reset.service';
import { KioskSurveyApi, publicCodeOf } from './kiosk-survey-api.service';

/** What the camera is doing (as on the check-in page). */
export type SurveyCameraState = 'starting' | 'scanning' | 'unavailable' | 'denied';

/** Why the survey is not offered for a ticket that was found. */
export type SurveyNotOffered = 'notYet' | 'answered' | 'closed';

/** The same code read again this soon after it was refused is ignored (the QR is still in view). */
const SAME_CODE_PAUSE_MS = 4000;

/**
 * `survei`: the SKM survey at the kiosk (docs/survey.md). The citizen shows the QR of their served
 * ticket (it holds `<portal>/tiket/<publicCode>`) or types its code; the page reads the public ticket
 * and, when it offers a survey token, shows the nine elements (1–4, large rows) and an optional
 * comment, then thanks and returns to the start screen. A spent token, a ticket not yet served or
 * one without a survey says so kindly. Nothing personal is asked or shown (the profile of the
 * regulation's form is left to the phone page, where the citizen is alone).
 */
@Component({
  selector: 'kiosk-survey-page',
  imports: [ErrorAlertComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './kiosk-survey-page.component.html',
  styleUrl: './kiosk-survey-page.component.css',
})
export class KioskSurveyPageComponent {
  private readonly api = inject(KioskSurveyApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly doneIdleMs = inject(KIOSK_TICKET_IDLE_MS);

  protected readonly code = signal('');
  protected readonly invalid = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<unknown>(null);
  protected readonly camera = signal<SurveyCameraState>('starting');

  protected readonly form = signal<SurveyFormResponse | null>(null);
  private token: string | null = null;
  protected readonly notOffered = signal<SurveyNotOffered | null>(null);
  protected readonly scores = signal<(number | null)[]>(Array<number | null>(9).fill(null));
  protected readonly comment = signal('');
  protected readonly missing = signal(0);
  protected readonly sending = signal(false);
  protected readonly submitError = signal<unknown>(null);
  protected readonly thanks = signal<LocalizedText | null>(null);
  /** 409: the token was spent (answered on the phone meanwhile, or a second time here). */
  protected readonly spent = signal<string | null>(null);
  protected readonly ended = computed(() => this.thanks() !== null || this.spent() !== null);
  protected readonly scanning = computed(() => this.form() === null && !this.ended());

  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly endHeading = viewChild<ElementRef<HTMLElement>>('endHeading');
  private readonly formHeading = viewChild<ElementRef<HTMLElement>>('formHeading');

  private qrCamera: QrCamera | null = null;
  private destroyed = false;
  private lastScan: { code: string; at: number } | null = null;
  private request: Subscription | null = null;
  private homeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    afterNextRender(() => void this.startCamera());
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.request?.unsubscribe();
      this.stopCamera();
      if (this.homeTimer) clearTimeout(this.homeTimer);
    });
  }

  protected text(value: LocalizedText): string {
    return pickText(this.i18n.lang(), value);
  }

  protected about(form: SurveyFormResponse): string {
    const service = this.i18n.lang() === 'en' && form.service.nameEn ? form.service.nameEn : form.service.name;
    return this.i18n.t('kiosk.survey.about', { service, agency: form.agencyName });
  }

  protected submitCode(event: Event): void {
    event.preventDefault();
    this.open(this.code());
  }

  /** Reads the ticket of a scanned or typed code and, when it offers one, the survey form. */
  private open(raw: string): void {
    if (this.loading()) return;
    const code = publicCodeOf(raw);
    this.error.set(null);
    this.notOffered.set(null);
    if (!code) {
      this.invalid.set(true);
      this.codeInput()?.nativeElement.focus();
      return;
    }
    this.invalid.set(false);
    this.loading.set(true);
    this.lastScan = { code, at: Date.now() };
    this.request?.unsubscribe();
    this.request = this.api
      .ticket(code)
      .pipe(
        switchMap((ticket) => {
          if (ticket.surveyToken) return this.api.form(ticket.surveyToken).pipe(map((form) => ({ form, token: ticket.surveyToken! })));
          const reason: SurveyNotOffered = ticket.status !== 'done' ? 'notYet' : ticket.surveyAnswered ? 'answered' : 'closed';
          return of({ reason });
        }),
      )
      .subscribe({
        next: (result) => {
          this.loading.set(false);
          if ('reason' in result) {
            this.notOffered.set(result.reason);
            return;
          }
          this.token = result.token;
          this.form.set(result.form);
          this.stopCamera();
          afterNextRender(() => this.formHeading()?.nativeElement.focus(), { injector: this.injector });
        },
        error: (error: unknown) => {
          this.loading.set(false);
          if (describeApiError(error, this.i18n.lang()).status === 409) {
            this.endWithSpent(error);
          } else {
            this.error.set(error);
          }
        },
      });
  }

  protected choose(index: number, value: number): void {
    this.scores.update((list) => list.map((v, i) => (i === index ? value : v)));
    if (this.missing() > 0) this.missing.set(this.scores().filter((v) => v === null).length);
  }

  protected onComment(event: Event): void {
    this.comment.set((event.target as HTMLTextAreaElement).value);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const token = this.token;
    if (this.sending() || !token) return;
    const scores = this.scores();
    const unanswered = scores.filter((v) => v === null).length;
    this.missing.set(unanswered);
    if (unanswered > 0) {
      const first = scores.findIndex((v) => v === null);
      afterNextRender(() => document.getElementById(`kiosk-survey-element-${first}`)?.querySelector('input')?.focus(), { injector: this.injector });
      return;
    }
    const comment = this.comment().trim();
    const body: SurveyAnswerRequest = { scores: scores as number[], ...(comment ? { comment } : {}) };
    this.sending.set(true);
    this.submitError.set(null);
    this.request = this.api.answer(token, body).subscribe({
      next: (answer) => {
        this.sending.set(false);
        this.end(() => this.thanks.set(answer.thanks));
      },
      error: (error: unknown) => {
        this.sending.set(false);
        if (describeApiError(error, this.i18n.lang()).status === 409) {
          this.endWithSpent(error);
        } else {
          this.submitError.set(error);
        }
      },
    });
  }

  protected home(): void {
    void this.router.navigateByUrl('/');
  }

  private endWithSpent(error: unknown): void {
    this.end(() => this.spent.set(describeApiError(error, this.i18n.lang()).message));
  }

  /** The last screen: focus on its heading, back to the start screen on its own after a while. */
  private end(show: () => void): void {
    this.stopCamera();
    this.form.set(null);
    this.token = null;
    show();
    afterNextRender(() => this.endHeading()?.nativeElement.focus(), { injector: this.injector });
    this.homeTimer = setTimeout(() => this.home(), this.doneIdleMs);
  }

  private async startCamera(): Promise<void> {
    const video = this.video()?.nativeElement;
    if (!video || !navigator.mediaDevices?.getUserMedia) {
      this.camera.set('unavailable');
      return;
    }
    try {
      this.qrCamera = await startQrCamera(video, (text) => this.onScan(text), () => this.destroyed || !this.scanning());
      if (this.qrCamera) this.camera.set('scanning');
    } catch (error: unknown) {
      this.camera.set(isPermissionError(error) ? 'denied' : 'unavailable');
    }
  }

  private onScan(text: string): void {
    const code = publicCodeOf(text);
    if (!code || this.loading() || !this.scanning()) return;
    const last = this.lastScan;
    if (last && last.code === code && Date.now() - last.at < SAME_CODE_PAUSE_MS) return;
    this.code.set(code);
    this.open(code);
  }

  private stopCamera(): void {
    this.qrCamera?.stop();
    this.qrCamera = null;
  }
}
