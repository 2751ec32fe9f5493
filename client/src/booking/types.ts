import type { z } from 'zod';
import type {
  Availability,
  BookingParticipants as ContractBookingParticipants,
  createdBookingSchema,
  intakeFieldSchema,
  IntakeValue as ContractIntakeValue,
  ManageBooking as ContractManageBooking,
  PublicLocation as ContractPublicLocation,
  PublicProvider as ContractPublicProvider,
  PublicService as ContractPublicService,
  publicTenantSchema,
} from '@slotwise/contracts';

/** The booking app's view of the API, inferred from the contracts (never re-declared). */
export type PublicTenant = z.infer<typeof publicTenantSchema>;
export type PublicService = ContractPublicService;
export type PublicProvider = ContractPublicProvider;
export type PublicLocation = ContractPublicLocation;
export type Slot = Availability['days'][number]['slots'][number];
export type IntakeField = z.infer<typeof intakeFieldSchema>;
export type IntakeValue = ContractIntakeValue;
export type CreatedBooking = z.infer<typeof createdBookingSchema>;
export type ManageBooking = ContractManageBooking;
export type BookingParticipants = ContractBookingParticipants;
