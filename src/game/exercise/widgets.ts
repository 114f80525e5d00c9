/**
 * Small DOM helpers of the exercise screens: buttons, labelled fields, tables and the
 * formatting of numbers, roles, phases and metrics in the current language. Every control
 * is a real form element with a visible label, so each screen works from the keyboard and
 * with a screen reader.
 */
import { getLanguage, hasKey, t } from '../../i18n';
import type { ExerciseKey } from '../../i18n/exercise.en';
import type { Scenario } from '../../core/scenario';
import { roleName } from '../../exercise/roles';
import type { Phase, RoleId } from '../../exercise/types';
import type { RoleView } from '../../exercise/views';
import { h } from '../ui/dom';
import type { Rejection } from '../../core/decision';
import { partnerName, rejectionText, tr } from '../board/text';
import { isCounterfactualYear, isHypothetical, notHistory, type NotHistory } from '../counterfactual';

export { h };

/** An exercise string in the current language. */
export function x(key: ExerciseKey, vars?: Record<string, string | number>): string {
  return t(key, vars);
}

let counter = 0;
export const uid = (prefix: string) => `${prefix}-${++counter}`;

export function btn(label: string, onClick: () => void, options: { primary?: boolean; disabled?: boolean; testId?: string; id?: string; pressed?: boolean; describedBy?: string } = {}): HTMLButtonElement {
  const b = h('button', {
    class: options.primary ? 'cx-btn cx-btn-primary' : 'cx-btn',
    text: label,
    id: options.id,
    attrs: { type: 'button', 'data-testid': options.testId, 'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed), 'aria-describedby': options.describedBy },
  });
  b.disabled = !!options.disabled;
  b.addEventListener('click', () => {
    if (!b.disabled) onClick();
  });
  return b;
}

/** A label wrapping its control (the label text first). */
export function field(label: string, control: HTMLElement): HTMLLabelElement {
  return h('label', {}, h('span', { text: label }), control);
}

/**
 * A file input in the page's language: the browser's own shows its button and "no file
 * chosen" in the browser's language, whatever the page's. The native input stays (hidden,
 * out of the tab order: tests and drag-free pickers still reach it) and a button opens it;
 * the chosen files' names, or that none is chosen, follow it and are announced.
 */
export function filePicker(label: string, props: { multiple?: boolean; testId: string; onChange: (input: HTMLInputElement) => void; /** What was taken already (the page drawn again after it): said instead of "no file chosen". */ chosen?: string }): HTMLElement {
  const input = h('input', { class: 'visually-hidden-cx', attrs: { type: 'file', accept: '.json,application/json', multiple: props.multiple ? '' : undefined, tabindex: -1, 'aria-hidden': 'true', 'data-testid': props.testId } }) as HTMLInputElement;
  const id = uid('cxf');
  const none = x('exercise.file.none');
  const chosen = h('span', { class: 'cx-muted', attrs: { 'aria-live': 'polite', 'data-testid': `${props.testId}-chosen` }, text: props.chosen || none });
  const open = btn(x(props.multiple ? 'exercise.file.chooseMany' : 'exercise.file.chooseOne'), () => input.click(), { describedBy: id, testId: `${props.testId}-button` });
  input.addEventListener('change', () => {
    chosen.textContent = input.files?.length ? [...input.files].map((f) => f.name).join(', ') : none;
    props.onChange(input);
  });
  return h('div', { class: 'cx-file', attrs: { role: 'group', 'aria-labelledby': id } }, h('span', { id, text: label }), open, chosen, input);
}

export function select<T extends string>(options: { value: T; label: string }[], value: T, props: { testId?: string; id?: string; label?: string } = {}): HTMLSelectElement {
  const s = h('select', { id: props.id, attrs: { 'data-testid': props.testId, 'aria-label': props.label } });
  for (const o of options) {
    const opt = h('option', { text: o.label, attrs: { value: o.value } });
    if (o.value === value) opt.selected = true;
    s.append(opt);
  }
  return s;
}

export function textInput(value: string, props: { testId?: string; id?: string; label?: string; wide?: boolean; maxlength?: number } = {}): HTMLInputElement {
  return h('input', { id: props.id, class: props.wide ? 'cx-wide' : undefined, attrs: { type: 'text', value, maxlength: props.maxlength ?? 500, 'data-testid': props.testId, 'aria-label': props.label } });
}

export function checkbox(checked: boolean, props: { testId?: string; label?: string } = {}): HTMLInputElement {
  const c = h('input', { attrs: { type: 'checkbox', 'data-testid': props.testId, 'aria-label': props.label } });
  c.checked = checked;
  return c;
}

/** A titled panel: `wide`, across the page's grid; `'two'`, two of its columns where it has three (across it where fewer). */
export function panel(title: string, props: { secret?: boolean; wide?: boolean | 'two'; testId?: string } = {}, ...children: (Node | string | null | false | undefined)[]): HTMLElement {
  const id = uid('cxp');
  return h('section', { class: `cx-panel${props.secret ? ' cx-panel-secret' : ''}${props.wide === 'two' ? ' cx-panel-span2' : props.wide ? ' cx-panel-wide' : ''}`, attrs: { 'aria-labelledby': id, 'data-testid': props.testId } }, h('h2', { id, text: title }), ...children);
}

/**
 * A table in a scroll box: a wide table scrolls inside its panel, from the keyboard too. The
 * box starts focusable (a scroll box must be reachable by keyboard); `fitScrollBoxes` takes
 * the tab stop away from a box whose table fits, where Tab would stop on nothing to do.
 */
export function table(headers: string[], rows: (Node | string)[][], props: { caption?: string; numeric?: number[]; testId?: string } = {}): HTMLElement {
  const numeric = new Set(props.numeric ?? []);
  const tbl = h('table', { class: 'cx-table', attrs: { 'data-testid': props.testId } });
  if (props.caption) tbl.append(h('caption', { class: 'visually-hidden-cx', text: props.caption }));
  tbl.append(h('thead', {}, h('tr', {}, ...headers.map((head, i) => h('th', { class: numeric.has(i) ? 'cx-num' : undefined, text: head, attrs: { scope: 'col' } })))));
  const body = h('tbody');
  for (const row of rows) body.append(h('tr', {}, ...row.map((cell, i) => h('td', { class: numeric.has(i) ? 'cx-num' : undefined }, cell))));
  tbl.append(body);
  return h('div', { class: 'cx-scroll', attrs: { tabindex: 0, role: 'region', 'aria-label': props.caption ?? headers.filter(Boolean).join(', ') } }, tbl);
}

/** Gives a tab stop to each table's scroll box of `root` that scrolls, and none to one that fits (after layout, and again when the window is resized). */
export function fitScrollBoxes(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('.cx-scroll')) {
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
    else if (document.activeElement !== box) box.removeAttribute('tabindex');
  }
}

