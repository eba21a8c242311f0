import { computed, inject, type Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { StaffUserResponse } from '@mpp/contracts';
import { catchError, of, switchMap } from 'rxjs';

import { AuthSession } from '../auth/auth-session.service';
import { ComplaintsApi } from './complaints-api.service';

/**
 * The staff accounts the signed-in admin may list (GET /admin/users, as the admin screens use it);
 * officers cannot list accounts, so they get none and see "you" or "another officer". Call in an
 * injection context.
 */
export function staffAccounts(): Signal<StaffUserResponse[]> {
  const session = inject(AuthSession);
  const api = inject(ComplaintsApi);
  const lists = computed(() => {
    const role = session.user()?.role;
    return role === 'system_admin' || role === 'site_admin' || role === 'agency_admin';
  });
  return toSignal(toObservable(lists).pipe(switchMap((yes) => (yes ? api.staff().pipe(catchError(() => of<StaffUserResponse[]>([]))) : of<StaffUserResponse[]>([])))), {
    initialValue: [] as StaffUserResponse[],
  });
}
