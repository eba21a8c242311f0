export * from './auth';
export * from './catalogue';
export * from './errors';
export * from './queue';
export * from './booking';
export * from './citizen';
export * from './portal-home';
export * from './online-ticket';
