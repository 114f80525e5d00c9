/**
 * The events phase (docs/rules.md): historical events on their real year — or their
 * counterfactual variant when the player's game has made them impossible — generic events
 * drawn by weight, and the scenario's scripted injects (MSEL); then the player's choices
 * and their effects, and the end of the turn.
 */
import type { Choice, Condition, Effect, EventCard, Inject, Scenario } from './scenario';
import { ALLIANCE_METRICS, type AllianceMetric, type PartnerField } from './constants';
import {
  activePartners,
  clamp,
  cloneState,
  readyAspirants,
  programmeActive,
  lastRecordForEdit,
  invalidateView,
  advanceView,
  changeView,
  type FiredEvent,
  type GameState,
  type PartnerState,
  type PendingEvent,
  type TurnRecord,
} from './state';
import { Rng } from './rng';
import { refreshRecord } from './resolve';
import { reject, type Result } from './decision';

/** What an event card shows: the event or inject as fired, with the right variant's texts. */
export interface EventView {
  id: string;
  source: 'event' | 'inject';
  counterfactual: boolean;
  title: Choice['label'];
  text: Choice['label'];
  choices: Choice[];
  partners: string[];
  url: string;
  year: number;
  historical: boolean;
}

function conditionHolds(scenario: Scenario, state: GameState, c: Condition): boolean {
  if ('programme' in c) {
    const programme = scenario.programmes.find((p) => p.id === c.programme);
    return programme !== undefined && programmeActive(scenario, state, programme) === c.active;
  }
  let v: number;
  if (c.metric === 'readyAspirants') v = readyAspirants(scenario, state);
  else if (c.metric === 'influence') v = state.influence[c.competitor ?? 'russia'][c.region ?? 'east'];
  else if (c.partner && c.metric in state.partners[c.partner]) v = state.partners[c.partner][c.metric as 'trust'];
  else if (c.metric in state.alliance) v = state.alliance[c.metric as 'security'];
  else return false;
  return c.op === '<' ? v < c.value : v > c.value;
}

export function conditionsHold(scenario: Scenario, state: GameState, conditions: Condition[]): boolean {
  return conditions.every((c) => conditionHolds(scenario, state, c));
}

const wasFired = (state: GameState, id: string, source: PendingEvent['source']) =>
  state.fired.some((f) => f.id === id && f.source === source) || state.pendingEvents.some((p) => p.id === id && p.source === source);

/** Queues the year's events: historical, injects, then 0–2 generic ones (3 cards at most in all). */
export function drawEvents(scenario: Scenario, state: GameState): GameState {
  const s = cloneState(state);
  drawEventsInPlace(scenario, s);
  return s;
}

/** A scenario's events sorted once: historical ones by year, generic ones in file order, and every card by id. */
interface EventIndex {
  historical: Map<number, EventCard[]>;
  generic: EventCard[];
  events: Map<string, EventCard>;
  injects: Map<string, Inject>;
}
const eventIndexCache = new WeakMap<Scenario, EventIndex>();

function eventIndexOf(scenario: Scenario): EventIndex {
  let index = eventIndexCache.get(scenario);
  if (!index) {
    const historical = new Map<number, EventCard[]>();
    for (const e of scenario.events) {
      if (e.kind !== 'historical' || e.year === undefined) continue;
      const list = historical.get(e.year) ?? [];
      list.push(e);
      historical.set(e.year, list);
    }
    // The first card of an id wins, as a search of the lists would find it.
    const events = new Map<string, EventCard>();
    for (const e of scenario.events) if (!events.has(e.id)) events.set(e.id, e);
    const injects = new Map<string, Inject>();
    for (const i of scenario.injects) if (!injects.has(String(i.serial))) injects.set(String(i.serial), i);
    index = { historical, generic: scenario.events.filter((e) => e.kind === 'generic'), events, injects };
    eventIndexCache.set(scenario, index);
  }
  return index;
}

