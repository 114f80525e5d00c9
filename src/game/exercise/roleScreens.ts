/**
 * The screens of the roles at the tables (docs/facilitator-guide.md): NATO's staff, an
 * Allied capital, a partner team and a red cell. Each renders its role's view only (the
 * engine's `viewFor`) and offers only the moves that role may make in the phase it is in;
 * what the engine refuses is shown at the control with its reason.
 */
import type { LocalizedText, Scenario } from '../../core/scenario';
import type { TurnDecision } from '../../core/decision';
import { COMPETITOR_COUNTRY, FOCUS_AREAS, REGIONS, type Region } from '../../core/constants';
import { getLanguage, localized } from '../../i18n';
import { objectionText, type RedLineBreach } from '../../exercise/consensus';
import type { ReviewView, RoleView } from '../../exercise/views';
import type { Move, RedSignal, RoleId } from '../../exercise/types';
import { roleKind } from '../../exercise/roles';
import { STATED_STRATEGIES, type StatedStrategy } from '../../core/state';
import type { ActResult, ExerciseClient } from './client';
import { StaffBoard } from './staffBoard';
import { decimalInput, fieldAmount, fieldNumber, numberInput } from '../ui/decimal';
import { causeText, driverMetricText, tr } from '../board/text';
import {
  btn, cardHeading, causeName, checkbox, field, focusName, h, metricName, money, moneyApart, notHistoryOf, num, panel, partnerName, phaseName, regionName, labelled, roleLabel, allianceYearBefore, select, signed, table, textInput, x, yearMark,
} from './widgets';

export interface ScreenContext {
  client: ExerciseClient;
  scenario: Scenario;
  /** Read-only: the White Cell looking over a shoulder, or a role played by the engine. */
  readonly: boolean;
  /** Sends a move and re-renders; a refusal is kept to show at the top of the screen. */
  send(move: Move): ActResult | Promise<ActResult>;
  /** Draws the screen again (after a local change of a form). */
  rerender(): void;
  /** Per-screen form memory that survives re-renders (drafts, typed reasons). */
  memo: Record<string, unknown>;
}

/**
 * A form control that keeps what was typed or chosen in the screen's memory under `key`: the
 * page is drawn again after every move (anyone's, a refused one included, a timer running
 * out), and a field drawn from the view alone lost what a team had not sent yet — a White
 * Cell's step chosen for another region, its notes, a partner team's other rows. A kept value
 * a select no longer offers is left aside.
 */
export function remembered<T extends HTMLInputElement | HTMLSelectElement>(ctx: ScreenContext, key: string, control: T): T {
  const kept = ctx.memo[key];
  if (typeof kept === 'string' && (!(control instanceof HTMLSelectElement) || [...control.options].some((o) => o.value === kept))) control.value = kept;
  const keep = () => (ctx.memo[key] = control.value);
  control.addEventListener('input', keep);
  control.addEventListener('change', keep);
  return control;
}

/**
 * Sends a move made from `remembered` fields, which start afresh once it is taken (a note
 * added leaves an empty field): they are forgotten before the page is drawn for the move,
 * and put back if the move is refused, with the page drawn again to show them.
 */
export function sendForms(ctx: ScreenContext, move: Move, keys: string[]): ActResult | Promise<ActResult> {
  const kept = keys.map((k) => [k, ctx.memo[k]] as const);
  for (const k of keys) delete ctx.memo[k];
  const settled = (r: ActResult) => {
    if (r.ok) return;
    for (const [k, v] of kept) if (v !== undefined) ctx.memo[k] = v;
    ctx.rerender();
  };
  const result = ctx.send(move);
  if (result instanceof Promise) void result.then(settled);
  else settled(result);
  return result;
}

/** The parts every role sees: waiting for whom, injects addressed to it, cards on the table, the review. */
export function commonPanels(ctx: ScreenContext, view: RoleView): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (view.injects.length) {
    out.push(
      panel(x('exercise.injects.title'), { testId: 'cx-injects' }, ...[...view.injects].reverse().map((i) => h('div', { class: 'cx-inject' }, cardHeading(ctx.scenario, i, injectYear(i, view.year), `#${i.serial} ${localized(i.title)}`), h('p', { text: localized(i.text) })))),
    );
  }
  if (view.pending.length && !answersCards(ctx, view)) {
    out.push(panel(x('exercise.events.title'), { testId: 'cx-events' }, ...view.pending.map((e) => h('div', { class: 'cx-inject' }, cardHeading(ctx.scenario, e, e.year, localized(e.title)), h('p', { text: localized(e.text) })))));
  }
  if (view.review && (view.phase === 'review' || view.finished)) out.push(reviewPanel(ctx, view));
  return out;
}

/**
 * The year an inject is shown as of, for its label: the year it was published (on its time or
 * by the White Cell), else the year it was set for, else the year in play.
 */
const injectYear = (i: RoleView['injects'][number], year: number): number => i.published?.year ?? i.year ?? year;

