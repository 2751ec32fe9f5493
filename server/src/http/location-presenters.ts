import type {
  bookingLocationSchema,
  locationSchema,
  publicLocationSchema,
} from '@slotwise/contracts';
import type { LocationRecord } from '../ports/records';
import { iso, type Dto } from './dto';

const addressDto = (l: LocationRecord) => ({
  line1: l.address.line1,
  line2: l.address.line2,
  city: l.address.city,
  region: l.address.region,
  postalCode: l.address.postalCode,
  country: l.address.country,
});

export const locationDto = (l: LocationRecord) =>
  ({
    id: l.id,
    name: l.name,
    address: addressDto(l),
    phone: l.phone,
    timeZone: l.timeZone,
    active: l.active,
    sortOrder: l.sortOrder,
    providerIds: l.providerIds,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
  }) satisfies Dto<typeof locationSchema>;

export const publicLocationDto = (l: LocationRecord) =>
  ({
    id: l.id,
    name: l.name,
    address: addressDto(l),
    phone: l.phone,
    timeZone: l.timeZone,
    sortOrder: l.sortOrder,
  }) satisfies Dto<typeof publicLocationSchema>;

export const bookingLocationDto = (l: LocationRecord | null) =>
  (l
    ? { id: l.id, name: l.name, address: addressDto(l), phone: l.phone, timeZone: l.timeZone }
    : null) satisfies Dto<typeof bookingLocationSchema>;
