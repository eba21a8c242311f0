import { ChangeDetectionStrategy, Component, DestroyRef, afterNextRender, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { ComplaintCitizenEvent, ComplaintCitizenResponse, ComplaintStatusName } from '@mpp/contracts';
import { CatalogueApi, ErrorAlertComponent, I18nService, TranslatePipe, pickText } from '@mpp/ui';

import { formatSiteInstant } from '../application/application-format';
import { injectFocusAfterRender } from '../common/focus-after-render';
import { injectPageTitle } from '../common/page-title';
import { ComplaintApi, type ComplaintCitizenAction } from './complaint-api.service';
import { osmLink } from './complaint-form';
import { ComplaintNotifyComponent } from './complaint-notify.component';
import { keepComplaintProof, readComplaintProof, type ComplaintProof } from './complaint-secrets';

type ActionKind = ComplaintCitizenAction['kind'];

/** What the trail's actions are called on the reporter's page. */
const ACTION_TEXT: Record<string, { id: string; en: string }> = {
  create: { id: 'Pengaduan dikirim', en: 'Complaint sent' },
  verify: { id: 'Diperiksa petugas', en: 'Checked by the handlers' },
  start: { id: 'Mulai ditangani', en: 'Handling started' },
  ask_citizen: { id: 'Petugas bertanya', en: 'The officers asked' },
  citizen_reply: { id: 'Jawaban Anda', en: 'Your answer' },
  answer: { id: 'Jawaban petugas', en: "The officers' answer" },
  close: { id: 'Diselesaikan', en: 'Closed' },
  reopen: { id: 'Dibuka kembali', en: 'Reopened' },
  reroute: { id: 'Dialihkan ke instansi lain', en: 'Passed to another agency' },
  merge: { id: 'Digabung dengan pengaduan yang sama', en: 'Merged with the same complaint' },
  rating: { id: 'Penilaian', en: 'Rating' },
  rate: { id: 'Penilaian Anda', en: 'Your rating' },
  photo_added: { id: 'Foto ditambahkan', en: 'Photo added' },
  escalated: { id: 'Diteruskan ke pimpinan', en: 'Escalated to the management' },
};

/**
 * `pengaduan/lacak`: the code and the secret (a password field, never the URL; this tab's
 * sessionStorage fills them in after filing) open the complaint: the status explained, the agency,
 * the public trail, the photos and the location; the reporter's steps by status: reply
 * (waiting_for_citizen), accept and rate (answered), rate (closed), reopen with a reason while
 * the API gives `reopenUntil`. Each step posts with the secret header and the page shows the answer.
 */
@Component({
  selector: 'portal-complaint-track-page',
  imports: [ComplaintNotifyComponent, ErrorAlertComponent, NgTemplateOutlet, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-track-page.component.html',
  styleUrls: ['../citizen-form/form-page.css', './complaint.css'],
})
export class ComplaintTrackPageComponent {
  private readonly api = inject(ComplaintApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly focus = injectFocusAfterRender();

  /** Query `?kode=CODE` (a push notification's tap): the code filled in; the secret is typed or this tab's. */
  readonly kode = input<string | undefined>();

  protected readonly code = signal('');
  protected readonly secret = signal('');
  protected readonly opening = signal(false);
  protected readonly openError = signal<unknown>(null);
  protected readonly missing = signal(false);
  protected readonly complaint = signal<ComplaintCitizenResponse | null>(null);
  /** The code and secret that opened the complaint shown (the steps and the notifications use them). */
  protected readonly proof = signal<ComplaintProof | null>(null);
  private readonly timeZone = signal<string | null>(null);

  protected readonly replyText = signal('');
  protected readonly reopenText = signal('');
  protected readonly rating = signal<number | null>(null);
  protected readonly acting = signal<ActionKind | null>(null);
  protected readonly actionError = signal<{ kind: ActionKind; error: unknown } | null>(null);
  protected readonly actionProblem = signal<{ kind: ActionKind; message: string } | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly photoUrls = signal<{ id: string; url: string }[]>([]);

  protected readonly stars = [1, 2, 3, 4, 5];
  protected readonly status = computed(() => this.complaint()?.status ?? null);
  protected readonly canReply = computed(() => this.status() === 'waiting_for_citizen');
  protected readonly canAccept = computed(() => this.status() === 'answered');
  protected readonly canRate = computed(() => this.status() === 'answered' || this.status() === 'closed');
  /** The API says until when (null when it may not be reopened at all); the API alone decides. */
  protected readonly canReopen = computed(() => (this.status() === 'answered' || this.status() === 'closed') && !!this.complaint()?.reopenUntil);
  /** The last question of the handlers, shown above the reply. */
  protected readonly question = computed(() => {
    const events = this.complaint()?.events ?? [];
    return [...events].reverse().find((e) => e.action === 'ask_citizen')?.text ?? null;
  });
  protected readonly mapLink = computed(() => {
    const location = this.complaint()?.location;
    return location ? osmLink(location.lat, location.lng) : null;
  });

  constructor() {
    injectPageTitle(() => {
      const c = this.complaint();
      return c ? `${this.i18n.t('complaint.track.title')} ${c.code}` : null;
    });
    // After the inputs are set: this tab's proof opens it at once (for the code asked, if any).
    afterNextRender(() => {
      const asked = normalizeCode(this.kode() ?? '');
      const kept = readComplaintProof();
      if (kept && (!asked || asked === kept.code)) {
        this.code.set(kept.code);
        this.secret.set(kept.secret);
        this.open(kept);
      } else if (asked) {
        this.code.set(asked);
        this.focus('#complaint-track-secret');
      }
    });
    effect(() => {
      const site = this.complaint()?.siteCode;
      if (!site) return;
      this.catalogue
        .getSite(site)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({ next: (s) => this.timeZone.set(s.timeZone), error: () => undefined });
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const code = normalizeCode(this.code()) || this.code().trim().toUpperCase();
    const secret = this.secret().trim();
    this.missing.set(!code || !secret);
    if (!code || !secret) {
      this.focus(code ? '#complaint-track-secret' : '#complaint-track-code');
      return;
    }
    this.open({ code, secret });
  }

  /** Back to the form: another complaint; the secret field emptied. */
  protected other(): void {
    this.complaint.set(null);
    this.proof.set(null);
    this.secret.set('');
    this.code.set('');
    this.done.set(null);
    this.forgetPhotos();
    this.focus('#complaint-track-code');
  }

  protected statusText(c: ComplaintCitizenResponse): string {
    return pickText(this.i18n.lang(), c.statusLabel);
  }

  protected explain(status: ComplaintStatusName): string {
    return this.i18n.t(`complaint.explain.${status}`);
  }

  protected kindText(c: ComplaintCitizenResponse): string {
    return this.i18n.t(`complaint.kind.${c.kind}`);
  }

  protected when(at: string): string {
    const zone = this.timeZone() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return formatSiteInstant(at, zone, this.i18n.lang());
  }

  protected eventTitle(event: ComplaintCitizenEvent): string {
    const text = ACTION_TEXT[event.action];
    return text ? pickText(this.i18n.lang(), text) : event.action;
  }

  protected by(event: ComplaintCitizenEvent): string {
    return this.i18n.t(`complaint.track.by.${event.by}`);
  }

  protected act(kind: ActionKind): void {
    const proof = this.proof();
    if (!proof || this.acting()) return;
    this.actionError.set(null);
    this.actionProblem.set(null);
    this.done.set(null);
    let action: ComplaintCitizenAction;
    if (kind === 'reply' || kind === 'reopen') {
      const text = (kind === 'reply' ? this.replyText() : this.reopenText()).trim();
      if (!text) {
        this.actionProblem.set({ kind, message: this.i18n.t('complaint.action.textMissing') });
        this.focus(`#complaint-${kind}-text`);
        return;
      }
      action = { kind, text };
    } else if (kind === 'rating') {
      const rating = this.rating();
      if (rating === null) {
        this.actionProblem.set({ kind, message: this.i18n.t('complaint.action.pickRating') });
        this.focus('#complaint-rating-1');
        return;
      }
      action = { kind, rating };
    } else {
      action = { kind: 'close' };
    }
    this.acting.set(kind);
    this.api
      .act(proof.code, proof.secret, action)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (complaint) => {
          this.acting.set(null);
          this.show(complaint);
          if (kind === 'reply') this.replyText.set('');
          if (kind === 'reopen') this.reopenText.set('');
          this.done.set(this.i18n.t('complaint.action.done', { status: pickText(this.i18n.lang(), complaint.statusLabel) }));
          this.focus('#complaint-done');
        },
        error: (error: unknown) => {
          this.acting.set(null);
          this.actionError.set({ kind, error });
          this.focus(`#complaint-${kind}-error`);
        },
      });
  }

  private open(proof: ComplaintProof): void {
    this.opening.set(true);
    this.openError.set(null);
    this.api
      .read(proof.code, proof.secret)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (complaint) => {
          this.opening.set(false);
          this.proof.set(proof);
          keepComplaintProof(proof);
          this.show(complaint);
          this.focus('#complaint-track-heading');
        },
        error: (error: unknown) => {
          this.opening.set(false);
          this.openError.set(error);
          this.focus('#complaint-open-error');
        },
      });
  }

  private show(complaint: ComplaintCitizenResponse): void {
    this.complaint.set(complaint);
    this.rating.set(complaint.rating);
    this.loadPhotos(complaint);
  }

  /** The photos, read with the secret header (not loadable by their address alone), shown as data: URLs. */
  private loadPhotos(complaint: ComplaintCitizenResponse): void {
    const proof = this.proof();
    const have = new Set(this.photoUrls().map((p) => p.id));
    if (!proof) return;
    for (const photo of complaint.photos ?? []) {
      if (have.has(photo.id)) continue;
      this.api
        .photo(proof.code, proof.secret, photo.id)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (blob) => {
            // A data: URL, which the apps' Content-Security-Policy allows for images (blob: it does not).
            const reader = new FileReader();
            reader.onload = () => {
              if (typeof reader.result !== 'string') return;
              const url = reader.result;
              const order = complaint.photos.map((p) => p.id);
              this.photoUrls.update((list) => [...list, { id: photo.id, url }].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)));
            };
            reader.readAsDataURL(blob);
          },
          error: () => undefined,
        });
    }
  }

  private forgetPhotos(): void {
    this.photoUrls.set([]);
  }
}

/** A tracking code as the API keeps it: upper case, without spaces or hyphens; '' when it does not read. */
function normalizeCode(value: string): string {
  const code = value.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[0-9A-Z]{6,12}$/.test(code) ? code : '';
}