export function drawEventsInPlace(scenario: Scenario, s: GameState): void {
  const rng = new Rng(s.rng);
  const events = eventIndexOf(scenario);
  const queue: PendingEvent[] = [];
  for (const e of events.historical.get(s.year) ?? []) {
    if (wasFired(s, e.id, 'event')) continue;
    if (conditionsHold(scenario, s, e.when)) queue.push({ id: e.id, source: 'event', counterfactual: false });
    else if (e.counterfactual) queue.push({ id: e.id, source: 'event', counterfactual: true });
  }
  const control = s.injectControl;
  for (const inj of scenario.injects) {
    const serial = String(inj.serial);
    if (wasFired(s, serial, 'inject')) continue;
    if (control && (control.skipped.includes(serial) || (control.held.includes(serial) && !control.released.includes(serial)))) continue;
    if (control?.released.includes(serial) || injectDue(scenario, s, inj)) queue.push({ id: serial, source: 'inject', counterfactual: false });
  }
  // Cards the White Cell deals ad hoc from the scenario's deck.
  if (control?.adhoc.length) {
    for (const id of control.adhoc) if (!wasFired(s, id, 'event')) queue.push({ id, source: 'event', counterfactual: false });
    s.injectControl = { ...control, adhoc: [], released: [] };
  } else if (control?.released.length) s.injectControl = { ...control, released: [] };
  const generic: EventCard[] = [];
  const weights: number[] = [];
  for (const e of events.generic) {
    if ((e.from ?? scenario.start) <= s.year && s.year <= (e.to ?? scenario.end) && !wasFired(s, e.id, 'event') && conditionsHold(scenario, s, e.when)) {
      generic.push(e);
      weights.push(e.weight);
    }
  }
  const roll = rng.next();
  let count = Math.min(roll < 0.35 ? 0 : roll < 0.8 ? 1 : 2, Math.max(0, 3 - queue.length));
  while (count-- > 0 && generic.length) {
    const i = rng.weighted(weights);
    if (i < 0) break;
    queue.push({ id: generic[i].id, source: 'event', counterfactual: false });
    generic.splice(i, 1);
    weights.splice(i, 1);
  }
  s.pendingEvents = queue;
  s.rng = rng.state;
}

/**
 * Whether an inject's time has come: its year (from then on, for one a White Cell held and
 * let go later), another inject's outcome, and its conditions on the state.
 */
export function injectDue(scenario: Scenario, s: GameState, inj: Inject): boolean {
  const timed = inj.after
    ? s.fired.some((f) => f.source === 'inject' && f.id === String(inj.after!.serial) && f.choice === inj.after!.choice)
    : inj.year === undefined || (s.injectControl ? inj.year <= s.year : inj.year === s.year);
  return timed && conditionsHold(scenario, s, inj.when);
}

function findEvent(scenario: Scenario, pending: PendingEvent): EventCard | Inject | undefined {
  const index = eventIndexOf(scenario);
  return pending.source === 'event' ? index.events.get(pending.id) : index.injects.get(pending.id);
}

/** The texts and choices a pending card shows: its counterfactual variant where it fired as one. */
function variantOf(card: EventCard | Inject, pending: PendingEvent): Pick<EventCard, 'title' | 'text' | 'choices'> {
  return pending.counterfactual && 'counterfactual' in card && card.counterfactual ? card.counterfactual : card;
}

export function eventView(scenario: Scenario, state: GameState, pending: PendingEvent): EventView | undefined {
  const card = findEvent(scenario, pending);
  if (!card) return undefined;
  const variant = variantOf(card, pending);
  return {
    id: pending.id,
    source: pending.source,
    counterfactual: pending.counterfactual,
    title: variant.title,
    text: variant.text,
    choices: variant.choices,
    partners: card.partners,
    url: card.source,
    year: state.year,
    historical: 'kind' in card && card.kind === 'historical' && !pending.counterfactual,
  };
}

/**
 * `p[field] = clamp(p[field] + delta)`, each field written by name: V8 reads and writes a
 * field whose name is held in a variable through a generic, several times slower look-up,
 * and effects on partners come by the dozen in every game.
 */
