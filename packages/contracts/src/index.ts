export * from './common/contract';
export * from './common/errors';
export * from './common/fields';
export * from './common/pagination';
export * from './common/primitives';
export * from './common/webhooks';
export * from './common/versioning';
export * from './routes/api-keys';
export * from './routes/auth';
export * from './routes/availability';
export * from './routes/bookings';
export * from './routes/customers';
export * from './routes/health';
export * from './routes/intake-fields';
export * from './routes/manage';
export * from './routes/members';
export * from './routes/providers';
export * from './routes/reports';
export * from './routes/schedules';
export * from './routes/services';
export * from './routes/tenant';
export * from './routes/waitlist';
export * from './routes/webhooks';
export { contract, type Contract } from './contract';
export { generateOpenApi } from './openapi';
<<<<<<< HEAD
export { schemaNames } from './schema-names';
=======
export * from './routes/messages';
>>>>>>> wt-msgops