export function errorBox(text: string, testId = 'cx-error'): HTMLElement {
  return h('div', { class: 'cx-error', text, attrs: { role: 'alert', 'data-testid': testId } });
}

export function okBox(text: string): HTMLElement {
  return h('div', { class: 'cx-ok', text, attrs: { role: 'status' } });
}

export const num = (v: number, digits = 1) => v.toLocaleString(getLanguage() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** "label: text", with the language's spacing before the colon (a no-break space in French). */
export const labelled = (label: string, text: string) => x('exercise.fmt.labelled', { label, text });

/** A change with its sign and a true minus (−), as the board writes it. */
// The board's own: a partner's name as it was in a year, in the screen's language; a change as a signed figure.
export { partnerName, signed } from '../board/text';
export const money = (v: number, digits = 1) => x('exercise.fmt.money', { v: num(v, digits) });

/** Two sums of money said with as many decimals (one to three) as it takes to tell them apart: "€1.19m, less than €1.23m", never "€1.2m, less than €1.2m". */
export function moneyApart(a: number, b: number, from = 1): [string, string] {
  let digits = from;
  while (digits < 3 && num(a, digits) === num(b, digits)) digits++;
  return [x('exercise.fmt.money', { v: num(a, digits) }), x('exercise.fmt.money', { v: num(b, digits) })];
}

export const phaseName = (phase: Phase) => x(`exercise.phase.${phase}`);
export const roleLabel = (scenario: Scenario, role: RoleId) => roleName(scenario, role, getLanguage());
export const metricName = (metric: string) => t(`board.metric.${metric}` as never);
export const regionName = (region: string) => t(`board.region.${region}` as never);
export const causeName = (cause: string) => t(`board.cause.${cause}` as never);
export const focusName = (focus: string) => t(`board.focus.${focus}` as never);

/** Where a scenario stops being history: all the labels below need of it (the local projector window has no scenario, only these). */
export type HistoryBounds = Pick<Scenario, 'counterfactualFrom' | 'end'>;

/**
 * Why a card shown in `year` is not history (src/game/counterfactual.ts), or null: its year
 * first, then the data's flag. Without the era's bounds only the flag can be read.
 */
export function notHistoryOf(history: HistoryBounds | null, card: Parameters<typeof isHypothetical>[0], year: number): NotHistory | null {
  if (history) return notHistory(history, card, year);
  return isHypothetical(card) ? 'hypothetical' : null;
}

/**
 * The solo event card's badge, in its words (board's `eventCard.notHistory`): a room must
 * not take an invented card for the record, whichever screen shows it. Text, not a colour,
 * so a screen reader says it too.
 */
export function notHistoryBadge(kind: NotHistory, testId = 'cx-not-history'): HTMLElement {
  return h('span', { class: 'cx-badge cx-not-history', attrs: { 'data-testid': testId, 'data-kind': kind }, text: tr(`eventCard.notHistory.${kind}`) });
}

/** A card's or inject's heading, its badge first where it is not history: a heading read alone (a screen reader's list of headings) still says so. */
export function cardHeading(history: HistoryBounds | null, card: Parameters<typeof isHypothetical>[0], year: number, text: string): HTMLElement {
  const kind = notHistoryOf(history, card, year);
  return h('h3', {}, kind ? notHistoryBadge(kind) : null, kind ? ' ' : null, text);
}

/** A counterfactual year's mark beside the year, as the solo card says it; null for a year of history (or an era with no counterfactual years). */
export function yearMark(history: HistoryBounds | null, year: number, testId = 'cx-year-not-history'): HTMLElement | null {
  return history && isCounterfactualYear(history, year) ? notHistoryBadge('counterfactualYear', testId) : null;
}

/** Seconds left on a phase timer at `now` (negative once it has run out). */
export function timeLeft(timer: { seconds: number; startedAt?: number; extra: number; pausedAt?: number }, now: number): number | null {
  if (timer.startedAt === undefined) return null;
  const at = timer.pausedAt ?? now;
  return timer.seconds + timer.extra - (at - timer.startedAt) / 1000;
}

export function clockText(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What a refusal says on screen. A proposal a rule of the year refuses is said as the solo
 * board says it, with its figures and names, in the screen's language (the core's rejection
 * code and figures come with the refusal). Any other: the engine's own reason in English (it
 * names the partner, the limit, the year); in French, the sentence for its kind, as the
 * engine's reasons are written in English for the log and the command line.
 */