function addToField(p: PartnerState, field: PartnerField, delta: number): void {
  switch (field) {
    case 'trust':
      p.trust = clamp(p.trust + delta);
      break;
    case 'alignment':
      p.alignment = clamp(p.alignment + delta);
      break;
    case 'interoperability':
      p.interoperability = clamp(p.interoperability + delta);
      break;
    case 'institutions':
      p.institutions = clamp(p.institutions + delta);
      break;
    case 'stability':
      p.stability = clamp(p.stability + delta);
      break;
    case 'defence':
      p.defence = clamp(p.defence + delta);
      break;
    default: {
      // Exhaustive: a new field is a compile error here. A field no validated scenario
      // names (unchecked input): as the generic write would have it.
      const other: never = field;
      const any = p as unknown as Record<string, number>;
      any[other] = clamp(any[other] + delta);
    }
  }
}

export function applyEffect(scenario: Scenario, s: GameState, effect: Effect): void {
  switch (effect.kind) {
    case 'metric':
      s.alliance[effect.metric] = clamp(s.alliance[effect.metric] + effect.delta);
      break;
    case 'partner': {
      const p = s.partners[effect.partner];
      if (p) addToField(p, effect.field, effect.delta);
      break;
    }
    case 'region':
      for (const partner of activePartners(scenario, s)) {
        if (partner.region === effect.region) addToField(s.partners[partner.id], effect.field, effect.delta);
      }
      break;
    case 'influence':
      s.influence[effect.competitor][effect.region] = clamp(s.influence[effect.competitor][effect.region] + effect.delta);
      break;
    case 'programme':
      s.programmeStatus[effect.programme] = effect.status;
      break;
    case 'budget':
      s.budgetFactor = Math.min(1.5, Math.max(0.5, s.budgetFactor * effect.factor));
      break;
    case 'join':
      if (s.partners[effect.partner]) s.partners[effect.partner].member = true;
      break;
    case 'enrol': {
      const list = (s.enrolled[effect.partner] ??= []);
      if (!list.includes(effect.framework)) list.push(effect.framework);
      break;
    }
    case 'reveal':
      if (s.partners[effect.partner]) s.partners[effect.partner].revealed = true;
      break;
    default: {
      // Exhaustive: a new kind of effect is a compile error here; an unknown one (unchecked input) does nothing.
      const other: never = effect;
      void other;
    }
  }
  if (effect.kind === 'join' || effect.kind === 'enrol' || effect.kind === 'programme') changeView(scenario, s, effect);
}

/** Checks an answer to a pending event; the choice when it may be taken. */
export function checkChoice(scenario: Scenario, state: GameState, eventId: string, choiceId: string): Result<{ choice: Choice }> {
  const pending = state.pendingEvents.find((p) => p.id === eventId);
  if (!pending) return reject('bad-decision', 'decision', `no pending event "${eventId}"`, { event: eventId });
  const view = eventView(scenario, state, pending);
  const choice = view?.choices.find((c) => c.id === choiceId);
  if (!view || !choice) return reject('bad-decision', 'decision', `event "${eventId}" has no choice "${choiceId}"`, { event: eventId, choice: choiceId });
  return affordable(state, choice);
}

/** The choice when the Allies can pay its consensus cost, else the rejection. */
function affordable(state: GameState, choice: Choice): Result<{ choice: Choice }> {
  if (choice.consensusCost > state.alliance.consensus + 1e-9) {
    return reject('consensus', 'decision', `this choice costs ${choice.consensusCost} consensus; the Allies have ${Math.floor(state.alliance.consensus)}`, {
      cost: choice.consensusCost,
      consensus: Math.floor(state.alliance.consensus),
    });
  }
  return { ok: true, choice };
}

/** Answers a pending event; the state is left untouched when the answer is refused. */
export function chooseEvent(scenario: Scenario, state: GameState, eventId: string, choiceId: string): Result<{ state: GameState }> {
  const check = checkChoice(scenario, state, eventId, choiceId);
  if (!check.ok) return check;
  const s = cloneState(state);
  chooseEventInPlace(scenario, s, eventId, check.choice);
  return { ok: true, state: s };
}

/** Applies a checked choice to a state the caller owns. */
export function chooseEventInPlace(scenario: Scenario, s: GameState, eventId: string, choice: Choice): void {
  answerInPlace(scenario, s, eventId, choice, lastRecordForEdit(s), false);
  refreshRecord(scenario, s);
}