function reviewPanel(ctx: ScreenContext, view: RoleView): HTMLElement {
  const r = view.review!;
  const drivers = [...r.drivers].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, 10);
  // A counterfactual year is said once beside the year; in a year of history, a hypothetical card beside its title.
  const mark = yearMark(ctx.scenario, r.year, 'cx-review-not-history');
  const cardName = (e: ReviewView['events'][number]) => {
    const title = e.title ? localized(e.title) : eventTitle(ctx.scenario, e.id);
    const card = reviewedCard(ctx.scenario, e);
    const kind = mark || !card ? null : notHistoryOf(ctx.scenario, card, r.year);
    return kind ? `${title} (${tr(`eventCard.notHistory.${kind}`)})` : title;
  };
  return panel(
    x('exercise.review.title', { year: r.year }),
    { testId: 'cx-review' },
    mark ? h('p', {}, mark) : null,
    h('p', { class: 'cx-muted', text: x('exercise.review.lead') }),
    table(
      [x('exercise.review.what'), x('exercise.review.why'), x('exercise.review.change')],
      drivers.map((d) => [driverMetricText(ctx.scenario, d.metric, r.year), causeText(ctx.scenario, d, r.year), signed(d.delta, 2)]),
      { numeric: [2] },
    ),
    r.events.length ? h('p', { text: x('exercise.review.events', { list: r.events.map(cardName).join(', ') }) }) : null,
  );
}

/** The words a card of the review was shown with (its counterfactual variant's where it fired as one), to read the data's flag from; null for a card the scenario has not. */
function reviewedCard(scenario: Scenario, e: ReviewView['events'][number]): { title: LocalizedText; text: LocalizedText } | null {
  if (e.source === 'event') {
    const card = scenario.events.find((c) => c.id === e.id);
    if (!card) return null;
    return e.counterfactual && card.counterfactual ? card.counterfactual : card;
  }
  const inject = scenario.injects.find((i) => String(i.serial) === e.id);
  // An inject of the White Cell's own MSEL is not in the scenario: the title the view carries is all there is to read.
  if (inject && (!e.title || e.title.en === inject.title.en)) return inject;
  return e.title ? { title: e.title, text: { en: '', fr: '' } } : null;
}

/** An event card's or inject's title in the current language (its id if the scenario has no such card). */
function eventTitle(scenario: Scenario, id: string): string {
  const card = scenario.events.find((e) => e.id === id) ?? scenario.injects.find((i) => String(i.serial) === id);
  return card ? localized(card.title) : id;
}

/**
 * The seat is this screen's to play: its own, held, the exercise running. Its forms are drawn
 * while the White Cell has paused the room too, as they were left (`holdMoves` then disables
 * their move buttons): a pause neither loses what a team typed nor moves its panels about.
 */
const mayAct = (ctx: ScreenContext, view: RoleView) => !ctx.readonly && view.held.includes(view.role) && !view.finished;

/**
 * A seat's panels while the room is paused: a notice first, and every move button disabled
 * (each `btn` of these screens sends a move; the staff's board locks its own).
 */
export function holdMoves(ctx: ScreenContext, view: RoleView, panels: HTMLElement[]): HTMLElement[] {
  if (!view.paused || !mayAct(ctx, view)) return panels;
  for (const p of panels) for (const b of p.querySelectorAll<HTMLButtonElement>('button.cx-btn')) b.disabled = true;
  return [h('p', { class: 'cx-warn cx-panel-wide', attrs: { role: 'status', 'data-testid': 'cx-paused-seat' }, text: x('exercise.pausedSeat') }), ...panels];
}

// ---------------------------------------------------------------------------------------
// NATO International Staff

