import { randomBytes, randomUUID } from 'node:crypto';
import { SURVEY_TOKEN_LENGTH, SurveyTokenSealer, type SurveySubject } from './survey-token';

function newSubject(overrides: Partial<SurveySubject> = {}): SurveySubject {
  return { kind: 'ticket', id: randomUUID(), siteId: randomUUID(), agencyId: randomUUID(), serviceId: randomUUID(), date: '2026-11-23', ...overrides };
}

describe(SurveyTokenSealer.name, () => {
  const sut = new SurveyTokenSealer(randomBytes(32));

  it('should open what it sealed: site, agency, service, date and kind', () => {
    const subject = newSubject({ kind: 'application' });

    const claims = sut.open(sut.seal(subject));

    expect(claims).toMatchObject({ kind: 'application', siteId: subject.siteId, agencyId: subject.agencyId, serviceId: subject.serviceId, date: subject.date });
  });

  it('should give the same token for the same ticket and another for another ticket', () => {
    const subject = newSubject();
    const other = { ...subject, id: randomUUID() };

    expect(sut.seal(subject)).toBe(sut.seal({ ...subject }));
    expect(sut.seal(other)).not.toBe(sut.seal(subject));
    expect(SurveyTokenSealer.usedHash(sut.open(sut.seal(other))!)).not.toEqual(SurveyTokenSealer.usedHash(sut.open(sut.seal(subject))!));
  });

  it('should not carry the ticket id in any readable form', () => {
    const subject = newSubject();
    const token = sut.seal(subject);
    const raw = Buffer.from(token, 'base64url');

    expect(raw.includes(Buffer.from(subject.id.replace(/-/g, ''), 'hex'))).toBe(false);
    expect(raw.includes(Buffer.from(subject.siteId.replace(/-/g, ''), 'hex'))).toBe(false);
    expect(token).toHaveLength(SURVEY_TOKEN_LENGTH);
  });

  it('should refuse an altered, truncated or foreign token', () => {
    const token = sut.seal(newSubject());
    const flipped = Buffer.from(token, 'base64url');
    flipped[40] ^= 1;

    expect(sut.open(flipped.toString('base64url'))).toBeNull();
    expect(sut.open(token.slice(0, -2))).toBeNull();
    expect(sut.open(new SurveyTokenSealer(randomBytes(32)).seal(newSubject()))).toBeNull();
    expect(sut.open('not a token')).toBeNull();
  });

  it('should end the survey fourteen days after the service', () => {
    expect(SurveyTokenSealer.lastDay({ date: '2026-12-25' })).toBe('2027-01-08');
  });
});
