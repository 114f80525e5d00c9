/**
 * Helpers for the exercise tests: the real eras loaded once, a scenario with planted
 * secrets (sentinels) for the view tests, and a driver that plays an exercise with
 * stand-ins and random legal moves.
 */
import fc from 'fast-check';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import type { Scenario } from '../../src/core/scenario';
import { Rng } from '../../src/core/rng';
import { ADJUDICATION_STEPS, type Move, type RoleId } from '../../src/exercise/types';
import { applyMove, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import { partnerTeams, scenarioRoles } from '../../src/exercise/roles';
import { FOCUS_AREAS } from '../../src/core/constants';

export const eras: Scenario[] = scenarioFiles().flatMap((f) => {
  const loaded = loadScenarioFile(f);
  return loaded.ok ? [loaded.scenario] : [];
});

export const era = (id: string): Scenario => {
  const found = eras.find((s) => s.id === id);
  if (!found) throw new Error(`scenario ${id} did not load`);
  return found;
};

export const SEED_SENTINEL = 987654321;

/**
 * A copy of an era with secrets that are easy to find in a serialised view: each ally's
 * brief and each unpublished inject's text carry a marker, and strategic weights are
 * distinctive numbers.
 */
export function withSentinels(base: Scenario): Scenario {
  return {
    ...base,
    allies: base.allies.map((a, i) => ({
      ...a,
      priorities: {
        partners: a.favourites.slice(0, 2),
        regions: ['east'],
        focus: ['capacity'],
        redLine: i === 0 ? { kind: 'shareAtMost', value: 1.9 } : { kind: 'noPriorities' },
        brief: { en: `SECRET-ALLY-${a.id}`, fr: `SECRET-ALLY-${a.id}` },
      },
    })),
    partners: base.partners.map((p, i) => ({ ...p, strategicWeight: Number(`0.1${String(713 + i).padStart(4, '0')}9`) })),
    injects: base.injects.map((inj) => ({ ...inj, text: { en: `SECRET-INJECT-${inj.serial}-END`, fr: `SECRET-INJECT-${inj.serial}-END` } })),
  };
}

/** A random legal-looking move for a role from raw randomness; the engine may refuse it (that is tested too). */
export function randomMove(scenario: Scenario, ex: ExerciseState, role: RoleId, rng: Rng): Move {
  const roll = rng.next();
  if (role === 'white') {
    const serials = scenario.injects.map((i) => String(i.serial));
    const serial = serials.length ? rng.pick(serials) : '1';
    if (roll < 0.1) return { role, type: 'white.publish', serial };
    if (roll < 0.17) return { role, type: 'white.hold', serial };
    if (roll < 0.22) return { role, type: 'white.skip', serial };
    if (roll < 0.27) return { role, type: 'white.note', text: `note ${rng.int(100)}`, serial };
    if (roll < 0.4 && ex.phase === 'adjudication') return { role, type: 'white.adjudicate', region: rng.pick(['east', 'south', 'global'] as const), step: rng.pick(ADJUDICATION_STEPS), rationale: 'seen from the table' };
    if (roll < 0.43) return { role, type: 'white.adhoc', eventId: rng.pick(scenario.events).id };
  }
  if (role.startsWith('ally:') && ex.phase === 'planning' && roll < 0.35) return { role, type: 'ally.object', reason: 'our capital objects' };
  if (role.startsWith('partner:') && ex.phase === 'signals' && roll < 0.4) {
    const team = partnerTeams(scenario).find((t) => `partner:${t.id}` === role);
    const partner = rng.pick(team?.partners ?? ['UKR']);
    return roll < 0.2
      ? { role, type: 'partner.demand', partner, focus: rng.pick(FOCUS_AREAS) }
      : { role, type: 'partner.selfFinance', partner, share: Math.round(rng.range(0, 0.5) * 100) / 100 };
  }
  return standInMove(scenario, ex, role, rng);
}

/**
 * Plays an exercise on: each step a waiting role moves (a random move now and then, else
 * its stand-in), until it ends or `untilYear` is passed. Returns the states met at each
 * briefing, keyed by year, for the rewind tests.
 */
export function drive(scenario: Scenario, start: ExerciseState, rng: Rng, untilYear = Infinity, randomness = 0.3): { state: ExerciseState; briefings: Map<number, string>; refused: number } {
  let ex = start;
  let refused = 0;
  const briefings = new Map<number, string>();
  for (let guard = 0; guard < 5000 && !ex.finished && ex.game.year <= untilYear; guard++) {
    if (ex.phase === 'briefing' && !briefings.has(ex.game.year)) briefings.set(ex.game.year, JSON.stringify(ex.game));
    const waiting = waitingFor(scenario, ex);
    const roles = scenarioRoles(scenario).filter((r) => ex.setup.seats[r]?.held);
    const role = rng.chance(randomness) && roles.length ? rng.pick(roles) : waiting[0];
    if (!role) break;
    const move = rng.chance(randomness) ? randomMove(scenario, ex, role, rng) : standInMove(scenario, ex, role);
    const result = applyMove(scenario, ex, move, guard * 1000);
    if (result.ok) ex = result.state;
    else {
      refused++;
      if (role === waiting[0]) {
        const fallback = applyMove(scenario, ex, standInMove(scenario, ex, role), guard * 1000);
        if (fallback.ok) ex = fallback.state;
      }
    }
  }
  return { state: ex, briefings, refused };
}

/** Random seats: each role held or not. */
export const seatsArbitrary = (scenario: Scenario) =>
  fc.record(Object.fromEntries(scenarioRoles(scenario).filter((r) => r !== 'observer').map((r) => [r, fc.boolean()])) as Record<string, fc.Arbitrary<boolean>>);

/** Plays the stand-ins of whoever the exercise waits for until `done` holds (or the era ends); a refused stand-in's move throws. */
export function standInsUntil(scenario: Scenario, start: ExerciseState, done: (ex: ExerciseState) => boolean, limit = 3000): ExerciseState {
  let ex = start;
  for (let i = 0; i < limit && !done(ex) && !ex.finished; i++) {
    const r = applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0]));
    if (!r.ok) throw new Error(`the stand-in's move was refused: ${r.reason}`);
    ex = r.state;
  }
  return ex;
}
