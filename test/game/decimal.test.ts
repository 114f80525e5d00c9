/**
 * Amounts typed with a point or a comma (src/game/ui/decimal.ts): what a field reads, what it
 * refuses, and how it shows an amount in each language.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../src/i18n/index';
import { decimalText, readAmount, readDecimal, readNumber } from '../../src/game/ui/decimal';

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

describe('readAmount', () => {
  it('takes a sum of money of zero or more, and refuses a negative one (a red cell\'s "-3" was dropped without a word)', () => {
    expect(readAmount('1,5')).toBe(1.5);
    expect(readAmount('0')).toBe(0);
    expect(readAmount('-3')).toBeNull();
    expect(readAmount('-0,5')).toBeNull();
    expect(readAmount('abc')).toBeNull();
  });
});

describe('readNumber', () => {
  it('takes a whole number within its bounds, and only digits for it', () => {
    const seed = { min: 0, max: 2 ** 31 - 1, whole: true };
    expect(readNumber('4242', seed)).toBe(4242);
    expect(readNumber(' 1 000 ', seed)).toBe(1000);
    expect(readNumber('0', seed)).toBe(0);
    // "2,5" in a whole-number field came through the browser's number field as 25: here it is refused, as is "1,000".
    for (const text of ['2,5', '1,000', '2.0', '-1', '2147483648', '', 'abc', '1e3']) expect(readNumber(text, seed), text).toBeNull();
  });

  it('takes a decimal with a point or a comma where fractions make sense, within its bounds', () => {
    const minutes = { min: 0, max: 240 };
    expect(readNumber('2,5', minutes)).toBe(2.5);
    expect(readNumber('2.5', minutes)).toBe(2.5);
    expect(readNumber('240', minutes)).toBe(240);
    for (const text of ['240,5', '-0,5', 'deux', '']) expect(readNumber(text, minutes), text).toBeNull();
  });
});

describe('decimalText', () => {
  it("writes the game's language's decimal mark, without grouping, and reads back to the same amount", () => {
    initI18n('en');
    expect(decimalText(1234.5, 2)).toBe('1234.50');
    initI18n('fr');
    expect(decimalText(1234.5, 2)).toBe('1234,50');
    for (const v of [0, 0.1, 2.25, 17.3]) expect(readDecimal(decimalText(v, 2))).toBeCloseTo(v, 10);
    // Without a count of decimals: those the number has, two at most.
    expect(decimalText(2.5)).toBe('2,5');
    expect(decimalText(1 / 3)).toBe('0,33');
    expect(decimalText(4242)).toBe('4242');
  });
});
