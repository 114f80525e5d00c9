/**
 * The simulator's fast paths must play exactly the game the public, fully checked path
 * plays: a score-only era (no review records) ends in the same state and score as a
 * recorded one; a sealed decision is judged as its original is; and the luck-vs-skill
 * rerun gives, seed for seed, the scores of replaying the player's decisions turn by turn
 * through `adaptDecision`, `validateDecision` and `playTurn`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adaptDecision, advanceRerun, playTurn, rerunOverSeeds, rerunScores, simulateEra, startGame, startRerun } from '../../src/core/game';
import { fitSealed, scaleAllocations, sealDecision, validateDecision, validateWithFacts, type TurnDecision } from '../../src/core/decision';
import { allocateByTiers, botMove, POLICIES, POLICY_NAMES, policyRng, tiersByWeight } from '../../src/core/policies';
import { overlapPairsOf } from '../../src/core/upkeep';
import { scoreEra } from '../../src/core/score';
import { Rng } from '../../src/core/rng';
import { activePartners, cloneState, emptySums, indexOf, partnerStatesOf, sumLines, yearView, type GameState, type LogEntry } from '../../src/core/state';
import { FOCUS_AREAS, type Scenario } from '../../src/core/scenario';
import { eventView } from '../../src/core/events';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import { miniScenario } from '../support/builder';

const eras = scenarioFiles().map((f) => (loadScenarioFile(f) as { scenario: Scenario }).scenario);
const scenarios: [string, Scenario][] = [['mini', miniScenario()], ...eras.map((s) => [s.id, s] as [string, Scenario])];

/** The luck-vs-skill rerun written the slow way, through the public API only. */
function rerunByHand(scenario: Scenario, log: LogEntry[], seeds: number[]): number[] {
  const rng = new Rng(1);
  return seeds.map((seed) => {
    let state = startGame(scenario, seed);
    while (!state.finished) {
      const year = state.year;
      const logged = log.find((e) => e.kind === 'decision' && e.year === year);
      let decision = logged?.kind === 'decision' ? adaptDecision(scenario, state, logged.decision) : POLICIES.equal(scenario, state, rng);
      let choose: ((s: GameState, id: string) => string | undefined) | undefined = (_s, id) => {
        const c = log.find((e) => e.kind === 'choice' && e.year === year && e.event === id);
        return c?.kind === 'choice' ? c.choice : undefined;
      };
      if (!validateDecision(scenario, state, decision).ok) {
        decision = POLICIES.equal(scenario, state, rng);
        choose = undefined;
      }
      const result = playTurn(scenario, state, decision, choose);
      if (!result.ok) throw new Error(result.reason);
      state = result.state;
    }
    return scoreEra(scenario, state).score;
  });
}

/** A random, often lopsided decision (some illegal), from a generator of the test's own. */
function wildDecision(scenario: Scenario, state: GameState, rng: Rng): TurnDecision {
  const partners = activePartners(scenario, state);
  const allocations = partners
    .filter(() => rng.chance(0.6))
    .map((p) => ({ partner: p.id, focus: rng.pick(FOCUS_AREAS), amount: rng.range(0, 12) }));
  const actions: TurnDecision['actions'] = [];
  if (rng.chance(0.5) && partners.length) actions.push({ type: 'gapAnalysis', partner: rng.pick(partners).id });
  if (rng.chance(0.3) && partners.length) actions.push({ type: 'intelligence', partner: rng.pick(partners).id });
  if (rng.chance(0.2)) actions.push({ type: 'rationalise', mode: rng.chance(0.5) ? 'managerial' : 'strategic', retire: [] });
  const tiers = Object.fromEntries(partners.map((p) => [p.id, (1 + rng.int(3)) as 1 | 2 | 3]));
  return { share: Math.round(rng.range(10, 20)) / 10, policy: 'priorities', tiers, allocations, actions };
}

/** A played game's log: wild decisions where legal (else the equal bot's), events answered by their last choice. */
function wildLog(scenario: Scenario, seed: number): LogEntry[] {
  const rng = new Rng(seed * 7919 + 1);
  let state = startGame(scenario, seed);
  while (!state.finished) {
    let decision = wildDecision(scenario, state, rng);
    if (!validateDecision(scenario, state, decision).ok) decision = POLICIES.equal(scenario, state, rng);
    const result = playTurn(scenario, state, decision, (s) => eventView(scenario, s, s.pendingEvents[0])?.choices.at(-1)?.id);
    if (!result.ok) throw new Error(result.reason);
    state = result.state;
  }
  return state.log;
}

