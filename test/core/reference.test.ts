/**
 * The reference rules (src/core/rules/) and the fast path (src/core/game.ts and the modules
 * under it) give the identical game: over random games in all four eras, with random legal
 * decisions, random event answers, random partner-team inputs (gap-analysis answers, extra
 * self-financing) and random White Cell control of injects (hold, skip, release, ad hoc),
 * the states are deep-equal after every turn — turn records and their drivers included.
 * Also whole bot eras, recorded and score-only. And the review's causes add up: for every
 * turn and alliance metric, the turn's drivers sum to the metric's change over the turn
 * (issue 14), whether the turn is played whole or phase by phase. See docs/architecture.md.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adaptDecision, playTurn, simulateEra, startGame } from '../../src/core/game';
import { playTurnReference, simulateEraReference, startGameReference } from '../../src/core/rules/reference';
import { validateDecision, type TurnDecision } from '../../src/core/decision';
import { activePartners, type GameState, type InjectControl, type TurnInputs } from '../../src/core/state';
import { FOCUS_AREAS, type Scenario } from '../../src/core/scenario';
import { Rng } from '../../src/core/rng';
import { botMove, POLICY_NAMES } from '../../src/core/policies';
import { chooseEvent, drawEvents, endTurn, eventView } from '../../src/core/events';
import { beginTurn, resolveTurn } from '../../src/core/resolve';
import { ALLIANCE_METRICS } from '../../src/core/constants';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';

const scenarios: Scenario[] = scenarioFiles().map((file) => {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.scenario;
});

/** A random decision: a bot's move (any policy), then share, tiers and actions stirred; may be illegal. */
function randomDecision(scenario: Scenario, state: GameState, rng: Rng): TurnDecision {
  const base = botMove(rng.pick(POLICY_NAMES), scenario, state, rng).decision;
  const partners = activePartners(scenario, state);
  const decision: TurnDecision = { ...base, allocations: base.allocations.map((l) => ({ ...l })), actions: [...base.actions] };
  if (rng.chance(0.4)) decision.share = Math.round(rng.range(10, 20)) / 10;
  if (rng.chance(0.3)) {
    decision.policy = 'priorities';
    decision.tiers = Object.fromEntries(partners.filter(() => rng.chance(0.8)).map((p) => [p.id, (1 + rng.int(3)) as 1 | 2 | 3]));
  }
  if (rng.chance(0.2)) for (const line of decision.allocations) line.amount *= rng.range(0.3, 1.1);
  if (rng.chance(0.1) && partners.length) decision.allocations.push({ partner: rng.pick(partners).id, focus: rng.pick(FOCUS_AREAS), amount: 0 });
  if (rng.chance(0.5) && partners.length) {
    const n = 1 + rng.int(2);
    decision.actions = [];
    for (let i = 0; i < n; i++) {
      const p = rng.pick(partners).id;
      const running = scenario.programmes.filter((pr) => pr.from <= state.year && (pr.to === undefined || state.year <= pr.to));
      decision.actions.push(
        rng.chance(0.45)
          ? { type: 'gapAnalysis', partner: p }
          : rng.chance(0.5)
            ? { type: 'intelligence', partner: p }
            : { type: 'rationalise', mode: rng.chance(0.7) ? 'managerial' : 'strategic', retire: running.length && rng.chance(0.5) ? [rng.pick(running).id] : [] },
      );
    }
  }
  return decision;
}

/**
 * A legal decision for the turn: the random one, adapted if it breaks a rule, else the
 * equal-treatment bot's, else no money at all (a retired programme can leave a partner
 * nothing the equal bot may fund).
 */
function legalDecision(scenario: Scenario, state: GameState, rng: Rng): TurnDecision {
  const wanted = randomDecision(scenario, state, rng);
  if (validateDecision(scenario, state, wanted).ok) return wanted;
  const adapted = adaptDecision(scenario, state, wanted);
  if (validateDecision(scenario, state, adapted).ok) return adapted;
  const equal = botMove('equal', scenario, state, rng).decision;
  return validateDecision(scenario, state, equal).ok ? equal : { share: 1, policy: 'equal', allocations: [], actions: [] };
}

