/**
 * Amounts typed into the game (docs/accessibility.md, "Typing amounts"): a field that takes a
 * decimal written with a point or a comma, whatever the browser's own language. A number
 * field (`type="number"`) follows the browser's locale, not the game's: in an English
 * browser a French player's "1,2" came through as 12. The field shows its amount the way
 * the game's language writes it ("1,20" in French), and a text it cannot read as one amount
 * is refused there, with the browser's own validity message in the player's language, and
 * changes nothing.
 */
import { getLanguage, t } from '../../i18n';

/** The amount in a field's text ("1.5", "1,5", " 1 000,50 "); null when it is not one number. */
export function readDecimal(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** An amount as a field shows it: fixed decimals, the game's language's decimal mark, no grouping. */
export function decimalText(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return getLanguage() === 'fr' ? text.replace('.', ',') : text;
}

/**
 * The field's amount, or null after telling the player it is not one (the browser's bubble,
 * read by screen readers; the field is marked invalid until it holds an amount).
 */
export function fieldAmount(input: HTMLInputElement): number | null {
  const value = readDecimal(input.value);
  input.setCustomValidity(value === null ? t('shell.notAmount') : '');
  input.setAttribute('aria-invalid', String(value === null));
  if (value === null) input.reportValidity();
  return value;
}

/**
 * A field for an amount (`digits` decimals shown). `onAmount` hears each amount the player
 * commits (Enter, or leaving the field); a text that is not an amount is refused in place.
 * `attrs`: the field's other attributes (its label, test id, disabled…).
 */
export function decimalInput(value: number, digits: number, attrs: Record<string, unknown>, onAmount?: (amount: number) => void): HTMLInputElement {
  // Built without the DOM kit (./dom.ts brings Phaser), so the reading above is testable in Node.
  const input = document.createElement('input');
  for (const [name, v] of Object.entries<unknown>({ ...attrs, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' }))
    if (v !== undefined && v !== null && v !== false) input.setAttribute(name, v === true ? '' : String(v));
  input.value = decimalText(value, digits);
  input.addEventListener('change', () => {
    const amount = fieldAmount(input);
    if (amount !== null) onAmount?.(amount);
  });
  // Typing again clears the refusal until the next commit.
  input.addEventListener('input', () => {
    input.setCustomValidity('');
    input.removeAttribute('aria-invalid');
  });
  return input;
}
