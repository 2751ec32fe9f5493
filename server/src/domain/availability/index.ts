export type {
  AvailabilityQuery,
  Blackout,
  BusyInterval,
  DateOverride,
  BookingLimits,
  DayLoad,
  ExistingBooking,
  LocalDate,
  LocalSlot,
  OccupiedRanges,
  ParticipantMode,
  ResourceAllocation,
  ResourceInput,
  TeamSettings,
  ProviderInput,
  ServiceSettings,
  Slot,
  SlotDay,
  WallTime,
  WeeklyRule,
} from './types';
export { FILL_MARGIN_MS, computeSlots, findSlot } from './slots';
export { assignProvider, assignProviderForSlot, countBookingsPerProviderOnDay } from './assignment';
export { forEachLocalSlot, groupSlotsByLocalDate, type LocalView } from './group-by-day';
export { compareProviders, orderProviders } from './provider-order';
export { occupiedRange } from './busy';
export { wallIntervalToMinutes } from './working-intervals';
export { classSessionKey, peakSessions } from './team';
export { fitsSite, resourceSite, sitedProviders } from './site';
