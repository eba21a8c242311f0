import { renderTemplate, type TicketCalledModel } from './templates';

const CALLED: TicketCalledModel = {
  siteName: 'MPP Kota Kupang',
  serviceName: 'KTP-el Baru',
  ticketNumber: 'A012',
  counter: 'Loket 3',
  optOutUrl: 'https://mpp.kupangkota.go.id/api/v1/notifications/opt-out?t=abc.def',
};

describe(renderTemplate.name, () => {
  it('should write the SMS in Indonesian with the number, the counter and the opt-out link', () => {
    expect(renderTemplate('ticket-called', 'sms', 'id', CALLED)).toEqual({
      subject: null,
      body: `MPP Kota Kupang: nomor A012 dipanggil, silakan ke Loket 3. Berhenti: ${CALLED.optOutUrl}`,
    });
  });

  it('should write the SMS in English for a citizen who chose English', () => {
    expect(renderTemplate('ticket-called', 'sms', 'en', { ...CALLED, counter: 'Counter 3' }).body).toBe(
      `MPP Kota Kupang: number A012 is called, please go to Counter 3. Stop: ${CALLED.optOutUrl}`,
    );
  });

  it('should leave the opt-out line out when there is no link', () => {
    const rendered = renderTemplate('ticket-called', 'email', 'id', { ...CALLED, optOutUrl: null });
    expect(rendered.subject).toBe('Nomor antrean A012 dipanggil: silakan ke Loket 3');
    expect(rendered.body).toBe('Nomor antrean Anda A012 (KTP-el Baru) dipanggil sekarang di MPP Kota Kupang.\nSilakan menuju Loket 3.\n');
  });

  it('should give WhatsApp the template parameters in order, and the SMS text for the record', () => {
    const rendered = renderTemplate('ticket-called', 'whatsapp', 'en', CALLED);
    expect(rendered.parameters).toEqual(['A012', 'Loket 3', 'MPP Kota Kupang']);
    expect(rendered.body).toBe(renderTemplate('ticket-called', 'sms', 'en', CALLED).body);
  });

  it('should not escape text as HTML: these are plain-text messages', () => {
    expect(renderTemplate('ticket-called', 'sms', 'id', { ...CALLED, siteName: 'MPP "Flobamora" & Co' }).body).toMatch(/^MPP "Flobamora" & Co:/);
  });

  it('should put ready text on one line for a WhatsApp parameter', () => {
    expect(renderTemplate('text', 'whatsapp', 'id', { text: 'Yth. Budi,\n\nKode:    K7M3' }).parameters).toEqual(['Yth. Budi, / Kode: K7M3']);
  });

  it('should refuse a model without a field the template uses', () => {
    const { ticketNumber: _omitted, ...partial } = CALLED;
    expect(() => renderTemplate('ticket-called', 'sms', 'id', partial as TicketCalledModel)).toThrow(/ticketNumber/);
  });
});
