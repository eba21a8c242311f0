import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  CitizenHistoryItem,
  ComplaintAnonymityName,
  ComplaintKindName,
  ComplaintReferenceKind,
  ComplaintSubjectName,
  CreateComplaintRequest,
} from '@mpp/contracts';
import { PERSON_NAME_MESSAGES, PHONE_MESSAGES, checkPersonName, normalizeIndonesianMobile } from '@mpp/domain';
import { CatalogueApi, ErrorAlertComponent, I18nService, TranslatePipe, describeApiError, loadedValue, pickText, toLoadState } from '@mpp/ui';
import { catchError, concatMap, from, map, of, switchMap, toArray } from 'rxjs';

import { CitizenSessionService } from '../account/citizen-session.service';
import { injectFocusAfterRender } from '../common/focus-after-render';
import { ComplaintApi } from './complaint-api.service';
import {
  ANONYMITIES,
  EMAIL,
  KINDS,
  MAX_PHOTOS,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  REFERENCE_CODE,
  REFERENCE_KINDS,
  SUBJECTS,
  TEXT_MAX,
  TEXT_MIN,
  formatBytes,
  osmLink,
  parseReference,
  readLocation,
} from './complaint-form';
import { ComplaintReceiptComponent, type ComplaintReceipt } from './complaint-receipt.component';
import { keepComplaintProof } from './complaint-secrets';
import { MapPickerComponent } from './map-picker.component';
import type { LatLng } from './web-mercator';

type Field = 'site' | 'text' | 'refCode' | 'name' | 'phone' | 'email' | 'location';
type ReferenceMode = 'none' | 'history' | 'typed';

/**
 * `pengaduan/baru` (optionally `?mpp=CODE&ref=ticket:CODE`): a complaint or a consultation request
 * on a phone: the MPP, kind, subject, agency and service (the catalogue), the text with its
 * counter, the ticket or application it concerns (from "Riwayat saya" when signed in, or typed),
 * the anonymity with what each means, name and phone unless anonymous, an optional location and
 * up to three photos. Sent: the complaint, then each photo with the secret header; then the
 * receipt shows the code and the secret once. A refusal stands beside the form, nothing typed lost.
 */
