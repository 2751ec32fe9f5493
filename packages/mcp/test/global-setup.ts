// The server's test databases: a migrated template that each test file clones.
export { setupTestDatabases as default } from '@slotwise/server/test-support';
