/**
 * The exercise engine as a facilitator meets it: solo and all-bot exercises play exactly as
 * the core's simulator; every move is checked for its role and phase and a refused move
 * changes nothing; consensus rounds, red lines and deadlocks; red cells' bluffs; the White
 * Cell's controls (MSEL, pause, timers, adjudication with rationale, rewind and branch);
 * and replaying a record gives the live state.
 */
import { describe, expect, it } from 'vitest';
import { simulateEra } from '../../src/core/game';
import { botMove, policyRng } from '../../src/core/policies';
import { Rng } from '../../src/core/rng';
import { applyMove, createExercise, defaultSetup, recordOf, replayExercise, stateHash, waitingFor, type ExerciseState, type MoveResult } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import { standInMove } from '../../src/exercise/standIn';
import { breachText, crossesRedLine, redLineBreach, STEP_METRIC } from '../../src/exercise/consensus';
import { buildAar } from '../../src/exercise/aar';
import type { Move, RoleId } from '../../src/exercise/types';
import { drive, era, eras, withSentinels } from './support';

const ok = (r: MoveResult): ExerciseState => {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.reason}`);
  return r.state;
};

/** Plays stand-ins for whoever the room waits for until `until` holds. */
function until(scenario: Parameters<typeof waitingFor>[0], ex: ExerciseState, done: (ex: ExerciseState) => boolean): ExerciseState {
  for (let i = 0; i < 2000 && !done(ex) && !ex.finished; i++) ex = ok(applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0])));
  return ex;
}

describe('one turn pipeline', () => {
  it.each(eras.map((s) => s.id))('%s: an all-bot exercise is the simulator, for every policy', (id) => {
    const scenario = era(id);
    for (const policy of ['equal', 'prioritise', 'random'] as const) {
      const ex = createExercise(scenario, defaultSetup(scenario, { seed: 11, seats: { nato: { held: false, policy } } }));
      expect(ex.finished).toBe(true);
      expect(ex.game).toEqual(simulateEra(scenario, 11, policy).state);
    }
  });

  it('a solo exercise (only NATO held) played with the bot\'s decisions is the simulator', () => {
    const scenario = era('era4-after2022');
    const rng = policyRng(5);
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 5, seats: { nato: { held: true } } }));
    expect(waitingFor(scenario, ex)).toEqual(['nato']);
    while (!ex.finished) {
      const move: Move = ex.phase === 'planning' ? { role: 'nato', type: 'nato.propose', decision: botMove('prioritise', scenario, ex.game, rng).decision } : { role: 'nato', type: 'phase.advance' };
      ex = ok(applyMove(scenario, ex, move));
    }
    expect(ex.game).toEqual(simulateEra(scenario, 5, 'prioritise').state);
    expect(ex.turns.map((t) => t.phases.map((p) => p.phase))[1]).toEqual(['briefing', 'planning', 'resolution', 'events', 'review']);
  });
});

describe('moves are checked for role and phase', () => {
  const scenario = era('era4-after2022');
  const setup = defaultSetup(scenario, { seed: 3, seats: { nato: { held: true }, 'ally:eastern-flank': { held: true }, 'red:russia': { held: true }, white: { held: true } } });
  const fresh = () => createExercise(scenario, setup);
  const cases: [string, Move, string][] = [
    ['an ally proposing NATO\'s decision', { role: 'ally:eastern-flank', type: 'nato.propose', decision: { share: 1.5, policy: 'equal', allocations: [], actions: [] } }, 'wrong-role'],
    ['NATO publishing an inject', { role: 'nato', type: 'white.publish', serial: '1' }, 'wrong-role'],
    ['NATO proposing in the briefing', { role: 'nato', type: 'nato.propose', decision: { share: 1.5, policy: 'equal', allocations: [], actions: [] } }, 'wrong-phase'],
    ['a role the engine plays', { role: 'ally:southern-flank', type: 'ally.approve' }, 'not-your-seat'],
    ['an observer', { role: 'observer', type: 'phase.advance' }, 'wrong-role'],
    ['an unknown role', { role: 'ally:nowhere', type: 'ally.approve' }, 'unknown-role'],
    ['a red cell answering a vote', { role: 'red:russia', type: 'ally.approve' }, 'wrong-role'],
    ['NATO moving the exercise on when a White Cell runs it', { role: 'nato', type: 'phase.advance' }, 'wrong-role'],
    ['an adjudication outside its phase', { role: 'white', type: 'white.adjudicate', region: 'east', step: 'noChange', rationale: 'x' }, 'wrong-phase'],
    ['a rewind without rationale', { role: 'white', type: 'white.rewind', toYear: 2022, rationale: ' ' }, 'rationale-required'],
    ['a rewind into the future', { role: 'white', type: 'white.rewind', toYear: 2029, rationale: 'why not' }, 'bad-rewind'],
  ];
  it.each(cases)('refuses %s, and nothing changes', (_name, move, code) => {
    const ex = fresh();
    const before = stateHash(ex);
    const result = applyMove(scenario, ex, move);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe(code);
    expect(stateHash(ex)).toBe(before);
    expect(ex.log).toHaveLength(0);
  });

  it('refuses an illegal decision with the core\'s reason and code', () => {
    let ex = until(scenario, fresh(), (e) => e.phase === 'planning');
    const result = applyMove(scenario, ex, { role: 'nato', type: 'nato.propose', decision: { share: 3, policy: 'equal', allocations: [], actions: [] } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect([result.code, result.detail]).toEqual(['illegal-decision', 'share-range']);
      // The core's figures come along, for screens that say it in another language.
      expect(result.params).toMatchObject({ share: 3 });
    }
    ex = ok(applyMove(scenario, ex, standInMove(scenario, ex, 'nato')));
    expect(ex.turn.proposals).toHaveLength(1);
  });
});

describe('consensus', () => {
  const scenario = withSentinels(era('era4-after2022'));
  const allies = scenario.allies.map((a) => `ally:${a.id}` as RoleId);
  const seats = Object.fromEntries([['nato', { held: true }], ...allies.map((a) => [a, { held: true }])]);

  it('an objection sends the proposal back with its reason; approval by all agrees it', () => {
    let ex = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats, consensus: 'vote', rounds: 3 })), (e) => e.phase === 'planning' && waitingFor(scenario, e).includes('nato'));
    const decision = botMove('equal', scenario, ex.game, policyRng(1)).decision;
    ex = ok(applyMove(scenario, ex, { role: 'nato', type: 'nato.propose', decision }));
    expect(waitingFor(scenario, ex).sort()).toEqual([...allies].sort());
    ex = ok(applyMove(scenario, ex, { role: allies[0], type: 'ally.object', reason: 'not enough for our flank' }));
    for (const a of allies.slice(1)) ex = ok(applyMove(scenario, ex, { role: a, type: 'ally.approve' }));
    expect(ex.turn.proposals[0].outcome).toBe('objected');
    expect(ex.turn.proposals[0].responses[allies[0].slice(5)]).toMatchObject({ approve: false, reason: 'not enough for our flank' });
    expect(waitingFor(scenario, ex)).toEqual(['nato']);
    expect(applyMove(scenario, ex, { role: allies[1], type: 'ally.object', reason: 'again' }).ok).toBe(false);
    ex = ok(applyMove(scenario, ex, { role: 'nato', type: 'nato.propose', decision }));
    for (const a of allies) ex = ok(applyMove(scenario, ex, { role: a, type: 'ally.approve' }));
    expect(ex.turn.proposals[1].outcome).toBe('agreed');
    expect(ex.phase).toBe('resolution');
  });

  it('the White Cell closing planning before the capitals answer: they are taken to agree, and the proposal on the table is the year\'s', () => {
    const withWhite = { ...seats, white: { held: true } };
    // NATO's staff proposed; no capital has answered.
    let ex = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats: withWhite, consensus: 'vote' })), (e) => e.phase === 'planning' && waitingFor(scenario, e).includes('nato'));
    const decision = { ...botMove('equal', scenario, ex.game, policyRng(1)).decision, share: 1.7 };
    ex = ok(applyMove(scenario, ex, { role: 'nato', type: 'nato.propose', decision }));
    const forced = ok(applyMove(scenario, ex, { role: 'white', type: 'phase.advance' }));
    expect(forced.turn.proposals).toHaveLength(1);
    expect(forced.turn.proposals[0].outcome).toBe('agreed');
    for (const a of allies) expect(forced.turn.proposals[0].responses[a.slice(5)]).toEqual({ approve: true, bot: true });
    expect(forced.turn.agreed).toEqual(decision);
    expect(forced.game.turns[forced.game.turns.length - 1].share).toBe(1.7);
    // Nothing on the table at all: the engine proposes for NATO's staff, and the capitals are taken to agree to it.
    const bare = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats: withWhite, consensus: 'vote' })), (e) => e.phase === 'planning' && waitingFor(scenario, e).includes('nato'));
    const closed = ok(applyMove(scenario, bare, { role: 'white', type: 'phase.advance' }));
    expect(closed.turn.proposals).toHaveLength(1);
    expect(closed.turn.proposals[0]).toMatchObject({ bot: true, outcome: 'agreed' });
    expect(closed.turn.agreed).toEqual(closed.turn.proposals[0].decision);
  });

  it('an objection without a reason is refused', () => {
    let ex = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats, consensus: 'vote' })), (e) => e.phase === 'planning' && e.turn.proposals.length === 0);
    ex = ok(applyMove(scenario, ex, standInMove(scenario, ex, 'nato')));
    const r = applyMove(scenario, ex, { role: allies[0], type: 'ally.object', reason: '   ' });
    expect(r.ok ? '' : r.code).toBe('rationale-required');
  });

  it('when the rounds run out the status quo passes: last year\'s share, no contested actions', () => {
    let ex = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats, consensus: 'vote', rounds: 2, deadlock: 'statusQuo' })), (e) => e.phase === 'planning' && e.turn.proposals.length === 0);
    const base = botMove('equal', scenario, ex.game, policyRng(1)).decision;
    const bold = { ...base, share: 1.9, actions: [{ type: 'intelligence' as const, partner: 'UKR' }] };
    for (let round = 0; round < 2; round++) {
      ex = ok(applyMove(scenario, ex, { role: 'nato', type: 'nato.propose', decision: bold }));
      for (const a of allies) ex = ok(applyMove(scenario, ex, { role: a, type: 'ally.object', reason: 'too much' }));
    }
    expect(ex.turn.proposals.map((p) => p.outcome)).toEqual(['objected', 'statusQuo']);
    expect(ex.turn.agreed!.share).toBe(ex.turns.length ? ex.turns[ex.turns.length - 1].agreed!.share : scenario.budget.share);
    expect(ex.turn.agreed!.actions).toEqual([]);
    expect(ex.phase).toBe('resolution');
  });

  it('a capital played by the engine objects when a proposal crosses its red line', () => {
    const ex0 = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats: { nato: { held: true } }, consensus: 'vote' })), (e) => e.phase === 'planning');
    const base = botMove('equal', scenario, ex0.game, policyRng(1)).decision;
    const ex = ok(applyMove(scenario, ex0, { role: 'nato', type: 'nato.propose', decision: { ...base, share: 2.0 } }));
    const first = ex.turn.proposals[0];
    expect(first.responses[scenario.allies[0].id]).toMatchObject({ approve: false, bot: true });
    expect(first.responses[scenario.allies[0].id].reason).toContain('above our ceiling of 1.9 %');
    expect(first.outcome).toBe('objected');
    // The objection keeps its figures, so each screen and the report say it in their own language.
    const breach = first.responses[scenario.allies[0].id].breach!;
    expect(breach).toEqual({ kind: 'shareAtMost', share: 2, limit: 1.9 });
    expect(breachText(scenario, breach, 'fr', ex.game.year)).toBe('la part de 2,0\u00a0% dépasse notre plafond de 1,9\u00a0%');
    const aar = buildAar(scenario, recordOf(ex), { lang: 'fr' });
    expect(aar.turns.at(-1)!.proposals[0].answers.find((a) => a.ally === scenario.allies[0].id)!.reason).toBe(breachText(scenario, breach, 'fr', ex.game.year));
  });

  it('a partner-funding red line is told with the partner’s name and the amounts, in English and French', () => {
    const game = createExercise(scenario, defaultSetup(scenario, { seed: 8 })).game;
    const decision = botMove('equal', scenario, game, policyRng(1)).decision;
    const partner = decision.allocations[0].partner;
    const starved = { ...decision, allocations: decision.allocations.map((l) => (l.partner === partner ? { ...l, amount: 0 } : l)) };
    const breach = redLineBreach(scenario, game, starved, { kind: 'partnerFunded', partner, atLeast: 1 })!;
    expect(breach).toMatchObject({ kind: 'partnerFunded', partner, got: 0, atLeast: 1 });
    const name = scenario.partners.find((p) => p.id === partner)!.name;
    expect(breachText(scenario, breach, 'en', game.year)).toMatch(new RegExp(`^${name.en} gets €0\\.00m, less than the equal share \\(€\\d+\\.\\d\\dm\\)$`));
    expect(breachText(scenario, breach, 'fr', game.year)).toMatch(new RegExp(`^${name.fr}\u00a0: 0,00\u00a0M€, moins que la part égale \\(\\d+,\\d\\d\u00a0M€\\)$`));
    // A red line at more than the equal share says how many times it.
    const twice = { ...breach, atLeast: 1.5 };
    expect(breachText(scenario, twice, 'en', game.year)).toContain('less than 1.5× the equal share');
    expect(breachText(scenario, twice, 'fr', game.year)).toContain(`${name.fr}\u00a0: 0,00\u00a0M€, moins de 1,5\u00a0fois la part égale`);
    expect(crossesRedLine(scenario, game, starved, { kind: 'partnerFunded', partner, atLeast: 1 })).toBe(breachText(scenario, breach, 'en', game.year));
  });

  it('with a White Cell, a deadlock waits for its decision, which needs a rationale', () => {
    let ex = until(scenario, createExercise(scenario, defaultSetup(scenario, { seed: 8, seats: { ...seats, white: { held: true } }, consensus: 'vote', rounds: 1, deadlock: 'white' })), (e) => e.phase === 'planning' && e.turn.proposals.length === 0);
    ex = ok(applyMove(scenario, ex, standInMove(scenario, ex, 'nato')));
    for (const a of allies) ex = ok(applyMove(scenario, ex, { role: a, type: 'ally.object', reason: 'no' }));
    expect(waitingFor(scenario, ex)).toEqual(['white']);
    expect(applyMove(scenario, ex, { role: 'white', type: 'white.decide', outcome: 'accept', rationale: '' }).ok).toBe(false);
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.decide', outcome: 'accept', rationale: 'the proposal follows the summit communiqué' }));
    expect(ex.turn.deadlock).toEqual({ outcome: 'accept', rationale: 'the proposal follows the summit communiqué' });
    expect(ex.turn.agreed).toEqual(ex.turn.proposals[0].decision);
  });
});

describe('red cells', () => {
  const scenario = withSentinels(era('era4-after2022'));
  it('signal with a bluff; NATO sees the amount, not the bluff, until intelligence reveals the partner; commitments decide', () => {
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 4, seats: { nato: { held: true }, 'red:russia': { held: true } } }));
    ex = until(scenario, ex, (e) => e.phase === 'signals');
    expect(waitingFor(scenario, ex)).toEqual(['red:russia']);
    const eastern = scenario.partners.filter((p) => p.region === 'east' && ex.game.partners[p.id] && !ex.game.partners[p.id].member).slice(0, 2);
    ex = ok(applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: [{ partner: eastern[0].id, amount: 5, bluff: true }, { partner: eastern[1].id, amount: 4, bluff: false }] }));
    expect(ex.phase).toBe('planning');
    const natoView = viewFor(scenario, ex, 'nato');
    const offer = natoView.briefing.offers.find((o) => o.partner === eastern[0].id && o.competitor === 'russia')!;
    expect(offer.amount).toBe(5);
    expect('bluff' in offer).toBe(ex.game.partners[eastern[0].id].revealed);
    expect(viewFor(scenario, ex, 'red:russia').own).toMatchObject({ kind: 'red', signals: [{ partner: eastern[0].id, bluff: true }, { partner: eastern[1].id, bluff: false }] });
    ex = ok(applyMove(scenario, ex, standInMove(scenario, ex, 'nato')));
    expect(waitingFor(scenario, ex)).toEqual(['red:russia']);
    ex = ok(applyMove(scenario, ex, { role: 'red:russia', type: 'red.commit', honour: [eastern[0].id] }));
    expect(ex.turn.commits.russia).toEqual([eastern[0].id]);
    expect(ex.phase).toBe('resolution');
  });

  it('an offer beyond the regional budget is refused', () => {
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 4, seats: { nato: { held: true }, 'red:russia': { held: true } } }));
    ex = until(scenario, ex, (e) => e.phase === 'signals');
    const p = scenario.partners.find((x) => x.region === 'east' && !ex.game.partners[x.id].member)!;
    const r = applyMove(scenario, ex, { role: 'red:russia', type: 'red.signal', offers: [{ partner: p.id, amount: 1e5, bluff: false }] });
    expect(r.ok ? '' : r.code).toBe('bad-move');
  });

  it('never courts its own country: Russia, a partner in era 2, is refused as the Russian red cell\'s target', () => {
    const era2 = era('era2-stability');
    let ex = createExercise(era2, defaultSetup(era2, { seed: 4, seats: { nato: { held: true }, 'red:russia': { held: true } } }));
    ex = until(era2, ex, (e) => e.phase === 'signals');
    expect(ex.game.partners.RUS?.member).toBe(false);
    const r = applyMove(era2, ex, { role: 'red:russia', type: 'red.signal', offers: [{ partner: 'RUS', amount: 1, bluff: false }] });
    expect(r.ok ? '' : `${r.code}: ${r.reason}`).toBe('bad-move: russia cannot offer assistance to itself');
    // Another eastern partner of the same year is accepted.
    const other = era2.partners.find((p) => p.region === 'east' && p.id !== 'RUS' && ex.game.partners[p.id] && !ex.game.partners[p.id].member)!;
    expect(applyMove(era2, ex, { role: 'red:russia', type: 'red.signal', offers: [{ partner: other.id, amount: 1, bluff: false }] }).ok).toBe(true);
  });
});

describe('the White Cell', () => {
  const scenario = era('era4-after2022');
  const setup = defaultSetup(scenario, { seed: 9, seats: { nato: { held: true }, white: { held: true } } });
  const serial = String(scenario.injects.find((i) => i.year !== undefined)!.serial);
  const due = scenario.injects.find((i) => String(i.serial) === serial)!.year!;

  it('holds an inject past its time, then publishes it; a skipped inject never fires', () => {
    let ex = createExercise(scenario, setup);
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.hold', serial }));
    ex = until(scenario, ex, (e) => e.game.year > due);
    expect(ex.game.fired.some((f) => f.source === 'inject' && f.id === serial)).toBe(false);
    expect(viewFor(scenario, ex, 'white').own).toMatchObject({ kind: 'white' });
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.publish', serial }));
    expect(viewFor(scenario, ex, 'nato').injects.map((i) => i.serial)).toContain(serial);
    ex = until(scenario, ex, (e) => e.phase === 'events');
    expect(ex.game.pendingEvents.some((p) => p.id === serial && p.source === 'inject')).toBe(true);

    let skipped = createExercise(scenario, setup);
    skipped = ok(applyMove(scenario, skipped, { role: 'white', type: 'white.skip', serial }));
    skipped = until(scenario, skipped, (e) => e.finished);
    expect(skipped.game.fired.some((f) => f.source === 'inject' && f.id === serial)).toBe(false);
  });

  it("lists an inject in the year's review only for the roles it was addressed to, with its title", () => {
    // The inject goes to the red cell only; the Allies and the partner team hold their seats too.
    const restricted = { ...scenario, injects: scenario.injects.map((i) => (String(i.serial) === serial ? { ...i, audience: ['red'] } : i)) };
    const ally = `ally:${scenario.allies[0].id}` as RoleId;
    const seats = Object.fromEntries(['nato', 'white', 'red:russia', ally].map((r) => [r, { held: true }]));
    let ex = createExercise(restricted, defaultSetup(restricted, { seed: 9, seats }));
    ex = ok(applyMove(restricted, ex, { role: 'white', type: 'white.publish', serial }));
    ex = until(restricted, ex, (e) => e.phase === 'review' && e.game.fired.some((f) => f.source === 'inject' && f.id === serial));
    expect(ex.phase).toBe('review');
    const listed = (role: RoleId) => viewFor(restricted, ex, role).review!.events.filter((e) => e.source === 'inject').map((e) => ({ id: e.id, title: e.title?.en }));
    const title = restricted.injects.find((i) => String(i.serial) === serial)!.title.en;
    expect(listed('red:russia')).toContainEqual({ id: serial, title });
    expect(listed('white')).toContainEqual({ id: serial, title });
    for (const role of [ally, 'observer', 'nato'] as RoleId[]) expect(listed(role).map((e) => e.id), role).not.toContain(serial);
    // Every inject a role is shown names itself: a seat has no MSEL to look its title up in.
    for (const role of ['red:russia', 'white', ally, 'observer', 'nato'] as RoleId[]) for (const e of listed(role)) expect(e.title, `${role} #${e.id}`).toBeTruthy();
    // Events (news for everyone) stay in every role's review.
    const events = (role: RoleId) => viewFor(restricted, ex, role).review!.events.filter((e) => e.source === 'event').map((e) => e.id);
    expect(events(ally)).toEqual(events('red:russia'));
  });

  it('deals an ad-hoc card from the deck at the next events phase', () => {
    let ex = createExercise(scenario, setup);
    const card = scenario.events.find((e) => e.kind === 'generic')!;
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.adhoc', eventId: card.id }));
    ex = until(scenario, ex, (e) => e.phase === 'events');
    expect(ex.game.pendingEvents.map((p) => p.id)).toContain(card.id);
  });

  it('pauses everyone else, and resumes', () => {
    let ex = ok(applyMove(scenario, createExercise(scenario, setup), { role: 'white', type: 'white.pause' }));
    const r = applyMove(scenario, ex, { role: 'nato', type: 'nato.strategy', strategy: 'prioritise' });
    expect(r.ok ? '' : r.code).toBe('paused');
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.resume' }));
    expect(applyMove(scenario, ex, { role: 'nato', type: 'nato.strategy', strategy: 'prioritise' }).ok).toBe(true);
  });

  it('sets, extends and expires a phase timer; expiry plays the engine for whoever has not acted', () => {
    let ex = createExercise(scenario, setup);
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.timer', phase: 'planning', seconds: 600 }, 1_000));
    ex = until(scenario, ex, (e) => e.phase === 'planning');
    expect(ex.timer).toMatchObject({ phase: 'planning', seconds: 600 });
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.extend', seconds: 120 }, 2_000));
    expect(ex.timer!.extra).toBe(120);
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'timer.expire' }, 3_000));
    expect(ex.turn.proposals[0].bot).toBe(true);
    expect(ex.phase).toBe('resolution');
  });

  it('adjudicates each region with a mandatory rationale; the metric moves by the steps and the review says why', () => {
    let ex = until(scenario, createExercise(scenario, setup), (e) => e.phase === 'adjudication');
    const east = ex.turn.results!.find((r) => r.region === 'east')!;
    expect(applyMove(scenario, ex, { role: 'white', type: 'white.adjudicate', region: 'east', step: 'majorNatoGain', rationale: '' }).ok).toBe(false);
    const before = ex.game.alliance.stabilityEast;
    ex = ok(applyMove(scenario, ex, { role: 'white', type: 'white.adjudicate', region: 'east', step: 'majorNatoGain', rationale: 'the package reached the front line' }));
    const steps = 4 - ['majorCompetitorGain', 'minorCompetitorGain', 'noChange', 'minorNatoGain', 'majorNatoGain'].indexOf(east.engine);
    expect(ex.game.alliance.stabilityEast).toBeCloseTo(Math.min(100, before + steps * STEP_METRIC), 9);
    const record = ex.game.turns[ex.game.turns.length - 1];
    expect(record.alliance.stabilityEast).toBe(ex.game.alliance.stabilityEast);
    if (steps) expect(record.drivers).toContainEqual(expect.objectContaining({ metric: 'stabilityEast', cause: 'adjudication', subject: 'east' }));
    // The review's causes still add up to the tile's change, the White Cell's included.
    const previous = ex.game.turns.length > 1 ? ex.game.turns[ex.game.turns.length - 2].alliance.stabilityEast : scenario.initial.stabilityEast;
    const causes = record.drivers.filter((d) => d.metric === 'stabilityEast').reduce((sum, d) => sum + d.delta, 0);
    expect(causes).toBeCloseTo(record.alliance.stabilityEast - previous, 9);
    expect(ex.turn.adjudications[0]).toMatchObject({ region: 'east', engine: east.engine, step: 'majorNatoGain', rationale: 'the package reached the front line' });
    expect(applyMove(scenario, ex, { role: 'white', type: 'white.adjudicate', region: 'east', step: 'noChange', rationale: 'again' }).ok).toBe(false);
  });

  it('rewinds to an earlier year on a new branch: the game is as it was then, the old line stays in the log', () => {
    const rng = new Rng(77);
    const { state, briefings } = drive(scenario, createExercise(scenario, setup), rng, 2025, 0);
    expect(state.game.year).toBe(2026);
    const rewound = ok(applyMove(scenario, state, { role: 'white', type: 'white.rewind', toYear: 2024, rationale: 'replay the Washington summit year' }));
    expect(rewound.game.year).toBe(2024);
    expect(rewound.phase).toBe('briefing');
    expect(JSON.stringify(rewound.game)).toBe(briefings.get(2024));
    expect(rewound.branch).toBe(1);
    expect(rewound.branches).toEqual([expect.objectContaining({ id: 1, parent: 0, toYear: 2024, rationale: 'replay the Washington summit year' })]);
    expect(rewound.log.length).toBe(state.log.length + 1);
    const replayed = replayExercise(scenario, recordOf(rewound));
    expect(replayed.ok && stateHash(replayed.state)).toBe(stateHash(rewound));
  });
});

describe('replay', () => {
  it('a record replays to the live state, and a tampered log fails at the move that no longer holds', () => {
    const scenario = era('era2-stability');
    const setup = defaultSetup(scenario, { seed: 21, seats: { nato: { held: true }, white: { held: true }, 'ally:eastern-flank': { held: true } } });
    const { state } = drive(scenario, createExercise(scenario, setup), new Rng(3), Infinity, 0.3);
    expect(state.finished).toBe(true);
    const record = recordOf(state);
    const replayed = replayExercise(scenario, JSON.parse(JSON.stringify(record)));
    expect(replayed.ok && stateHash(replayed.state)).toBe(stateHash(state));
    const i = record.log.findIndex((e) => e.move.type === 'nato.propose');
    const tampered = { ...record, log: record.log.map((e, k) => (k === i ? { ...e, role: 'ally:eastern-flank' as RoleId } : e)) };
    const failed = replayExercise(scenario, tampered);
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.seq).toBe(record.log[i].seq);
  });
});
