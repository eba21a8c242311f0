import { randomBytes, randomUUID } from 'node:crypto';
import { applicationSurveySubject, surveyInvitation, surveyLink } from './survey-invitation';
import { SurveyTokenSealer } from './survey-token';

describe(applicationSurveySubject.name, () => {
  it('should seal into a token of kind application for the row\'s site, agency, service and the given day', () => {
    const row = { id: randomUUID(), site_id: randomUUID(), agency_id: randomUUID(), service_id: randomUUID() };
    const sealer = new SurveyTokenSealer(randomBytes(32));

    const sut = sealer.open(sealer.seal(applicationSurveySubject(row, '2026-12-04')));

    expect(sut).toMatchObject({ kind: 'application', siteId: row.site_id, agencyId: row.agency_id, serviceId: row.service_id, date: '2026-12-04' });
  });
});

describe(surveyLink.name, () => {
  it('should build the portal address from PUBLIC_URL, or the path without it', () => {
    expect(surveyLink('abc', 'https://mpp.kupangkota.go.id/')).toBe('https://mpp.kupangkota.go.id/survei/abc');
    expect(surveyLink('abc', null)).toBe('/survei/abc');
  });
});

describe(surveyInvitation.name, () => {
  it('should invite in the application\'s language with the link', () => {
    expect(surveyInvitation('id', 'https://x/survei/t')).toMatch(/^Bagaimana pelayanan kami\?.*https:\/\/x\/survei\/t$/);
    expect(surveyInvitation('en', 'https://x/survei/t')).toMatch(/^How did we do\?.*https:\/\/x\/survei\/t$/);
  });
});
