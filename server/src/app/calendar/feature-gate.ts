/**
 * THE place where tenant plans gate calendar sync. Called before a connection is started or
 * completed, and before a sync or a booking write touches a vendor. The composition root wires it
 * to the plans gate (app/plans/gate.ts, feature `calendar_sync`), which throws AppError
 * 'payment_required' when PLANS_ENABLED and the tenant's plan lacks the feature.
 */
export type CalendarSyncGate = (tenantId: string) => Promise<void>;

/** Every tenant may sync (tests and deployments without plans). */
export const allowCalendarSync: CalendarSyncGate = async () => undefined;