describe.each(scenarios)('%s: fast paths play the checked game', (_id, scenario) => {
  it('a score-only era ends in the same state and score as a recorded one, without records or log', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...POLICY_NAMES), (seed, policy) => {
        const full = simulateEra(scenario, seed, policy);
        const quiet = simulateEra(scenario, seed, policy, false);
        expect(quiet.state.turns).toEqual([]);
        expect(quiet.state.log).toEqual([]);
        expect(quiet.score).toEqual(full.score);
        expect({ ...quiet.state, turns: [], log: [] }).toEqual({ ...full.state, turns: [], log: [] });
      }),
      { numRuns: 6 },
    );
  });

  it("a simulated era is the game the public, checked path plays with the bot's decisions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...POLICY_NAMES), (seed, policy) => {
        const rng = policyRng(seed);
        let state = startGame(scenario, seed);
        while (!state.finished) {
          let decision = POLICIES[policy](scenario, state, rng);
          if (!validateDecision(scenario, state, decision).ok) decision = POLICIES.equal(scenario, state, rng);
          const step = playTurn(scenario, state, decision);
          if (!step.ok) throw new Error(step.reason);
          state = step.state;
        }
        expect(simulateEra(scenario, seed, policy).state).toEqual(state);
      }),
      { numRuns: 5 },
    );
  });

  it("a bot's facts describe its move exactly, and checking with them judges it as a full check does", () => {
    const index = indexOf(scenario);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...POLICY_NAMES), (seed, policy) => {
        const rng = policyRng(seed);
        let state = startGame(scenario, seed);
        while (!state.finished) {
          const before = rng.state;
          const { decision, facts } = botMove(policy, scenario, state, rng);
          // The same decision as the public bot's from the same dice.
          expect(POLICIES[policy](scenario, state, new Rng(before))).toEqual(decision);
          // A bare move (score-only play) is the same move without its tiers record.
          const bare = botMove(policy, scenario, state, new Rng(before), true);
          expect(bare.decision).toEqual({ ...decision, tiers: undefined });
          expect(bare.facts).toEqual(facts);
          expect(validateWithFacts(scenario, state, bare.decision, bare.facts)).toEqual(validateWithFacts(scenario, state, decision, facts));
          // Places and tiers by position, worked out here from the names.
          const lines = decision.allocations;
          expect(facts.places.at).toEqual(lines.map((l) => index.position.get(l.partner)));
          expect(facts.places.focus).toEqual(lines.map((l) => FOCUS_AREAS.indexOf(l.focus)));
          const tierAt = decision.tiers ? new Uint8Array(scenario.partners.length) : null;
          for (const [id, tier] of Object.entries(decision.tiers ?? {})) tierAt![index.position.get(id)!] = tier;
          expect(facts.tierAt).toEqual(tierAt);
          expect(facts.view).toBe(yearView(scenario, state));
          expect(facts.pairs).toBe(overlapPairsOf(scenario, yearView(scenario, state), lines, { at: facts.places.at, focus: facts.places.focus }));
          // Sums a bot hands on are the lines' sums, worked out here line by line (its
          // arrays may be longer, left from a scenario with more partners).
          if (facts.sums) {
            const n = scenario.partners.length;
            const sums = sumLines(lines, facts.places, emptySums(n));
            const { fund, row, seen, fundedInOrder, allocated } = facts.sums;
            expect({ fund: fund.slice(0, n), row: row.slice(0, 5 * n), seen: seen.slice(0, n), fundedInOrder, allocated }).toEqual({ ...sums });
          }
          if (policy === 'prioritise') {
            // Its tiers and lines, kept per year view and sets of revealed and pushed
            // partners, are those the public helpers work out afresh for this game.
            const tiers = tiersByWeight(scenario, state);
            for (const push of state.briefing.pushes) if (push.partner in tiers) tiers[push.partner] = 1;
            expect(decision.tiers).toEqual(tiers);
            expect(lines).toEqual(allocateByTiers(scenario, state, decision.share, tiers));
          }
          // A copy carries no memo of its places: validated from scratch.
          const check = validateWithFacts(scenario, state, decision, facts);
          expect(check).toEqual(validateDecision(scenario, state, structuredClone(decision)));
          const step = playTurn(scenario, state, check.ok ? decision : POLICIES.equal(scenario, state, rng));
          if (!step.ok) throw new Error(step.reason);
          state = step.state;
        }
      }),
      { numRuns: 4 },
    );
  });

  it('the rerun over seeds scores each seed as replaying the log by hand does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom<'wild' | 'prioritise' | 'random'>('wild', 'prioritise', 'random'), (seed, source) => {
        const log = source === 'wild' ? wildLog(scenario, seed) : simulateEra(scenario, seed, source).state.log;
        const seeds = [seed + 1, seed + 2, seed + 3, seed + 4];
        expect(rerunOverSeeds(scenario, log, seeds)).toEqual(rerunByHand(scenario, log, seeds));
      }),
      { numRuns: 5 },
    );
  });

  it('a rerun that follows the game turn by turn ends with the scores of a rerun of the whole log', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom<'wild' | 'prioritise'>('wild', 'prioritise'), (seed, source) => {
        const log = source === 'wild' ? wildLog(scenario, seed) : simulateEra(scenario, seed, source).state.log;
        const seeds = [seed + 1, seed + 2, seed + 3];
        const rerun = startRerun(scenario, seeds);
        for (let year = scenario.start; year <= scenario.end; year++) {
          // The log as it stands once the year's turn is over.
          const after = log.findIndex((e) => 'year' in e && e.year > year);
          advanceRerun(rerun, log.slice(0, after < 0 ? log.length : after), year);
          expect(rerun.states.every((s) => s.finished || s.year === year + 1)).toBe(true);
        }
        expect(rerunScores(rerun)).toEqual(rerunOverSeeds(scenario, log, seeds));
      }),
      { numRuns: 4 },
    );
  });

  it("a game played in place keeps each partner's state object, so drivers look them up once per game", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const log = wildLog(scenario, seed);
        const rerun = startRerun(scenario, [seed + 1]);
        const before = partnerStatesOf(scenario, rerun.states[0]);
        advanceRerun(rerun, log);
        expect(rerun.states[0].finished).toBe(true);
        partnerStatesOf(scenario, rerun.states[0]).forEach((ps, i) => expect(ps).toBe(before[i]));
      }),
      { numRuns: 3 },
    );
  });

  it('the year view carried over from the last turn is the one a fresh look-up finds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...POLICY_NAMES), (seed, policy) => {
        const rng = new Rng(seed);
        let state = startGame(scenario, seed);
        while (!state.finished) {
          // `state` reached this year through endTurn's carried-over key; its copy looks it up afresh.
          expect(yearView(scenario, state)).toBe(yearView(scenario, cloneState(state)));
          // A bot's illegal move (the random bot makes some) is replaced as `simulateEra` does.
          let decision = POLICIES[policy](scenario, state, rng);
          if (!validateDecision(scenario, state, decision).ok) decision = POLICIES.equal(scenario, state, rng);
          const step = playTurn(scenario, state, decision, (s) => {
            // Between answers, after effects on members, enrolments or programmes (see `changeView`).
            expect(yearView(scenario, s)).toBe(yearView(scenario, cloneState(s)));
            return eventView(scenario, s, s.pendingEvents[0])?.choices.at(-1)?.id;
          });
          if (!step.ok) throw new Error(step.reason);
          state = step.state;
        }
      }),
      { numRuns: 4 },
    );
  });

  it('a sealed decision is judged as its original is, in every state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const rng = new Rng(seed);
        let state = startGame(scenario, seed);
        while (!state.finished) {
          const decision = wildDecision(scenario, state, rng);
          const sealed = sealDecision(scenario, decision);
          if (sealed.ok) {
            expect(sealed.decision).not.toBe(decision);
            expect(sealed.decision).toEqual(decision);
            expect(validateDecision(scenario, state, sealed.decision)).toEqual(validateDecision(scenario, state, decision));
            // Scaled to a smaller envelope, as a rerun does, the copy shares what its original
            // learnt of this year's view; it is still judged as the scaled original is, also
            // when the factor is so small that some amounts round to zero.
            for (const factor of [0.5, 1e-323]) {
              const scaled = scaleAllocations(scenario, sealed.decision, factor);
              expect(scaled.allocations).toEqual(scaleAllocations(scenario, decision, factor).allocations);
              expect(validateDecision(scenario, state, scaled)).toEqual(validateDecision(scenario, state, scaleAllocations(scenario, decision, factor)));
            }
          } else {
            // Refused for its form (three actions, say): refused so in this state too.
            expect(validateDecision(scenario, state, decision)).toEqual(sealed);
          }
          const step = playTurn(scenario, state, POLICIES.equal(scenario, state, rng));
          if (!step.ok) throw new Error(step.reason);
          state = step.state;
        }
      }),
      { numRuns: 3 },
    );
  });

  it("the rerun's fitting of a sealed decision gives the decision and check of adapting and validating it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const rng = new Rng(seed);
        const n = scenario.partners.length;
        // Scratch with stale money in it, as a rerun leaves it.
        const scratch = { fund: new Float64Array(n).fill(7), row: new Float64Array(n * 5).fill(7) };
        let state = startGame(scenario, seed);
        let fitted = 0;
        while (!state.finished) {
          // Lopsided decisions at their size and three times it (over most envelopes), and the equal bot's.
          const wild = wildDecision(scenario, state, rng);
          const large = { ...wild, allocations: wild.allocations.map((l) => ({ ...l, amount: l.amount * 3 })) };
          for (const decision of [wild, large, POLICIES.equal(scenario, state, rng)]) {
            const sealed = sealDecision(scenario, decision);
            if (!sealed.ok) continue;
            const fit = fitSealed(scenario, state, sealed.decision, scratch);
            if (!fit) continue;
            fitted++;
            const adapted = adaptDecision(scenario, state, sealed.decision);
            expect(fit.decision.allocations).toEqual(adapted.allocations);
            expect(fit.decision.actions).toEqual(adapted.actions);
            expect(fit.check).toEqual(validateDecision(scenario, state, adapted));
            // Its facts describe the copy exactly.
            const sums = sumLines(adapted.allocations, fit.facts.places, emptySums(n));
            expect({ ...fit.facts.sums, fund: [...fit.facts.sums!.fund].slice(0, n), row: [...fit.facts.sums!.row].slice(0, n * 5) }).toEqual({ ...sums, fund: [...sums.fund], row: [...sums.row] });
            const view = yearView(scenario, state);
            if (fit.facts.view) expect(fit.facts.pairs).toBe(overlapPairsOf(scenario, view, adapted.allocations, fit.facts.places));
          }
          const step = playTurn(scenario, state, POLICIES.equal(scenario, state, rng));
          if (!step.ok) throw new Error(step.reason);
          state = step.state;
        }
        expect(fitted).toBeGreaterThan(0);
      }),
      { numRuns: 3 },
    );
  });
});

