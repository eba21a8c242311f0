import type { BookingPolicy, OnlineTicketPolicy, QueuePolicy, UpdateComplaintSettingsRequest } from '@mpp/contracts';

import type { AdminApi } from './admin-api.service';
import type { PolicyFormSpec } from './policy-form.component';

/** Kebijakan's policies, in the order a manager thinks of them: the hall, bookings, tickets from home, complaints. */
export function policyForms(api: AdminApi): {
  queue: PolicyFormSpec<QueuePolicy>;
  booking: PolicyFormSpec<BookingPolicy>;
  online: PolicyFormSpec<OnlineTicketPolicy>;
  complaints: PolicyFormSpec<UpdateComplaintSettingsRequest>;
} {
  return {
    queue: {
      id: 'queue-policy',
      heading: 'admin.policies.queue.heading',
      intro: 'admin.policies.queue.intro',
      fields: [
        {
          key: 'mode',
          testId: 'queue-mode',
          label: 'admin.policies.queue.mode',
          kind: 'choice',
          choices: [
            { value: 'priority_first', label: 'admin.policies.queue.mode.priority_first' },
            { value: 'interleave', label: 'admin.policies.queue.mode.interleave' },
          ],
        },
        { key: 'interleaveEvery', testId: 'queue-interleave-every', label: 'admin.policies.queue.interleaveEvery', hint: 'admin.policies.queue.interleaveEveryHint', kind: 'number', min: 1, max: 50 },
        { key: 'maxRecalls', testId: 'queue-max-recalls', label: 'admin.policies.queue.maxRecalls', hint: 'admin.policies.queue.maxRecallsHint', kind: 'number', min: 0, max: 10 },
        { key: 'allowPick', testId: 'queue-allow-pick', label: 'admin.policies.queue.allowPick', hint: 'admin.policies.queue.allowPickHint', kind: 'boolean' },
      ],
      load: (site) => api.queuePolicy(site),
      save: (site, policy) => api.setQueuePolicy(site, policy),
      saved: (p) => ({ key: `admin.policies.queue.saved.${p.mode}`, params: { every: p.interleaveEvery, recalls: p.maxRecalls } }),
    },
    booking: {
      id: 'booking-policy',
      heading: 'admin.policies.booking.heading',
      intro: 'admin.policies.booking.intro',
      fields: [
        { key: 'checkInEarlyMinutes', testId: 'booking-early', label: 'admin.policies.booking.early', hint: 'admin.policies.booking.minutesHint', kind: 'number', min: 0, max: 240 },
        { key: 'checkInLateMinutes', testId: 'booking-late', label: 'admin.policies.booking.late', hint: 'admin.policies.booking.minutesHint', kind: 'number', min: 0, max: 240 },
        {
          key: 'latePolicy',
          testId: 'booking-late-policy',
          label: 'admin.policies.booking.latePolicy',
          kind: 'choice',
          choices: [
            { value: 'walk_in', label: 'admin.policies.booking.latePolicy.walk_in' },
            { value: 'refuse', label: 'admin.policies.booking.latePolicy.refuse' },
          ],
        },
        { key: 'weeklyLimitPerNik', testId: 'booking-weekly-limit', label: 'admin.policies.booking.weeklyLimit', hint: 'admin.policies.booking.weeklyLimitHint', kind: 'number', min: 1, max: 50 },
      ],
      load: (site) => api.bookingPolicy(site),
      save: (site, policy) => api.setBookingPolicy(site, policy),
      saved: (p) => ({ key: 'admin.policies.booking.saved', params: { early: p.checkInEarlyMinutes, late: p.checkInLateMinutes, limit: p.weeklyLimitPerNik } }),
    },
    online: {
      id: 'online-policy',
      heading: 'admin.policies.online.heading',
      intro: 'admin.policies.online.intro',
      fields: [
        { key: 'perServiceDaily', testId: 'online-per-service', label: 'admin.policies.online.perService', hint: 'admin.policies.online.perServiceHint', kind: 'number', min: 1, max: 10 },
        { key: 'perDay', testId: 'online-per-day', label: 'admin.policies.online.perDay', hint: 'admin.policies.online.perDayHint', kind: 'number', min: 1, max: 20 },
      ],
      load: (site) => api.onlineTicketPolicy(site),
      save: (site, policy) => api.setOnlineTicketPolicy(site, policy),
      saved: (p) => ({ key: 'admin.policies.online.saved', params: { perService: p.perServiceDaily, perDay: p.perDay } }),
    },
    complaints: {
      id: 'complaint-settings',
      heading: 'admin.policies.complaints.heading',
      intro: 'admin.policies.complaints.intro',
      fields: [
        { key: 'firstResponseDays', testId: 'complaint-first-response', label: 'admin.policies.complaints.firstResponse', hint: 'admin.policies.complaints.firstResponseHint', kind: 'optional-number', min: 1, max: 60 },
        { key: 'resolutionDays', testId: 'complaint-resolution', label: 'admin.policies.complaints.resolution', hint: 'admin.policies.complaints.resolutionHint', kind: 'optional-number', min: 1, max: 60 },
        { key: 'untouchedDays', testId: 'complaint-untouched', label: 'admin.policies.complaints.untouched', hint: 'admin.policies.complaints.untouchedHint', kind: 'number', min: 1, max: 60 },
        { key: 'reopenDays', testId: 'complaint-reopen', label: 'admin.policies.complaints.reopen', hint: 'admin.policies.complaints.reopenHint', kind: 'number', min: 1, max: 90 },
      ],
      load: (site) => api.complaintSettings(site),
      save: (site, settings) => api.setComplaintSettings(site, settings),
      saved: (p) => ({
        key:
          p.firstResponseDays !== null && p.resolutionDays !== null
            ? 'admin.policies.complaints.saved'
            : p.firstResponseDays === null && p.resolutionDays === null
              ? 'admin.policies.complaints.savedLegal'
              : 'admin.policies.complaints.savedMixed',
        params: { first: p.firstResponseDays ?? '', resolution: p.resolutionDays ?? '', untouched: p.untouchedDays, reopen: p.reopenDays },
      }),
    },
  };
}
