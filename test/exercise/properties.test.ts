/**
 * Properties of random exercises (fast-check, 1,000 runs): random eras, seats, seeds and
 * moves — stand-ins and random moves, refused or not, White Cell controls, objections —
 * then: the log replays to the live state; a rewind gives exactly the state the line had at
 * that year's briefing; no role's view carries another role's secret (planted sentinels,
 * searched in the serialised view); money is conserved and every metric stays in range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALLIANCE_METRICS, COMPETITORS, REGIONS } from '../../src/core/constants';
import { Rng } from '../../src/core/rng';
import { applyMove, createExercise, defaultSetup, recordOf, replayExercise, stateHash, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import { roleKind, roleSubject, scenarioRoles } from '../../src/exercise/roles';
import type { RoleId } from '../../src/exercise/types';
import type { Scenario } from '../../src/core/scenario';
import { drive, eras, SEED_SENTINEL, withSentinels } from './support';

const planted = eras.map(withSentinels);

/** Every secret in the exercise that `role` must not see, as strings to search its view for. */
function secretsFor(scenario: Scenario, ex: ExerciseState, role: RoleId): string[] {
  const kind = roleKind(role);
  const out: string[] = [];
  if (kind !== 'white') {
    out.push(String(SEED_SENTINEL), `"rng"`, `"seed"`);
    for (const a of scenario.allies) if (role !== `ally:${a.id}`) out.push(`SECRET-ALLY-${a.id}`);
    for (const inj of scenario.injects) {
      const published = ex.published.some((p) => p.serial === String(inj.serial)) || ex.game.fired.some((f) => f.source === 'inject' && f.id === String(inj.serial));
      const addressed = inj.audience.some((a) => a === 'all' || a === role || (a === 'nato' && kind === 'nato') || (a === 'allies' && kind === 'ally') || (a === 'partners' && kind === 'partner') || (a === 'red' && kind === 'red'));
      // A card nobody at a table is there to read falls to NATO's staff (as in solo play).
      const unread = kind === 'nato' && !scenarioRoles(scenario).some((r) => r !== 'nato' && ex.setup.seats[r]?.held && (r === 'white' || inj.audience.some((a) => a === 'all' || a === r || (a === 'allies' && r.startsWith('ally:')) || (a === 'partners' && r.startsWith('partner:')) || (a === 'red' && r.startsWith('red:')))));
      const reachesRole = addressed || unread;
      if (!published || !reachesRole) out.push(`SECRET-INJECT-${inj.serial}-END`); // delimited: serial 1 must not match 11
    }
    for (const p of scenario.partners) {
      const revealedToNato = kind === 'nato' && ex.game.partners[p.id]?.revealed;
      if (!revealedToNato) out.push(String(p.strategicWeight));
    }
  }
  return out;
}

/** A secret in a serialised view: markers anywhere, a number only as a whole JSON value (not inside another number's digits). */
function found(text: string, secret: string): boolean {
  if (!/^[\d.]+$/.test(secret)) return text.includes(secret);
  return new RegExp(`[:,\\[]${secret.replace('.', '\\.')}[,}\\]]`).test(text);
}

/** Bluff flags a role may see: its own (red), revealed partners' (NATO), all (White Cell). */
function bluffLeaks(view: ReturnType<typeof viewFor>, ex: ExerciseState, role: RoleId): boolean {
  const kind = roleKind(role);
  return view.briefing.offers.some((o) => 'bluff' in o && !(kind === 'white' || (kind === 'red' && roleSubject(role) === o.competitor) || (kind === 'nato' && ex.game.partners[o.partner]?.revealed)));
}

function checkInvariants(scenario: Scenario, ex: ExerciseState): void {
  for (const m of ALLIANCE_METRICS) expect(ex.game.alliance[m]).toBeGreaterThanOrEqual(0), expect(ex.game.alliance[m]).toBeLessThanOrEqual(100);
  for (const c of COMPETITORS) for (const r of REGIONS) expect(ex.game.influence[c][r]).toBeGreaterThanOrEqual(0), expect(ex.game.influence[c][r]).toBeLessThanOrEqual(100);
  for (const p of Object.values(ex.game.partners)) for (const f of ['trust', 'alignment', 'interoperability', 'institutions', 'stability', 'defence'] as const) expect(p[f]).toBeGreaterThanOrEqual(0), expect(p[f]).toBeLessThanOrEqual(100);
  for (const t of ex.game.turns) {
    const funded = Object.values(t.funding).reduce((a, b) => a + b, 0);
    // Money conserved: what reached partners is what was allocated, and no more than the envelope left after upkeep.
    expect(funded).toBeCloseTo(t.allocated, 6);
    expect(t.allocated + t.upkeep + t.overlapCost).toBeLessThanOrEqual(t.envelope * (1 + 1e-9) + 1e-6);
  }
  void scenario;
}

describe('random exercises', () => {
  it('replay, rewind, views and invariants hold over 1,000 random exercises', () => {
    fc.assert(
      fc.property(fc.nat(planted.length - 1), fc.integer({ min: 1, max: 2 ** 30 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (which, seed, held, span) => {
        const scenario = planted[which];
        const roles = scenarioRoles(scenario).filter((r) => r !== 'observer');
        const seats = Object.fromEntries(roles.map((r, i) => [r, { held: held[i % held.length] }]));
        const setup = defaultSetup(scenario, { seed: seed === 1 ? SEED_SENTINEL : seed, seats, rounds: 1 + (seed % 3) });
        const rng = new Rng(seed);
        const until = scenario.start + Math.min(span, scenario.end - scenario.start);
        const { state, briefings } = drive(scenario, createExercise(scenario, setup), rng, until, 0.35);
        checkInvariants(scenario, state);

        const replayed = replayExercise(scenario, JSON.parse(JSON.stringify(recordOf(state))));
        expect(replayed.ok).toBe(true);
        if (replayed.ok) expect(stateHash(replayed.state)).toBe(stateHash(state));

        for (const role of scenarioRoles(scenario)) {
          const view = viewFor(scenario, state, role);
          const text = JSON.stringify(view);
          for (const secret of secretsFor(scenario, state, role)) expect(found(text, secret), `${role} sees ${secret}`).toBe(false);
          expect(bluffLeaks(view, state, role)).toBe(false);
        }

        if (seats.white?.held && !state.finished) {
          const years = [...briefings.keys()];
          const to = years[rng.int(years.length)];
          const rewound = applyMove(scenario, state, { role: 'white', type: 'white.rewind', toYear: to, rationale: 'a teaching point' });
          expect(rewound.ok).toBe(true);
          if (rewound.ok) {
            expect(JSON.stringify(rewound.state.game)).toBe(briefings.get(to));
            const again = replayExercise(scenario, recordOf(rewound.state));
            expect(again.ok && stateHash(again.state)).toBe(stateHash(rewound.state));
          }
        }
      }),
      { numRuns: 1000, seed: 20261204 },
    );
    // About 20 s alone; several times that on a machine busy with the browser tests.
  }, 300_000);
});