describe('sealing a decision', () => {
  const scenario = miniScenario();
  const state = startGame(scenario, 1);
  const partner = activePartners(scenario, state)[0].id;
  const base: TurnDecision = { share: 1.5, policy: 'equal', allocations: [], actions: [] };

  it.each<[string, TurnDecision, string]>([
    ['a share out of range', { ...base, share: 2.5 }, 'share-range'],
    ['a negative amount', { ...base, allocations: [{ partner, focus: 'dialogue', amount: -1 }] }, 'negative-amount'],
    ['an unknown partner', { ...base, allocations: [{ partner: 'atlantis', focus: 'dialogue', amount: 1 }] }, 'unknown-partner'],
    ['a bad tier', { ...base, policy: 'priorities', tiers: { [partner]: 4 as 1 } }, 'bad-tier'],
    ['the same action twice', { ...base, actions: [{ type: 'intelligence', partner }, { type: 'intelligence', partner }] }, 'duplicate-action'],
  ])('refuses %s with the rejection validation gives', (_what, decision, code) => {
    const sealed = sealDecision(scenario, decision);
    // The code is checked against the table first and unconditionally: the comparison with
    // validateDecision alone would hold whatever the form checks did (both run the same ones).
    expect(sealed).toMatchObject({ ok: false, code });
    expect(sealed).toEqual(validateDecision(scenario, state, decision));
  });

  it('keeps no link to the original: changing the original later changes nothing sealed', () => {
    const decision: TurnDecision = { ...base, allocations: [{ partner, focus: 'dialogue', amount: 1 }] };
    const sealed = sealDecision(scenario, decision);
    if (!sealed.ok) throw new Error(sealed.reason);
    decision.allocations[0].amount = -5;
    decision.allocations[0].partner = 'atlantis';
    expect(sealed.decision.allocations[0]).toEqual({ partner, focus: 'dialogue', amount: 1 });
  });
});
