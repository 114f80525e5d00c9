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
import type { Curtain, PinProblem } from './curtain';

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
