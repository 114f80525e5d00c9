/**
 * The exercise engine (docs/exercise.md): a facilitated year's phases over the rules core,
 * each role's moves checked for this role and this phase, the engine's bots for every role
 * nobody holds, the White Cell's controls, and rewind and branch. Every state is the replay
 * of the append-only log (`replayExercise`); a refused move is a typed rejection and
 * changes nothing. Solo play is the exercise in which only NATO is held: its turns are the
 * core's own steps in the core's order, so it plays exactly as the game always has. A
 * score-only exercise (`scoreOnly`) plays the same game for batch runs, keeping no record.
 */
import { cyrb53 } from '../core/hash';
import { RULES_VERSION } from '../core/rules';
import type { FocusArea, Inject, Scenario } from '../core/scenario';
import { COMPETITOR_COUNTRY, COMPETITORS, FOCUS_AREAS, REGIONS, type CompetitorId } from '../core/constants';
import { activePartners, cloneState, lastRecordForEdit, STATED_STRATEGIES, type GameState, type PendingEvent } from '../core/state';
import { startGame } from '../core/game';
import { beginTurnInPlace, readMetricsInto, resolveTurnInPlace } from '../core/resolve';
import { answerInPlace, checkChoice, checkDefault, chooseEventInPlace, drawEventsInPlace, endTurnInPlace } from '../core/events';
import { validateDecision, validateWithFacts, type DecisionFacts, type TurnDecision } from '../core/decision';
import { botMove, policyRng, type PolicyName } from '../core/policies';
import { Rng } from '../core/rng';
import { adjudicateInPlace, breachText, redLineBreach, regionResults, REGION_METRIC, statusQuo, type RedLineBreach, type RegionResult } from './consensus';
import { isHeld, partnerTeams, reaches, redCells, roleKind, roleSubject, scenarioRoles } from './roles';
import {
  ADJUDICATION_STEPS,
  PHASES,
  type ExerciseRecord,
  type ExerciseSetup,
  type LogEntry,
  type Move,
  type MovePayload,
  type MoveRejection,
  type MoveRejectionCode,
  type Phase,
  type RedSignal,
  type RoleId,
  type RoleSeat,
} from './types';

/** A proposal of NATO's staff and the Allied capitals' answers to it. */
export interface Proposal {
  round: number;
  decision: TurnDecision;
  /** Made by the engine for an unheld NATO seat. */
  bot: boolean;
  /** Each capital's answer; an engine capital's objection also keeps how its red line was crossed (`breach`), to be told in any language. */
  responses: Record<string, { approve: boolean; reason?: string; breach?: RedLineBreach; bot: boolean }>;
  outcome: 'open' | 'agreed' | 'objected' | 'statusQuo' | 'decided';
}

export interface Adjudication {
  region: RegionResult['region'];
  engine: RegionResult['engine'];
  step: RegionResult['engine'];
  rationale: string;
  /** The region's metric moved by this much. */
  delta: number;
  seq: number;
}

/** One year of an exercise: who did what, for the views and the after-action report. */
export interface TurnWork {
  year: number;
  /** Roles that said they are done with the current phase. */
  ready: RoleId[];
  signals: Partial<Record<CompetitorId, RedSignal[]>>;
  commits: Partial<Record<CompetitorId, string[]>>;
  demands: Record<string, FocusArea>;
  selfFinancing: Record<string, number>;
  gapAnswers: Record<string, boolean>;
  pushes: Record<string, string>;
  proposals: Proposal[];
  agreed: TurnDecision | null;
  /** The White Cell's decision on a deadlock, with its rationale. */
  deadlock?: { outcome: 'accept' | 'statusQuo'; rationale: string };
  results: RegionResult[] | null;
  adjudications: Adjudication[];
  choices: { eventId: string; choiceId: string; by: 'nato' | 'white' | 'default' }[];
  /** Seq and wall time each phase was entered at. */
  phases: { phase: Phase; seq: number; at?: number }[];
}

export type InjectFate = 'pending' | 'published' | 'held' | 'skipped';

export interface PublishedInject {
  serial: string;
  year: number;
  phase: Phase;
  /** The White Cell's move that published it; absent when it fired on its time. */
  seq?: number;
}

export interface Note {
  seq: number;
  branch: number;
  year: number;
  phase: Phase;
  text: string;
  serial?: string;
  at?: number;
}

export interface Branch {
  id: number;
  parent: number;
  /** The rewind move that opened it. */
  seq: number;
  toYear: number;
  rationale: string;
}

export interface TimerState {
  phase: Phase;
  seconds: number;
  /** Wall time the phase was entered at, when the shell gave one. */
  startedAt?: number;
  extra: number;
  pausedAt?: number;
}

export interface ExerciseState {
  setup: ExerciseSetup;
  game: GameState;
  phase: Phase;
  branch: number;
  paused: boolean;
  finished: boolean;
  /** Every entry of every branch, in seq order. */
  log: LogEntry[];
  /** Seqs of the entries the current line is made of, in order. */
  applied: number[];
  /** The generator of the engine's NATO bot, apart from the game's dice. */
  botRng: number;
  turn: TurnWork;
  /** Finished years of the current line. */
  turns: TurnWork[];
  published: PublishedInject[];
  notes: Note[];
  branches: Branch[];
  timers: Partial<Record<Phase, number>>;
  timer: TimerState | null;
  /**
   * Present in a score-only exercise (`createExercise`'s `scoreOnly`), for batch runs that
   * want the final game and score only. It plays exactly the game a full exercise plays,
   * but keeps no record of it: the game has no turn records and no decision log (as the
   * core's score-only simulator), and the exercise keeps no log, no finished years, no
   * phase times and no notes. A move is played on the state it is given, which the caller
   * gives up, instead of on a copy. `moves` counts the moves played, for their seqs. Such an
   * exercise cannot be rewound, replayed or reported on.
   */
  scoreOnly?: { moves: number };
}

export interface ExerciseOptions {
  /** Play the exercise score-only (see `ExerciseState.scoreOnly`). */
  scoreOnly?: boolean;
}

export type MoveResult = { ok: true; state: ExerciseState; entry: LogEntry } | MoveRejection;

const refuse = (code: MoveRejectionCode, reason: string, detail?: string, params?: Record<string, string | number>): MoveRejection => ({ ok: false, code, reason, ...(detail ? { detail } : {}), ...(params ? { params } : {}) });

/** The scenario the core plays: the facilitator's MSEL in place of the scenario's injects. */
const withMselCache = new WeakMap<Scenario, WeakMap<Inject[], Scenario>>();
export function playedScenario(scenario: Scenario, setup: ExerciseSetup): Scenario {
  if (!setup.msel || scenario.injects === setup.msel) return scenario;
  let byMsel = withMselCache.get(scenario);
  if (!byMsel) withMselCache.set(scenario, (byMsel = new WeakMap()));
  let played = byMsel.get(setup.msel);
  if (!played) byMsel.set(setup.msel, (played = { ...scenario, injects: setup.msel }));
  return played;
}

