/**
 * Reference rules, part 3: the events phase (game design §6) and the end of the turn —
 * historical events on their year (or their counterfactual variant), the scenario's
 * injects under the White Cell's control, generic events drawn by weight, answers and their
 * effects. Plain functions over the caller's fresh clone of the state; the fast path is
 * src/core/events.ts. See docs/rules.md.
 */
import type { Choice, Condition, Effect, EventCard, Inject, Scenario } from '../scenario';
import { ALLIANCE_METRICS, type PartnerField } from '../constants';
import type { FiredEvent, GameState, PendingEvent, TurnRecord } from '../state';
import { activePartnersOf, averageOver, clamp100, countReadyAspirants, programmeRuns } from './year';
import { addDriver, draw } from './turn';

/** A condition on the state (a metric, a partner's field, a competitor's influence, ready aspirants, a programme running or not) holds. */
export function conditionHoldsRule(scenario: Scenario, state: GameState, c: Condition): boolean {
  if ('programme' in c) {
    const programme = scenario.programmes.find((p) => p.id === c.programme);
    return programme !== undefined && programmeRuns(state, programme) === c.active;
  }
  let v: number;
  if (c.metric === 'readyAspirants') v = countReadyAspirants(scenario, state);
  else if (c.metric === 'influence') v = state.influence[c.competitor ?? 'russia'][c.region ?? 'east'];
  else if (c.partner && c.metric in state.partners[c.partner]) v = state.partners[c.partner][c.metric as 'trust'];
  else if (c.metric in state.alliance) v = state.alliance[c.metric as 'security'];
  else return false;
  return c.op === '<' ? v < c.value : v > c.value;
}

const allHold = (scenario: Scenario, state: GameState, conditions: Condition[]) => conditions.every((c) => conditionHoldsRule(scenario, state, c));

/** A card already fired this era, or waiting to be answered. */
function seen(state: GameState, id: string, source: PendingEvent['source']): boolean {
  return state.fired.some((f) => f.id === id && f.source === source) || state.pendingEvents.some((p) => p.id === id && p.source === source);
}

/**
 * An inject's time has come: its year (from then on, under a White Cell that may have held
 * it), or another inject's outcome, and its conditions on the state.
 */
export function injectDueRule(scenario: Scenario, state: GameState, inj: Inject): boolean {
  const timed = inj.after
    ? state.fired.some((f) => f.source === 'inject' && f.id === String(inj.after!.serial) && f.choice === inj.after!.choice)
    : inj.year === undefined || (state.injectControl ? inj.year <= state.year : inj.year === state.year);
  return timed && allHold(scenario, state, inj.when);
}

/**
 * History on its year: a historical event fires in its year if its conditions hold, else
 * its counterfactual variant when it has one — the player's game may have made history
 * impossible. Models the analysis's use of real events (enlargement rounds, crises) as
 * the test of a partnership policy.
 */
export function historicalEvents(scenario: Scenario, state: GameState): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const e of scenario.events) {
    if (e.kind !== 'historical' || e.year !== state.year || seen(state, e.id, 'event')) continue;
    if (allHold(scenario, state, e.when)) out.push({ id: e.id, source: 'event', counterfactual: false });
    else if (e.counterfactual) out.push({ id: e.id, source: 'event', counterfactual: true });
  }
  return out;
}

/**
 * Injects (the MSEL): due injects fire unless the White Cell skipped or holds them; released
 * ones fire now; ad-hoc cards the White Cell dealt join the queue. The White Cell's one-off
 * instructions (released, ad hoc) are spent.
 */
