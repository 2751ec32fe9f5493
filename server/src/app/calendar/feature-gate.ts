/**
 * THE place where tenant plans gate calendar sync (issue: tenant plans, built in parallel).
 * Called before a connection is started or completed, and before a sync or a booking write
 * touches a vendor. Today every tenant may sync; the plans work replaces the body with its
 * entitlement check (throwing AppError 'payment_required' when the plan lacks the feature).
 */
export type CalendarSyncGate = (tenantId: string) => Promise<void>;

export const allowCalendarSync: CalendarSyncGate = async () => undefined;
