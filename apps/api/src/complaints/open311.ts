import type { ComplaintStatusName, ComplaintSubjectName } from '@mpp/contracts';
import { COMPLAINT_STATUS_LABELS, COMPLAINT_SUBJECT_LABELS, isComplaintOpen } from '@mpp/domain';
import { roundForExport } from './complaint-location';

/**
 * One service request in the fields of Open311 GeoReport v2 (`GET requests.json`), the neutral
 * shape this export uses for other systems (SP4N-LAPOR! among them). Fields the complaint does not
 * have (address, zip code) are null, as the specification allows; so are the coordinates of a
 * complaint filed without a location, and media always (below).
 */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** What the mapping reads of a complaint (the text already decrypted; never the reporter). */
export interface ExportedComplaint {
  code: string;
  status: ComplaintStatusName;
  subject: ComplaintSubjectName;
  text: string;
  serviceCode: string | null;
  serviceName: string | null;
  agencyName: string | null;
  siteName: string;
  createdAt: Date;
  updatedAt: Date;
  resolutionDueAt: Date;
  /** Where it happened, exact as stored (decrypted); rounded by the mapping. */
  location: { lat: number; lng: number } | null;
}

/**
 * A complaint as an Open311 request: the tracking code as its id, open until answered or
 * closed, the service (or, without one, the subject as `mpp-<subject>`), the agency responsible
 * (the MPP itself for its facilities), the resolution due time while it is open, the location
 * rounded to three decimals (about 100 m: the neighbourhood, not the reporter's house). The
 * reporter's identity is never part of it, whatever the complaint's anonymity. `media_url` stays
 * null: the photos are read only by the reporter and the complaint's handlers, behind a login, and
 * may show faces; another system gets no link it could open (or leak).
 */
export function toOpen311(c: ExportedComplaint): Open311Request {
  const open = isComplaintOpen(c.status);
  return {
    service_request_id: c.code,
    status: open ? 'open' : 'closed',
    status_notes: COMPLAINT_STATUS_LABELS[c.status].id,
    service_name: c.serviceName ?? COMPLAINT_SUBJECT_LABELS[c.subject].id,
    service_code: c.serviceCode ?? `mpp-${c.subject.replace(/_/g, '-')}`,
    description: c.text,
    agency_responsible: c.agencyName ?? c.siteName,
    service_notice: null,
    requested_datetime: c.createdAt.toISOString(),
    updated_datetime: c.updatedAt.toISOString(),
    expected_datetime: open ? c.resolutionDueAt.toISOString() : null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: c.location ? roundForExport(c.location.lat) : null,
    long: c.location ? roundForExport(c.location.lng) : null,
    media_url: null,
  };
}
