import { InjectionToken } from '@angular/core';

/**
 * Where the API lives. The API serves the apps on the same origin, so the default is the absolute
 * path `/api/v1` (not relative to the app's base href).
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api/v1',
});