export function natoScreen(ctx: ScreenContext, view: RoleView): HTMLElement[] {
  const out: HTMLElement[] = [];
  const act = mayAct(ctx, view);
  const waiting = view.waitingFor.includes('nato');
  if (act && view.year === ctx.scenario.start && !view.agreed && view.phase !== 'review') {
    const s = select(STATED_STRATEGIES.map((v) => ({ value: v, label: x(`exercise.strategy.${v}`) })), (view.strategy ?? 'equal') as StatedStrategy, { testId: 'cx-strategy' });
    // One row, so the board stays near the top of a laptop's screen.
    // Once stated, the panel says so; it may still be changed until the first year is agreed.
    const stated = view.strategy ? h('strong', { attrs: { 'data-testid': 'cx-strategy-stated' }, text: x('exercise.nato.stated', { strategy: x(`exercise.strategy.${view.strategy}`) }) }) : null;
    out.push(panel(x('exercise.nato.strategyTitle'), { wide: true }, h('div', { class: 'cx-row' }, field(x('exercise.nato.strategy'), s), btn(view.strategy ? x('exercise.nato.restate') : x('exercise.nato.state'), () => ctx.send({ role: 'nato', type: 'nato.strategy', strategy: s.value as StatedStrategy }), { testId: 'cx-state-strategy' }), stated ?? h('span', { class: 'cx-muted', attrs: { style: 'flex: 1 1 320px;' }, text: x('exercise.nato.strategyLead') }))));
  }
  const last = view.proposals[view.proposals.length - 1];
  // The objections' reasons sit with the notice, above the board: the list of rounds is a board's height below.
  if (act && waiting && view.phase === 'planning' && last?.outcome === 'objected') {
    out.push(
      h(
        'div',
        { class: 'cx-error cx-panel-wide', attrs: { role: 'status', 'data-testid': 'cx-objected' } },
        h('p', { text: x('exercise.nato.objected') }),
        h('ul', { class: 'cx-list' }, ...Object.entries(last.responses).filter(([, r]) => !r.approve).map(([ally, r]) => h('li', { text: labelled(roleLabel(ctx.scenario, `ally:${ally}`), responseReason(ctx, view.year, r)) }))),
      ),
    );
  }
  // Every round objected: the White Cell decides, and the staff is told so where it would plan.
  if (!waiting && view.phase === 'planning' && !view.agreed && last?.outcome === 'objected' && view.waitingFor.includes('white')) {
    out.push(h('p', { class: 'cx-warn cx-panel-wide', attrs: { role: 'status', 'data-testid': 'cx-deadlock-wait' }, text: x('exercise.nato.deadlock') }));
  }
  // The cards to answer come first: the room waits for them.
  if (answersCards(ctx, view)) {
    out.push(
      panel(
        x('exercise.events.answer'),
        { testId: 'cx-event-answers', wide: true },
        ...view.pending.map((e) =>
          h('div', { class: 'cx-inject', attrs: { 'data-card': e.id } }, cardHeading(ctx.scenario, e, e.year, localized(e.title)), h('p', { text: localized(e.text) }), h('div', { class: 'cx-row' }, ...e.choices.map((c) => btn(`${localized(c.label)} — ${localized(c.cost)}`, () => ctx.send({ role: 'nato', type: 'event.choose', eventId: e.id, choiceId: c.id }), { testId: `cx-choice-${e.id}-${c.id}` })))),
        ),
      ),
    );
  }
  out.push(staffBoard(ctx, view));
  out.push(proposalsPanel(ctx, view));
  return out;
}

/** NATO's staff answering the cards on the table now (its screen shows them with their choices). */
const answersCards = (ctx: ScreenContext, view: RoleView) => view.own.kind === 'nato' && view.phase === 'events' && view.waitingFor.includes('nato') && mayAct(ctx, view) && view.pending.length > 0;

/** The solo game's board, as NATO's staff's planning desk; one per screen memory, so selection and scroll survive the view's updates. */
function staffBoard(ctx: ScreenContext, view: RoleView): HTMLElement {
  const board = (ctx.memo.staffBoard as StaffBoard | undefined) ?? new StaffBoard(ctx);
  ctx.memo.staffBoard = board;
  if (!ctx.readonly) {
    board.update(ctx, view);
    // How to plan is no help once the era is over: the board stays, to look back over.
    return h('div', { class: 'cx-panel-wide cx-staff' }, signalsWait(ctx, view), view.finished ? null : h('p', { class: 'cx-muted', text: x('exercise.nato.boardLead') }), board.element);
  }
  // Looked at over a shoulder (or played by the engine), the board opens on demand: drawn
  // and laid out after every move, a 1920×1080 board in the console would cost the page its
  // frame rate while moves arrive.
  const open = ctx.memo.staffBoardOpen === true;
  const details = h('details', { class: 'cx-panel-wide cx-staff', attrs: { 'data-testid': 'cx-staff-details' } }, h('summary', { text: x('exercise.nato.boardShow') }));
  details.open = open;
  details.addEventListener('toggle', () => {
    // Setting `open` above fires a toggle too: only a change the user made redraws.
    if (details.open === (ctx.memo.staffBoardOpen === true)) return;
    ctx.memo.staffBoardOpen = details.open;
    ctx.rerender();
  });
  if (open) {
    board.update(ctx, view);
    details.append(board.element);
  }
  return details;
}

/**
 * In the signals phase, what the staff is waiting for, above its board: the board shows the
 * briefing's news meanwhile, and without this the staff could take the year for open to plan.
 */
function signalsWait(ctx: ScreenContext, view: RoleView): HTMLElement | null {
  if (view.phase !== 'signals' || view.finished) return null;
  const tables = (list: RoleId[]) => list.filter((r) => ['ally', 'partner', 'red'].includes(roleKind(r)));
  // The tables still sending (every held one, should the room wait for none: the phase is then closing).
  const sending = tables(view.waitingFor).length ? tables(view.waitingFor) : tables(view.held);
  return h('p', { class: 'cx-warn', attrs: { role: 'status', 'data-testid': 'cx-staff-signals' }, text: x('exercise.nato.signalsWait', { list: sending.map((r) => roleLabel(ctx.scenario, r)).join(', ') }) });
}

function decisionSummary(ctx: ScreenContext, d: TurnDecision, year: number): HTMLElement {
  return h('div', {}, decisionHead(ctx, d, year), decisionTable(ctx, d, year));
}

