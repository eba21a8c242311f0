import { newBookingModel } from './booking-confirmation.factory';
import { renderBookingConfirmationPdf } from './booking-pdf';

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

const LONG = 'Penerbitan Surat Keterangan Pindah Datang Antar Kabupaten/Kota dalam Satu Provinsi beserta Perubahan Kartu Keluarga dan Kartu Tanda Penduduk Elektronik';

describe(renderBookingConfirmationPdf.name, () => {
  it('should make a one-page A5 portrait PDF', async () => {
    const sut = await renderBookingConfirmationPdf(newBookingModel());
    expect(text(sut.subarray(0, 5))).toBe('%PDF-');
    expect(text(sut)).toMatch(/\/Type \/Pages\s*\/Count 1\b/);
    const boxes = mediaBoxes(sut);
    expect(boxes).toHaveLength(1);
    expect(boxes[0].width).toBeCloseTo(419.53, 2);
    expect(boxes[0].height).toBeCloseTo(595.28, 2);
  });

  it('should embed exactly one image, the QR code', async () => {
    const sut = await renderBookingConfirmationPdf(newBookingModel());
    expect(text(sut).match(/\/Subtype \/Image/g)).toHaveLength(1);
  });

  it('should title the document with the code as it is printed', async () => {
    const sut = await renderBookingConfirmationPdf(newBookingModel({ booking: { code: 'K7M39QXA' } }));
    expect(infoTitle(sut)).toBe('Bukti Pemesanan K7M3-9QXA');
  });

  it('should stay on one page however long the names and the list of requirements are', async () => {
    const model = newBookingModel({
      agencyName: LONG,
      siteAddress: LONG,
      requirements: Array.from({ length: 30 }, (_, i) => `${LONG} (${i + 1})`),
      booking: { status: 'checked_in', ticket: { number: 'A017', publicCode: 'k7Qm2xWp' }, siteName: LONG, fullName: LONG, service: { id: 's', name: `${LONG} ${LONG}`, nameEn: LONG } },
    });
    const sut = await renderBookingConfirmationPdf(model);
    expect(mediaBoxes(sut)).toHaveLength(1);
    expect(text(sut)).toMatch(/\/Type \/Pages\s*\/Count 1\b/);
    expect(text(sut).match(/\/Subtype \/Image/g)).toHaveLength(1);
  });

  it('should print characters Helvetica lacks without failing', async () => {
    const sut = await renderBookingConfirmationPdf(newBookingModel({ booking: { fullName: 'Ngurah Ōka 😀' }, requirements: ['Pas foto 3×4 – 2 lembar “berwarna”'] }));
    expect(text(sut.subarray(0, 5))).toBe('%PDF-');
  });

  it('should refuse a relative booking page URL', async () => {
    await expect(renderBookingConfirmationPdf(newBookingModel({ manageUrl: '/pesan/K7M39QXA' }))).rejects.toThrow(/absolute URL/);
  });
});
