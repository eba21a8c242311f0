import { newPrintModel } from './ticket-print.factory';
import { renderTicketHtml } from './ticket-html';

const INSTANT = '2026-11-24T00:05:00Z';
const localText = (timeZone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(INSTANT));

describe(renderTicketHtml.name, () => {
  it('should make a complete Indonesian page for an 80 mm roll with the number', async () => {
    const sut = await renderTicketHtml(newPrintModel({ ticket: { number: 'C017' } }));
    expect(sut).toMatch(/^<!doctype html>\s*<html lang="id">/);
    expect(sut).toContain('@page { margin: 0 }');
    expect(sut).toContain('.ticket { width: 80mm;');
    expect(sut).toContain('<p class="number">C017</p>');
    expect(sut).toContain('<title>Tiket antrean C017</title>');
  });

  it('should escape the service name', async () => {
    const sut = await renderTicketHtml(newPrintModel({ ticket: { service: { id: 's', name: 'KTP <script>alert(1)</script> & "KK"', nameEn: 'x' } } }));
    expect(sut).not.toContain('<script>alert(1)</script>');
    expect(sut).toContain('KTP &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;KK&quot;');
  });

  it('should show the issue time in the site zone with its name', async () => {
    const kupang = await renderTicketHtml(newPrintModel({ ticket: { issuedAt: INSTANT, timeZone: 'Asia/Makassar' } }));
    const jakarta = await renderTicketHtml(newPrintModel({ ticket: { issuedAt: INSTANT, timeZone: 'Asia/Jakarta' } }));
    expect(kupang).toContain(`${localText('Asia/Makassar')} WITA`);
    expect(localText('Asia/Makassar')).toContain('08.05');
    expect(jakarta).toContain(`${localText('Asia/Jakarta')} WIB`);
    expect(localText('Asia/Jakarta')).toContain('07.05');
    expect(kupang).toContain('datetime="2026-11-24T00:05:00.000Z"');
  });

  it('should carry the QR code inline as an SVG image that encodes something', async () => {
    const sut = await renderTicketHtml(newPrintModel());
    const match = /<img class="qr" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/]+)(?:&#x3D;)*"/.exec(sut);
    expect(match).not.toBeNull();
    const svg = Buffer.from(match![1], 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox/);
    expect(svg).toContain('<path');
  });

  it('should load nothing from outside the page', async () => {
    const sut = await renderTicketHtml(newPrintModel({ ticket: { priority: 'pregnant' } }));
    expect(sut).not.toMatch(/\b(src|href)="(?!data:)/);
    expect(sut).not.toMatch(/@import|url\(/);
  });

  it('should open the print dialog only when asked', async () => {
    const quiet = await renderTicketHtml(newPrintModel());
    const printing = await renderTicketHtml(newPrintModel(), { autoPrint: true });
    expect(quiet).not.toContain('<script');
    expect(quiet).not.toContain('window.print');
    expect(printing).toMatch(/<script>\s*window\.addEventListener\('load', \(\) => \{[\s\S]*window\.print\(\);\s*\}\);\s*<\/script>/);
    // CSS alone cannot size the page to the ticket: the script sets 80 mm by the measured height.
    expect(printing).toContain("'@page { size: 80mm ' + height + 'px; margin: 0 }'");
  });

  it('should box the priority mark and leave it out for a regular ticket', async () => {
    expect(await renderTicketHtml(newPrintModel({ ticket: { priority: 'elderly' } }))).toContain('<p class="priority">PRIORITAS: Lanjut usia</p>');
    expect(await renderTicketHtml(newPrintModel({ ticket: { priority: 'regular' } }))).not.toContain('class="priority"');
  });

  it('should leave out the wait and people-ahead lines when unknown', async () => {
    const sut = await renderTicketHtml(newPrintModel({ peopleAhead: null, ticket: { estimatedWaitMinutes: null } }));
    expect(sut).not.toContain('Perkiraan waktu tunggu');
    expect(sut).not.toContain('Antrean di depan Anda');
    expect(sut).toContain('Pindai QR untuk melihat status antrean');
  });

  it('should follow the language of the model', async () => {
    const sut = await renderTicketHtml(newPrintModel({ lang: 'en' }));
    expect(sut).toContain('<html lang="en">');
    expect(sut).toContain('Electronic ID card enrolment');
  });
});