/** A proposal in a line: the share, the policy, the money to partners and the policy actions. */
/** A proposal's share, policy and actions; partners named as in `year`, the year proposed for. */
function decisionHead(ctx: ScreenContext, d: TurnDecision, year: number): HTMLElement {
  const total = d.allocations.reduce((a, l) => a + l.amount, 0);
  return h(
    'div',
    {},
    h('p', { text: x('exercise.proposal.summary', { share: num(d.share, 2), policy: x(`exercise.policy.${d.policy === 'priorities' ? 'prioritise' : 'equal'}`), total: money(total) }) }),
    d.actions.length ? h('p', { text: x('exercise.proposal.actions', { list: d.actions.map((a) => (a.type === 'rationalise' ? x('exercise.action.rationalise') : x(`exercise.action.${a.type}`, { partner: partnerName(ctx.scenario, a.partner, year) }))).join('; ') }) }) : null,
  );
}

/** A proposal's money per partner, largest first. */
function decisionTable(ctx: ScreenContext, d: TurnDecision, year: number): HTMLElement {
  const byPartner = new Map<string, number>();
  for (const l of d.allocations) byPartner.set(l.partner, (byPartner.get(l.partner) ?? 0) + l.amount);
  return table(
    [x('exercise.col.partner'), x('exercise.col.amount')],
    [...byPartner].sort((a, b) => b[1] - a[1]).map(([p, v]) => [partnerName(ctx.scenario, p, year), money(v)]),
    { numeric: [1] },
  );
}

/** A capital's objection in the screen's language (`objectionText`). */
const responseReason = (ctx: ScreenContext, year: number, r: { reason?: string; breach?: RedLineBreach }): string => objectionText(ctx.scenario, r, getLanguage(), year) ?? '';

function proposalsPanel(ctx: ScreenContext, view: RoleView): HTMLElement {
  if (!view.proposals.length) return panel(x('exercise.proposal.title'), {}, h('p', { class: 'cx-muted', text: view.agreed ? x('exercise.proposal.agreedNoVote') : x('exercise.proposal.none') }));
  const items = view.proposals.map((p) =>
    h(
      'div',
      { attrs: { 'data-testid': `cx-proposal-${p.round}` } },
      h('h3', { text: x('exercise.proposal.round', { n: p.round, outcome: x(`exercise.outcome.${p.outcome}`) }) }),
      h('ul', { class: 'cx-list' }, ...Object.entries(p.responses).map(([ally, r]) => h('li', { class: r.approve ? 'cx-good' : 'cx-bad', text: labelled(roleLabel(ctx.scenario, `ally:${ally}`), r.approve ? x('exercise.proposal.approves') : x('exercise.proposal.objects', { reason: responseReason(ctx, view.year, r) })) }))),
    ),
  );
  const last = view.proposals[view.proposals.length - 1];
  return panel(x('exercise.proposal.title'), { testId: 'cx-proposals' }, decisionSummary(ctx, last.decision, view.year), ...items);
}

function partnersPanel(ctx: ScreenContext, view: RoleView, ids: string[]): HTMLElement {
  const rows = view.partners
    .filter((p) => ids.includes(p.id))
    .map((p) => [partnerName(ctx.scenario, p.id, view.year), regionName(p.region), num(p.trust, 0), num(p.alignment, 0), num(p.interoperability, 0), p.tier ? String(p.tier) : '—', view.turns.length ? money(p.lastFunding) : '—']);
  return panel(
    x('exercise.partners.title'),
    { testId: 'cx-team-partners', wide: 'two' },
    table([x('exercise.col.partner'), x('exercise.col.region'), x('exercise.col.trust'), x('exercise.col.alignment'), x('exercise.col.interop'), x('exercise.col.tier'), x('exercise.col.lastFunding')], rows, { numeric: [2, 3, 4, 6] }),
  );
}

// ---------------------------------------------------------------------------------------
// Allied capitals

/** What NATO's proposal costs this capital: its red line, its partners' and regions' money. */
function costToAlly(ctx: ScreenContext, view: RoleView, d: TurnDecision): { crosses: string | null; notes: string[] } {
  const own = view.own.kind === 'ally' ? view.own : null;
  const pr = own?.priorities;
  const notes: string[] = [];
  let crosses: string | null = null;
  const byPartner = new Map<string, number>();
  for (const l of d.allocations) byPartner.set(l.partner, (byPartner.get(l.partner) ?? 0) + l.amount);
  const total = [...byPartner.values()].reduce((a, b) => a + b, 0);
  const active = view.partners.filter((p) => !p.member).length || 1;
  if (pr) {
    const line = pr.redLine;
    if (line.kind === 'shareAtMost' && d.share > line.value + 1e-9) crosses = x('exercise.ally.crossShareMax', { share: num(d.share, 2), value: num(line.value, 2) });
    if (line.kind === 'shareAtLeast' && d.share < line.value - 1e-9) crosses = x('exercise.ally.crossShareMin', { share: num(d.share, 2), value: num(line.value, 2) });
    if (line.kind === 'noPriorities' && d.policy === 'priorities' && view.policy !== 'priorities') crosses = x('exercise.ally.crossPriorities');
    // As the engine judges it: a partner not yet (or no longer) in any framework this year binds no one.
    const inPlay = (id: string) => view.partners.some((p) => p.id === id && !p.member);
    if (line.kind === 'partnerFunded' && inPlay(line.partner)) {
      const got = byPartner.get(line.partner) ?? 0;
      const need = (line.atLeast * total) / active;
      if (got + 1e-9 < need) {
        const [gotText, needText] = moneyApart(got, need, 2);
        crosses = x('exercise.ally.crossPartner', { partner: partnerName(ctx.scenario, line.partner, view.year), got: gotText, need: needText });
      }
    }
    // In hundredths, with the multiple of the equal share the red line is written in: rounded to tenths, a partner just under the line read as on it.
    for (const p of pr.partners.filter(inPlay)) {
      const got = byPartner.get(p) ?? 0;
      const equal = total / active;
      notes.push(x('exercise.ally.partnerGets', { partner: partnerName(ctx.scenario, p, view.year), amount: money(got, 2), equal: money(equal, 2), times: num(equal > 0 ? got / equal : 0, 2) }));
    }
    for (const r of pr.regions) {
      const inRegion = d.allocations.filter((l) => view.partners.find((p) => p.id === l.partner)?.region === r).reduce((a, l) => a + l.amount, 0);
      notes.push(x('exercise.ally.regionGets', { region: regionName(r), amount: money(inRegion), pct: num(total ? (100 * inRegion) / total : 0, 0) }));
    }
    for (const f of pr.focus) {
      const inFocus = d.allocations.filter((l) => l.focus === f).reduce((a, l) => a + l.amount, 0);
      notes.push(x('exercise.ally.focusGets', { focus: focusName(f), amount: money(inFocus), pct: num(total ? (100 * inFocus) / total : 0, 0) }));
    }
  }
  return { crosses, notes };
}

