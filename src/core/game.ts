/**
 * Whole-turn and whole-era drivers on top of the phase functions: start a game, play a
 * turn from decision to next briefing, simulate an era with a bot policy, replay a game
 * from its decision log, and rerun a player's decisions over other seeds (luck vs skill).
 * The CLI, the balancer, the tests and the browser's worker all use these.
 */
import type { Scenario } from './scenario';
import { cloneState, createState, emptySums, partnerStatesOf, type GameState, type PartnerState, type LogEntry, type TurnRecord } from './state';
import { beginTurnInPlace, readMetricsInto, resolveTurnInPlace } from './resolve';
import { answerInPlace, checkChoice, checkDefault, drawEventsInPlace, endTurnInPlace } from './events';
import { FIT_ROUNDS, fitFactor, fitSealed, scaleAllocations, sealDecision, validateDecision, validateWithFacts, withActions, type DecisionFacts, type Rejection, type Result, type TurnDecision } from './decision';
import { botMove, policyRng, type PolicyName } from './policies';
import { scoreEra, type EraScore } from './score';
import { Rng } from './rng';

/** A new game, at the first year's briefing. */
export function startGame(scenario: Scenario, seed: number): GameState {
  const state = createState(scenario, seed);
  beginTurnInPlace(scenario, state);
  return state;
}

/** Picks a choice for a pending event; returns a choice id. */
export type Chooser = (state: GameState, eventId: string) => string | undefined;

export type TurnResult = { ok: true; state: GameState; record: TurnRecord } | Rejection;

/** Resolution, events (answered by `choose`, else defaults), review and the next briefing. */
export function playTurn(scenario: Scenario, state: GameState, decision: TurnDecision, choose?: Chooser): TurnResult {
  const valid = validateDecision(scenario, state, decision);
  if (!valid.ok) return valid;
  const s = cloneState(state);
  const record = playTurnInPlace(scenario, s, decision, choose);
  return { ok: true, state: s, record };
}

/**
 * `playTurn` on a state the caller owns, for a validated decision; returns the turn's
 * record, or nothing when `keepRecord` is false (a score-only run: same play, but no
 * review record and nothing added to the decision log). `states`: the partners' states by
 * position, for a caller playing the whole game in place (see `resolveTurnInPlace`).
 */
function playTurnInPlace(scenario: Scenario, s: GameState, decision: TurnDecision, choose?: Chooser): TurnRecord;
function playTurnInPlace(scenario: Scenario, s: GameState, decision: TurnDecision, choose: Chooser | undefined, keepRecord: boolean, facts?: DecisionFacts, states?: readonly PartnerState[]): TurnRecord | undefined;
function playTurnInPlace(scenario: Scenario, s: GameState, decision: TurnDecision, choose?: Chooser, keepRecord = true, facts?: DecisionFacts, states?: readonly PartnerState[]): TurnRecord | undefined {
  // The record is this step's own object, so events edit it directly and its metrics are
  // re-read once after the last answer (the same values as re-reading after each).
  const record = resolveTurnInPlace(scenario, s, decision, keepRecord, facts, states);
  drawEventsInPlace(scenario, s);
  let answered = false;
  while (s.pendingEvents.length) {
    const pending = s.pendingEvents[0];
    const wanted = choose?.(s, pending.id);
    let check = wanted ? checkChoice(scenario, s, pending.id, wanted) : undefined;
    if (!check || !check.ok) check = checkDefault(scenario, s, pending);
    // A default that cannot be afforded (validated scenarios prevent it): drop the card.
    if (!check.ok) s.pendingEvents.shift();
    else {
      answerInPlace(scenario, s, pending.id, check.choice, record, true, keepRecord);
      answered = true;
    }
  }
  if (answered && record) readMetricsInto(scenario, s, record);
  endTurnInPlace(scenario, s);
  if (!s.finished) beginTurnInPlace(scenario, s);
  return record;
}

export interface EraRun {
  state: GameState;
  score: EraScore;
}

