/** @mpp/domain: pure rules shared by the API and the apps. No I/O, no framework imports. */
export * from './calendar';
export * from './ikm';
export * from './nik';
export * from './phone';
export * from './person-name';
export * from './text';
export * from './queue-order';
export * from './queue-state';
export * from './ticket-number';
export * from './wait-estimate';
export * from './queue-position';
export * from './booking-slots';
export * from './booking-code';
export * from './check-in-window';
export * from './booking-limits';
export * from './hall-display';
export * from './site-status';