/** A partner team's inputs for the turn, sometimes. */
function randomInputs(scenario: Scenario, state: GameState, rng: Rng): TurnInputs | undefined {
  if (!rng.chance(0.35)) return undefined;
  const partners = activePartners(scenario, state);
  const inputs: TurnInputs = {};
  if (rng.chance(0.7)) inputs.gapAnswers = Object.fromEntries(partners.filter(() => rng.chance(0.4)).map((p) => [p.id, rng.chance(0.5)]));
  if (rng.chance(0.7)) inputs.selfFinancing = Object.fromEntries(partners.filter(() => rng.chance(0.4)).map((p) => [p.id, Math.round(rng.range(0, 0.5) * 100) / 100]));
  return inputs;
}

/** The White Cell's hand on the injects for the turn, sometimes (kept from turn to turn as the exercise keeps it). */
function randomControl(scenario: Scenario, before: InjectControl | undefined, rng: Rng): InjectControl | undefined {
  if (!rng.chance(0.4)) return before;
  const serials = scenario.injects.map((i) => String(i.serial));
  const some = (ids: string[], p: number) => ids.filter(() => rng.chance(p));
  return {
    held: some(serials, 0.3),
    skipped: some(serials, 0.15),
    released: some(serials, 0.2),
    adhoc: some(
      scenario.events.map((e) => e.id),
      0.03,
    ),
  };
}

/** Answers for the year's cards: any choice of the card, or none (the default). */
function chooser(scenario: Scenario, rng: Rng) {
  return (state: GameState, eventId: string): string | undefined => {
    const pending = state.pendingEvents.find((p) => p.id === eventId);
    const view = pending && eventView(scenario, state, pending);
    if (!view || rng.chance(0.2)) return undefined;
    return rng.chance(0.05) ? 'no-such-choice' : rng.pick(view.choices).id;
  };
}

/** Plays `turns` turns of one game both ways, checking the states agree after each; returns the turns played. */
function playBothWays(scenario: Scenario, seed: number, turns: number, dice: number): number {
  const rng = new Rng(dice);
  let fast = startGame(scenario, seed);
  let ref = startGameReference(scenario, seed);
  expect(ref).toEqual(fast);
  let played = 0;
  let control: InjectControl | undefined;
  for (let t = 0; t < turns && !fast.finished; t++) {
    const decision = legalDecision(scenario, fast, rng);
    const inputs = randomInputs(scenario, fast, rng);
    control = randomControl(scenario, control, rng);
    if (inputs || control) {
      fast = { ...fast, ...(inputs ? { turnInputs: inputs } : {}), ...(control ? { injectControl: control } : {}) };
      ref = { ...ref, ...(inputs ? { turnInputs: structuredClone(inputs) } : {}), ...(control ? { injectControl: structuredClone(control) } : {}) };
    }
    // Both paths get the same answers: the chooser's dice are forked for each.
    const answers = rng.next() * 2 ** 31;
    const a = playTurn(scenario, fast, decision, chooser(scenario, new Rng(answers)));
    const b = playTurnReference(scenario, ref, structuredClone(decision), chooser(scenario, new Rng(answers)));
    if (!a.ok || !b.ok) throw new Error(`a legal decision was refused: ${JSON.stringify(a.ok ? b : a)}`);
    expect(b.record).toEqual(a.record);
    expect(b.state).toEqual(a.state);
    fast = a.state;
    ref = b.state;
    control = fast.injectControl;
    played++;
  }
  return played;
}

describe('the reference rules and the fast path', () => {
  it('give identical states after every turn over 1,000 random games in all four eras (random decisions, answers, team inputs, White Cell control)', () => {
    let games = 0;
    fc.assert(
      fc.property(fc.nat(scenarios.length - 1), fc.integer(), fc.integer(), fc.integer({ min: 1, max: 6 }), (which, seed, dice, turns) => {
        playBothWays(scenarios[which], seed, turns, dice);
        games++;
      }),
      { numRuns: 1000 },
    );
    expect(games).toBe(1000);
  }, 120_000);

  it('give identical states over whole eras played to their end, every era', () => {
    for (const scenario of scenarios) {
      for (let seed = 0; seed < 3; seed++) expect(playBothWays(scenario, 7_000 + seed, 99, seed + 1)).toBe(scenario.end - scenario.start + 1);
    }
  }, 60_000);

  it('give identical bot eras for every policy, recorded and score-only', () => {
    for (const scenario of scenarios) {
      for (const policy of POLICY_NAMES) {
        const seed = 11 + scenario.era;
        const ref = simulateEraReference(scenario, seed, policy);
        const fast = simulateEra(scenario, seed, policy);
        expect(ref.state).toEqual(fast.state);
        expect(ref.score).toEqual(fast.score);
        // A score-only run plays the same game without records or log.
        const bare = simulateEra(scenario, seed, policy, false);
        expect({ ...ref.state, turns: [], log: [] }).toEqual(bare.state);
        expect(ref.score).toEqual(bare.score);
      }
    }
  }, 60_000);
});