export function injectRule(scenario: Scenario, state: GameState): PendingEvent[] {
  const out: PendingEvent[] = [];
  const control = state.injectControl;
  for (const inj of scenario.injects) {
    const serial = String(inj.serial);
    if (seen(state, serial, 'inject')) continue;
    if (control && (control.skipped.includes(serial) || (control.held.includes(serial) && !control.released.includes(serial)))) continue;
    if (control?.released.includes(serial) || injectDueRule(scenario, state, inj)) out.push({ id: serial, source: 'inject', counterfactual: false });
  }
  if (control?.adhoc.length) {
    for (const id of control.adhoc) if (!seen(state, id, 'event')) out.push({ id, source: 'event', counterfactual: false });
    state.injectControl = { ...control, adhoc: [], released: [] };
  } else if (control?.released.length) state.injectControl = { ...control, released: [] };
  return out;
}

/** Index drawn with probability proportional to its weight; -1 when the weights add up to nothing. */
export function drawWeighted(state: GameState, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return -1;
  let r = draw(state) * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * Generic events: 0 (35 %), 1 (45 %) or 2 (20 %) cards drawn by weight among those whose
 * years and conditions fit and that have not fired, never more than three cards in all.
 */
export function genericEvents(scenario: Scenario, state: GameState, queued: number): PendingEvent[] {
  const open = scenario.events.filter(
    (e) => e.kind === 'generic' && (e.from ?? scenario.start) <= state.year && state.year <= (e.to ?? scenario.end) && !seen(state, e.id, 'event') && allHold(scenario, state, e.when),
  );
  const roll = draw(state);
  let count = Math.min(roll < 0.35 ? 0 : roll < 0.8 ? 1 : 2, Math.max(0, 3 - queued));
  const out: PendingEvent[] = [];
  while (count-- > 0 && open.length) {
    const i = drawWeighted(
      state,
      open.map((e) => e.weight),
    );
    if (i < 0) break;
    out.push({ id: open[i].id, source: 'event', counterfactual: false });
    open.splice(i, 1);
  }
  return out;
}

/** The year's cards: historical events, injects, then generic ones. */
export function drawEventsRule(scenario: Scenario, state: GameState): void {
  const queue = [...historicalEvents(scenario, state), ...injectRule(scenario, state)];
  queue.push(...genericEvents(scenario, state, queue.length));
  state.pendingEvents = queue;
}

/** The card a pending event stands for (the first of its id), and the variant it fired as. */
export function cardOf(scenario: Scenario, pending: PendingEvent): Pick<EventCard, 'title' | 'text' | 'choices'> | undefined {
  const card: EventCard | Inject | undefined =
    pending.source === 'event' ? scenario.events.find((e) => e.id === pending.id) : scenario.injects.find((i) => String(i.serial) === pending.id);
  if (!card) return undefined;
  return pending.counterfactual && 'counterfactual' in card && card.counterfactual ? card.counterfactual : card;
}

/** A choice may be taken when the Allies can pay its consensus cost. */
export function affordableRule(state: GameState, choice: Choice): boolean {
  return !(choice.consensusCost > state.alliance.consensus + 1e-9);
}

/** The answer a card gets: the wanted choice when it exists and is affordable, else the first affordable one. */
export function answerFor(state: GameState, pending: PendingEvent, wanted: string | undefined, scenario: Scenario): Choice | undefined {
  // A wanted answer is looked for on the first pending card with its id, as the fast path's check does.
  const first = state.pendingEvents.find((p) => p.id === pending.id)!;
  const wantedChoice = wanted ? cardOf(scenario, first)?.choices.find((c) => c.id === wanted) : undefined;
  if (wantedChoice && affordableRule(state, wantedChoice)) return wantedChoice;
  const choices = cardOf(scenario, pending)?.choices;
  if (!choices) return undefined;
  const fallback = choices.find((c) => c.consensusCost <= state.alliance.consensus) ?? choices[0];
  return fallback && affordableRule(state, fallback) ? fallback : undefined;
}

/** A partner field moved by `delta`, kept within 0–100. */
function moveField(state: GameState, partnerId: string, field: PartnerField, delta: number): void {
  const p = state.partners[partnerId] as unknown as Record<string, number>;
  p[field] = clamp100(p[field] + delta);
}

/** One effect of an answered card on the state (metrics, partners, influence, programmes, budget, membership). */
export function effectRule(scenario: Scenario, state: GameState, effect: Effect): void {
  switch (effect.kind) {
    case 'metric':
      state.alliance[effect.metric] = clamp100(state.alliance[effect.metric] + effect.delta);
      return;
    case 'partner':
      if (state.partners[effect.partner]) moveField(state, effect.partner, effect.field, effect.delta);
      return;
    case 'region':
      for (const partner of activePartnersOf(scenario, state)) if (partner.region === effect.region) moveField(state, partner.id, effect.field, effect.delta);
      return;
    case 'influence':
      state.influence[effect.competitor][effect.region] = clamp100(state.influence[effect.competitor][effect.region] + effect.delta);
      return;
    case 'programme':
      state.programmeStatus[effect.programme] = effect.status;
      return;
    case 'budget':
      state.budgetFactor = Math.min(1.5, Math.max(0.5, state.budgetFactor * effect.factor));
      return;
    case 'join':
      if (state.partners[effect.partner]) state.partners[effect.partner].member = true;
      return;
    case 'enrol': {
      const list = (state.enrolled[effect.partner] ??= []);
      if (!list.includes(effect.framework)) list.push(effect.framework);
      return;
    }
    case 'reveal':
      if (state.partners[effect.partner]) state.partners[effect.partner].revealed = true;
      return;
    default: {
      const never: never = effect;
      throw new Error(`unknown effect ${JSON.stringify(never)}`);
    }
  }
}

/**
 * An answer taken: its consensus cost paid, its effects applied, the card fired and logged,
 * and the turn's record told (a review marker naming the event).
 */
export function answerRule(scenario: Scenario, state: GameState, pending: PendingEvent, choice: Choice, record: TurnRecord | undefined): void {
  const index = state.pendingEvents.findIndex((p) => p.id === pending.id);
  const card = state.pendingEvents[index];
  const before = { ...state.alliance };
  state.alliance.consensus = clamp100(state.alliance.consensus - choice.consensusCost);
  for (const effect of choice.effects) effectRule(scenario, state, effect);
  const fired: FiredEvent = { id: card.id, source: card.source, counterfactual: card.counterfactual, year: state.year, choice: choice.id };
  state.fired.push(fired);
  state.pendingEvents.splice(index, 1);
  state.log.push({ kind: 'choice', year: state.year, event: pending.id, choice: choice.id });
  if (record) {
    record.events.push(fired);
    if (choice.effects.length || choice.consensusCost) record.drivers.push({ metric: 'event', delta: 0, cause: 'event', subject: pending.id });
    // What the answer did to each alliance metric, so the turn's drivers add up.
    for (const metric of ALLIANCE_METRICS) {
      const delta = state.alliance[metric] - before[metric];
      if (delta !== 0) addDriver(record.drivers, metric, delta, 'event', pending.id);
    }
  }
}

/** The turn record's metrics read again after the events changed them. */
export function rereadMetrics(scenario: Scenario, state: GameState, record: TurnRecord): void {
  record.alliance = { ...state.alliance };
  record.influence = { russia: { ...state.influence.russia }, china: { ...state.influence.china } };
  record.readyAspirants = countReadyAspirants(scenario, state);
  record.avgTrust = averageOver(scenario, state, 'trust');
  record.avgAlignment = averageOver(scenario, state, 'alignment');
}

/**
 * The end of the turn: unanswered cards are dropped, a facilitated turn's inputs are spent,
 * a budget shock halves towards normal, and the year moves on (or the era ends).
 */
export function endTurnRule(scenario: Scenario, state: GameState): void {
  state.pendingEvents = [];
  if (state.turnInputs) state.turnInputs = undefined;
  state.budgetFactor = 1 + (state.budgetFactor - 1) * 0.5;
  if (state.year >= scenario.end) state.finished = true;
  else state.year++;
}
