/**
 * PostgreSQL DATE columns reach Prisma as Dates at UTC midnight. These keep calendar dates as
 * 'YYYY-MM-DD' strings everywhere above the adapter, so no zone can shift them by a day.
 */
export const dateColumnToLocal = (d: Date): string => d.toISOString().slice(0, 10);
export const localToDateColumn = (s: string): Date => new Date(`${s}T00:00:00.000Z`);