function redLineText(ctx: ScreenContext, year: number, line: NonNullable<Extract<RoleView['own'], { kind: 'ally' }>['priorities']>['redLine']): string {
  switch (line.kind) {
    case 'shareAtMost':
      return x('exercise.ally.lineShareMax', { value: num(line.value, 2) });
    case 'shareAtLeast':
      return x('exercise.ally.lineShareMin', { value: num(line.value, 2) });
    case 'noPriorities':
      return x('exercise.ally.linePriorities');
    case 'partnerFunded':
      return x('exercise.ally.linePartner', { partner: partnerName(ctx.scenario, line.partner, year), times: num(line.atLeast, 1) });
    default:
      return '';
  }
}

export function allyScreen(ctx: ScreenContext, view: RoleView): HTMLElement[] {
  const own = view.own.kind === 'ally' ? view.own : null;
  if (!own) return [];
  const role = view.role;
  const act = mayAct(ctx, view);
  const out: HTMLElement[] = [];
  const pr = own.priorities;
  out.push(
    panel(
      x('exercise.ally.secretTitle'),
      { secret: true, testId: 'cx-ally-secret' },
      h('p', { class: 'cx-badge cx-badge-warn', text: x('exercise.ally.secretBadge') }),
      pr ? h('p', { text: localized(pr.brief) }) : h('p', { class: 'cx-muted', text: x('exercise.ally.noPriorities') }),
      pr ? h('ul', { class: 'cx-list' },
        pr.partners.length ? h('li', { text: x('exercise.ally.favPartners', { list: pr.partners.map((p) => partnerName(ctx.scenario, p, view.year)).join(', ') }) }) : null,
        pr.regions.length ? h('li', { text: x('exercise.ally.favRegions', { list: pr.regions.map(regionName).join(', ') }) }) : null,
        pr.focus.length ? h('li', { text: x('exercise.ally.favFocus', { list: pr.focus.map(focusName).join(', ') }) }) : null,
        h('li', { class: 'cx-bad', text: x('exercise.ally.redLine', { line: redLineText(ctx, view.year, pr.redLine) }) }),
      ) : null,
    ),
  );
  // Pushing a partner: in signals, and in planning until the year is agreed.
  if (act && (view.phase === 'signals' || (view.phase === 'planning' && !view.agreed))) {
    const fav = own.favourites.length ? own.favourites : view.partners.map((p) => p.id);
    const s = select(view.partners.filter((p) => !p.member).map((p) => ({ value: p.id, label: partnerName(ctx.scenario, p.id, view.year) })), own.pushed ?? fav[0] ?? '', { testId: 'cx-push-partner' });
    out.push(panel(x('exercise.ally.pushTitle'), {}, h('p', { class: 'cx-muted', text: own.pushed ? x('exercise.ally.pushed', { partner: partnerName(ctx.scenario, own.pushed, view.year) }) : x('exercise.ally.pushLead') }), h('div', { class: 'cx-row' }, field(x('exercise.col.partner'), s), btn(x('exercise.ally.push'), () => ctx.send({ role, type: 'ally.push', partner: s.value }), { testId: 'cx-push' }))));
  }
  if (act && view.phase === 'signals' && view.waitingFor.includes(role)) out.push(readyPanel(ctx, role));
  const open = view.proposals[view.proposals.length - 1];
  if (open) {
    const cost = costToAlly(ctx, view, open.decision);
    const answered = !!open.responses[role.slice(5)];
    // The capital reads the proposal's outline, what it costs it and its answer first; the money per partner follows.
    const body: (HTMLElement | null)[] = [decisionHead(ctx, open.decision, view.year)];
    body.push(h('h3', { text: x('exercise.ally.costTitle') }));
    body.push(cost.crosses ? h('p', { class: 'cx-bad', attrs: { 'data-testid': 'cx-red-line' }, text: x('exercise.ally.crosses', { why: cost.crosses }) }) : h('p', { class: 'cx-good', attrs: { 'data-testid': 'cx-red-line' }, text: x('exercise.ally.noCross') }));
    if (cost.notes.length) body.push(h('ul', { class: 'cx-list' }, ...cost.notes.map((n) => h('li', { text: n }))));
    if (act && open.outcome === 'open' && !answered && view.waitingFor.includes(role)) {
      const reason = textInput((ctx.memo.reason as string) ?? '', { wide: true, testId: 'cx-object-reason', label: x('exercise.ally.reason') });
      reason.addEventListener('input', () => (ctx.memo.reason = reason.value));
      body.push(
        h('div', { class: 'cx-row' }, btn(x('exercise.ally.approve'), () => ctx.send({ role, type: 'ally.approve' }), { primary: true, testId: 'cx-approve' })),
        h('div', { class: 'cx-row' }, field(x('exercise.ally.reason'), reason), btn(x('exercise.ally.object'), () => ctx.send({ role, type: 'ally.object', reason: reason.value }), { testId: 'cx-object' })),
      );
    } else if (answered) {
      const r = open.responses[role.slice(5)];
      body.push(h('p', { text: r.approve ? x('exercise.ally.youApproved') : x('exercise.ally.youObjected', { reason: r.reason ?? '' }) }));
    }
    body.push(decisionTable(ctx, open.decision, view.year));
    out.push(panel(x('exercise.ally.proposalTitle', { n: open.round }), { testId: 'cx-ally-proposal' }, ...body));
  } else if (view.phase === 'planning') {
    out.push(panel(x('exercise.ally.proposalTitle', { n: 1 }), {}, h('p', { class: 'cx-muted', text: view.agreed ? x('exercise.proposal.agreedNoVote') : x('exercise.ally.awaiting') })));
  }
  return out;
}

