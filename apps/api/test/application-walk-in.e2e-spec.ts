import type { ApplicationResponse, ServiceResponse, TicketResponse } from '@mpp/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationService } from '../src/applications/application.service';
import { FixedClock } from '../src/common/clock';
import { PiiCipher } from '../src/common/pii-cipher';
import { uploadDocument, uploadMandatoryDocuments } from './support/application-documents';
import { counterAction, Hall, issue, KUPANG_MONDAY_0900, setupHall } from './support/hall';
import { createTestApp, TestApp } from './support/test-app';

const NIK = '5371014101900123';
const NAME = 'Marthen Luther Ndolu';
const PHONE = '0813-5555-6666';
const PHONE_E164 = '+6281355556666';

describe(`${ApplicationService.name}: walk-in applications opened at the counter`, () => {
  let t: TestApp;
  let h: Hall;
  const clock = new FixedClock(new Date(KUPANG_MONDAY_0900));
  const db = () => t.app.get(DataSource);

  const walkIn = (token: string, body: Record<string, unknown>) =>
    t.http().post('/api/v1/agency/applications').auth(token, { type: 'bearer' }).send({ nik: NIK, fullName: NAME, phone: PHONE, ...body });
  /** A KK ticket called and being served at Dukcapil's first counter by its officer. */
  const servedTicket = async (): Promise<TicketResponse> => {
    const ticket = await issue(t, h.kiosk, h.services.kk);
    clock.advance(1000);
    const called = (await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'call-next').expect(200)).body as TicketResponse;
    expect(called.id).toBe(ticket.id);
    clock.advance(1000);
    await counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'start').expect(200);
    return ticket;
  };
  const finishServing = () => counterAction(t, h.officers.dukcapil1, h.counters.dukcapil1, 'finish', {}).expect(200);
  /** The SMS the citizen receives about an application, read as their phone would. */
  const smsAbout = async (code: string) => {
    const cipher = t.app.get(PiiCipher);
    const rows = (await db().query(`SELECT channel, template, recipient_cipher, body_cipher FROM outbox_message WHERE template LIKE 'application-%' ORDER BY id`)) as {
      channel: string;
      template: string;
      recipient_cipher: string;
      body_cipher: string;
    }[];
    const printed = `${code.slice(0, 4)}-${code.slice(4)}`;
    return rows
      .filter((r) => r.channel === 'sms')
      .map((r) => ({ template: r.template, to: cipher.decrypt(r.recipient_cipher), body: cipher.decrypt(r.body_cipher) }))
      .filter((r) => r.body.includes(printed));
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    h = await setupHall(t);
  }, 180_000);
  afterAll(async () => t?.close());

  it('should open a draft from the ticket being served, send the code and secret to the citizen only, and let the officer upload and submit it', async () => {
    const ticket = await servedTicket();
    const res = await walkIn(h.officers.dukcapil1, { ticketId: ticket.id }).set('User-Agent', 'konsol-loket/1.0').expect(201);
    const application = res.body as ApplicationResponse;
    expect(application).toMatchObject({ state: 'draft', walkIn: true, service: { id: h.services.kk } });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|Kode rahasia/i);
    for (const personal of [NIK, NAME, PHONE_E164]) expect(JSON.stringify(res.body)).not.toContain(personal);
    const service = (await t.http().get(`/api/v1/services/${h.services.kk}`).expect(200)).body as ServiceResponse;
    expect(application.items.map((i) => i.requirementId)).toEqual(service.requirements.map((r) => r.id));

    const row = (await db().query(`SELECT opened_by_officer_id, ticket_id, citizen_id, owner_secret_hash IS NOT NULL AS has_secret FROM application WHERE id = $1`, [application.id]))[0] as {
      opened_by_officer_id: string;
      ticket_id: string;
      citizen_id: string | null;
      has_secret: boolean;
    };
    const officerId = (await db().query(`SELECT officer_id FROM counter WHERE id = $1`, [h.counters.dukcapil1.id]))[0].officer_id as string;
    expect(row).toEqual({ opened_by_officer_id: officerId, ticket_id: ticket.id, citizen_id: null, has_secret: true });
    const trail = (await db().query(`SELECT action, to_state, actor_kind, actor_id, user_agent FROM application_event WHERE application_id = $1 ORDER BY id`, [application.id]))[0];
    expect(trail).toEqual({ action: 'create', to_state: 'draft', actor_kind: 'officer', actor_id: officerId, user_agent: 'konsol-loket/1.0' });

    // The citizen's phone gets the code and the secret; with them the citizen opens it like an online applicant.
    const [sms] = await smsAbout(application.code);
    expect(sms).toMatchObject({ template: 'application-draft', to: PHONE_E164 });
    const secret = /Kode rahasia Anda: (\S+) \./.exec(sms.body)![1];
    const asCitizen = (await t.http().get(`/api/v1/applications/${application.code}`).set('X-Application-Secret', secret).expect(200)).body as ApplicationResponse;
    expect(asCitizen.id).toBe(application.id);

    // The agency sees its walk-in draft: not in the inbox, but under state=draft (a citizen's own draft never); the officer uploads and submits it.
    const asked = async (query: Record<string, string>) =>
      ((await t.http().get('/api/v1/agency/applications').query(query).auth(h.officers.dukcapil2, { type: 'bearer' }).expect(200)).body as { items: { id: string }[] }).items.map((i) => i.id);
    const online = (await t.http().post('/api/v1/applications').send({ serviceId: h.services.kk, nik: NIK, fullName: NAME, phone: PHONE }).expect(201)).body as { application: ApplicationResponse };
    expect(await asked({ state: 'draft' })).toEqual([application.id]);
    expect(await asked({})).not.toContain(application.id);
    expect(await asked({})).not.toContain(online.application.id);
    await t.http().get(`/api/v1/agency/applications/${application.id}`).auth(h.officers.dukcapil2, { type: 'bearer' }).expect(200);
    const early = await t.http().post(`/api/v1/agency/applications/${application.id}/submit`).auth(h.officers.dukcapil1, { type: 'bearer' });
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'DOCUMENTS_MISSING' });
    const uploaded = await uploadMandatoryDocuments(t, application, { officerToken: h.officers.dukcapil1 });
    expect(uploaded.items.filter((i) => i.mandatory).every((i) => i.documents[0]?.uploadedBy === 'officer')).toBe(true);
    expect(uploaded.assignedOfficerId).toBe(officerId);
    const submitted = (await t.http().post(`/api/v1/agency/applications/${application.id}/submit`).auth(h.officers.dukcapil1, { type: 'bearer' }).expect(200)).body as ApplicationResponse;
    expect(submitted.state).toBe('submitted');
    const inbox = (await t.http().get('/api/v1/agency/applications').auth(h.officers.dukcapil1, { type: 'bearer' }).expect(200)).body as { items: { id: string }[] };
    expect(inbox.items.map((i) => i.id)).toContain(application.id);
    // Submitted, the draft's uploads are closed to the officer too.
    const late = await uploadDocument(t, application, application.items[0].requirementId, { officerToken: h.officers.dukcapil1 });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'APPLICATION_NOT_EDITABLE' });
    await finishServing();
  }, 180_000);

  it("should refuse a ticket that is not being served at the officer's own counter, another agency's, an unknown one, and bad input; writing nothing", async () => {
    const count = async () => Number((await db().query(`SELECT count(*) FROM application`))[0].count);
    const before = await count();
    const ticket = await servedTicket();

    // Another officer of the agency, at another counter: not their ticket.
    const notYours = await walkIn(h.officers.dukcapil2, { ticketId: ticket.id });
    expect({ status: notYours.status, code: notYours.body.code }).toEqual({ status: 409, code: 'TICKET_NOT_SERVED_BY_YOU' });
    expect(notYours.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
    // Another agency's officer: no such ticket for them.
    const polresta = await walkIn(h.officers.polresta, { ticketId: ticket.id });
    expect({ status: polresta.status, code: polresta.body.code }).toEqual({ status: 404, code: 'TICKET_NOT_FOUND' });
    expect((await walkIn(h.officers.dukcapil1, { ticketId: randomUUID() })).status).toBe(404);
    // Staff without an agency, and invalid bodies.
    expect((await walkIn(h.kupangSiteAdmin, { ticketId: ticket.id })).status).toBe(403);
    expect((await walkIn(h.officers.dukcapil1, { ticketId: 'bukan-uuid' })).status).toBe(400);
    const badNik = await walkIn(h.officers.dukcapil1, { ticketId: ticket.id, nik: '123' });
    expect(badNik.status).toBe(400);

    // Once finished, the ticket is no longer being served: refused.
    await finishServing();
    const finished = await walkIn(h.officers.dukcapil1, { ticketId: ticket.id });
    expect({ status: finished.status, code: finished.body.code }).toEqual({ status: 409, code: 'TICKET_NOT_SERVED_BY_YOU' });
    // A ticket still waiting: refused.
    const waiting = await issue(t, h.kiosk, h.services.kk);
    const notServing = await walkIn(h.officers.dukcapil1, { ticketId: waiting.id });
    expect({ status: notServing.status, code: notServing.body.code }).toEqual({ status: 409, code: 'TICKET_NOT_SERVED_BY_YOU' });
    expect(await count()).toBe(before);

    // A citizen's own draft stays theirs: the officer cannot upload to it.
    const online = (await t.http().post('/api/v1/applications').send({ serviceId: h.services.kk, nik: NIK, fullName: NAME, phone: PHONE }).expect(201)).body as { application: ApplicationResponse };
    const foreign = await uploadDocument(t, online.application, online.application.items[0].requirementId, { officerToken: h.officers.dukcapil1 });
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
  }, 180_000);
});
