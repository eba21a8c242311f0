import { newPrintModel } from './ticket-print.factory';
import { renderTicketPdf, toWinAnsi } from './ticket-pdf';

/** The page dictionaries are never compressed, so these can be read straight from the bytes. */
const text = (pdf: Buffer) => pdf.toString('latin1');

function mediaBoxes(pdf: Buffer): { width: number; height: number }[] {
  return [...text(pdf).matchAll(/\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** The Info dictionary's /Title, which pdfkit writes as an indirect string object. */
function infoTitle(pdf: Buffer): string | undefined {
  const ref = /\/Title (\d+) 0 R/.exec(text(pdf));
  return ref ? new RegExp(`(?:^|\\n)${ref[1]} 0 obj\\s*\\(([^)]*)\\)`).exec(text(pdf))?.[1] : undefined;
}

function onlyPage(pdf: Buffer): { width: number; height: number } {
  const boxes = mediaBoxes(pdf);
  expect(boxes).toHaveLength(1);
  return boxes[0];
}

const LONG = 'Penerbitan Surat Keterangan Pindah Datang Antar Kabupaten/Kota dalam Satu Provinsi beserta Perubahan Kartu Keluarga dan Kartu Tanda Penduduk Elektronik';

describe(renderTicketPdf.name, () => {
  it('should make a PDF one 80 mm roll page wide, no taller than the ticket needs', async () => {
    const sut = await renderTicketPdf(newPrintModel(), '80mm');
    expect(text(sut.subarray(0, 5))).toBe('%PDF-');
    const page = onlyPage(sut);
    expect(page.width).toBeCloseTo(226.77, 2);
    expect(page.height).toBeGreaterThan(300);
    expect(page.height).toBeLessThanOrEqual(700);
  });

  it('should make an A6 sheet', async () => {
    const page = onlyPage(await renderTicketPdf(newPrintModel(), 'a6'));
    expect(page.width).toBeCloseTo(297.64, 2);
    expect(page.height).toBeCloseTo(419.53, 2);
  });

  it('should size the roll to its content: a priority mark and a long service name make it longer', async () => {
    const regular = onlyPage(await renderTicketPdf(newPrintModel({ ticket: { priority: 'regular' } }), '80mm'));
    const priority = onlyPage(await renderTicketPdf(newPrintModel({ ticket: { priority: 'disability' } }), '80mm'));
    const long = onlyPage(await renderTicketPdf(newPrintModel({ ticket: { service: { id: 's', name: LONG, nameEn: LONG } } }), '80mm'));
    const short = onlyPage(await renderTicketPdf(newPrintModel({ peopleAhead: null, siteAddress: null, ticket: { estimatedWaitMinutes: null } }), '80mm'));
    expect(priority.height).toBeGreaterThan(regular.height + 10);
    expect(long.height).toBeGreaterThan(regular.height + 10);
    expect(short.height).toBeLessThan(regular.height - 10);
  });

  it('should stay on one page however long the names are', async () => {
    const model = newPrintModel({
      agencyName: LONG,
      siteAddress: LONG,
      ticket: { siteName: LONG, priority: 'disaster_victim', service: { id: 's', name: `${LONG} ${LONG}`, nameEn: LONG } },
    });
    for (const format of ['80mm', 'a6'] as const) {
      const sut = await renderTicketPdf(model, format);
      expect(mediaBoxes(sut)).toHaveLength(1);
      expect(text(sut)).toMatch(/\/Type \/Pages\s*\/Count 1\b/);
      expect(onlyPage(sut).height).toBeLessThanOrEqual(700);
    }
  });

  it('should embed exactly one image, the QR code', async () => {
    for (const format of ['80mm', 'a6'] as const) {
      const sut = await renderTicketPdf(newPrintModel(), format);
      expect(text(sut).match(/\/Subtype \/Image/g)).toHaveLength(1);
    }
  });

  it('should title the document with the ticket number', async () => {
    const sut = await renderTicketPdf(newPrintModel({ ticket: { number: 'B042' } }), '80mm');
    expect(infoTitle(sut)).toBe('Tiket antrean B042');
  });

  it('should refuse a relative public URL, which no phone could open', async () => {
    await expect(renderTicketPdf(newPrintModel({ publicUrl: '/t/k7Qm2xWp' }), '80mm')).rejects.toThrow(/absolute URL/);
  });
});

describe(toWinAnsi.name, () => {
  it('should keep what Helvetica has: Latin-1, ±, en dash and curly quotes', () => {
    expect(toWinAnsi('Perkiraan ± 15 menit – “Kantor” é')).toBe('Perkiraan ± 15 menit – “Kantor” é');
  });

  it('should drop accents Helvetica lacks, unfold compatibility spaces and replace the rest with "?"', () => {
    expect(toWinAnsi('Ā ō\u202F08.05')).toBe('A o 08.05');
    expect(toWinAnsi('Antre 😀 sini')).toBe('Antre ? sini');
    expect(toWinAnsi('baris\nbaru')).toBe('baris baru');
  });
});
