import { APPLICATION_STATE_LABELS, formatBookingCode } from '@mpp/domain';
import { surveyInvitation } from '../survey/survey-invitation';
import { applicationMessageText } from './application-notifier';
import type { ApplicationRow } from './application.repository';

function newRow(overrides: Partial<ApplicationRow> = {}): ApplicationRow {
  const at = new Date('2026-08-14T01:00:00Z');
  return {
    id: '00000000-0000-4000-8000-000000000001',
    code: 'K7M39QXA',
    service_id: '00000000-0000-4000-8000-000000000002',
    site_id: '00000000-0000-4000-8000-000000000003',
    agency_id: '00000000-0000-4000-8000-000000000004',
    requirements_version: 1,
    state: 'submitted',
    citizen_id: null,
    owner_secret_hash: Buffer.alloc(32),
    nik_hash: '0'.repeat(64),
    nik_cipher: 'x',
    name_cipher: 'x',
    phone_cipher: 'x',
    email_cipher: null,
    language: 'id',
    assigned_officer_id: null,
    citizen_deadline: null,
    result_delivery: null,
    decision_reason: null,
    clock_started_at: null,
    clock_phase: 'not_started',
    due_at: null,
    legal_due_at: null,
    submitted_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
    opened_by_officer_id: null,
    ticket_id: null,
    ...overrides,
  };
}

const ctx = { serviceName: { id: 'Kartu Keluarga', en: 'Family card' }, timeZone: 'Asia/Makassar' };

describe(applicationMessageText.name, () => {
  it('should name the code, the service and the new state in the language asked for', () => {
    for (const lang of ['id', 'en'] as const) {
      const sut = applicationMessageText(newRow({ state: 'in_process' }), ctx, lang);
      expect(sut.body).toContain(formatBookingCode('K7M39QXA'));
      expect(sut.body).toContain(ctx.serviceName[lang]);
      expect(sut.body).toContain(APPLICATION_STATE_LABELS.in_process[lang]);
      expect(sut.subject).not.toContain('MPP Digital:');
    }
  });

  it('should carry the secret only in the message of a new draft', () => {
    expect(applicationMessageText(newRow({ state: 'draft' }), { ...ctx, secret: 'rahasia-uji' }, 'id').body).toContain('rahasia-uji');
    expect(applicationMessageText(newRow({ state: 'submitted' }), { ...ctx, secret: 'rahasia-uji' }, 'id').body).not.toContain('rahasia-uji');
  });

  it("should give a return's deadline in the site's zone and the count of items", () => {
    const deadline = new Date('2026-08-21T08:00:00Z'); // 16:00 WITA
    const id = applicationMessageText(newRow({ state: 'returned', citizen_deadline: deadline }), { ...ctx, returnedCount: 2 }, 'id').body;
    const en = applicationMessageText(newRow({ state: 'returned', citizen_deadline: deadline }), { ...ctx, returnedCount: 2 }, 'en').body;
    expect(id).toMatch(/Perbaiki 2 persyaratan paling lambat 21 Agustus 2026.*16\.00 WITA/);
    expect(en).toMatch(/Correct 2 requirement\(s\) by 21 August 2026.*16:00 WITA/);
  });

  it('should offer the survey link in the closing message only, in the language asked for', () => {
    const surveyUrl = 'https://mpp.example.go.id/survei/abc_DEF-123';
    for (const lang of ['id', 'en'] as const) {
      const sut = applicationMessageText(newRow({ state: 'done' }), { ...ctx, surveyUrl }, lang);
      expect(sut.body.endsWith(surveyInvitation(lang, surveyUrl))).toBe(true);
      expect(applicationMessageText(newRow({ state: 'ready', result_delivery: 'collect_at_site' }), { ...ctx, surveyUrl }, lang).body).not.toContain(surveyUrl);
      expect(applicationMessageText(newRow({ state: 'done' }), ctx, lang).body).not.toContain('/survei/');
    }
  });
});
