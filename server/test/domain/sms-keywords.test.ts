import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { e164, HELP_KEYWORDS, OPT_IN_KEYWORDS, OPT_OUT_KEYWORDS, smsKeyword } from '../../src/domain/messages/sms-keywords';

/** Any casing of a word: "stop", "Stop", "sToP". */
const anyCase = (word: string) =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const space = fc.constantFrom('', ' ', '  ', '\n', '\t ');

describe('smsKeyword', () => {
  it('an opt-out keyword in any casing, padded, with a full stop or !, is an opt-out', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPT_OUT_KEYWORDS).chain(anyCase), space, space, fc.constantFrom('', '.', '!'), (w, a, b, p) => {
        expect(smsKeyword(`${a}${w}${p}${b}`)).toBe('opt_out');
      }),
    );
  });

  it('START, YES, UNSTOP renew; HELP and INFO ask for help', () => {
    fc.assert(fc.property(fc.constantFrom(...OPT_IN_KEYWORDS).chain(anyCase), (w) => void expect(smsKeyword(w)).toBe('opt_in')));
    fc.assert(fc.property(fc.constantFrom(...HELP_KEYWORDS).chain(anyCase), (w) => void expect(smsKeyword(w)).toBe('help')));
  });

  it('a keyword inside a sentence is not a keyword (Twilio agrees): "please stop", "stop it"', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPT_OUT_KEYWORDS, ...OPT_IN_KEYWORDS), fc.stringMatching(/^[a-z]{1,8}$/), fc.boolean(), (w, other, before) => {
        expect(smsKeyword(before ? `${other} ${w}` : `${w} ${other}`)).toBeNull();
      }),
    );
    expect(smsKeyword('')).toBeNull();
    expect(smsKeyword('Thanks!')).toBeNull();
  });
});

describe('e164', () => {
  it('keeps the digits after a +, whatever the punctuation, and refuses what is not a phone number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{6,15}$/), fc.constantFrom(' ', '-', '.', ''), (digits, sep) => {
        const spaced = `+${digits.slice(0, 3)}${sep}${digits.slice(3)}`;
        expect(e164(spaced)).toBe(`+${digits}`);
      }),
    );
    expect(e164('+1 (415) 555-0100')).toBe('+14155550100');
    expect(e164('whatsapp:+14155550100')).toBeNull();
    expect(e164('12345')).toBeNull();
  });
});
