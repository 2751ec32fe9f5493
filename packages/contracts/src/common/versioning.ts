/**
 * Dated API versions (docs/guides/api-versioning.md). A request names the version it was written
 * against in `Slotwise-Version`; without the header it gets the latest. A breaking change adds a
 * new date here and keeps serving the older ones as they were; additive changes (a new route, a
 * new optional field, a new error code under an existing status) need no new version.
 */
export const API_VERSION_HEADER = 'Slotwise-Version';
/** Oldest first. */
export const API_VERSIONS = ['2026-12-01'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
/** The current version: what a request without the header gets, and what the SDK pins. */
export const API_VERSION: ApiVersion = API_VERSIONS[API_VERSIONS.length - 1]!;
