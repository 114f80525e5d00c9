/**
 * The curtain of an exercise on one laptop passed round the room (docs/facilitator-guide.md,
 * "One laptop passed round"): with it on, a change of seat first shows a screen with nothing
 * of any seat on it but the name of the seat the laptop goes to, and the seat opens only with
 * its PIN, chosen by the team the first time it opens its seat. The projector's seat, which
 * holds no secret, opens without one. The White Cell clears a PIN a team forgot.
 *
 * A curtain against glances and a team trying another's seat, not a lock: the exercise and
 * its record are in this browser's storage, where a determined person with the browser's
 * developer tools can read them. PINs are kept hashed beside the kept exercise, never in its
 * record (`exercise.json`), so a downloaded record carries none.
 */
import type { Scenario } from '../../core/scenario';
import type { RoleId } from '../../exercise/types';
import { btn, h, labelled, roleLabel, x } from './widgets';

/** The seats' PINs, hashed (`pinHash`), by role. */
export interface Curtain {
  pins: Partial<Record<RoleId, string>>;
}

/** A PIN is 4 to 12 digits. */
export const validPin = (pin: string): boolean => /^\d{4,12}$/.test(pin);

/**
 * A PIN as kept: a 53-bit string hash (cyrb53) of the PIN with the role, so one team's PIN
 * reused by another does not read the same. Not cryptography: see the module's comment.
 */
export function pinHash(role: RoleId, pin: string): string {
  const text = `${role}:${pin}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Whether opening `role` goes through the curtain (every seat but the projector's, while the curtain is on). */
export const behindCurtain = (curtain: Curtain | null, role: RoleId): boolean => curtain !== null && role !== 'observer';

/** A curtain's kept form read back (from the browser's storage): null when it is not one. */
export function curtainOf(data: unknown): Curtain | null {
  if (!data || typeof data !== 'object') return null;
  const pins = (data as { pins?: unknown }).pins;
  if (!pins || typeof pins !== 'object' || Array.isArray(pins)) return null;
  const kept: Curtain['pins'] = {};
  for (const [role, hash] of Object.entries(pins)) if (typeof hash === 'string' && /^[a-z0-9]{1,16}$/.test(hash)) kept[role as RoleId] = hash;
  return { pins: kept };
}

/**
 * The curtain's page for the seat the laptop goes to: its PIN asked for (or chosen, twice,
 * the first time), the projector's screen offered instead. `open` is called once the PIN is
 * right (or chosen), `projector` to show the projector's screen; `problem` says what was wrong
 * with the last try.
 */
export function curtainPage(
  scenario: Scenario,
  curtain: Curtain,
  role: RoleId,
  actions: { open: (pin: string, again: string) => void; projector: () => void },
  problem: PinProblem | null,
): HTMLElement {
  const first = curtain.pins[role] === undefined;
  const name = roleLabel(scenario, role);
  const pin = h('input', { attrs: { type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, 'data-testid': 'cx-curtain-pin', 'aria-describedby': 'cx-curtain-lead', 'data-autofocus': '' } }) as HTMLInputElement;
  const again = first ? (h('input', { attrs: { type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, 'data-testid': 'cx-curtain-pin-again' } }) as HTMLInputElement) : null;
  const submit = () => actions.open(pin.value.trim(), again ? again.value.trim() : pin.value.trim());
  // The form's submit button: Enter in either field opens (a form of two fields submits on Enter only with one).
  const open = btn(first ? x('exercise.curtain.set') : x('exercise.curtain.open'), () => undefined, { primary: true, testId: 'cx-curtain-open' });
  open.type = 'submit';
  const form = h(
    'form',
    { class: 'cx-curtain-form', attrs: { 'data-testid': 'cx-curtain-form', novalidate: '' } },
    h('label', {}, h('span', { text: first ? x('exercise.curtain.choose') : x('exercise.curtain.pin') }), pin),
    again ? h('label', {}, h('span', { text: x('exercise.curtain.again') }), again) : null,
    problem ? h('p', { class: 'cx-error', text: x(`exercise.curtain.${problem}`), attrs: { role: 'alert', 'data-testid': 'cx-curtain-problem' } }) : null,
    h('div', { class: 'cx-row' }, open, btn(x('exercise.curtain.projector'), actions.projector, { testId: 'cx-curtain-projector' })),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  return h(
    'div',
    { class: 'cx-page cx-curtain', attrs: { 'data-testid': 'cx-curtain' } },
    h('h1', { text: x('exercise.curtain.title', { role: name }), attrs: { tabindex: -1 } }),
    h('p', { id: 'cx-curtain-lead', text: first ? x('exercise.curtain.leadFirst', { role: name }) : x('exercise.curtain.lead', { role: name }) }),
    form,
    h('p', { class: 'cx-muted', text: labelled(x('exercise.curtain.forgotLabel'), x('exercise.curtain.forgot')) }),
  );
}

/** What was wrong with a PIN given at the curtain (the key of its message). */
export type PinProblem = 'badPin' | 'mismatch' | 'wrong';

/**
 * Why a PIN given at the curtain does not open the seat (null: it does): a PIN that is not
 * 4 to 12 digits, a chosen PIN typed differently the second time, or the wrong PIN.
 */
export function pinProblem(curtain: Curtain, role: RoleId, pin: string, again: string): PinProblem | null {
  if (!validPin(pin)) return 'badPin';
  const kept = curtain.pins[role];
  if (kept === undefined) return pin === again ? null : 'mismatch';
  return pinHash(role, pin) === kept ? null : 'wrong';
}
