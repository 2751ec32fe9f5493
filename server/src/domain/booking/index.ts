// Public surface of the booking domain. Money lives one level up (domain/money) because
// payments and reports use it too; it is re-exported here for convenience.
export * from './lifecycle';
export * from './confirmation-code';
export * from './cancellation-policy';
export * from './ics';
export * from './instant';
export * from './customer-match';
export * from '../money';