/** A setup with every role of the scenario seated: the given seats, the rest played by the engine. */
export function defaultSetup(scenario: Scenario, partial: Partial<ExerciseSetup> = {}): ExerciseSetup {
  const seats: Partial<Record<RoleId, RoleSeat>> = {};
  for (const role of scenarioRoles(scenario)) {
    if (role === 'observer') continue;
    seats[role] = partial.seats?.[role] ?? { held: false, ...(role === 'nato' ? { policy: 'equal' as PolicyName } : {}) };
  }
  return {
    scenarioId: scenario.id,
    seed: partial.seed ?? 1994,
    seats,
    consensus: partial.consensus ?? (Object.entries(seats).some(([r, s]) => r.startsWith('ally:') && s?.held) ? 'vote' : 'abstract'),
    rounds: partial.rounds ?? 2,
    deadlock: partial.deadlock ?? (seats.white?.held ? 'white' : 'statusQuo'),
    ...(partial.msel ? { msel: partial.msel } : {}),
    ...(partial.timers ? { timers: partial.timers } : {}),
    lang: partial.lang ?? 'en',
  };
}

/** The solo game: NATO held by the player, every other role the engine's. */
export function soloSetup(scenario: Scenario, seed: number): ExerciseSetup {
  return defaultSetup(scenario, { seed, seats: { nato: { held: true } }, consensus: 'abstract' });
}

const emptyTurn = (year: number): TurnWork => ({
  year,
  ready: [],
  signals: {},
  commits: {},
  demands: {},
  selfFinancing: {},
  gapAnswers: {},
  pushes: {},
  proposals: [],
  agreed: null,
  results: null,
  adjudications: [],
  choices: [],
  phases: [{ phase: 'briefing', seq: 0 }],
});

/** A new exercise at the first year's briefing. */
export function createExercise(scenario: Scenario, setup: ExerciseSetup, options: ExerciseOptions = {}): ExerciseState {
  const played = playedScenario(scenario, setup);
  let game = startGame(played, setup.seed);
  if (isHeld(setup.seats, 'white')) game = { ...game, injectControl: { held: [], skipped: [], released: [], adhoc: [] } };
  const ex: ExerciseState = {
    setup,
    game,
    phase: 'briefing',
    branch: 0,
    paused: false,
    finished: false,
    log: [],
    applied: [],
    botRng: policyRng(setup.seed).state,
    turn: emptyTurn(game.year),
    turns: [],
    published: [],
    notes: [],
    branches: [],
    timers: { ...setup.timers },
    timer: null,
    ...(options.scoreOnly ? { scoreOnly: { moves: 0 } } : {}),
  };
  ex.timer = timerFor(ex, 'briefing');
  dropHeldPushes(ex);
  return settle(played, ex, 0);
}

/**
 * A capital a team holds pushes a partner only by its own move (`ally.push`): the year's draw
 * of a push in its name is dropped, so NATO's staff is never shown, and consensus never
 * charged for, a push the team did not make. Capitals the engine plays keep their drawn push.
 */
function dropHeldPushes(ex: ExerciseState): void {
  const { pushes } = ex.game.briefing;
  const kept = pushes.filter((p) => !isHeld(ex.setup.seats, `ally:${p.ally}` as RoleId));
  if (kept.length !== pushes.length) ex.game = { ...ex.game, briefing: { ...ex.game.briefing, pushes: kept } };
}

/** Who moves the exercise on from phase to phase: the White Cell, else NATO's staff, else the engine. */
export function pacer(setup: ExerciseSetup): RoleId | null {
  if (isHeld(setup.seats, 'white')) return 'white';
  if (isHeld(setup.seats, 'nato')) return 'nato';
  return null;
}

type HeldKind = 'ally' | 'partner' | 'red';

/**
 * The held roles of each kind, worked out once per setup: the engine asks at every step,
 * and neither a setup's seats nor the scenario's roles change during an exercise. (A
 * facilitator's MSEL gives a scenario of its own with the same roles, so the answer is
 * kept for whichever scenario asked last.)
 */
const heldMemo = new WeakMap<ExerciseSetup, { scenario: Scenario; held: Record<HeldKind, RoleId[]> }>();

/** The held roles of a kind, in the seat board's order (the list is shared: never change it). */
function heldRoles(scenario: Scenario, setup: ExerciseSetup, kind: HeldKind): readonly RoleId[] {
  let memo = heldMemo.get(setup);
  if (memo?.scenario !== scenario) {
    const roles = scenarioRoles(scenario).filter((r) => isHeld(setup.seats, r));
    const of = (k: HeldKind) => roles.filter((r) => roleKind(r) === k);
    memo = { scenario, held: { ally: of('ally'), partner: of('partner'), red: of('red') } };
    heldMemo.set(setup, memo);
  }
  return memo.held[kind];
}

/** Whether a year has a signals phase: some red cell, partner team or capital is held. */
function hasSignals(scenario: Scenario, setup: ExerciseSetup): boolean {
  return heldRoles(scenario, setup, 'red').length + heldRoles(scenario, setup, 'partner').length + heldRoles(scenario, setup, 'ally').length > 0;
}

/** Gap analyses in the agreed decision that a held partner team must answer. */
function gapQuestions(scenario: Scenario, ex: ExerciseState): { partner: string; role: RoleId }[] {
  const out: { partner: string; role: RoleId }[] = [];
  for (const action of ex.turn.agreed?.actions ?? []) {
    if (action.type !== 'gapAnalysis') continue;
    const team = partnerTeams(scenario).find((t) => t.partners.includes(action.partner));
    const role = team ? (`partner:${team.id}` as RoleId) : undefined;
    if (role && isHeld(ex.setup.seats, role)) out.push({ partner: action.partner, role });
  }
  return out;
}

/** The roles the current phase waits for (held ones only; the engine's bots never keep anyone waiting). */
export function waitingFor(scenario: Scenario, ex: ExerciseState): RoleId[] {
  if (ex.finished) return [];
  const s = playedScenario(scenario, ex.setup);
  const { turn, setup } = ex;
  switch (ex.phase) {
    case 'signals':
      return [...heldRoles(s, setup, 'red'), ...heldRoles(s, setup, 'partner'), ...heldRoles(s, setup, 'ally')].filter((r) => !turn.ready.includes(r));
    case 'planning': {
      const open = turn.proposals[turn.proposals.length - 1];
      if (!turn.agreed) {
        const deadlocked = open?.outcome === 'objected' && turn.proposals.length >= setup.rounds;
        if (deadlocked) return setup.deadlock === 'white' && isHeld(setup.seats, 'white') ? ['white'] : [];
        if (!open || open.outcome === 'objected') return isHeld(setup.seats, 'nato') ? ['nato'] : [];
        if (open.outcome === 'open') return heldRoles(s, setup, 'ally').filter((r) => !open.responses[roleSubject(r)]);
        return ex.setup.deadlock === 'white' && isHeld(setup.seats, 'white') ? ['white'] : [];
      }
      const waiting = new Set<RoleId>();
      for (const q of gapQuestions(s, ex)) if (!(q.partner in turn.gapAnswers)) waiting.add(q.role);
      for (const r of heldRoles(s, setup, 'red')) if (!turn.commits[roleSubject(r) as CompetitorId]) waiting.add(r);
      return [...waiting];
    }
    case 'events': {
      if (isHeld(setup.seats, 'nato') && ex.game.pendingEvents.some((p) => natoAnswers(s, p.id, p.source, setup.seats))) return ['nato'];
      const p = pacer(setup);
      return p ? [p] : [];
    }
    case 'adjudication':
      return isHeld(setup.seats, 'white') ? ['white'] : [];
    default: {
      const p = pacer(setup);
      return p ? [p] : [];
    }
  }
}