@Component({
  selector: 'portal-complaint-new-page',
  imports: [ComplaintReceiptComponent, ErrorAlertComponent, MapPickerComponent, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-new-page.component.html',
  styleUrls: ['../citizen-form/form-page.css', './complaint.css'],
})
export class ComplaintNewPageComponent {
  private readonly api = inject(ComplaintApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly session = inject(CitizenSessionService);
  private readonly i18n = inject(I18nService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly focus = injectFocusAfterRender();

  /** Query `?mpp=`: the MPP chosen at the start (the site page's link). */
  readonly mpp = input<string | undefined>();
  /** Query `?ref=ticket:A012` (or application:/booking:): the reference typed in at the start. */
  readonly ref = input<string | undefined>();

  protected readonly kinds = KINDS;
  protected readonly subjects = SUBJECTS;
  protected readonly anonymities = ANONYMITIES;
  protected readonly referenceKinds = REFERENCE_KINDS;
  protected readonly textMax = TEXT_MAX;
  protected readonly maxPhotos = MAX_PHOTOS;
  protected readonly photoMaxMb = Math.round(PHOTO_MAX_BYTES / 1024 / 1024);
  protected readonly photoAccept = PHOTO_TYPES.join(',');

  // The form: each a signal, kept as typed through a refusal.
  protected readonly siteCode = signal('');
  protected readonly kind = signal<ComplaintKindName>('complaint');
  protected readonly subject = signal<ComplaintSubjectName>('service');
  protected readonly agencyId = signal('');
  protected readonly serviceId = signal('');
  protected readonly text = signal('');
  protected readonly refMode = signal<ReferenceMode>('none');
  protected readonly refHistory = signal('');
  protected readonly refKind = signal<ComplaintReferenceKind>('ticket');
  protected readonly refCode = signal('');
  protected readonly anonymity = signal<ComplaintAnonymityName>('named');
  protected readonly name = signal('');
  protected readonly phone = signal('');
  protected readonly email = signal('');
  protected readonly lat = signal('');
  protected readonly lng = signal('');
  protected readonly locationSource = signal<'map' | 'device'>('map');
  protected readonly accuracy = signal<number | null>(null);
  /** "Pilih di peta" opened: only then are map tiles loaded (from OpenStreetMap). */
  protected readonly mapOpen = signal(false);
  /** The point in the fields, when they hold one: where the map starts. */
  protected readonly currentPoint = computed<LatLng | null>(() => {
    const lat = Number(this.lat());
    const lng = Number(this.lng());
    return this.lat().trim() && this.lng().trim() && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
  });
  protected readonly locating = signal(false);
  protected readonly locationNote = signal<string | null>(null);
  protected readonly photos = signal<File[]>([]);
  protected readonly photoProblem = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly pending = signal(false);
  protected readonly progress = signal<string | null>(null);
  protected readonly error = signal<unknown>(null);
  protected readonly receipt = signal<ComplaintReceipt | null>(null);

  protected readonly sites = toSignal(this.catalogue.listSites().pipe(toLoadState()), { initialValue: { status: 'loading' as const } });
  protected readonly siteList = computed(() => loadedValue(this.sites()) ?? []);
  private readonly agenciesState = toSignal(
    toObservable(this.siteCode).pipe(switchMap((code) => (code ? this.catalogue.listAgencies(code).pipe(toLoadState()) : of(null)))),
    { initialValue: null },
  );
  protected readonly agencies = computed(() => loadedValue(this.agenciesState()) ?? []);
  private readonly servicesState = toSignal(
    toObservable(computed(() => ({ site: this.siteCode(), agency: this.agencyCode() }))).pipe(
      switchMap(({ site, agency }) =>
        site && agency ? this.catalogue.searchServices({ site, agency, pageSize: 100 }).pipe(map((page) => page.items), toLoadState()) : of(null),
      ),
    ),
    { initialValue: null },
  );
  protected readonly services = computed(() => loadedValue(this.servicesState()) ?? []);
  private readonly agencyCode = computed(() => this.agencies().find((a) => a.id === this.agencyId())?.code ?? '');
  /** The facilities are the MPP's own: no agency, no service. */
  protected readonly asksAgency = computed(() => this.subject() !== 'facilities');
  protected readonly named = computed(() => this.anonymity() !== 'anonymous');

  /** The signed-in citizen's tickets, bookings and applications to pick from; null when signed out. */
  protected readonly history = signal<CitizenHistoryItem[] | null>(null);

  protected readonly problems = computed<Partial<Record<Field, string>>>(() => {
    const lang = this.i18n.lang();
    const out: Partial<Record<Field, string>> = {};
    if (!this.siteCode()) out.site = this.i18n.t('complaint.field.siteMissing');
    const length = this.text().trim().length;
    if (length < TEXT_MIN) out.text = this.i18n.t('complaint.field.textShort');
    else if (this.text().length > TEXT_MAX) out.text = this.i18n.t('complaint.field.textLong', { max: TEXT_MAX });
    if (this.refMode() === 'typed' && !REFERENCE_CODE.test(this.refCode().trim())) out.refCode = this.i18n.t('complaint.ref.codeBad');
    if (this.named()) {
      const name = checkPersonName(this.name());
      if (!name.valid) out.name = pickText(lang, PERSON_NAME_MESSAGES[name.reason]);
      const phone = normalizeIndonesianMobile(this.phone());
      if (!phone.valid) out.phone = pickText(lang, PHONE_MESSAGES[phone.reason]);
      if (this.email().trim() && !EMAIL.test(this.email().trim())) out.email = this.i18n.t('complaint.field.emailBad');
    }
    if (readLocation(this.lat(), this.lng(), this.locationSource(), this.accuracy()) === 'bad') out.location = this.i18n.t('complaint.loc.bad');
    return out;
  });

  protected readonly location = computed(() => {
    const value = readLocation(this.lat(), this.lng(), this.locationSource(), this.accuracy());
    return value === 'bad' ? null : value;
  });
  protected readonly mapLink = computed(() => {
    const point = this.location();
    return point ? osmLink(point.lat, point.lng) : null;
  });

  constructor() {
    // The query's MPP and reference, once (what the citizen changes afterwards stays).
    effect(() => {
      const code = this.mpp();
      const reference = parseReference(this.ref());
      untracked(() => {
        if (code && /^[a-z0-9-]{2,40}$/.test(code)) this.siteCode.set(code);
        if (reference) {
          this.refMode.set('typed');
          this.refKind.set(reference.kind);
          this.refCode.set(reference.code);
        }
      });
    });
    // One MPP only: chosen for the citizen.
    effect(() => {
      const list = this.siteList();
      if (list.length === 1 && !untracked(this.siteCode)) this.siteCode.set(list[0].code);
    });
    void this.session.load().then((me) => {
      if (!me) return;
      if (!this.phone() && me.prefill.phone) this.phone.set(me.prefill.phone);
      if (!this.email() && me.prefill.email) this.email.set(me.prefill.email);
      this.session
        .history()
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({ next: (answer) => this.history.set(answer.items), error: () => this.history.set(null) });
    });
  }

  /** A message shown beside its field: after a submit, or once the field holds something wrong. */
  protected problem(field: Field): string | null {
    if (!this.submitted()) return null;
    return this.problems()[field] ?? null;
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
  }

  protected chooseSite(code: string): void {
    this.siteCode.set(code);
    this.agencyId.set('');
    this.serviceId.set('');
  }

  protected chooseAgency(id: string): void {
    this.agencyId.set(id);
    this.serviceId.set('');
  }

  protected historyKey(item: CitizenHistoryItem): string {
    if (item.kind === 'ticket') return `ticket:${item.number}:${item.publicCode}`;
    return `${item.kind}:${item.code}`;
  }

  protected historyLabel(item: CitizenHistoryItem): string {
    const lang = this.i18n.lang();
    const service = lang === 'en' && item.service.nameEn ? item.service.nameEn : item.service.name;
    if (item.kind === 'ticket') return this.i18n.t('complaint.ref.history.ticket', { number: item.number, service, date: item.date });
    if (item.kind === 'booking') return this.i18n.t('complaint.ref.history.booking', { code: item.code, service, date: item.date });
    return this.i18n.t('complaint.ref.history.application', { code: item.code, service });
  }

  /** A pick from the history also chooses its MPP and service (the citizen may change them). */
  protected pickHistory(key: string): void {
    this.refHistory.set(key);
    const item = this.history()?.find((i) => this.historyKey(i) === key);
    if (!item) return;
    if (item.siteCode !== this.siteCode()) this.chooseSite(item.siteCode);
  }

  protected async useMyLocation(): Promise<void> {
    if (!('geolocation' in navigator)) {
      this.locationNote.set(this.i18n.t('complaint.loc.unsupported'));
      return;
    }
    this.locating.set(true);
    this.locationNote.set(null);
    try {
      const position = await new Promise<GeolocationPosition>((resolve, reject) =>
        navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 }),
      );
      this.lat.set(position.coords.latitude.toFixed(6));
      this.lng.set(position.coords.longitude.toFixed(6));
      this.locationSource.set('device');
      this.accuracy.set(Math.round(position.coords.accuracy));
    } catch (failure) {
      const reason = failure instanceof GeolocationPositionError ? failure.message || String(failure.code) : String(failure);
      this.locationNote.set(this.i18n.t('complaint.loc.denied', { reason }));
    } finally {
      this.locating.set(false);
    }
  }

  /** A point marked on the map: picked by hand (`map`). */
  protected pickOnMap(point: LatLng): void {
    this.lat.set(point.lat.toFixed(6));
    this.lng.set(point.lng.toFixed(6));
    this.locationSource.set('map');
    this.accuracy.set(null);
  }

  /** Typed coordinates are a point picked by hand (`map`), no longer the phone's reading. */
  protected typeCoordinate(which: 'lat' | 'lng', value: string): void {
    (which === 'lat' ? this.lat : this.lng).set(value);
    this.locationSource.set('map');
    this.accuracy.set(null);
  }

  protected clearLocation(): void {
    this.lat.set('');
    this.lng.set('');
    this.accuracy.set(null);
    this.locationSource.set('map');
    this.locationNote.set(null);
  }

  protected addPhotos(event: Event): void {
    const input = event.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    const lang = this.i18n.lang();
    let problem: string | null = null;
    const next = [...this.photos()];
    for (const file of chosen) {
      if (next.length >= MAX_PHOTOS) {
        problem = this.i18n.t('complaint.photo.full', { n: MAX_PHOTOS });
        break;
      }
      if (!PHOTO_TYPES.includes(file.type)) problem = this.i18n.t('complaint.photo.wrongType', { name: file.name });
      else if (file.size > PHOTO_MAX_BYTES) problem = this.i18n.t('complaint.photo.tooLarge', { name: file.name, size: formatBytes(file.size, lang), mb: this.photoMaxMb });
      else next.push(file);
    }
    this.photos.set(next);
    this.photoProblem.set(problem);
  }

  protected removePhoto(index: number): void {
    this.photos.update((list) => list.filter((_, i) => i !== index));
    this.photoProblem.set(null);
    this.focus('#complaint-photo-input');
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.pending()) return;
    this.submitted.set(true);
    this.error.set(null);
    const problems = this.problems();
    const order: Field[] = ['site', 'text', 'refCode', 'name', 'phone', 'email', 'location'];
    const first = order.find((f) => problems[f]);
    if (first) {
      this.focus(`#complaint-${first === 'location' ? 'lat' : first}`);
      return;
    }
    const request = this.request();
    const photos = this.photos();
    this.pending.set(true);
    this.api
      .create(request)
      .pipe(
        switchMap((created) => {
          keepComplaintProof({ code: created.code, secret: created.secret });
          return from(photos.map((file, index) => ({ file, index }))).pipe(
            concatMap(({ file, index }) => {
              this.progress.set(this.i18n.t('complaint.submit.photos', { i: index + 1, n: photos.length }));
              return this.api.uploadPhoto(created.code, created.secret, file).pipe(
                map(() => ({ name: file.name, failure: null as unknown })),
                catchError((failure: unknown) => of({ name: file.name, failure })),
              );
            }),
            toArray(),
            map((uploads) => ({ created, uploads })),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: ({ created, uploads }) => {
          this.pending.set(false);
          this.progress.set(null);
          this.receipt.set({
            code: created.code,
            secret: created.secret,
            kind: request.kind,
            named: request.anonymity !== 'anonymous',
            photosSent: uploads.filter((u) => u.failure === null).length,
            photoFailures: uploads
              .filter((u) => u.failure !== null)
              .map((u) => ({ name: u.name, reason: describeApiError(u.failure, this.i18n.lang()).message })),
          });
          this.focus('#complaint-receipt-heading');
        },
        error: (failure: unknown) => {
          this.pending.set(false);
          this.progress.set(null);
          this.error.set(failure);
          this.focus('#complaint-submit-error');
        },
      });
  }

  /** Another complaint: the form again, empty but for the MPP. */
  protected another(): void {
    this.receipt.set(null);
    this.text.set('');
    this.photos.set([]);
    this.refMode.set('none');
    this.refCode.set('');
    this.refHistory.set('');
    this.clearLocation();
    this.submitted.set(false);
    window.scrollTo(0, 0);
  }

  private request(): CreateComplaintRequest {
    const named = this.named();
    const reference = this.reference();
    const location = this.location();
    const email = this.email().trim();
    return {
      siteCode: this.siteCode(),
      kind: this.kind(),
      subject: this.subject(),
      agencyId: this.asksAgency() && this.agencyId() ? this.agencyId() : null,
      serviceId: this.asksAgency() && this.serviceId() ? this.serviceId() : null,
      text: this.text().trim(),
      anonymity: this.anonymity(),
      ...(named ? { reporterName: this.name().trim(), reporterPhone: this.phone().trim(), ...(email ? { reporterEmail: email } : {}) } : {}),
      language: this.i18n.lang() === 'en' ? 'en' : 'id',
      ...(reference ? { reference } : {}),
      // Sent only when given: an API without locations refuses the field.
      ...(location ? { location } : {}),
    };
  }

  private reference(): CreateComplaintRequest['reference'] {
    if (this.refMode() === 'typed') return { kind: this.refKind(), code: this.refCode().trim() };
    if (this.refMode() !== 'history') return null;
    const item = this.history()?.find((i) => this.historyKey(i) === this.refHistory());
    if (!item) return null;
    return item.kind === 'ticket' ? { kind: 'ticket', code: item.number } : { kind: item.kind, code: item.code };
  }
}