/**
 * The choice's effects, the fired event and its review line on `record` (this turn's
 * record, which the caller owns). Leaves the record's metrics for the caller to re-read:
 * a whole turn re-reads them once, after its last event. `drawnThisStep` says the pending
 * card is one `drawEventsInPlace` made in this step, so it has exactly a PendingEvent's fields
 * (a card from a saved game is copied field by field, whatever it holds). `keepLog` false
 * (a score-only run) adds nothing to the decision log.
 */
export function answerInPlace(
  scenario: Scenario,
  s: GameState,
  eventId: string,
  choice: Choice,
  record: TurnRecord | undefined,
  drawnThisStep: boolean,
  keepLog = true,
): void {
  const index = s.pendingEvents.findIndex((p) => p.id === eventId);
  const pending = s.pendingEvents[index];
  // The alliance's metrics before the answer, so the record's drivers can say what it changed.
  const before = record ? { ...s.alliance } : undefined;
  s.alliance.consensus = clamp(s.alliance.consensus - choice.consensusCost);
  for (const effect of choice.effects) applyEffect(scenario, s, effect);
  const fired: FiredEvent = drawnThisStep
    ? { id: pending.id, source: pending.source, counterfactual: pending.counterfactual, year: s.year, choice: choice.id }
    : { ...pending, year: s.year, choice: choice.id };
  s.fired.push(fired);
  s.pendingEvents.splice(index, 1);
  if (keepLog) s.log.push({ kind: 'choice', year: s.year, event: eventId, choice: choice.id });
  if (record) {
    record.events.push(fired);
    if (choice.effects.length || choice.consensusCost) record.drivers.push({ metric: 'event', delta: 0, cause: 'event', subject: eventId });
    for (const metric of ALLIANCE_METRICS) {
      const delta = s.alliance[metric] - before![metric];
      if (delta !== 0) addEventDriver(record, metric, delta, eventId);
    }
  }
}

/**
 * Adds an event's change of a metric to the record's drivers, merged with the same event's
 * earlier change of it. The driver is replaced, not changed: a record copied for editing
 * (`lastRecordForEdit`) still shares its drivers with the state before.
 */
function addEventDriver(record: TurnRecord, metric: AllianceMetric, delta: number, eventId: string): void {
  const at = record.drivers.findIndex((d) => d.metric === metric && d.cause === 'event' && d.subject === eventId);
  if (at < 0) record.drivers.push({ metric, delta, cause: 'event', subject: eventId });
  else record.drivers[at] = { ...record.drivers[at], delta: record.drivers[at].delta + delta };
}

/** The default answer to an event: its first choice that the Allies can afford. */
export function defaultChoice(scenario: Scenario, state: GameState, pending: PendingEvent): string | undefined {
  return defaultOf(scenario, state, pending)?.id;
}

function defaultOf(scenario: Scenario, state: GameState, pending: PendingEvent): Choice | undefined {
  const card = findEvent(scenario, pending);
  if (!card) return undefined;
  const choices = variantOf(card, pending).choices;
  return choices.find((c) => c.consensusCost <= state.alliance.consensus) ?? choices[0];
}

/**
 * `checkChoice` of the default answer to the first pending card (`pending`), with the card
 * looked up once: the check a turn makes for every card nobody answered.
 */
export function checkDefault(scenario: Scenario, state: GameState, pending: PendingEvent): Result<{ choice: Choice }> {
  const choice = defaultOf(scenario, state, pending);
  if (!choice) return reject('bad-decision', 'decision', `event "${pending.id}" has no default choice`, { event: pending.id });
  return affordable(state, choice);
}

/** Ends the review: next year, or the era is over. */
export function endTurn(scenario: Scenario, state: GameState): GameState {
  const s = cloneState(state);
  endTurnInPlace(scenario, s);
  return s;
}

export function endTurnInPlace(scenario: Scenario, s: GameState): void {
  s.pendingEvents = [];
  if (s.turnInputs) s.turnInputs = undefined;
  s.budgetFactor = 1 + (s.budgetFactor - 1) * 0.5;
  if (s.year >= scenario.end) {
    s.finished = true;
    invalidateView(s);
  } else {
    s.year++;
    advanceView(scenario, s, s.year - 1);
  }
}
