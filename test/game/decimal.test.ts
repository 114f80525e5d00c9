/**
 * Amounts typed with a point or a comma (src/game/ui/decimal.ts): what a field reads, what it
 * refuses, and how it shows an amount in each language.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../src/i18n/index';
import { decimalText, readDecimal } from '../../src/game/ui/decimal';

afterAll(() => initI18n('en'));

describe('readDecimal', () => {
  it('reads a point or a comma as the decimal mark, and spaces as nothing', () => {
    expect(readDecimal('1.5')).toBe(1.5);
    expect(readDecimal('1,5')).toBe(1.5);
    expect(readDecimal(' 0,25 ')).toBe(0.25);
    expect(readDecimal('1\u202f000,50')).toBe(1000.5);
    expect(readDecimal(',5')).toBe(0.5);
    expect(readDecimal('3')).toBe(3);
    expect(readDecimal('2.')).toBe(2);
  });

  it('refuses what is not one amount (it never becomes another number)', () => {
    for (const text of ['', ' ', 'abc', '1,2,3', '1.000,50', '1e3', '1,5 M€', '--1', '.', '0x10']) expect(readDecimal(text), text).toBeNull();
  });
});

describe('decimalText', () => {
  it("writes the game's language's decimal mark, without grouping, and reads back to the same amount", () => {
    initI18n('en');
    expect(decimalText(1234.5, 2)).toBe('1234.50');
    initI18n('fr');
    expect(decimalText(1234.5, 2)).toBe('1234,50');
    for (const v of [0, 0.1, 2.25, 17.3]) expect(readDecimal(decimalText(v, 2))).toBeCloseTo(v, 10);
  });
});