/**
 * A whole era played by a bot. With `keepRecord` false the game is the same, but its
 * state has no turn records (no review, no diagnostics) and no decision log (it cannot be
 * replayed or saved): for runs that want the score and the final state only.
 */
export function simulateEra(scenario: Scenario, seed: number, policy: PolicyName, keepRecord = true): EraRun {
  const rng = policyRng(seed);
  const state = startGame(scenario, seed);
  // Looked up once for the game: playing it in place never replaces a partner's state.
  const states = partnerStatesOf(scenario, state);
  while (!state.finished) {
    // The bot's move comes with what it knows of its lines and tiers, so they are not
    // looked up again by name; every rule is still checked. A score-only run logs no
    // decision, so its bot leaves out the tiers record (its facts carry the tiers).
    let move = botMove(policy, scenario, state, rng, !keepRecord);
    // A bot must always play legal moves; fall back to the historical practice if not.
    let check = validateWithFacts(scenario, state, move.decision, move.facts);
    if (!check.ok) {
      move = botMove('equal', scenario, state, rng);
      check = validateWithFacts(scenario, state, move.decision, move.facts);
      if (!check.ok) throw new Error(`policy ${policy} made no legal move in ${state.year}: ${check.reason}`);
    }
    playTurnInPlace(scenario, state, move.decision, undefined, keepRecord, move.facts, states);
  }
  return { state, score: scoreEra(scenario, state) };
}

/** Rebuilds a game from its seed and decision log; the same log always gives the same state. */
export function replay(scenario: Scenario, seed: number, log: LogEntry[]): GameState {
  let state = startGame(scenario, seed);
  const strategy = log.find((e) => e.kind === 'strategy');
  if (strategy && strategy.kind === 'strategy') state = { ...state, strategy: strategy.strategy, log: [strategy] };
  for (const entry of log) {
    if (entry.kind !== 'decision') continue;
    if (state.finished || entry.year !== state.year) break;
    const choices = log.filter((e) => e.kind === 'choice' && e.year === entry.year);
    const result = playTurn(scenario, state, entry.decision, (_s, eventId) => {
      const c = choices.find((e) => e.kind === 'choice' && e.event === eventId);
      return c && c.kind === 'choice' ? c.choice : undefined;
    });
    if (!result.ok) break;
    state = result.state;
  }
  return state;
}

/**
 * Makes a logged decision legal in another seed's game: actions the Allies cannot afford
 * or that no longer apply are dropped, and allocations shrink to fit the envelope.
 */
export function adaptDecision(scenario: Scenario, state: GameState, decision: TurnDecision): TurnDecision {
  return adapt(scenario, state, decision).decision;
}

/**
 * `adaptDecision`, with its last check when that check is of the decision returned. A
 * sealed decision (see `sealDecision`) stays sealed, so its adapted forms are checked
 * only against the state.
 */
function adapt(scenario: Scenario, state: GameState, decision: TurnDecision): { decision: TurnDecision; check?: Result<object> } {
  let d = decision;
  let check = validateDecision(scenario, state, d);
  let current = true;
  if (!check.ok && check.field === 'actions') {
    const tried = d;
    d = withActions(tried, (a) => validateDecision(scenario, state, withActions(tried, (b) => b === a)).ok);
    check = validateDecision(scenario, state, d);
    if (!check.ok && check.field === 'actions') {
      d = withActions(d, () => false);
      current = false;
    }
  }
  for (let i = 0; i < FIT_ROUNDS && !check.ok && check.code === 'over-envelope'; i++) {
    const factor = fitFactor(Number(check.params.allocated), Number(check.params.available));
    d = scaleAllocations(scenario, d, factor);
    check = validateDecision(scenario, state, d);
    current = true;
  }
  return current ? { decision: d, check } : { decision: d };
}

/**
 * The luck-vs-skill rerun kept between calls, so it can follow a game as it is played:
 * `startRerun` sets up the other seeds' games, `advanceRerun` plays them on through a year
 * with the player's logged decisions and choices, `rerunScores` scores them. The log may
 * only grow between calls (a game whose earlier turns changed needs a fresh rerun). Played
 * to the era's end it gives, seed for seed, what `rerunOverSeeds` gives.
 */
