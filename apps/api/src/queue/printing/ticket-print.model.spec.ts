import { PRIORITY_CLASSES } from '@mpp/contracts';
import { newPrintModel } from './ticket-print.factory';
import { buildPrintLines, formatIssuedAt, timeZoneAbbreviation } from './ticket-print.model';

const INSTANT = new Date('2026-11-24T00:05:00Z');

/** The expected local text, computed here with Intl rather than copied from the code under test. */
const localText = (timeZone: string, locale = 'id-ID') => new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(INSTANT);

describe(buildPrintLines.name, () => {
  it('should give the site, agency, service and number as they are', () => {
    const sut = buildPrintLines(newPrintModel());
    expect(sut).toMatchObject({
      lang: 'id',
      title: 'Tiket antrean A001',
      siteName: 'Mal Pelayanan Publik Kota Kupang',
      siteAddress: 'Jl. Timor Raya No. 1, Kota Kupang',
      agencyName: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      serviceName: 'Perekaman KTP-el',
      number: 'A001',
      footer: 'Pindai QR untuk melihat status antrean',
    });
  });

  it('should omit the priority mark for a regular ticket', () => {
    expect(buildPrintLines(newPrintModel({ ticket: { priority: 'regular' } })).priorityMark).toBeNull();
  });

  it.each([
    ['disability', 'PRIORITAS: Penyandang disabilitas'],
    ['elderly', 'PRIORITAS: Lanjut usia'],
    ['pregnant', 'PRIORITAS: Ibu hamil'],
    ['child', 'PRIORITAS: Anak-anak'],
    ['disaster_victim', 'PRIORITAS: Korban bencana'],
  ] as const)('should mark a %s ticket "%s"', (priority, mark) => {
    expect(buildPrintLines(newPrintModel({ ticket: { priority } })).priorityMark).toBe(mark);
  });

  it('should have a mark for every priority group in both languages', () => {
    for (const priority of PRIORITY_CLASSES.filter((p) => p !== 'regular')) {
      for (const lang of ['id', 'en'] as const) {
        expect(buildPrintLines(newPrintModel({ lang, ticket: { priority } })).priorityMark).toMatch(/^PRIORI(TAS|TY): \S/);
      }
    }
  });

  it('should state the people ahead and the estimated wait', () => {
    const sut = buildPrintLines(newPrintModel({ peopleAhead: 3, ticket: { estimatedWaitMinutes: 15 } }));
    expect(sut.peopleAhead).toBe('Antrean di depan Anda: 3 orang');
    expect(sut.estimatedWait).toBe('Perkiraan waktu tunggu: ± 15 menit');
  });

  it('should still say "0 orang" for the next ticket, which is not the same as unknown', () => {
    expect(buildPrintLines(newPrintModel({ peopleAhead: 0 })).peopleAhead).toBe('Antrean di depan Anda: 0 orang');
  });

  it('should print the people ahead as a range when which counter frees first decides it', () => {
    expect(buildPrintLines(newPrintModel({ peopleAhead: 3, peopleAheadMin: 1 })).peopleAhead).toBe('Antrean di depan Anda: 1–3 orang');
    expect(buildPrintLines(newPrintModel({ lang: 'en', peopleAhead: 1, peopleAheadMin: 0 })).peopleAhead).toBe('People ahead of you: 0–1');
  });

  it('should omit the wait line and the people-ahead line when they are null', () => {
    const sut = buildPrintLines(newPrintModel({ peopleAhead: null, ticket: { estimatedWaitMinutes: null } }));
    expect(sut.estimatedWait).toBeNull();
    expect(sut.peopleAhead).toBeNull();
  });

  it('should print the issue time in the site zone, not the server zone', () => {
    const kupang = buildPrintLines(newPrintModel({ ticket: { issuedAt: INSTANT.toISOString(), timeZone: 'Asia/Makassar' } }));
    const jakarta = buildPrintLines(newPrintModel({ ticket: { issuedAt: INSTANT.toISOString(), timeZone: 'Asia/Jakarta' } }));
    expect(kupang.issuedAt).toBe(`${localText('Asia/Makassar')} WITA`);
    expect(kupang.issuedAt).toContain('08.05');
    expect(jakarta.issuedAt).toBe(`${localText('Asia/Jakarta')} WIB`);
    expect(jakarta.issuedAt).toContain('07.05');
  });

  it('should treat a blank address as none', () => {
    expect(buildPrintLines(newPrintModel({ siteAddress: '  ' })).siteAddress).toBeNull();
  });

  it('should speak English when asked, with the English service name', () => {
    const sut = buildPrintLines(newPrintModel({ lang: 'en', peopleAhead: 1, ticket: { priority: 'elderly' } }));
    expect(sut).toMatchObject({
      title: 'Queue ticket A001',
      serviceName: 'Electronic ID card enrolment',
      priorityMark: 'PRIORITY: Elderly',
      peopleAhead: 'People ahead of you: 1',
      estimatedWait: 'Estimated wait: ± 15 min',
    });
    expect(sut.issuedAt).toBe(`${localText('Asia/Makassar', 'en-GB')} WITA`);
  });
});

describe(timeZoneAbbreviation.name, () => {
  it.each([
    ['Asia/Jakarta', 'WIB'],
    ['Asia/Pontianak', 'WIB'],
    ['Asia/Makassar', 'WITA'],
    ['Asia/Jayapura', 'WIT'],
    ['Asia/Dili', 'Asia/Dili'],
  ])('should call %s "%s"', (zone, name) => {
    expect(timeZoneAbbreviation(zone)).toBe(name);
  });
});

describe(formatIssuedAt.name, () => {
  it('should end with WIT in Papua, two hours after Jakarta', () => {
    expect(formatIssuedAt(INSTANT, 'Asia/Jayapura')).toBe(`${localText('Asia/Jayapura')} WIT`);
    expect(formatIssuedAt(INSTANT, 'Asia/Jayapura')).toContain('09.05');
  });

  it('should refuse an unknown zone', () => {
    expect(() => formatIssuedAt(INSTANT, 'WITA')).toThrow(RangeError);
  });
});
