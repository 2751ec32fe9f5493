// The server's test support as a package entry (`@slotwise/server/test-support`) for the other
// workspaces' tests (e2e): the real app on a fresh database, and the migrated template it clones.
export { startTestApp, signupOwner, type TestApp } from './test-app';
export { default as setupTestDatabases } from './global-setup';
export { postmarkStandIn } from './postmark-standin';
