/**
 * The White Cell console lists the MSEL in the order the era meets it (docs/facilitator-guide.md):
 * by year, a follow-up right after the inject it follows, conditional ones last.
 */
import { describe, expect, it } from 'vitest';
import { chronological } from '../../src/exercise/mselOrder';
import { era } from '../exercise/support';

describe('the console’s MSEL order', () => {
  it('era 1: by year, the follow-up after its inject, ties by serial', () => {
    const s = era('era1-enlargement');
    const entries = s.injects.map((i) => ({ serial: String(i.serial) }));
    // Scenario order is 1 2 3 4 5 6 7 8 (years 1994 1997 after-2 1998 1999 2002 1998 1996).
    expect(chronological(s, entries).map((e) => e.serial)).toEqual(['1', '8', '2', '3', '4', '7', '5', '6']);
  });

  it('an inject with no year and nothing to follow comes last; an unknown serial too', () => {
    const s = era('era1-enlargement');
    const bare = { ...s, injects: [...s.injects.filter((i) => i.serial !== 3), { ...s.injects.find((i) => i.serial === 3)!, after: undefined, year: undefined }] };
    expect(chronological(bare, [{ serial: '99' }, { serial: '3' }, { serial: '6' }, { serial: '1' }]).map((e) => e.serial)).toEqual(['1', '6', '3', '99']);
  });
});
