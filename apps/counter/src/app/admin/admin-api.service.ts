import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  BookingPolicy,
  ClosureResponse,
  ComplaintSettingsResponse,
  CounterResponse,
  DeviceKind,
  DeviceRegisteredResponse,
  DeviceResponse,
  OnlineTicketPolicy,
  OpeningHours,
  QueuePolicy,
  SiteFacility,
  SiteResponse,
  StaffRole,
  StaffUserResponse,
  UpdateComplaintSettingsRequest,
} from '@mpp/contracts';
import { API_BASE_URL } from '@mpp/ui';
import type { Observable } from 'rxjs';

export interface NewStaffUser {
  email: string;
  fullName: string;
  password: string;
  role: StaffRole;
  siteCode?: string;
  agencyId?: string;
}

export interface StaffUserChange {
  fullName?: string;
  password?: string;
  active?: boolean;
}

/** What the admin pages change of an MPP (`PATCH /admin/sites/{code}` replaces each field sent). */
export interface SiteChange {
  name?: string;
  address?: string;
  closesOnCutiBersama?: boolean;
  timeZone?: string;
  openingHours?: OpeningHours[];
  facilities?: SiteFacility[];
}

/** The administration endpoints of the API (`/admin/...`), as they are: the screens add no rules. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  listUsers(): Observable<StaffUserResponse[]> {
    return this.http.get<StaffUserResponse[]>(`${this.baseUrl}/admin/users`);
  }

  createUser(user: NewStaffUser): Observable<StaffUserResponse> {
    return this.http.post<StaffUserResponse>(`${this.baseUrl}/admin/users`, user);
  }

  updateUser(id: string, change: StaffUserChange): Observable<StaffUserResponse> {
    return this.http.patch<StaffUserResponse>(`${this.baseUrl}/admin/users/${encodeURIComponent(id)}`, change);
  }

  listDevices(siteCode: string): Observable<DeviceResponse[]> {
    return this.http.get<DeviceResponse[]>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/devices`);
  }

  registerDevice(siteCode: string, device: { name: string; kind: DeviceKind }): Observable<DeviceRegisteredResponse> {
    return this.http.post<DeviceRegisteredResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/devices`, device);
  }

  /** Every loket of the MPP, what it serves and what it is doing (the queue's read, for staff). */
  listCounters(siteCode: string): Observable<CounterResponse[]> {
    return this.http.get<CounterResponse[]>(`${this.baseUrl}/queue/sites/${encodeURIComponent(siteCode)}/counters`);
  }

  createCounter(siteCode: string, counter: { number: number; name: string; serviceIds: string[] }): Observable<CounterResponse> {
    return this.http.post<CounterResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/counters`, counter);
  }

  updateCounter(id: string, change: { name?: string; serviceIds?: string[] }): Observable<CounterResponse> {
    return this.http.patch<CounterResponse>(`${this.baseUrl}/admin/counters/${encodeURIComponent(id)}`, change);
  }

  onlineTicketPolicy(siteCode: string): Observable<OnlineTicketPolicy> {
    return this.http.get<OnlineTicketPolicy>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/online-ticket-policy`);
  }

  setOnlineTicketPolicy(siteCode: string, policy: OnlineTicketPolicy): Observable<OnlineTicketPolicy> {
    return this.http.put<OnlineTicketPolicy>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/online-ticket-policy`, policy);
  }

  complaintSettings(siteCode: string): Observable<ComplaintSettingsResponse> {
    return this.http.get<ComplaintSettingsResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/complaint-settings`);
  }

  setComplaintSettings(siteCode: string, settings: UpdateComplaintSettingsRequest): Observable<ComplaintSettingsResponse> {
    return this.http.put<ComplaintSettingsResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/complaint-settings`, settings);
  }

  queuePolicy(siteCode: string): Observable<QueuePolicy> {
    return this.http.get<QueuePolicy>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/queue-policy`);
  }

  setQueuePolicy(siteCode: string, policy: QueuePolicy): Observable<QueuePolicy> {
    return this.http.put<QueuePolicy>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/queue-policy`, policy);
  }

  bookingPolicy(siteCode: string): Observable<BookingPolicy> {
    return this.http.get<BookingPolicy>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/booking-policy`);
  }

  setBookingPolicy(siteCode: string, policy: BookingPolicy): Observable<BookingPolicy> {
    return this.http.put<BookingPolicy>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/booking-policy`, policy);
  }

  updateSite(siteCode: string, change: SiteChange): Observable<SiteResponse> {
    return this.http.patch<SiteResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}`, change);
  }

  addClosure(siteCode: string, closure: { date: string; name: string }): Observable<ClosureResponse> {
    return this.http.post<ClosureResponse>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/closures`, closure);
  }

  removeClosure(siteCode: string, id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/admin/sites/${encodeURIComponent(siteCode)}/closures/${encodeURIComponent(id)}`);
  }

  revokeDevice(id: string): Observable<DeviceResponse> {
    return this.http.post<DeviceResponse>(`${this.baseUrl}/admin/devices/${encodeURIComponent(id)}/revoke`, {});
  }
}
