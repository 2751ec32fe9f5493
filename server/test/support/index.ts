// The server's test support as a package entry (`@slotwise/server/test-support`) for the other
// workspaces' tests (e2e): the real app on a fresh database, and the migrated template it clones.
export { startTestApp, signupOwner, type TestApp } from './test-app';
export { default as setupTestDatabases } from './global-setup';
// Vendor stand-ins the official SDKs are pointed at (e2e reads the emails a person would get).
export { postmarkStandIn } from './postmark-standin';
export { twilioStandIn } from './twilio-standin';
