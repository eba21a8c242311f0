import { toOpen311, type ExportedComplaint } from './open311';

describe(toOpen311.name, () => {
  const base: ExportedComplaint = {
    code: 'K7Q2M9XA',
    status: 'in_progress',
    subject: 'service',
    text: 'Antrean berhenti dua jam.',
    serviceCode: 'dukcapil-ktp-el-baru',
    serviceName: 'Perekaman KTP-el baru',
    agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
    siteName: 'MPP Kota Kupang',
    createdAt: new Date('2026-12-03T02:00:00Z'),
    updatedAt: new Date('2026-12-04T03:00:00Z'),
    resolutionDueAt: new Date('2027-02-01T07:00:00Z'),
    location: null,
  };

  it('should give an open complaint its code, service, agency, dates and the resolution due time', () => {
    const sut = toOpen311(base);
    expect(sut).toMatchObject({
      service_request_id: base.code,
      status: 'open',
      status_notes: 'sedang ditangani',
      service_code: base.serviceCode,
      service_name: base.serviceName,
      description: base.text,
      agency_responsible: base.agencyName,
      requested_datetime: base.createdAt.toISOString(),
      updated_datetime: base.updatedAt.toISOString(),
      expected_datetime: base.resolutionDueAt.toISOString(),
    });
  });

  it('should close an answered or closed complaint and drop its expected time', () => {
    for (const status of ['answered', 'closed'] as const) {
      const sut = toOpen311({ ...base, status });
      expect(sut.status).toBe('closed');
      expect(sut.expected_datetime).toBeNull();
    }
    expect(toOpen311({ ...base, status: 'reopened' }).status).toBe('open');
  });

  it('should name the subject and the MPP when there is no service or agency', () => {
    const sut = toOpen311({ ...base, subject: 'officer_conduct', serviceCode: null, serviceName: null, agencyName: null });
    expect(sut).toMatchObject({ service_code: 'mpp-officer-conduct', service_name: 'perilaku petugas', agency_responsible: base.siteName });
  });

  it('should round the location to three decimals (about 100 m) and keep media empty', () => {
    const sut = toOpen311({ ...base, location: { lat: -10.172749, lng: 123.607151 } });
    expect({ lat: sut.lat, long: sut.long, media_url: sut.media_url }).toEqual({ lat: -10.173, long: 123.607, media_url: null });
    expect(toOpen311({ ...base, location: { lat: 0.0004, lng: -179.9996 } })).toMatchObject({ lat: 0, long: -180 });
    expect(toOpen311(base)).toMatchObject({ lat: null, long: null, media_url: null });
  });

  it('should carry every GeoReport v2 field, and nothing of the reporter', () => {
    const sut = toOpen311(base);
    expect(Object.keys(sut).sort()).toEqual(
      [
        'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
        'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
      ].sort(),
    );
  });
});
