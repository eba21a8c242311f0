import { inflateSync } from 'node:zlib';
import { renderLetterPdf, renderLetterText, type LetterModel } from './letter-pdf';
import { formatInstant, verificationUrl } from './issued-pdf';
import { renderReceiptPdf, type ReceiptModel } from './receipt-pdf';
import { DECISION_LETTER_EN } from './templates/decision-letter.en';
import { DECISION_LETTER_ID } from './templates/decision-letter.id';

const latin1 = (pdf: Buffer) => pdf.toString('latin1');

/** The text of pdfkit's content streams: each inflated, the hex strings of its TJ operators decoded, lines joined by a space. */
function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const m of latin1(pdf).matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) lines.push([...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}

const pageCount = (pdf: Buffer) => Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(latin1(pdf))?.[1]);
const mediaBoxes = (pdf: Buffer) => [...latin1(pdf).matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);

const SUBMITTED = new Date('2026-12-03T02:15:00Z');

function receipt(overrides: Partial<ReceiptModel> = {}): ReceiptModel {
  return {
    number: 'TT-2612-7K3Q9M2X',
    verificationUrl: 'https://mpp.example.go.id/verifikasi/TT-2612-7K3Q9M2X',
    applicationCode: 'K7M39QXA',
    service: { name: 'Penerbitan Kartu Keluarga', nameEn: 'Family card' },
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
    siteName: 'MPP Kota Kupang',
    siteAddress: 'Jl. Timor Raya No. 1',
    timeZone: 'Asia/Makassar',
    submittedAt: SUBMITTED,
    submission: 1,
    nikMasked: '5371********0456',
    items: [
      { name: 'KTP-el', nameEn: 'Electronic ID card', mandatory: true, document: { version: 2, sha256: '0123456789abcdef'.repeat(4), contentType: 'image/jpeg' } },
      { name: 'Surat pengantar RT/RW', nameEn: null, mandatory: false, document: null },
    ],
    issuedAt: SUBMITTED,
    ...overrides,
  };
}

function letter(overrides: Partial<LetterModel> = {}): LetterModel {
  return {
    kind: 'rejection',
    number: 'SK-2612-ABCDEFGH',
    verificationUrl: 'https://mpp.example.go.id/verifikasi/SK-2612-ABCDEFGH',
    applicationCode: 'K7M39QXA',
    service: { name: 'Penerbitan Kartu Keluarga', nameEn: 'Family card' },
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
    siteName: 'MPP Kota Kupang',
    siteAddress: null,
    timeZone: 'Asia/Makassar',
    applicantName: 'Agustina Ndolu Sabu',
    nikMasked: '5371********0456',
    submittedAt: SUBMITTED,
    reason: 'Nama pada akta berbeda dengan nama pada KK',
    note: null,
    officerName: 'Petugas Dukcapil',
    issuedAt: SUBMITTED,
    ...overrides,
  };
}

describe(renderReceiptPdf.name, () => {
  it('should print an A4 receipt with the code, the submission time in the site’s zone, each document’s version and sha256 prefix, and the verification link', async () => {
    const model = receipt();
    const sut = await renderReceiptPdf(model);
    expect(latin1(sut.subarray(0, 5))).toBe('%PDF-');
    expect(mediaBoxes(sut)[0]).toEqual([595.28, 841.89]);
    const text = pdfText(sut);
    expect(text).toContain('TANDA TERIMA PERMOHONAN');
    expect(text).toContain('K7M3-9QXA');
    expect(text).toContain(formatInstant(SUBMITTED, 'Asia/Makassar', 'id'));
    expect(formatInstant(SUBMITTED, 'Asia/Makassar', 'id')).toBe('3 Desember 2026 pukul 10.15 WITA');
    expect(text).toContain(`Versi 2 (JPEG), SHA-256 ${model.items[0].document!.sha256.slice(0, 12)}`);
    expect(text).not.toContain(model.items[0].document!.sha256.slice(0, 13));
    expect(text).toContain('Belum ada berkas');
    expect(text).toContain(model.verificationUrl);
    expect(latin1(sut).match(/\/Subtype \/Image/g)).toHaveLength(1);
  });

  it('should say a resubmission’s receipt is for corrections', async () => {
    expect(pdfText(await renderReceiptPdf(receipt({ submission: 3 })))).toContain('TANDA TERIMA PERBAIKAN PERMOHONAN');
  });

  it('should flow a long checklist onto further pages and print characters Helvetica lacks without failing', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ name: `Dokumen pendukung “nomor” ${i + 1} – ${'panjang '.repeat(12)}`, nameEn: `Ōka document ${i + 1} 😀`, mandatory: i % 2 === 0, document: null }));
    const sut = await renderReceiptPdf(receipt({ items }));
    expect(pageCount(sut)).toBeGreaterThan(1);
    expect(pdfText(sut)).toContain('40. Dokumen pendukung');
  });

  it('should refuse a relative verification link', () => {
    expect(() => verificationUrl('/portal', 'TT-2612-7K3Q9M2X')).toThrow(/absolute URL/);
    expect(verificationUrl('https://mpp.example.go.id/', 'TT-2612-7K3Q9M2X')).toBe('https://mpp.example.go.id/verifikasi/TT-2612-7K3Q9M2X');
  });
});

describe(renderLetterPdf.name, () => {
  it('should print a rejection with its reason in both languages, the officer’s note, the addressee and the verification link', async () => {
    const model = letter({ note: 'Bawa akta asli ke loket.' });
    const text = pdfText(await renderLetterPdf(model));
    expect(text).toContain(DECISION_LETTER_ID.rejection.title);
    expect(text).toContain(DECISION_LETTER_EN.rejection.title);
    expect(text.split(model.reason!).length - 1).toBe(2);
    expect(text).toContain(model.note);
    expect(text).toContain(model.applicantName);
    expect(text).toContain(model.verificationUrl);
  });

  it('should refuse a rejection without a reason', async () => {
    await expect(renderLetterPdf(letter({ reason: '  ' }))).rejects.toThrow(/reason/);
  });

  it('should print an approval without a reason paragraph', async () => {
    const text = pdfText(await renderLetterPdf(letter({ kind: 'approval', reason: null })));
    expect(text).toContain('DISETUJUI');
    expect(text).toContain('APPROVED');
  });

  it('should fail loudly on a template field it does not know', () => {
    expect(() => renderLetterText('{{nama}}', { serviceName: 'a', code: 'b', submittedOn: 'c', agencyName: 'd', siteName: 'e', reason: '', note: '' })).toThrow();
  });
});