function readyPanel(ctx: ScreenContext, role: RoleId): HTMLElement {
  return panel(x('exercise.ready.title'), {}, h('p', { class: 'cx-muted', text: x('exercise.ready.lead') }), btn(x('exercise.ready.button'), () => ctx.send({ role, type: 'phase.ready' }), { primary: true, testId: 'cx-ready' }));
}

// ---------------------------------------------------------------------------------------
// Partner teams

export function partnerScreen(ctx: ScreenContext, view: RoleView): HTMLElement[] {
  const own = view.own.kind === 'partner' ? view.own : null;
  if (!own) return [];
  const role = view.role;
  const act = mayAct(ctx, view);
  // The team's own partners, a short table: two of the grid's three columns on a wide screen, beside the phase's
  // other panels; the demands, when open, come first and across the page (the team's work in the signals phase).
  const out: HTMLElement[] = [partnersPanel(ctx, view, own.partners)];
  const active = view.partners.filter((p) => own.partners.includes(p.id) && !p.member).map((p) => p.id);
  if (act && view.phase === 'signals') {
    const rows = active.map((p) => {
      // Each row keeps what was chosen and typed until it is sent, whatever other row or table moves meanwhile.
      const demandKey = `demand ${view.year} ${p}`;
      const selfKey = `self ${view.year} ${p}`;
      const focus = remembered(ctx, demandKey, select(own.demandMenu.map((f) => ({ value: f, label: focusName(f) })), own.demands[p] ?? own.demandMenu[0], { testId: `cx-demand-${p}`, label: x('exercise.partner.demandFor', { partner: partnerName(ctx.scenario, p, view.year) }) }));
      const pct = remembered(ctx, selfKey, numberInput(Math.round((own.selfFinancing[p] ?? 0) * 100), { min: 0, max: 50, whole: true }, { 'data-testid': `cx-self-${p}`, 'aria-label': x('exercise.partner.selfFor', { partner: partnerName(ctx.scenario, p, view.year) }) }));
      return [
        partnerName(ctx.scenario, p, view.year),
        h('div', { class: 'cx-row' }, focus, btn(x('exercise.partner.demand'), () => sendForms(ctx, { role, type: 'partner.demand', partner: p, focus: focus.value as (typeof FOCUS_AREAS)[number] }, [demandKey]), { testId: `cx-demand-send-${p}` })),
        // What the team has stated so far: its demand and, once sent, its offer to pay a share itself.
        [own.demands[p] ? focusName(own.demands[p]) : '—', own.selfFinancing[p] !== undefined ? x('exercise.partner.offered', { pct: num(own.selfFinancing[p] * 100, 0) }) : null].filter(Boolean).join(' · '),
        h('div', { class: 'cx-row' }, pct, btn(x('exercise.partner.offer'), () => {
          // The field says, in the game's language and beside it, that an offer is a whole percentage up to 50.
          const share = fieldNumber(pct);
          if (share !== null) void sendForms(ctx, { role, type: 'partner.selfFinance', partner: p, share: share / 100 }, [selfKey]);
        }, { testId: `cx-self-send-${p}` })),
      ];
    });
    out.unshift(panel(x('exercise.partner.demandsTitle'), { testId: 'cx-partner-demands', wide: true }, h('p', { class: 'cx-muted', text: x('exercise.partner.demandsLead') }), table([x('exercise.col.partner'), x('exercise.partner.demandCol'), x('exercise.partner.stated'), x('exercise.partner.selfCol')], rows)));
    if (view.waitingFor.includes(role)) out.push(readyPanel(ctx, role));
  }
  if (own.gapQuestions.length) {
    out.push(
      panel(
        x('exercise.partner.gapTitle'),
        { testId: 'cx-gap' },
        h('p', { class: 'cx-muted', text: x('exercise.partner.gapLead') }),
        ...own.gapQuestions.map((p) =>
          p in own.gapAnswers
            ? h('p', { text: x(own.gapAnswers[p] ? 'exercise.partner.gapAccepted' : 'exercise.partner.gapRefused', { partner: partnerName(ctx.scenario, p, view.year) }) })
            : h('div', { class: 'cx-row' }, h('span', { text: partnerName(ctx.scenario, p, view.year) }), act ? btn(x('exercise.partner.accept'), () => ctx.send({ role, type: 'partner.gapAnswer', partner: p, accept: true }), { testId: `cx-gap-accept-${p}` }) : null, act ? btn(x('exercise.partner.refuse'), () => ctx.send({ role, type: 'partner.gapAnswer', partner: p, accept: false }), { testId: `cx-gap-refuse-${p}` }) : null),
        ),
      ),
    );
  }
  const offers = view.briefing.offers.filter((o) => own.partners.includes(o.partner));
  if (offers.length) out.push(panel(x('exercise.partner.offersTitle'), {}, table([x('exercise.col.partner'), x('exercise.col.competitor'), x('exercise.col.amount')], offers.map((o) => [partnerName(ctx.scenario, o.partner, view.year), x(`exercise.competitor.${o.competitor}`), money(o.amount)]), { numeric: [2] })));
  return out;
}

