/** @mpp/domain: pure rules shared by the API and the apps. No I/O, no framework imports. */
export * from './calendar';
export * from './ikm';
export * from './nik';
export * from './phone';
export * from './text';