export function refusalText(r: { code: string; reason: string; detail?: string; params?: Record<string, string | number> }, scenario: Scenario, year: number): string {
  if (r.code === 'illegal-decision' && r.detail) return rejectionText(scenario, { ok: false, code: r.detail as Rejection['code'], reason: r.reason, params: r.params ?? {}, field: 'decision' }, year);
  // A rule the engine names: said with the partner's and region's names and the sums in euros, in either language.
  const detail = `exercise.refusalDetail.${r.detail}`;
  if (r.detail && hasKey(detail)) {
    const p = r.params ?? {};
    const vars: Record<string, string> = {};
    if (p.partner !== undefined) vars.partner = partnerName(scenario, String(p.partner), year);
    if (p.region !== undefined) vars.region = regionName(String(p.region));
    for (const k of ['offered', 'limit'] as const) if (typeof p[k] === 'number') vars[k] = money(p[k]);
    return x(detail as ExerciseKey, vars);
  }
  if (getLanguage() === 'en') return r.reason;
  const key = `exercise.rejection.${r.code}`;
  return hasKey(key) ? x(key as ExerciseKey) : r.reason;
}

/**
 * What a refusal of the classroom server's HTTP API says on screen: in the page's language
 * when the server gave its code (a seat named by its role's label), as a server that does
 * not answer does (the client's `unreachable`); any other, the server's own sentence after
 * "The classroom server refused" (a request only a changed page could make).
 */
export function serverRefusalText(e: unknown, scenario?: Scenario | null): string {
  const { code, params, message } = (e ?? {}) as { code?: string; params?: Record<string, string>; message?: string };
  const key = `exercise.classroom.refusal.${code}`;
  if (code && hasKey(key)) {
    const vars: Record<string, string> = { ...params };
    if (vars.role && scenario) vars.role = roleLabel(scenario, vars.role as RoleId);
    return x(key as ExerciseKey, vars);
  }
  return x('exercise.classroom.failed', { reason: message ?? String(e) });
}

/**
 * The alliance's standing a year before the latest year's record, for "change in a year":
 * the record before it, or the era's starting values after its first year (undefined before
 * any year is played).
 */
export function allianceYearBefore(view: RoleView, scenario: Scenario | null): RoleView['alliance'] | undefined {
  if (view.turns.length > 1) return view.turns[view.turns.length - 2].alliance;
  if (view.turns.length === 0 || !scenario) return undefined;
  const { influence: _influence, ...start } = scenario.initial;
  return start;
}
