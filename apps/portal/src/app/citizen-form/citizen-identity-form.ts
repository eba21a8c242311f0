import { computed, inject, signal } from '@angular/core';
import { NIK_MESSAGES, PERSON_NAME_MESSAGES, PHONE_MESSAGES, checkPersonName, normalizeIndonesianMobile, parseNik } from '@mpp/domain';
import { I18nService, describeApiError, pickText, type Lang } from '@mpp/ui';

import { CitizenSessionService } from '../account/citizen-session.service';
import { CITIZEN_FORM_TEXT } from './citizen-form.text';

export type CitizenField = 'nik' | 'fullName' | 'phone' | 'email';
export type CitizenValues = Record<CitizenField, string>;
/** What the citizen's account may fill in (`GET citizen/me` → `prefill`); a field it lacks stays as typed. */
export type CitizenPrefill = Partial<Record<CitizenField, string | null>>;

/** The fields in the order of the form: the first with a problem takes the focus on submit. */
const FIELD_ORDER: readonly CitizenField[] = ['nik', 'fullName', 'phone', 'email'];

/** A plain check of the address's shape; the API checks it again (class-validator's isEmail). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The identity part of a booking or an online-ticket request, as the API takes it. */
export interface CitizenIdentity {
  nik: string;
  fullName: string;
  phone: string;
  email?: string;
}

/**
 * The state of the citizen's identity fields (NIK, name, mobile, optionally email), shared by
 * the booking form and the ticket from home: the values, the checks of libs/domain (the same the
 * API applies, with the same messages), which messages are shown (a field once left, or all
 * after a submit), the API's own field messages after a refusal (until the field changes), and
 * what the citizen's account filled in. The page owns the submit; CitizenIdentityFieldsComponent
 * draws the fields.
 */
export class CitizenIdentityForm {
  readonly fields: readonly CitizenField[];
  readonly values = signal<CitizenValues>({ nik: '', fullName: '', phone: '', email: '' });
  readonly submitted = signal(false);
  /** Fields the account filled in (and the citizen has not changed since). */
  readonly prefilled = signal<ReadonlySet<CitizenField>>(new Set());
  private readonly touched = signal<ReadonlySet<CitizenField>>(new Set());
  private readonly serverFields = signal<Partial<Record<CitizenField, string>>>({});

  /** A well-formed email address is filled in. */
  readonly emailValid = computed(() => EMAIL.test(this.values().email.trim()));

  readonly problems = computed<Partial<Record<CitizenField, string>>>(() => {
    const lang = this.lang();
    const v = this.values();
    const out: Partial<Record<CitizenField, string>> = {};
    const nik = parseNik(v.nik.replace(/\s+/g, ''));
    if (!nik.valid) out.nik = pickText(lang, NIK_MESSAGES[nik.reason]);
    const name = checkPersonName(v.fullName);
    if (!name.valid) out.fullName = pickText(lang, PERSON_NAME_MESSAGES[name.reason]);
    const phone = normalizeIndonesianMobile(v.phone);
    if (!phone.valid) out.phone = pickText(lang, PHONE_MESSAGES[phone.reason]);
    if (this.fields.includes('email') && v.email.trim() && !this.emailValid()) out.email = pickText(lang, CITIZEN_FORM_TEXT.emailInvalid);
    return out;
  });

  private readonly shown = computed<Partial<Record<CitizenField, string>>>(() => {
    const touched = this.touched();
    const problems = this.problems();
    const server = this.serverFields();
    const out: Partial<Record<CitizenField, string>> = {};
    for (const field of this.fields) {
      const message = server[field] ?? (touched.has(field) || this.submitted() ? problems[field] : undefined);
      if (message) out[field] = message;
    }
    return out;
  });

  constructor(
    private readonly lang: () => Lang,
    options: { withEmail: boolean },
  ) {
    this.fields = FIELD_ORDER.filter((f) => f !== 'email' || options.withEmail);
  }

  /** The message shown beside a field, if any. */
  error(field: CitizenField): string | undefined {
    return this.shown()[field];
  }

  set(field: CitizenField, value: string): void {
    this.values.update((v) => ({ ...v, [field]: value }));
    this.prefilled.update((p) => withoutField(p, field));
    this.serverFields.update((s) => {
      const { [field]: _dropped, ...rest } = s;
      return rest;
    });
  }

  /** A field left: its message shows from now on. An empty required field is named on submit only. */
  blur(field: CitizenField): void {
    if (!this.values()[field].trim() && field !== 'email' && !this.submitted()) return;
    this.touched.update((t) => new Set(t).add(field));
  }

  /** A submit: every message shows; answers the first field with a problem (to focus), or null. */
  check(): CitizenField | null {
    this.submitted.set(true);
    const problems = this.problems();
    return this.fields.find((f) => problems[f]) ?? null;
  }

  /** The values as the API takes them: the NIK's digits only, the email only when given. */
  identity(): CitizenIdentity {
    const v = this.values();
    const email = this.fields.includes('email') ? v.email.trim() : '';
    return { nik: v.nik.replace(/\s+/g, ''), fullName: v.fullName, phone: v.phone, ...(email ? { email } : {}) };
  }

  /** After the API refused: its messages for these fields stand beside them until they change. */
  refused(error: unknown): void {
    const server: Partial<Record<CitizenField, string>> = {};
    for (const f of describeApiError(error, this.lang()).fields) {
      if (isCitizenField(f.field) && this.fields.includes(f.field)) server[f.field] = f.message;
    }
    this.serverFields.set(server);
  }

  /** Fills the fields still empty from the citizen's account; what was typed stays. */
  fill(prefill: CitizenPrefill): void {
    const current = this.values();
    const filled = this.fields.filter((f) => !current[f].trim() && !!prefill[f]?.trim());
    if (filled.length === 0) return;
    this.values.set({ ...current, ...Object.fromEntries(filled.map((f) => [f, prefill[f]!.trim()])) });
    this.prefilled.update((p) => new Set([...p, ...filled]));
  }
}

/**
 * A CitizenIdentityForm for a page (call it in a field initializer). When the citizen is signed
 * in, the fields still empty are filled from the account (`CitizenSessionService.me().prefill`:
 * the verified mobile number and email; the name and NIK too once the account keeps them), and
 * stay editable. Signed out, the form starts empty, as before.
 */
export function injectCitizenIdentityForm(options: { withEmail: boolean }): CitizenIdentityForm {
  const i18n = inject(I18nService);
  const session = inject(CitizenSessionService);
  const form = new CitizenIdentityForm(() => i18n.lang(), options);
  void session.load().then((me) => {
    if (me) form.fill(me.prefill satisfies CitizenPrefill);
  });
  return form;
}

function isCitizenField(name: string): name is CitizenField {
  return (FIELD_ORDER as readonly string[]).includes(name);
}

function withoutField(set: ReadonlySet<CitizenField>, field: CitizenField): ReadonlySet<CitizenField> {
  if (!set.has(field)) return set;
  const next = new Set(set);
  next.delete(field);
  return next;
}