// ---------------------------------------------------------------------------------------
// Red cells

/** A red cell's signals as typed this year, by partner: the amounts' text and the bluffs ticked. */
interface RedSignalsDraft {
  year: number;
  amounts: Record<string, string>;
  bluffs: Record<string, boolean>;
}

export function redScreen(ctx: ScreenContext, view: RoleView): HTMLElement[] {
  const own = view.own.kind === 'red' ? view.own : null;
  if (!own) return [];
  const role = view.role;
  const act = mayAct(ctx, view);
  const out: HTMLElement[] = [];
  out.push(panel(x('exercise.red.budgetTitle'), { secret: true }, table([x('exercise.col.region'), x('exercise.col.amount')], REGIONS.map((r) => [regionName(r), money(own.budget[r])]), { numeric: [1] }), h('p', { class: 'cx-muted', text: x('exercise.red.rules') })));
  // The engine takes a red cell's signals again, each send in place of the last, until the
  // signals phase closes (it closes once every table there has acted, or when the White Cell
  // moves on): sent, the form stays open with what was taken, as a capital's push does.
  if (act && view.phase === 'signals') {
    const waited = view.waitingFor.includes(role);
    const regions = new Set<Region>(REGIONS.filter((r) => own.budget[r] > 0));
    // Never its own country (Russia is itself a partner in eras 1 and 2): the engine refuses such an offer.
    const candidates = view.partners.filter((p) => !p.member && regions.has(p.region) && p.id !== COMPETITOR_COUNTRY[own.competitor]);
    const rows: { partner: string; amount: HTMLInputElement; bluff: HTMLInputElement }[] = [];
    // What the cell typed and ticked this year is kept across redraws until the engine takes it: a refused send
    // (too many offers in a region) leaves the cell its own figures and bluffs to correct, not the draft it started from.
    const typed = ctx.memo.redSignals as RedSignalsDraft | undefined;
    const draft: RedSignalsDraft = typed?.year === view.year ? typed : { year: view.year, amounts: {}, bluffs: {} };
    const keep = () => (ctx.memo.redSignals = draft);
    const trs = candidates.map((p) => {
      const current = own.signals.find((s) => s.partner === p.id);
      const amount = decimalInput(current ? Math.round(current.amount * 100) / 100 : 0, 2, { 'data-testid': `cx-signal-${p.id}`, 'aria-label': x('exercise.red.amountFor', { partner: partnerName(ctx.scenario, p.id, view.year) }) });
      if (draft.amounts[p.id] !== undefined) amount.value = draft.amounts[p.id];
      amount.addEventListener('input', () => {
        draft.amounts[p.id] = amount.value;
        keep();
      });
      const bluff = checkbox(draft.bluffs[p.id] ?? current?.bluff ?? false, { testId: `cx-bluff-${p.id}`, label: x('exercise.red.bluffFor', { partner: partnerName(ctx.scenario, p.id, view.year) }) });
      bluff.addEventListener('change', () => {
        draft.bluffs[p.id] = bluff.checked;
        keep();
      });
      rows.push({ partner: p.id, amount, bluff });
      return [partnerName(ctx.scenario, p.id, view.year), regionName(p.region), amount, bluff];
    });
    // Every amount read first: one that is not an amount is pointed out and nothing is sent.
    const sendSignals = () => {
      const offers: { partner: string; amount: number; bluff: boolean }[] = [];
      for (const r of rows) {
        const amount = fieldAmount(r.amount);
        if (amount === null) return;
        if (amount > 0) offers.push({ partner: r.partner, amount, bluff: r.bluff.checked });
      }
      const taken = (r: ActResult) => {
        if (r.ok) delete ctx.memo.redSignals;
      };
      const result = ctx.send({ role, type: 'red.signal', offers });
      if (result instanceof Promise) void result.then(taken);
      else taken(result);
    };
    out.push(
      panel(
        x('exercise.red.signalTitle'),
        { testId: 'cx-red-signals' },
        // Once the room no longer waits for the cell, the form says what stands (the fields may hold a revision not yet sent).
        waited ? null : h('p', { class: 'cx-ok', attrs: { role: 'status', 'data-testid': 'cx-signals-taken' }, text: x('exercise.red.taken', { list: signalList(ctx, view, own.signals) }) }),
        h('p', { class: 'cx-muted', text: x('exercise.red.signalLead') }),
        table([x('exercise.col.partner'), x('exercise.col.region'), x('exercise.red.amount'), x('exercise.red.bluff')], trs),
        h('div', { class: 'cx-row' }, btn(waited ? x('exercise.red.send') : x('exercise.red.resend'), () => sendSignals(), { primary: true, testId: 'cx-send-signals' })),
      ),
    );
    // Sending the signals says the cell is ready too; until then it may say so without changing the drawn offers.
    if (waited) out.push(readyPanel(ctx, role));
  } else {
    // Before the signals phase, the offers are those the engine drew for the cell: not yet the cell's word.
    const drawn = view.phase === 'briefing' && own.signals.length ? h('p', { class: 'cx-muted', attrs: { 'data-testid': 'cx-signals-drawn' }, text: x('exercise.red.drawn') }) : null;
    out.push(panel(x('exercise.red.yourSignals'), {}, drawn, own.signals.length ? table([x('exercise.col.partner'), x('exercise.col.amount'), x('exercise.red.bluff')], own.signals.map((s) => [partnerName(ctx.scenario, s.partner, view.year), money(s.amount), s.bluff ? x('exercise.yes') : x('exercise.no')]), { numeric: [1] }) : h('p', { class: 'cx-muted', text: x('exercise.red.none') })));
  }
  if (act && view.phase === 'planning' && view.agreed && view.waitingFor.includes(role)) {
    const boxes = own.signals.map((s) => ({ partner: s.partner, c: checkbox(!s.bluff, { testId: `cx-honour-${s.partner}` }) }));
    out.push(
      panel(
        x('exercise.red.commitTitle'),
        { testId: 'cx-red-commit' },
        h('p', { class: 'cx-muted', text: x('exercise.red.commitLead') }),
        ...boxes.map((b) => h('div', {}, h('label', {}, b.c, h('span', { text: x('exercise.red.honour', { partner: partnerName(ctx.scenario, b.partner, view.year) }) })))),
        h('div', { class: 'cx-row' }, btn(x('exercise.red.commit'), () => ctx.send({ role, type: 'red.commit', honour: boxes.filter((b) => b.c.checked).map((b) => b.partner) }), { primary: true, testId: 'cx-commit' })),
      ),
    );
  }
  if (own.committed) out.push(panel(x('exercise.red.committedTitle'), {}, h('p', { text: own.committed.length ? own.committed.map((p) => partnerName(ctx.scenario, p, view.year)).join(', ') : x('exercise.red.none') })));
  return out;
}