/** Each alliance metric's drivers summed, against its change since the turn before (the scenario's start for the first). */
function driverGaps(scenario: Scenario, state: GameState): number[] {
  const gaps: number[] = [];
  const { influence: _influence, ...initial } = scenario.initial;
  let before: Record<string, number> = initial;
  for (const turn of state.turns) {
    for (const metric of ALLIANCE_METRICS) {
      const sum = turn.drivers.filter((d) => d.metric === metric).reduce((a, d) => a + d.delta, 0);
      gaps.push(Math.abs(sum - (turn.alliance[metric] - before[metric])));
    }
    before = turn.alliance;
  }
  return gaps;
}

/** A game played phase by phase as a player's screens play it: resolution, the cards answered one by one, the end of the turn. */
function playByPhases(scenario: Scenario, seed: number, dice: number): GameState {
  const rng = new Rng(dice);
  let state = startGame(scenario, seed);
  let control: InjectControl | undefined;
  while (!state.finished) {
    const inputs = randomInputs(scenario, state, rng);
    control = randomControl(scenario, control, rng);
    state = { ...state, ...(inputs ? { turnInputs: inputs } : {}), ...(control ? { injectControl: control } : {}) };
    const resolved = resolveTurn(scenario, state, legalDecision(scenario, state, rng));
    if (!resolved.ok) throw new Error(resolved.reason);
    state = drawEvents(scenario, resolved.state);
    const answer = chooser(scenario, rng);
    while (state.pendingEvents.length) {
      const id = state.pendingEvents[0].id;
      const view = eventView(scenario, state, state.pendingEvents[0])!;
      const chosen = chooseEvent(scenario, state, id, answer(state, id) ?? view.choices[0].id);
      state = chosen.ok ? chosen.state : { ...state, pendingEvents: state.pendingEvents.slice(1) };
    }
    state = endTurn(scenario, state);
    control = state.injectControl;
    if (!state.finished) state = beginTurn(scenario, state);
  }
  return state;
}

describe("a turn's drivers", () => {
  it('add up to every alliance metric change of every turn (within 1e-9), over random whole eras played whole and phase by phase', () => {
    fc.assert(
      fc.property(fc.nat(scenarios.length - 1), fc.integer(), fc.integer(), fc.boolean(), (which, seed, dice, byPhases) => {
        const scenario = scenarios[which];
        let state: GameState;
        if (byPhases) state = playByPhases(scenario, seed, dice);
        else {
          const rng = new Rng(dice);
          state = startGame(scenario, seed);
          while (!state.finished) {
            const step = playTurn(scenario, state, legalDecision(scenario, state, rng), chooser(scenario, rng));
            if (!step.ok) throw new Error(step.reason);
            state = step.state;
          }
        }
        expect(state.turns.length).toBe(scenario.end - scenario.start + 1);
        expect(Math.max(...driverGaps(scenario, state))).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('add up in bot eras of every policy and era too, and name the events that moved a metric', () => {
    let eventDrivers = 0;
    for (const scenario of scenarios) {
      for (const policy of POLICY_NAMES) {
        for (let seed = 0; seed < 5; seed++) {
          const { state } = simulateEra(scenario, seed, policy);
          expect(Math.max(...driverGaps(scenario, state))).toBeLessThanOrEqual(1e-9);
          eventDrivers += state.turns.reduce((n, t) => n + t.drivers.filter((d) => d.cause === 'event' && d.metric !== 'event').length, 0);
        }
      }
    }
    expect(eventDrivers).toBeGreaterThan(0);
  });
});