/**
 * Whether NATO's staff answers a card (exported for the stand-ins): every event, every
 * inject addressed to it, and an inject whose audience nobody at a table holds (in solo
 * play the player answers every card, as the game always did). An inject for other held
 * roles only is theirs to read; its default choice stands unless the White Cell answers it.
 */
export function natoAnswers(scenario: Scenario, id: string, source: 'event' | 'inject', seats?: ExerciseSetup['seats']): boolean {
  if (source === 'event') return true;
  const inject = scenario.injects.find((i) => String(i.serial) === id);
  if (!inject || reaches(inject.audience, 'nato')) return true;
  return !!seats && !scenarioRoles(scenario).some((r) => r !== 'nato' && isHeld(seats, r) && reaches(inject.audience, r));
}

/** The phase after `phase` in this exercise (signals and adjudication only where someone holds them). */
function nextPhase(scenario: Scenario, setup: ExerciseSetup, phase: Phase): Phase {
  let i = PHASES.indexOf(phase);
  for (;;) {
    i = (i + 1) % PHASES.length;
    const p = PHASES[i];
    if (p === 'signals' && !hasSignals(scenario, setup)) continue;
    if (p === 'adjudication' && !isHeld(setup.seats, 'white')) continue;
    return p;
  }
}

function timerFor(ex: ExerciseState, phase: Phase, at?: number): TimerState | null {
  const seconds = ex.timers[phase];
  return seconds ? { phase, seconds, ...(at !== undefined ? { startedAt: at } : {}), extra: 0 } : null;
}