/** A red cell's signals in a line: each partner and amount, a bluff marked (the cell's own screen only). */
function signalList(ctx: ScreenContext, view: RoleView, signals: RedSignal[]): string {
  if (!signals.length) return x('exercise.red.noSignal');
  return signals
    .map((s) => {
      const offer = x('exercise.red.offer', { partner: partnerName(ctx.scenario, s.partner, view.year), amount: money(s.amount) });
      return s.bluff ? x('exercise.red.offerBluff', { offer }) : offer;
    })
    .join(', ');
}

/** Metrics for everyone: the alliance's standing and the competitors' influence. */
export function metricsPanel(view: RoleView, scenario: Scenario): HTMLElement {
  const before = allianceYearBefore(view, scenario);
  const rows = Object.entries(view.alliance).map(([k, v]) => {
    const prev = before?.[k as keyof typeof view.alliance];
    return [metricName(k), num(v, 1), prev === undefined ? '—' : signed(v - prev, 1)];
  });
  const infl = (['russia', 'china'] as const).map((c) => [metricName(c), ...REGIONS.map((r) => num(view.influence[c][r], 1))]);
  return panel(
    x('exercise.metrics.title'),
    { testId: 'cx-metrics' },
    table([x('exercise.metrics.metric'), x('exercise.metrics.value'), x('exercise.metrics.change')], rows, { numeric: [1, 2] }),
    h('h3', { text: x('exercise.metrics.influence') }),
    table(['', ...REGIONS.map(regionName)], infl, { numeric: [1, 2, 3] }),
  );
}

export { phaseName };