export interface Rerun {
  scenario: Scenario;
  states: GameState[];
  /** Each year's logged decision, sealed; a year whose decision fails its checks is played by the fallback. */
  decisions: Map<number, TurnDecision>;
  choices: Extract<LogEntry, { kind: 'choice' }>[];
  /** Log entries read so far. */
  read: number;
}

export function startRerun(scenario: Scenario, seeds: number[]): Rerun {
  return { scenario, states: seeds.map((seed) => startGame(scenario, seed)), decisions: new Map(), choices: [], read: 0 };
}

/** Plays every game of `rerun` on through `through` (the era's last year by default). */
export function advanceRerun(rerun: Rerun, log: LogEntry[], through = rerun.scenario.end): void {
  readLog(rerun, log);
  for (const state of rerun.states) playRerunGame(rerun, state, through);
}

export function rerunScores(rerun: Rerun): number[] {
  return rerun.states.map((state) => scoreEra(rerun.scenario, state).score);
}

/** The player's decisions replayed over other seeds; one score per seed. */
export function rerunOverSeeds(scenario: Scenario, log: LogEntry[], seeds: number[]): number[] {
  // One game at a time, each dropped once scored: no need to keep a thousand games.
  const rerun = startRerun(scenario, []);
  readLog(rerun, log);
  return seeds.map((seed) => {
    const state = startGame(scenario, seed);
    playRerunGame(rerun, state, scenario.end);
    return scoreEra(scenario, state).score;
  });
}

/**
 * Takes in the log's new entries. Each logged decision is checked for form once, not once
 * per seed; one that fails is played as if absent (the fallback below), as it would be
 * rejected in every seed.
 */
function readLog(rerun: Rerun, log: LogEntry[]): void {
  for (; rerun.read < log.length; rerun.read++) {
    const e = log[rerun.read];
    if (e.kind === 'choice') rerun.choices.push(e);
    if (e.kind !== 'decision' || rerun.decisions.has(e.year)) continue;
    const sealed = sealDecision(rerun.scenario, e.decision);
    if (sealed.ok) rerun.decisions.set(e.year, sealed.decision);
  }
}

/** One seed's game played on through `through`, in place, as `playTurn` would (without the copies). */
function playRerunGame(rerun: Rerun, state: GameState, through: number): void {
  const { scenario, choices } = rerun;
  // Looked up once for the game's turns here: playing it in place never replaces a partner's state.
  const states = partnerStatesOf(scenario, state);
  if (fitScratch.fund.length < scenario.partners.length) fitScratch = emptySums(scenario.partners.length);
  while (!state.finished && state.year <= through) {
    const logged = rerun.decisions.get(state.year);
    // The logged decision fitted to this game without copies or rejections on the way,
    // else the way `adaptDecision` fits it; a scaled copy's sums are in scratch (see `fitSealed`).
    let move: { decision: TurnDecision; facts?: DecisionFacts; check?: Result<object> } = logged
      ? (fitSealed(scenario, state, logged, fitScratch) ?? adapt(scenario, state, logged))
      : botMove('equal', scenario, state, FALLBACK_DICE);
    const year = state.year;
    let choose: Chooser | undefined = (_s, eventId) => choices.find((c) => c.year === year && c.event === eventId)?.choice;
    const check = move.check ?? (move.facts ? validateWithFacts(scenario, state, move.decision, move.facts) : validateDecision(scenario, state, move.decision));
    if (!check.ok) {
      move = botMove('equal', scenario, state, FALLBACK_DICE);
      choose = undefined;
      const again = validateWithFacts(scenario, state, move.decision, move.facts!);
      if (!again.ok) throw new Error(`no legal move in ${state.year}: ${again.reason}`);
    }
    playTurnInPlace(scenario, state, move.decision, choose, false, move.facts, states);
  }
}

/** The money of the scaled copies of logged decisions, each played before the next is made. */
let fitScratch = emptySums(0);

/** The fallback's dice: the equal-treatment bot draws none, so one generator serves every game. */
const FALLBACK_DICE = new Rng(1);