/** Copy of the parts of an exercise a step may change (the game is replaced, never edited, unless cloned first). */
function copy(ex: ExerciseState): ExerciseState {
  const t = ex.turn;
  return {
    ...ex,
    turn: {
      ...t,
      ready: [...t.ready],
      signals: { ...t.signals },
      commits: { ...t.commits },
      demands: { ...t.demands },
      selfFinancing: { ...t.selfFinancing },
      gapAnswers: { ...t.gapAnswers },
      pushes: { ...t.pushes },
      proposals: t.proposals.map((p) => ({ ...p, responses: { ...p.responses } })),
      adjudications: [...t.adjudications],
      choices: [...t.choices],
      phases: [...t.phases],
    },
    published: [...ex.published],
    notes: [...ex.notes],
    branches: [...ex.branches],
    timers: { ...ex.timers },
    timer: ex.timer ? { ...ex.timer } : null,
    ...(ex.scoreOnly ? { scoreOnly: { ...ex.scoreOnly } } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Checking a move: this role, this phase.

const MAX_TEXT = 500;

function checkMove(scenario: Scenario, ex: ExerciseState, move: Move): MoveRejection | null {
  const role = move.role;
  if (!scenarioRoles(scenario).includes(role)) return refuse('unknown-role', `no role "${role}" in this scenario`);
  if (role === 'observer') return refuse('wrong-role', 'observers watch; they make no moves');
  // A phase timer's expiry is the shell's clock speaking for the White Cell, held or not.
  const clock = move.type === 'timer.expire' && role === 'white';
  if (!isHeld(ex.setup.seats, role) && !clock) return refuse('not-your-seat', `${role} is played by the engine in this exercise`);
  if (ex.finished && move.type !== 'white.note' && move.type !== 'white.rewind') return refuse('finished', 'the exercise is over');
  if (ex.paused && role !== 'white') return refuse('paused', 'the White Cell has paused the exercise');
  const kind = roleKind(role);
  const subject = roleSubject(role);
  const { turn, phase, game } = ex;
  const mine = (wanted: string) => (kind === wanted ? null : refuse('wrong-role', `only ${wanted === 'white' ? 'the White Cell' : wanted} may make a ${move.type} move`));
  const inPhase = (...phases: Phase[]) => (phases.includes(phase) ? null : refuse('wrong-phase', `${move.type} is made in the ${phases.join(' or ')} phase, not in ${phase}`));
  // Looked up only by the moves that name a partner, not by every move.
  const isActive = (id: string) => activePartners(scenario, game).some((p) => p.id === id);
  const open = turn.proposals[turn.proposals.length - 1];

  switch (move.type) {
    case 'phase.ready':
      if (kind !== 'ally' && kind !== 'partner' && kind !== 'red') return refuse('wrong-role', 'only capitals, partner teams and red cells say they are ready');
      return inPhase('signals') ?? (turn.ready.includes(role) ? refuse('already-acted', `${role} is ready already`) : null);
    case 'phase.advance': {
      if (role === 'white') return null;
      if (pacer(ex.setup) !== role) return refuse('wrong-role', 'only the White Cell moves the exercise on');
      if (phase === 'planning') return refuse('wrong-phase', 'the year is played once NATO\'s proposal is agreed');
      const waiting = waitingFor(scenario, ex).filter((r) => r !== role);
      return waiting.length ? refuse('wrong-phase', `waiting for ${waiting.join(', ')}`) : null;
    }
    case 'nato.strategy':
      return mine('nato') ?? (game.year !== scenario.start || turn.agreed ? refuse('wrong-phase', 'the strategy is stated before the first year is planned') : STATED_STRATEGIES.includes(move.strategy) ? null : refuse('bad-move', `unknown strategy "${move.strategy}"`));
    case 'nato.propose': {
      const bad = mine('nato') ?? inPhase('planning');
      if (bad) return bad;
      if (turn.agreed) return refuse('already-acted', 'the year is agreed already');
      if (open && open.outcome === 'open') return refuse('already-acted', 'the Allies are still answering the last proposal');
      if (open && open.outcome !== 'objected') return refuse('already-acted', 'the White Cell is deciding on the deadlock');
      const check = validateDecision(scenario, game, move.decision);
      return check.ok ? null : refuse('illegal-decision', check.reason, check.code, check.params);
    }
    case 'event.choose': {
      if (kind !== 'nato' && kind !== 'white') return refuse('wrong-role', "only NATO's staff answers event cards");
      const bad = inPhase('events');
      if (bad) return bad;
      const card = game.pendingEvents.find((p) => p.id === move.eventId);
      if (!card || (kind === 'nato' && !natoAnswers(scenario, card.id, card.source, ex.setup.seats))) return refuse('unknown-event', `no event card "${move.eventId}" is waiting for ${role}`);
      const choice = checkChoice(scenario, game, move.eventId, move.choiceId);
      return choice.ok ? null : refuse('bad-move', choice.reason, choice.code);
    }
    case 'ally.push':
      return mine('ally') ?? inPhase('signals', 'planning') ?? (turn.agreed ? refuse('already-acted', 'the year is agreed already') : isActive(move.partner) ? null : refuse('unknown-partner', `"${move.partner}" is not an active partner this year`));
    case 'ally.approve':
    case 'ally.object': {
      const bad = mine('ally') ?? inPhase('planning');
      if (bad) return bad;
      if (ex.setup.consensus !== 'vote') return refuse('wrong-phase', 'this exercise decides by the consensus metric, without votes');
      if (!open || open.outcome !== 'open') return refuse('no-proposal', 'there is no proposal to answer');
      if (open.responses[subject]) return refuse('already-acted', `${role} has answered this proposal`);
      if (move.type === 'ally.object' && !move.reason.trim()) return refuse('rationale-required', 'an objection needs its reason');
      return null;
    }
    case 'partner.demand':
    case 'partner.selfFinance': {
      const bad = mine('partner') ?? inPhase('signals');
      if (bad) return bad;
      const team = partnerTeams(scenario).find((t) => t.id === subject);
      if (!team?.partners.includes(move.partner) || !isActive(move.partner)) return refuse('unknown-partner', `"${move.partner}" is not an active partner of ${role}`);
      if (move.type === 'partner.demand' && !FOCUS_AREAS.includes(move.focus)) return refuse('bad-move', `unknown focus area "${move.focus}"`);
      if (move.type === 'partner.selfFinance' && !(move.share >= 0 && move.share <= 0.5)) return refuse('bad-move', 'a self-financing offer is a share from 0 to 0.5', 'self-finance-range', { partner: move.partner });
      return null;
    }
    case 'partner.gapAnswer': {
      const bad = mine('partner') ?? inPhase('planning');
      if (bad) return bad;
      const q = gapQuestions(scenario, ex).find((g) => g.partner === move.partner && g.role === role);
      if (!q) return refuse('no-proposal', `NATO has not asked ${move.partner} for a gap analysis this year`);
      return move.partner in turn.gapAnswers ? refuse('already-acted', `${move.partner} has answered`) : null;
    }
    case 'red.signal':
      return mine('red') ?? inPhase('signals') ?? checkSignals(scenario, game, subject as CompetitorId, move.offers, isActive);
    case 'red.commit': {
      const bad = mine('red') ?? inPhase('planning');
      if (bad) return bad;
      if (!turn.agreed) return refuse('no-proposal', 'red cells commit once NATO has allocated');
      if (turn.commits[subject as CompetitorId]) return refuse('already-acted', `${role} has committed`);
      const signalled = new Set(game.briefing.offers.filter((o) => o.competitor === subject).map((o) => o.partner));
      const stray = move.honour.find((p) => !signalled.has(p));
      return stray ? refuse('unknown-partner', `${role} signalled nothing to "${stray}"`) : null;
    }
    default:
      return checkWhiteMove(scenario, ex, move);
  }
}

/** A red cell's offers: active partners in regions where it has money, three a region at most, within 1.4× its regional budget. */
function checkSignals(scenario: Scenario, game: GameState, competitor: CompetitorId, offers: RedSignal[], isActive: (id: string) => boolean): MoveRejection | null {
  const byRegion = new Map<string, { count: number; total: number }>();
  const seen = new Set<string>();
  for (const o of offers) {
    const partner = scenario.partners.find((p) => p.id === o.partner);
    // Each refusal names its rule (`detail`) and what it is about (`params`): the red cell's screen says it in its language.
    if (!partner || !isActive(o.partner)) return refuse('unknown-partner', `"${o.partner}" is not an active partner this year`, 'signal-inactive', { partner: o.partner });
    if (o.partner === COMPETITOR_COUNTRY[competitor]) return refuse('bad-move', `${competitor} cannot offer assistance to itself`, 'signal-self', { partner: o.partner });
    if (seen.has(o.partner)) return refuse('bad-move', `two offers to ${o.partner}`, 'signal-twice', { partner: o.partner });
    seen.add(o.partner);
    if (!(o.amount > 0 && o.amount < 1e6)) return refuse('bad-move', `the offer to ${o.partner} must be a positive amount`, 'signal-amount', { partner: o.partner });
    const budget = scenario.competitors[competitor][partner.region] * game.budgetFactor;
    const r = byRegion.get(partner.region) ?? { count: 0, total: 0 };
    r.count++;
    r.total += o.amount;
    byRegion.set(partner.region, r);
    if (budget <= 0) return refuse('bad-move', `${competitor} has no assistance budget in the ${partner.region}`, 'signal-no-budget', { region: partner.region });
    if (r.count > 3) return refuse('bad-move', `at most three offers in the ${partner.region}`, 'signal-count', { region: partner.region });
    const limit = 1.4 * scenario.competitors[competitor][partner.region];
    if (r.total > limit + 1e-9) return refuse('bad-move', `offers in the ${partner.region} exceed 1.4× the €${scenario.competitors[competitor][partner.region]}m budget`, 'signal-over', { region: partner.region, offered: r.total, limit });
  }
  return null;
}

function checkWhiteMove(scenario: Scenario, ex: ExerciseState, move: Move): MoveRejection | null {
  if (move.role !== 'white') return refuse('wrong-role', `only the White Cell may make a ${move.type} move`);
  if (ex.finished && move.type !== 'white.note' && move.type !== 'white.rewind') return refuse('finished', 'the exercise is over');
  const serials = new Set(scenario.injects.map((i) => String(i.serial)));
  const fate = (serial: string) => injectFate(ex, serial);
  switch (move.type) {
    case 'white.publish':
      if (!serials.has(move.serial)) return refuse('unknown-inject', `no inject ${move.serial} in the MSEL`);
      return fate(move.serial) === 'published' ? refuse('already-acted', `inject ${move.serial} is published already`) : null;
    case 'white.hold':
    case 'white.skip':
      if (!serials.has(move.serial)) return refuse('unknown-inject', `no inject ${move.serial} in the MSEL`);
      return fate(move.serial) === 'published' || fate(move.serial) === 'skipped' ? refuse('already-acted', `inject ${move.serial} is ${fate(move.serial)} already`) : null;
    case 'white.adhoc':
      if (!scenario.events.some((e) => e.id === move.eventId)) return refuse('unknown-event', `no event "${move.eventId}" in the scenario's deck`);
      return ex.game.fired.some((f) => f.id === move.eventId && f.source === 'event') || ex.game.pendingEvents.some((p) => p.id === move.eventId) ? refuse('already-acted', `event "${move.eventId}" has been dealt already`) : null;
    case 'white.pause':
      return ex.paused ? refuse('already-acted', 'paused already') : null;
    case 'white.resume':
      return ex.paused ? null : refuse('already-acted', 'not paused');
    case 'white.timer':
      return PHASES.includes(move.phase) && move.seconds >= 0 && move.seconds <= 4 * 3600 ? null : refuse('bad-move', 'a timer is 0 to 14,400 seconds for a phase');
    case 'white.extend':
      return !ex.timer ? refuse('bad-move', 'no timer runs in this phase') : move.seconds > 0 && move.seconds <= 3600 ? null : refuse('bad-move', 'extend by 1 to 3,600 seconds');
    case 'timer.expire':
      return ex.timer ? null : refuse('bad-move', 'no timer runs in this phase');
    case 'white.adjudicate': {
      if (ex.phase !== 'adjudication') return refuse('wrong-phase', `adjudication is made in the adjudication phase, not in ${ex.phase}`);
      if (!move.rationale.trim()) return refuse('rationale-required', 'an adjudication needs a one-line rationale');
      if (move.rationale.length > MAX_TEXT) return refuse('bad-move', `a rationale is at most ${MAX_TEXT} characters`);
      if (!REGIONS.includes(move.region) || !ADJUDICATION_STEPS.includes(move.step)) return refuse('bad-move', 'unknown region or step');
      return ex.turn.adjudications.some((a) => a.region === move.region) ? refuse('already-acted', `the ${move.region} is adjudicated already this year`) : null;
    }
    case 'white.decide': {
      const open = ex.turn.proposals[ex.turn.proposals.length - 1];
      if (ex.phase !== 'planning' || ex.turn.agreed || !open || open.outcome !== 'objected' || ex.turn.proposals.length < ex.setup.rounds) return refuse('wrong-phase', 'there is no deadlock to decide');
      return move.rationale.trim() ? null : refuse('rationale-required', 'a decision on a deadlock needs a one-line rationale');
    }
    case 'white.note':
      if (!move.text.trim() || move.text.length > MAX_TEXT) return refuse('bad-move', `a note is 1 to ${MAX_TEXT} characters`);
      return move.serial !== undefined && !serials.has(move.serial) ? refuse('unknown-inject', `no inject ${move.serial} in the MSEL`) : null;
    case 'white.rewind':
      if (!move.rationale.trim()) return refuse('rationale-required', 'a rewind needs a one-line rationale');
      if (ex.scoreOnly) return refuse('bad-rewind', 'a score-only exercise keeps no log to rewind');
      return Number.isInteger(move.toYear) && move.toYear >= scenario.start && move.toYear <= ex.game.year ? null : refuse('bad-rewind', `rewind to a year from ${scenario.start} to ${ex.game.year}`);
    default:
      return refuse('bad-move', `unknown move "${(move as { type: string }).type}"`);
  }
}

/** Where an inject of the MSEL stands. */
export function injectFate(ex: ExerciseState, serial: string): InjectFate {
  if (ex.published.some((p) => p.serial === serial) || ex.game.fired.some((f) => f.source === 'inject' && f.id === serial)) return 'published';
  const control = ex.game.injectControl;
  if (control?.skipped.includes(serial)) return 'skipped';
  if (control?.held.includes(serial)) return 'held';
  return 'pending';
}

// ---------------------------------------------------------------------------------------
// Applying a move.

/**
 * Plays a move: checked for this role and this phase, appended to the log, then the
 * engine's bots and automatic steps until a held role is awaited. A refused move changes
 * nothing. `at` is the wall-clock time the shell received it (kept for timings only).
 */
export function applyMove(scenario: Scenario, ex: ExerciseState, move: Move, at?: number): MoveResult {
  const s = playedScenario(scenario, ex.setup);
  const bad = checkMove(s, ex, move);
  if (bad) return bad;
  const { role, ...payload } = move;
  const entry: LogEntry = { seq: (ex.scoreOnly?.moves ?? ex.log.length) + 1, branch: ex.branch, year: ex.game.year, phase: ex.phase, role, move: payload as MovePayload, ...(at !== undefined ? { at } : {}) };
  const next = step(s, ex, entry);
  return { ok: true, state: next, entry };
}

/**
 * The game each step may edit in place (the core's in-place steps): its own copy, made on
 * the step's first edit (`gameForEdit`). Most moves (a table ready, a capital's answer, a
 * proposal, a signal) leave the game as it was, and then the new state holds the state
 * before's game itself, which nothing has to copy, compare or build views of again.
 */
const editable = new WeakMap<ExerciseState, GameState>();

/**
 * The step's game to edit in place: copied from the state before's on the first edit. A
 * game a step made by spreading (`{ ...game, … }`) shares its parts with the state before,
 * and is copied too.
 */
function gameForEdit(ex: ExerciseState): GameState {
  if (editable.get(ex) !== ex.game) {
    ex.game = cloneState(ex.game);
    editable.set(ex, ex.game);
  }
  return ex.game;
}

/**
 * Applies a checked entry and appends it to the log. `owned`: the caller will never look at
 * `before` again (a replay), so the step works on it instead of a copy.
 */
function step(scenario: Scenario, before: ExerciseState, entry: LogEntry, owned = false): ExerciseState {
  if (entry.move.type === 'white.rewind') return rewind(scenario, before, entry);
  let ex = before;
  if (ex.scoreOnly) {
    // Nothing can look at the state before: the caller gave it up, and no log keeps the move.
    ex.scoreOnly.moves++;
    editable.set(ex, ex.game);
  } else if (owned) {
    ex.log.push(entry);
    ex.applied.push(entry.seq);
    editable.set(ex, ex.game);
  } else {
    // The game stays the state before's until the step edits it (`gameForEdit`).
    ex = copy(before);
    ex.log = [...before.log, entry];
    ex.applied = [...before.applied, entry.seq];
  }
  perform(scenario, ex, entry);
  return settle(scenario, ex, entry.seq, entry.at);
}

function perform(scenario: Scenario, ex: ExerciseState, entry: LogEntry): void {
  const move = entry.move;
  const role = entry.role;
  const subject = roleSubject(role);
  const turn = ex.turn;
  switch (move.type) {
    case 'phase.ready':
      turn.ready.push(role);
      return;
    case 'phase.advance':
      forceAdvance(scenario, ex, entry);
      return;
    case 'timer.expire':
      forceAdvance(scenario, ex, entry);
      return;
    case 'nato.strategy':
      ex.game = { ...ex.game, strategy: move.strategy, log: [...ex.game.log.filter((e) => e.kind !== 'strategy'), { kind: 'strategy', strategy: move.strategy }] };
      return;
    case 'nato.propose':
      propose(scenario, ex, move.decision, false);
      return;
    case 'event.choose': {
      const result = checkChoice(scenario, ex.game, move.eventId, move.choiceId);
      if (result.ok) {
        if (ex.scoreOnly) answerInPlace(scenario, gameForEdit(ex), move.eventId, result.choice, undefined, false, false);
        else chooseEventInPlace(scenario, gameForEdit(ex), move.eventId, result.choice);
        turn.choices.push({ eventId: move.eventId, choiceId: move.choiceId, by: role === 'white' ? 'white' : 'nato' });
      }
      return;
    }
    case 'ally.push': {
      turn.pushes[subject] = move.partner;
      const pushes = ex.game.briefing.pushes.filter((p) => p.ally !== subject);
      pushes.push({ ally: subject, partner: move.partner });
      ex.game = { ...ex.game, briefing: { ...ex.game.briefing, pushes } };
      if (ex.phase === 'signals' && !turn.ready.includes(role)) turn.ready.push(role);
      return;
    }
    case 'ally.approve':
    case 'ally.object': {
      const open = turn.proposals[turn.proposals.length - 1];
      open.responses[subject] = move.type === 'ally.approve' ? { approve: true, bot: false } : { approve: false, reason: move.reason.trim(), bot: false };
      closeRound(scenario, ex);
      return;
    }
    case 'partner.demand': {
      turn.demands[move.partner] = move.focus;
      const requests = ex.game.briefing.requests.map((r) => (r.partner === move.partner ? { partner: r.partner, focus: move.focus } : r));
      ex.game = { ...ex.game, briefing: { ...ex.game.briefing, requests } };
      return;
    }
    case 'partner.selfFinance':
      turn.selfFinancing[move.partner] = move.share;
      return;
    case 'partner.gapAnswer':
      turn.gapAnswers[move.partner] = move.accept;
      return;
    case 'red.signal': {
      const competitor = subject as CompetitorId;
      turn.signals[competitor] = move.offers.map((o) => ({ ...o }));
      const offers = ex.game.briefing.offers.filter((o) => o.competitor !== competitor);
      for (const o of move.offers) offers.push({ competitor, partner: o.partner, amount: o.amount, bluff: o.bluff });
      ex.game = { ...ex.game, briefing: { ...ex.game.briefing, offers } };
      turn.ready.push(role);
      return;
    }
    case 'red.commit': {
      const competitor = subject as CompetitorId;
      turn.commits[competitor] = [...move.honour];
      const offers = ex.game.briefing.offers.map((o) => (o.competitor === competitor ? { ...o, bluff: !move.honour.includes(o.partner) } : o));
      ex.game = { ...ex.game, briefing: { ...ex.game.briefing, offers } };
      return;
    }
    case 'white.publish': {
      ex.published.push({ serial: move.serial, year: ex.game.year, phase: ex.phase, seq: entry.seq });
      const control = ex.game.injectControl!;
      if (ex.phase === 'events') {
        ex.game = { ...ex.game, pendingEvents: [...ex.game.pendingEvents, dealCard(move.serial, 'inject')], injectControl: { ...control, held: control.held.filter((h) => h !== move.serial) } };
      } else {
        ex.game = { ...ex.game, injectControl: { ...control, held: control.held.filter((h) => h !== move.serial), released: [...control.released, move.serial] } };
      }
      return;
    }
    case 'white.hold': {
      const control = ex.game.injectControl!;
      ex.game = { ...ex.game, injectControl: { ...control, held: [...control.held, move.serial] } };
      return;
    }
    case 'white.skip': {
      const control = ex.game.injectControl!;
      ex.game = { ...ex.game, injectControl: { ...control, held: control.held.filter((h) => h !== move.serial), skipped: [...control.skipped, move.serial] } };
      return;
    }
    case 'white.adhoc': {
      const control = ex.game.injectControl!;
      if (ex.phase === 'events') ex.game = { ...ex.game, pendingEvents: [...ex.game.pendingEvents, dealCard(move.eventId, 'event')] };
      else ex.game = { ...ex.game, injectControl: { ...control, adhoc: [...control.adhoc, move.eventId] } };
      return;
    }
    case 'white.pause':
      ex.paused = true;
      if (ex.timer && entry.at !== undefined) ex.timer.pausedAt = entry.at;
      return;
    case 'white.resume':
      ex.paused = false;
      if (ex.timer?.pausedAt !== undefined && entry.at !== undefined) {
        ex.timer.extra += (entry.at - ex.timer.pausedAt) / 1000;
        delete ex.timer.pausedAt;
      }
      return;
    case 'white.timer':
      ex.timers[move.phase] = move.seconds;
      if (move.phase === ex.phase) ex.timer = move.seconds ? { phase: ex.phase, seconds: move.seconds, ...(entry.at !== undefined ? { startedAt: entry.at } : {}), extra: 0 } : null;
      return;
    case 'white.extend':
      ex.timer!.extra += move.seconds;
      return;
    case 'white.adjudicate': {
      const result = turn.results!.find((r) => r.region === move.region)!;
      const game = gameForEdit(ex);
      const moved = adjudicateInPlace(game, result, move.step);
      const delta = moved.metric;
      const record = lastRecordForEdit(game);
      if (record) {
        // Named as the core names its drivers, so the review's causes still add up to each change.
        if (delta !== 0) record.drivers.push({ metric: REGION_METRIC[result.region], delta, cause: 'adjudication', subject: result.region });
        for (const c of COMPETITORS) if (moved.influence[c] !== 0) record.drivers.push({ metric: `influence:${c}:${result.region}`, delta: moved.influence[c], cause: 'adjudication', subject: result.region });
        readMetricsInto(scenario, game, record);
      }
      turn.adjudications.push({ region: move.region, engine: result.engine, step: move.step, rationale: move.rationale.trim(), delta, seq: entry.seq });
      return;
    }
    case 'white.decide': {
      const open = turn.proposals[turn.proposals.length - 1];
      turn.deadlock = { outcome: move.outcome, rationale: move.rationale.trim() };
      if (move.outcome === 'accept') {
        open.outcome = 'decided';
        turn.agreed = open.decision;
      } else {
        open.outcome = 'statusQuo';
        turn.agreed = statusQuo(scenario, ex.game, open.decision, () => natoBotDecision(scenario, ex, 'equal'));
      }
      return;
    }
    case 'white.note':
      if (ex.scoreOnly) return;
      ex.notes.push({ seq: entry.seq, branch: ex.branch, year: ex.game.year, phase: ex.phase, text: move.text.trim(), ...(move.serial !== undefined ? { serial: move.serial } : {}), ...(entry.at !== undefined ? { at: entry.at } : {}) });
      return;
    case 'white.rewind':
      return;
    default: {
      const never: never = move;
      throw new Error(`unhandled move ${(never as { type: string }).type}`);
    }
  }
}

/** NATO's proposal: agreed at once without votes, else put to the capitals (the engine's answer at once for theirs). */
function propose(scenario: Scenario, ex: ExerciseState, decision: TurnDecision, bot: boolean): void {
  const turn = ex.turn;
  const proposal: Proposal = { round: turn.proposals.length + 1, decision, bot, responses: {}, outcome: 'open' };
  turn.proposals.push(proposal);
  if (ex.setup.consensus !== 'vote') {
    proposal.outcome = 'agreed';
    turn.agreed = decision;
    return;
  }
  for (const ally of scenario.allies) {
    if (isHeld(ex.setup.seats, `ally:${ally.id}`)) continue;
    const breach = ally.priorities ? redLineBreach(scenario, ex.game, decision, ally.priorities.redLine) : null;
    proposal.responses[ally.id] = breach ? { approve: false, reason: breachText(scenario, breach, 'en', ex.game.year), breach, bot: true } : { approve: true, bot: true };
  }
  closeRound(scenario, ex);
}

/** Once every capital has answered: agreed, or sent back, or (after the last round) the deadlock rule. */
function closeRound(scenario: Scenario, ex: ExerciseState): void {
  const turn = ex.turn;
  const open = turn.proposals[turn.proposals.length - 1];
  if (scenario.allies.some((a) => !open.responses[a.id])) return;
  if (Object.values(open.responses).every((r) => r.approve)) {
    open.outcome = 'agreed';
    turn.agreed = open.decision;
    return;
  }
  open.outcome = 'objected';
  if (turn.proposals.length >= ex.setup.rounds && !(ex.setup.deadlock === 'white' && isHeld(ex.setup.seats, 'white'))) {
    turn.agreed = statusQuo(scenario, ex.game, open.decision, () => natoBotDecision(scenario, ex, 'equal'));
    open.outcome = 'statusQuo';
  }
}

function natoBotDecision(scenario: Scenario, ex: ExerciseState, policy: PolicyName = ex.setup.seats.nato?.policy ?? 'equal'): TurnDecision {
  const rng = new Rng(ex.botRng);
  // A score-only exercise logs no decision, so its bot may leave the tiers record out (its
  // facts carry the tiers), except where a vote may fall back to the status quo, which
  // keeps the proposal's tiers record.
  const bare = !!ex.scoreOnly && ex.setup.consensus !== 'vote';
  let move = botMove(policy, scenario, ex.game, rng, bare);
  if (!validateWithFacts(scenario, ex.game, move.decision, move.facts).ok) move = botMove('equal', scenario, ex.game, rng, bare);
  ex.botRng = rng.state;
  botFacts.set(move.decision, move.facts);
  return move.decision;
}

/**
 * What the engine's NATO bot knows of the lines it wrote (see the core's `DecisionFacts`),
 * so the turn need not work it out again from the lines' names. Kept beside the state,
 * never in it (the state stays plain JSON), and only for the decision object the bot made.
 */
const botFacts = new WeakMap<TurnDecision, DecisionFacts>();

/**
 * The White Cell (or a timer) closes the phase: whoever has not acted is played by the
 * engine — capitals that did not answer are taken to agree, partner teams' gap analyses
 * fall to the dice, red cells keep what they signalled — and the exercise moves on.
 */
function forceAdvance(scenario: Scenario, ex: ExerciseState, entry: LogEntry): void {
  const turn = ex.turn;
  if (ex.phase === 'planning') {
    if (!turn.agreed) {
      const before = turn.proposals[turn.proposals.length - 1];
      // No proposal on the table (or one sent back with rounds left): the engine proposes for NATO's staff.
      if (!before || (before.outcome === 'objected' && turn.proposals.length < ex.setup.rounds)) propose(scenario, ex, natoBotDecision(scenario, ex), true);
      const open = turn.proposals[turn.proposals.length - 1];
      // Capitals that did not answer are taken to agree (the engine's capitals answered already); the round closes as any does.
      if (open.outcome === 'open') {
        for (const ally of scenario.allies) open.responses[ally.id] ??= { approve: true, bot: true };
        closeRound(scenario, ex);
      }
      // Objected and no round left to try again in: the status quo.
      if (!turn.agreed) {
        open.outcome = 'statusQuo';
        turn.agreed = statusQuo(scenario, ex.game, open.decision, () => natoBotDecision(scenario, ex, 'equal'));
      }
    }
    resolve(scenario, ex, entry);
    return;
  }
  if (ex.phase === 'signals') for (const r of waitingFor(scenario, ex)) turn.ready.push(r);
  leavePhase(scenario, ex, entry);
}

/** The agreed year played out by the core, with the partner teams' answers and the red cells' commitments. */
function resolve(scenario: Scenario, ex: ExerciseState, entry: LogEntry): void {
  const turn = ex.turn;
  const game = gameForEdit(ex);
  const inputs = { gapAnswers: { ...turn.gapAnswers }, selfFinancing: { ...turn.selfFinancing } };
  if (Object.keys(inputs.gapAnswers).length + Object.keys(inputs.selfFinancing).length > 0) game.turnInputs = inputs;
  const before = { alliance: { ...game.alliance }, influence: { russia: { ...game.influence.russia }, china: { ...game.influence.china } } };
  // The agreed decision was checked against this very state when it was proposed; nothing
  // changes the state between agreement and resolution, so this fallback never plays.
  const facts = botFacts.get(turn.agreed!);
  if (!(facts ? validateWithFacts(scenario, game, turn.agreed!, facts) : validateDecision(scenario, game, turn.agreed!)).ok) turn.agreed = natoBotDecision(scenario, ex, 'equal');
  const record = resolveTurnInPlace(scenario, game, turn.agreed!, !ex.scoreOnly, botFacts.get(turn.agreed!));
  // The record holds the metrics as the resolution left them; a score-only game keeps none but has the same metrics.
  turn.results = regionResults(before, record ?? game);
  enterPhase(scenario, ex, 'resolution', entry);
}

/**
 * Cards dealt in this engine, by the core's draw or the White Cell's moves: they have
 * exactly a card's fields, so answering one may build its fired entry field by field,
 * which is much cheaper than copying it whole. A card from a saved game is copied whole,
 * whatever it holds. Kept beside the state, never in it.
 */
const dealt = new WeakSet<PendingEvent>();

function dealCard(id: string, source: PendingEvent['source']): PendingEvent {
  const card: PendingEvent = { id, source, counterfactual: false };
  dealt.add(card);
  return card;
}

function leavePhase(scenario: Scenario, ex: ExerciseState, entry: LogEntry): void {
  const phase = ex.phase;
  if (phase === 'events' && ex.game.pendingEvents.length) {
    // Cards nobody answered take their default choice, as in solo play. The year's record
    // is copied for editing once for all of them and its metrics re-read after the last
    // (as the core's turn does); a score-only game has no record and logs no choice.
    const game = gameForEdit(ex);
    const record = ex.scoreOnly ? undefined : lastRecordForEdit(game);
    let answered = false;
    while (game.pendingEvents.length) {
      const pending = game.pendingEvents[0];
      const result = checkDefault(scenario, game, pending);
      if (result.ok) {
        answerInPlace(scenario, game, pending.id, result.choice, record, dealt.has(pending), !ex.scoreOnly);
        ex.turn.choices.push({ eventId: pending.id, choiceId: result.choice.id, by: 'default' });
        answered = true;
      } else game.pendingEvents = game.pendingEvents.slice(1);
    }
    if (answered && record) readMetricsInto(scenario, game, record);
  }
  if (phase === 'review') {
    if (!ex.scoreOnly) ex.turns = [...ex.turns, ex.turn];
    const game = gameForEdit(ex);
    endTurnInPlace(scenario, game);
    if (game.finished) {
      ex.finished = true;
      ex.timer = null;
      return;
    }
    beginTurnInPlace(scenario, game);
    dropHeldPushes(ex);
    ex.turn = emptyTurn(game.year);
    ex.turn.phases = [];
    enterPhase(scenario, ex, 'briefing', entry);
    return;
  }
  const next = nextPhase(scenario, ex.setup, phase);
  if (next === 'events') {
    drawEventsInPlace(scenario, gameForEdit(ex));
    for (const p of ex.game.pendingEvents) dealt.add(p);
    for (const p of ex.game.pendingEvents) {
      if (p.source === 'inject' && !ex.published.some((x) => x.serial === p.id)) {
        ex.published.push({ serial: p.id, year: ex.game.year, phase: 'events' });
      }
    }
  }
  enterPhase(scenario, ex, next, entry);
}

function enterPhase(scenario: Scenario, ex: ExerciseState, phase: Phase, entry: LogEntry): void {
  ex.phase = phase;
  ex.turn.ready = [];
  if (!ex.scoreOnly) ex.turn.phases.push({ phase, seq: entry.seq, ...(entry.at !== undefined ? { at: entry.at } : {}) });
  ex.timer = timerFor(ex, phase, entry.at);
  if (phase === 'planning' && !isHeld(ex.setup.seats, 'nato')) propose(scenario, ex, natoBotDecision(scenario, ex), true);
}

/**
 * The engine's automatic steps after a move: bots act, and the exercise moves on wherever
 * nobody held is awaited and nobody held sets the pace.
 */
function settle(scenario: Scenario, ex: ExerciseState, seq: number, at?: number): ExerciseState {
  const entry: LogEntry = { seq, branch: ex.branch, year: ex.game.year, phase: ex.phase, role: 'white', move: { type: 'phase.advance' }, ...(at !== undefined ? { at } : {}) };
  for (let guard = 0; guard < 10_000 && !ex.finished && !ex.paused; guard++) {
    const waiting = waitingFor(scenario, ex);
    const turn = ex.turn;
    if (ex.phase === 'signals' && waiting.length === 0) {
      leavePhase(scenario, ex, entry);
      continue;
    }
    if (ex.phase === 'planning') {
      const open = turn.proposals[turn.proposals.length - 1];
      if (!turn.agreed && open?.outcome === 'objected' && !isHeld(ex.setup.seats, 'nato') && turn.proposals.length < ex.setup.rounds) {
        // The engine's NATO answers an objection with the status quo, which the capitals' red lines allow most often.
        propose(scenario, ex, statusQuo(scenario, ex.game, open.decision, () => natoBotDecision(scenario, ex, 'equal')), true);
        continue;
      }
      if (turn.agreed && waiting.length === 0) {
        resolve(scenario, ex, entry);
        continue;
      }
      break;
    }
    if (ex.phase === 'events' && !isHeld(ex.setup.seats, 'nato') && ex.game.pendingEvents.length && pacer(ex.setup) === null) {
      leavePhase(scenario, ex, entry);
      continue;
    }
    if (pacer(ex.setup) === null && waiting.length === 0) {
      leavePhase(scenario, ex, entry);
      continue;
    }
    break;
  }
  return ex;
}

// ---------------------------------------------------------------------------------------
// Rewind, replay, record.

/**
 * The White Cell takes the exercise back to the start of an earlier year: the current
 * line's moves before that year are played again on a new branch; the old line stays in
 * the log, and its notes stay with the exercise.
 */
function rewind(scenario: Scenario, before: ExerciseState, entry: LogEntry): ExerciseState {
  if (entry.move.type !== 'white.rewind') return before;
  const keep = new Set(before.applied);
  // The line's own moves before that year; earlier rewinds are already folded into the line.
  const kept = before.log.filter((e) => keep.has(e.seq) && e.year < (entry.move as { toYear: number }).toYear && e.move.type !== 'white.note' && e.move.type !== 'white.rewind');
  let ex = createExercise(scenario, before.setup);
  for (const e of kept) ex = step(scenario, ex, e, true);
  const id = Math.max(0, ...before.branches.map((b) => b.id)) + 1;
  return {
    ...ex,
    log: [...before.log, entry],
    applied: [...ex.applied, entry.seq],
    branch: id,
    notes: before.notes,
    branches: [...before.branches, { id, parent: before.branch, seq: entry.seq, toYear: entry.move.toYear, rationale: entry.move.rationale.trim() }],
  };
}

/** The exercise's record: setup and log, for saving, sending and replaying. */
export function recordOf(ex: ExerciseState): ExerciseRecord {
  return { format: 'coopsec-exercise', version: 1, rules: RULES_VERSION, setup: ex.setup, log: ex.log };
}

/**
 * Rebuilds an exercise from its record, checking every move again as it was checked when
 * played: a log edited by hand fails at the first move that no longer holds, by its seq.
 */
export function replayExercise(scenario: Scenario, record: ExerciseRecord, toYear?: number): { ok: true; state: ExerciseState } | { ok: false; seq: number; rejection: MoveRejection } {
  const s = playedScenario(scenario, record.setup);
  let ex = createExercise(scenario, record.setup);
  for (const e of record.log) {
    if (toYear !== undefined && ex.game.year > toYear) break;
    const next = replayStep(s, ex, e, true);
    if (!next.ok) return next;
    ex = next.state;
  }
  return { ok: true, state: ex };
}

/** One logged move replayed on the played scenario: the step of `replayExercise`. */
function replayStep(s: Scenario, ex: ExerciseState, e: LogEntry, owned: boolean): { ok: true; state: ExerciseState } | { ok: false; seq: number; rejection: MoveRejection } {
  if (e.seq !== ex.log.length + 1) return { ok: false, seq: e.seq, rejection: refuse('bad-move', `seq ${e.seq} out of order (expected ${ex.log.length + 1})`) };
  if (e.year !== ex.game.year || e.phase !== ex.phase) return { ok: false, seq: e.seq, rejection: refuse('bad-move', `seq ${e.seq} was made in ${e.year} ${e.phase}, but the replay stands at ${ex.game.year} ${ex.phase}`) };
  const bad = checkMove(s, ex, { role: e.role, ...e.move } as Move);
  if (bad) return { ok: false, seq: e.seq, rejection: bad };
  return { ok: true, state: step(s, ex, e, owned) };
}

/**
 * Replays one more logged move onto an exercise (a mirror that follows a server's log entry
 * by entry, such as the facilitator's console in a classroom). The state given is not
 * changed.
 */
export function replayEntry(scenario: Scenario, ex: ExerciseState, e: LogEntry): { ok: true; state: ExerciseState } | { ok: false; seq: number; rejection: MoveRejection } {
  return replayStep(playedScenario(scenario, ex.setup), ex, e, false);
}

/** A short, stable fingerprint of an exercise's state (cyrb53 over its JSON), for comparing runs. */
export function stateHash(ex: ExerciseState): string {
  const text = JSON.stringify({ game: ex.game, phase: ex.phase, branch: ex.branch, finished: ex.finished, turn: ex.turn, turns: ex.turns, published: ex.published });
  return cyrb53(text).toString(16).padStart(14, '0');
}

/**
 * A solo exercise around a game saved before games were exercises (save version 1): it
 * continues from the saved state and phase, and its exercise log starts there (the game's
 * own decision log still holds every earlier year, for luck vs skill and the debrief).
 */
export function adoptGame(scenario: Scenario, game: GameState, phase: Phase): ExerciseState {
  const fresh = createExercise(scenario, soloSetup(scenario, game.seed));
  return { ...fresh, game, phase, finished: game.finished, turn: { ...emptyTurn(game.year), phases: [{ phase, seq: 0 }] } };
}

/** Plays an exercise on with the engine for every role until it ends or a held role is awaited (for tests and the CLI). */
export function runToEnd(scenario: Scenario, ex: ExerciseState): ExerciseState {
  const own = copy(ex);
  own.game = cloneState(ex.game);
  return settle(playedScenario(scenario, ex.setup), own, ex.log.length);
}

export { redCells };
