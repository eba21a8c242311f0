import type { ApplicationCreatedResponse, ApplicationResponse } from '@mpp/contracts';
import { DataSource } from 'typeorm';
import { ApplicationRetention, assertFileNotPurged } from '../src/applications/application-retention';
import { FixedClock } from '../src/common/clock';
import { ApiException } from '../src/common/errors/api-exception';
import { FilesService } from '../src/files/files.service';
import { uploadMandatoryDocuments } from './support/application-documents';
import { createStaff, StaffTokens } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** Monday 3 August 2026, 09:00 WITA in Kupang. */
const START = new Date('2026-08-03T01:00:00Z');
const DAY = 86_400_000;

describe(`${ApplicationRetention.name} (files of finished applications)`, () => {
  let t: TestApp;
  let staff: StaffTokens;
  let serviceId: string;
  const clock = new FixedClock(START);
  const db = () => t.app.get(DataSource);
  const sut = () => t.app.get(ApplicationRetention);
  const files = () => t.app.get(FilesService);

  const officer = (id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/agency/applications/${id}/${action}`).auth(staff.dukcapilOfficer, { type: 'bearer' }).send(body);

  /** A submitted application with its documents uploaded; its receipt issued (an issued document with a file). */
  const submitted = async (): Promise<{ application: ApplicationResponse; secret: string }> => {
    const created = (await t.http().post('/api/v1/applications').send({ serviceId, nik: '5371014101900123', fullName: 'Agustina Bili', phone: '0813-7777-8888' }).expect(201))
      .body as ApplicationCreatedResponse;
    await uploadMandatoryDocuments(t, created.application, { secret: created.secret });
    await t.http().post(`/api/v1/applications/${created.application.code}/submit`).set('X-Application-Secret', created.secret!).send({}).expect(200);
    await t.http().get(`/api/v1/applications/${created.application.code}/receipt`).set('X-Application-Secret', created.secret!).expect(200);
    secrets.set(created.application.id, created.secret!);
    return { application: created.application, secret: created.secret! };
  };

  /** The owner's secret of each application made here, by id. */
  const secrets = new Map<string, string>();

  /** Submitted, then taken by the officer to done. */
  const done = async (): Promise<ApplicationResponse> => {
    const { application } = await submitted();
    await officer(application.id, 'start-verification').expect(200);
    for (const item of application.items) await officer(application.id, `items/${item.requirementId}`, { state: 'accepted' }).expect(200);
    for (const step of ['accept', 'start-process', 'approve']) await officer(application.id, step).expect(200);
    await officer(application.id, 'mark-ready', { delivery: 'collect_at_site' }).expect(200);
    await officer(application.id, 'finish').expect(200);
    return application;
  };

  const withdrawn = async (): Promise<ApplicationResponse> => {
    const { application, secret } = await submitted();
    await t.http().post(`/api/v1/applications/${application.code}/withdraw`).set('X-Application-Secret', secret).send({}).expect(200);
    return application;
  };

  /** Every stored file of an application: its uploaded versions and its issued documents. */
  const filesOf = async (applicationId: string) =>
    (await db().query(
      `SELECT 'application_document' AS kind, id, file_key FROM application_document WHERE application_id = $1
       UNION ALL SELECT 'issued_document' AS kind, id, file_key FROM issued_document WHERE application_id = $1 ORDER BY kind, id`,
      [applicationId],
    )) as { kind: string; id: string; file_key: string }[];
  const stored = async (keys: string[]) => Promise.all(keys.map(async (k) => (await files().storedSize(k)) !== null));
  const trailLength = async (applicationId: string) => ((await db().query(`SELECT count(*)::int AS n FROM application_event WHERE application_id = $1`, [applicationId])) as { n: number }[])[0].n;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = await createStaff(t);
    const services = (await t.http().get('/api/v1/services').query({ site: 'kota-kupang', agency: 'dukcapil', pageSize: 100 }).expect(200)).body as { items: { id: string; code: string }[] };
    serviceId = services.items.find((s) => s.code === 'dukcapil-kartu-keluarga')!.id;
  }, 180_000);
  afterAll(async () => t?.close());

  it('should delete only the files of applications finished longer ago than the site keeps them, keeping the rows and the trail, once', async () => {
    const retention = ((await t.http().get('/api/v1/sites/kota-kupang').expect(200)).body as { applicationFileRetentionDays: number }).applicationFileRetentionDays;
    clock.set(START);
    const oldDone = await done();
    const oldWithdrawn = await withdrawn();
    const open = (await submitted()).application;
    clock.set(new Date(START.getTime() + 200 * DAY));
    const recentDone = await done();

    const all = [oldDone, oldWithdrawn, open, recentDone];
    const before = new Map(await Promise.all(all.map(async (a) => [a.id, await filesOf(a.id)] as const)));
    const trails = await Promise.all(all.map((a) => trailLength(a.id)));
    for (const a of all) {
      expect(before.get(a.id)!.map((f) => f.kind)).toEqual(expect.arrayContaining(['application_document', 'issued_document']));
      expect(await stored(before.get(a.id)!.map((f) => f.file_key))).toEqual(before.get(a.id)!.map(() => true));
    }

    // A day before the old ones' retention ends: nothing goes.
    clock.set(new Date(START.getTime() + (retention - 1) * DAY));
    expect(await sut().sweep()).toEqual({ purged: 0, failed: 0 });

    clock.set(new Date(START.getTime() + (retention + 1) * DAY));
    const expected = [...before.get(oldDone.id)!, ...before.get(oldWithdrawn.id)!];
    expect(await sut().sweep()).toEqual({ purged: expected.length, failed: 0 });
    expect(await stored(expected.map((f) => f.file_key))).toEqual(expected.map(() => false));
    const kept = [...before.get(open.id)!, ...before.get(recentDone.id)!];
    expect(await stored(kept.map((f) => f.file_key))).toEqual(kept.map(() => true));

    // The rows and the trail stay; each purge is recorded once, and a second pass finds nothing.
    for (const a of all) expect(await filesOf(a.id)).toEqual(before.get(a.id));
    expect(await Promise.all(all.map((a) => trailLength(a.id)))).toEqual(trails);
    const purges = (await db().query(`SELECT coalesce(application_document_id, issued_document_id) AS id, purged_at FROM application_file_purge ORDER BY 1`)) as { id: string; purged_at: Date }[];
    expect(purges.map((p) => p.id)).toEqual(expected.map((f) => f.id).sort());
    expect(new Set(purges.map((p) => p.purged_at.toISOString()))).toEqual(new Set([clock.now().toISOString()]));
    expect(await sut().sweep()).toEqual({ purged: 0, failed: 0 });

    // The owner's download of a purged upload answers 410 (the uploads' own check); a kept one is still served.
    const purgedDocument = expected.find((f) => f.kind === 'application_document')!;
    const download = (a: ApplicationResponse, documentId: string) => t.http().get(`/api/v1/applications/${a.code}/documents/${documentId}`).set('X-Application-Secret', secrets.get(a.id)!);
    const goneOverHttp = await download(oldDone, purgedDocument.id);
    expect({ status: goneOverHttp.status, code: goneOverHttp.body.code }).toEqual({ status: 410, code: 'DOCUMENT_PURGED' });
    expect(goneOverHttp.body.message).toEqual({ id: expect.any(String), en: expect.any(String) });
    await download(recentDone, before.get(recentDone.id)!.find((f) => f.kind === 'application_document')!.id).expect(200);

    // assertFileNotPurged (for the issued documents' downloads): 410 with a message in both languages naming the period.

    const gone = await assertFileNotPurged(db(), { applicationDocumentId: purgedDocument.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(gone).toBeInstanceOf(ApiException);
    expect((gone as ApiException).getStatus()).toBe(410);
    expect((gone as ApiException).getResponse()).toMatchObject({ code: 'DOCUMENT_PURGED', message: { id: expect.stringContaining(`${retention} hari`), en: expect.stringContaining(`${retention} days`) } });
    const purgedIssued = expected.find((f) => f.kind === 'issued_document')!;
    await expect(assertFileNotPurged(db(), { issuedDocumentId: purgedIssued.id })).rejects.toBeInstanceOf(ApiException);
    await expect(assertFileNotPurged(db(), { applicationDocumentId: kept.find((f) => f.kind === 'application_document')!.id })).resolves.toBeUndefined();
  });

  it('should keep files as long as the site says, and try a file whose delete failed again at the next pass, without holding back the others', async () => {
    // The site keeps them 60 days now: the default (365) would keep this one.
    const retention = 60;
    await t.http().patch('/api/v1/admin/sites/kota-kupang').auth(staff.kupangSiteAdmin, { type: 'bearer' }).send({ applicationFileRetentionDays: retention }).expect(200);
    clock.set(START);
    const application = await withdrawn();
    const mine = await filesOf(application.id);
    expect(mine.length).toBeGreaterThan(1);
    clock.set(new Date(START.getTime() + (retention - 1) * DAY));
    expect(await sut().sweep()).toEqual({ purged: 0, failed: 0 });
    clock.set(new Date(START.getTime() + (retention + 2) * DAY));
    const failing = mine[0].file_key;
    const remove = files().remove.bind(files());
    const spy = jest.spyOn(files(), 'remove').mockImplementation(async (key: string) => {
      if (key === failing) throw new Error('storage unavailable');
      return remove(key);
    });
    try {
      expect(await sut().sweep()).toEqual({ purged: mine.length - 1, failed: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(await stored(mine.map((f) => f.file_key))).toEqual(mine.map((f) => f.file_key === failing));
    expect(await sut().sweep()).toEqual({ purged: 1, failed: 0 });
    expect(await stored(mine.map((f) => f.file_key))).toEqual(mine.map(() => false));
  });
});
