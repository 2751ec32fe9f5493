export * from './busy';
export * from './backoff';
