/**
 * Amounts typed into the game (docs/accessibility.md, "Typing amounts"): a field that
 * takes a decimal written with a point or a comma, whatever the browser's own language. A
 * number field (`type="number"`) reads numbers its own way, not the game's: Chromium took
 * a French player's "1,2" as 12, in an English and a French browser alike. The field shows
 * its amount the way the game's language writes it ("1,20" in French), and a text it
 * cannot read as one amount is refused there, with the browser's own validity message in
 * the player's language, and changes nothing. Counts and durations (a seed, rounds,
 * minutes, a percentage) are such fields too, with bounds: in a number field "2,5" minutes
 * came through as 25.
 */
import { getLanguage, t } from '../../i18n';

/** The amount in a field's text ("1.5", "1,5", " 1 000,50 "); null when it is not one number. */
export function readDecimal(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** A sum of money in a field's text: an amount of zero or more; null otherwise (a negative offer is refused, not dropped). */
export function readAmount(text: string): number | null {
  const value = readDecimal(text);
  return value === null || value < 0 ? null : value;
}

/** The bounds of a number field: whole numbers only (a seed, a count) or any amount between them (minutes). */
export interface NumberBounds {
  min: number;
  max: number;
  whole?: boolean;
}

/**
 * The number in a field's text within its bounds; null when it is not one, lies outside
 * them, or is not whole where only a whole number will do. A whole number is digits alone:
 * "1,000" or "2,5" is refused rather than read as 1 or 2.5.
 */
export function readNumber(text: string, bounds: NumberBounds): number | null {
  if (bounds.whole && !/^[+-]?\d+$/.test(text.replace(/[\s\u00a0\u202f]/g, ''))) return null;
  const value = readDecimal(text);
  return value === null || value < bounds.min || value > bounds.max ? null : value;
}

/** An amount as a field shows it: `digits` decimals, the game's language's decimal mark, no grouping. */
export function decimalText(value: number, digits?: number): string {
  // Without `digits`: as many as it has, two at most (a third of a minute shows as 0.33).
  const text = digits === undefined ? String(Math.round(value * 100) / 100) : value.toFixed(digits);
  return getLanguage() === 'fr' ? text.replace('.', ',') : text;
}

/**
 * The field's amount, or null after telling the player it is not one (the browser's bubble,
 * read by screen readers; the field is marked invalid until it holds an amount).
 */
export function fieldAmount(input: HTMLInputElement): number | null {
  return judged(input, readAmount(input.value), 'shell.notAmount');
}

/** A field's number within its bounds (`numberInput`'s), or null after telling the player what it takes. */
export function fieldNumber(input: HTMLInputElement): number | null {
  const bounds = boundsOf(input);
  return judged(input, readNumber(input.value, bounds), bounds.whole ? 'shell.notWhole' : 'shell.notInRange', { min: decimalText(bounds.min), max: decimalText(bounds.max) });
}

/**
 * The first field for a typed number under `root` (`decimalInput`'s, `numberInput`'s) that
 * does not hold what it takes, focused and saying why; null when every one does. A screen
 * asks before acting on them all (Start, Next), so that it never goes on with the number a
 * field held before.
 */
export function firstRefused(root: ParentNode): HTMLInputElement | null {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-typed]')) {
    if ((input.dataset.min === undefined ? fieldAmount(input) : fieldNumber(input)) !== null) continue;
    input.focus();
    return input;
  }
  return null;
}

/** `value`, or null after the field says (`message`) what it takes; the field is marked invalid until then. */
function judged(input: HTMLInputElement, value: number | null, message: 'shell.notAmount' | 'shell.notWhole' | 'shell.notInRange', values?: Record<string, string>): number | null {
  input.setCustomValidity(value === null ? t(message, values) : '');
  input.setAttribute('aria-invalid', String(value === null));
  if (value === null) input.reportValidity();
  return value;
}

/** The bounds a number field was made with (kept on the field itself). */
function boundsOf(input: HTMLInputElement): NumberBounds {
  return { min: Number(input.dataset.min), max: Number(input.dataset.max), whole: input.dataset.whole === 'true' };
}

/**
 * A field for an amount (`digits` decimals shown). `onAmount` hears each amount the player
 * commits (Enter, or leaving the field); a text that is not an amount is refused in place.
 * `attrs`: the field's other attributes (its label, test id, disabled…).
 */
export function decimalInput(value: number, digits: number, attrs: Record<string, unknown>, onAmount?: (amount: number) => void): HTMLInputElement {
  const input = typedField(decimalText(value, digits), { ...attrs, inputmode: 'decimal' });
  input.addEventListener('change', () => {
    const amount = fieldAmount(input);
    if (amount !== null) onAmount?.(amount);
  });
  return input;
}

/**
 * A field for a number within `bounds` (a whole one where `bounds.whole`), read with
 * `fieldNumber` when the player commits it; `attrs` as `decimalInput`'s. Nothing is read on
 * its own change: the screen reads it when it needs it (a button, its own change listener).
 */
export function numberInput(value: number, bounds: NumberBounds, attrs: Record<string, unknown>): HTMLInputElement {
  return typedField(decimalText(value), { ...attrs, inputmode: bounds.whole ? 'numeric' : 'decimal', 'data-min': bounds.min, 'data-max': bounds.max, 'data-whole': Boolean(bounds.whole) && 'true' });
}

/** A text field for typed numbers, whose refusal clears as soon as the player types again. */
function typedField(text: string, attrs: Record<string, unknown>): HTMLInputElement {
  // Built without the DOM kit (./dom.ts brings Phaser), so the reading above is testable in Node.
  const input = document.createElement('input');
  for (const [name, v] of Object.entries<unknown>({ ...attrs, type: 'text', autocomplete: 'off', spellcheck: 'false', 'data-typed': true }))
    if (v !== undefined && v !== null && v !== false) input.setAttribute(name, v === true ? '' : String(v));
  input.value = text;
  input.addEventListener('input', () => {
    input.setCustomValidity('');
    input.removeAttribute('aria-invalid');
  });
  return input;
}
