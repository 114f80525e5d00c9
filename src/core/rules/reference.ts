/**
 * The reference game: a whole turn played by the plain rules of src/core/rules/ — briefing,
 * validation, resolution, events drawn and answered, end of turn — each step on a fresh
 * clone of the plain JSON state. It is the readable statement of the rules, and a playable
 * alternative to the fast path (src/core/game.ts), which must give identical states: see
 * test/core/reference.test.ts and docs/architecture.md. Slower, by design; `npm run bench`
 * prints the price of plainness beside the fast path's figures.
 */
import type { Scenario } from '../scenario';
import type { GameState, TurnRecord } from '../state';
import { createState } from '../state';
import { validateDecision, type TurnDecision } from '../decision';
import { botMove, policyRng, type PolicyName } from '../policies';
import { scoreEra, type EraScore } from '../score';
import { briefingRule, resolveRules } from './turn';
import { answerFor, answerRule, drawEventsRule, endTurnRule, rereadMetrics } from './events';

/** A fresh deep copy: every reference step works on its own copy, never on its input. */
export function freshClone(state: GameState): GameState {
  return structuredClone(state);
}

/** A new game at its first year's briefing. */
export function startGameReference(scenario: Scenario, seed: number): GameState {
  const state = createState(scenario, seed);
  briefingRule(scenario, state);
  return state;
}

/** The year's briefing drawn on a copy of `state`. */
export function beginTurnReference(scenario: Scenario, state: GameState): GameState {
  const next = freshClone(state);
  briefingRule(scenario, next);
  return next;
}

/** Picks a choice for a pending event (as `Chooser` in game.ts). */
export type ReferenceChooser = (state: GameState, eventId: string) => string | undefined;

export type ReferenceTurnResult = { ok: true; state: GameState; record: TurnRecord } | Exclude<ReturnType<typeof validateDecision>, { ok: true }>;

/**
 * One whole turn: the decision checked (the core's one validation, src/core/decision.ts),
 * resolved, the year's events drawn and answered (by `choose`, else the first affordable
 * choice), the review's record completed, and the next briefing drawn.
 */
export function playTurnReference(scenario: Scenario, state: GameState, decision: TurnDecision, choose?: ReferenceChooser): ReferenceTurnResult {
  const valid = validateDecision(scenario, state, decision);
  if (!valid.ok) return valid;
  const s = freshClone(state);
  const record = resolveRules(scenario, s, decision);
  drawEventsRule(scenario, s);
  let answered = false;
  while (s.pendingEvents.length) {
    const pending = s.pendingEvents[0];
    const choice = answerFor(s, pending, choose?.(s, pending.id), scenario);
    // A card nobody can answer (validated scenarios have none) is dropped.
    if (!choice) s.pendingEvents.shift();
    else {
      answerRule(scenario, s, pending, choice, record);
      answered = true;
    }
  }
  if (answered) rereadMetrics(scenario, s, record);
  endTurnRule(scenario, s);
  if (!s.finished) briefingRule(scenario, s);
  return { ok: true, state: s, record };
}

/** A whole era played by a bot through the reference rules (as `simulateEra` with records). */
export function simulateEraReference(scenario: Scenario, seed: number, policy: PolicyName): { state: GameState; score: EraScore } {
  const rng = policyRng(seed);
  let state = startGameReference(scenario, seed);
  while (!state.finished) {
    let decision = botMove(policy, scenario, state, rng).decision;
    if (!validateDecision(scenario, state, decision).ok) decision = botMove('equal', scenario, state, rng).decision;
    const result = playTurnReference(scenario, state, decision);
    if (!result.ok) throw new Error(`policy ${policy} made no legal move in ${state.year}: ${result.reason}`);
    state = result.state;
  }
  return { state, score: scoreEra(scenario, state) };
}
