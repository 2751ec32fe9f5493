import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCustomer, type KnownCustomer } from '../../../src/domain/booking/customer-match';

const email = fc.constantFrom('a@x.io', 'b@x.io', 'c@x.io');
const phone = fc.constantFrom('+441', '+442', '+443');
const known = fc.uniqueArray(
  fc.record({
    id: fc.uuid(),
    email: fc.option(email, { nil: null }),
    phone: fc.option(phone, { nil: null }),
  }),
  { selector: (c) => c.id, maxLength: 6 },
);
const identity = fc
  .record({ email: fc.option(email, { nil: null }), phone: fc.option(phone, { nil: null }) })
  .filter((i) => i.email !== null || i.phone !== null);

describe('matchCustomer: by email, else by phone, else a new customer', () => {
  it('the email match wins over a phone match of another customer', () => {
    const list: KnownCustomer[] = [
      { id: 'by-phone', email: 'other@x.io', phone: '+441' },
      { id: 'by-email', email: 'a@x.io', phone: null },
    ];
    expect(matchCustomer(list, { email: 'a@x.io', phone: '+441' })).toBe('by-email');
    expect(matchCustomer(list, { email: 'new@x.io', phone: '+441' })).toBe('by-phone');
    expect(matchCustomer(list, { email: 'new@x.io', phone: '+449' })).toBeNull();
    expect(matchCustomer(list, { email: null, phone: null })).toBeNull();
  });

  it('returns a customer sharing the email when there is one, else one sharing the phone, else null', () => {
    fc.assert(
      fc.property(known, identity, (list, who) => {
        const id = matchCustomer(list, who);
        const byEmail = list.filter((c) => who.email !== null && c.email === who.email);
        const byPhone = list.filter((c) => who.phone !== null && c.phone === who.phone);
        if (byEmail.length > 0) expect(byEmail.map((c) => c.id)).toContain(id);
        else if (byPhone.length > 0) expect(byPhone.map((c) => c.id)).toContain(id);
        else expect(id).toBeNull();
      }),
    );
  });

  it('does not depend on the order of what the read returned when emails and phones are unique', () => {
    fc.assert(
      fc.property(known, identity, (list, who) => {
        fc.pre(
          new Set(list.map((c) => c.email).filter(Boolean)).size ===
            list.filter((c) => c.email).length,
        );
        fc.pre(
          new Set(list.map((c) => c.phone).filter(Boolean)).size ===
            list.filter((c) => c.phone).length,
        );
        expect(matchCustomer([...list].reverse(), who)).toBe(matchCustomer(list, who));
      }),
    );
  });

  it('null identities never match a customer without an email or phone', () => {
    fc.assert(
      fc.property(known, (list) => {
        const blank = list.map((c) => ({ ...c, email: null, phone: null }));
        expect(matchCustomer(blank, { email: 'a@x.io', phone: '+441' })).toBeNull();
      }),
    );
  });
});
