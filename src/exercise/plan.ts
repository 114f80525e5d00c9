/**
 * Exercise plans and facilitators' MSEL files (docs/exercise.md). A plan says who holds
 * which role, how the rest are played, how consensus works, the phase timers, and the
 * scripted moves of the held roles and the White Cell, in the order they happen; an MSEL
 * file replaces the scenario's injects. Both are checked with zod and against the
 * scenario, every problem named by its JSON path. `playPlan` runs a plan to the era's end.
 */
import { z } from 'zod';
import { schemas, scenarioWarnings, validateScenario, type Inject, type Scenario, type ScenarioProblem } from '../core/scenario';
import { POLICY_NAMES, botMove, type PolicyName } from '../core/policies';
import { Rng } from '../core/rng';
import { adaptDecision } from '../core/game';
import { scaleAllocations, type TurnDecision } from '../core/decision';
import { applyMove, createExercise, defaultSetup, playedScenario, waitingFor, type ExerciseState } from './engine';
import { MovePayloadSchema, RoleIdSchema, issuePath } from './moves';
import { isScenarioRole, scenarioRoles } from './roles';
import { standInMove } from './standIn';
import { PHASES, type ExerciseSetup, type Move, type MovePayload, type Phase, type RoleId } from './types';

const Seat = z.strictObject({ held: z.boolean(), policy: z.enum(POLICY_NAMES as [string, ...string[]]).optional() });

const ScriptedMove = z.intersection(
  z.strictObject({ year: z.number().int(), phase: z.enum(PHASES), role: RoleIdSchema }).passthrough(),
  z.object({ type: z.string() }).passthrough(),
);

export const PlanSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Who holds which role; roles left out are played by the engine. */
  seats: z.record(RoleIdSchema, Seat).default({}),
  consensus: z.enum(['vote', 'abstract']).optional(),
  rounds: z.number().int().min(1).max(5).optional(),
  deadlock: z.enum(['statusQuo', 'white']).optional(),
  timers: z.partialRecord(z.enum(PHASES), z.number().int().min(0).max(14_400)).optional(),
  /** The held roles' and the White Cell's moves, in the order they happen. */
  moves: z.array(ScriptedMove).default([]),
});

export interface ScriptedMoveEntry {
  year: number;
  phase: Phase;
  move: Move;
  /**
   * A proposal written as "what this bot policy would allocate, at this share": the lines
   * are worked out when the move is played, as a facilitator rehearsing a plan rarely wants
   * to write thirty allocation lines by hand.
   */
  bot?: { policy: PolicyName; share?: number };
}

/** A scripted NATO proposal by bot policy: `{ "type": "nato.propose", "bot": "prioritise", "share": 1.6 }`. */
const BotProposal = z.strictObject({
  type: z.literal('nato.propose'),
  bot: z.enum(POLICY_NAMES as [PolicyName, ...PolicyName[]]),
  share: z.number().min(1).max(2).multipleOf(0.1).optional(),
});

export interface Plan {
  setup: Omit<ExerciseSetup, 'scenarioId' | 'seed' | 'lang' | 'msel'>;
  moves: ScriptedMoveEntry[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: ScenarioProblem[] };

/** A plan checked for shape and against the scenario (roles, years, moves). */
export function parsePlan(scenario: Scenario, data: unknown): Checked<Plan> {
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
  const problems: ScenarioProblem[] = [];
  const p = parsed.data;
  for (const role of Object.keys(p.seats)) {
    if (!isScenarioRole(scenario, role) || role === 'observer') problems.push({ path: `$.seats["${role}"]`, message: `no such role in ${scenario.id} (roles: ${scenarioRoles(scenario).filter((r) => r !== 'observer').join(', ')})` });
  }
  const moves: ScriptedMoveEntry[] = [];
  p.moves.forEach((m, i) => {
    const at = `$.moves[${i}]`;
    const { year, phase, role, ...payload } = m as { year: number; phase: Phase; role: string } & Record<string, unknown>;
    if (year < scenario.start || year > scenario.end) problems.push({ path: `${at}.year`, message: `${year} is outside the era (${scenario.start}–${scenario.end})` });
    if (!isScenarioRole(scenario, role)) problems.push({ path: `${at}.role`, message: `no role "${role}" in ${scenario.id}` });
    else if (role !== 'white' && !p.seats[role]?.held) problems.push({ path: `${at}.role`, message: `${role} is not held in this plan's seats, so it cannot have scripted moves` });
    if (payload.type === 'nato.propose' && 'bot' in payload) {
      const bot = BotProposal.safeParse(payload);
      if (!bot.success) {
        const issue = bot.error.issues[0];
        problems.push({ path: `${at}${issuePath(issue.path).slice(1)}`, message: issue.message });
        return;
      }
      const placeholder: MovePayload = { type: 'nato.propose', decision: { share: bot.data.share ?? 1.5, policy: 'equal', allocations: [], actions: [] } };
      moves.push({ year, phase, move: { role: role as RoleId, ...placeholder }, bot: { policy: bot.data.bot, ...(bot.data.share !== undefined ? { share: bot.data.share } : {}) } });
      return;
    }
    const shape = MovePayloadSchema.safeParse(payload);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      problems.push({ path: `${at}${issuePath(issue.path).slice(1)}`, message: issue.message });
      return;
    }
    moves.push({ year, phase, move: { role: role as RoleId, ...(shape.data as MovePayload) } });
  });
  if (problems.length) return { ok: false, problems };
  const setup = defaultSetup(scenario, {
    seats: p.seats as ExerciseSetup['seats'],
    ...(p.consensus ? { consensus: p.consensus } : {}),
    ...(p.rounds ? { rounds: p.rounds } : {}),
    ...(p.deadlock ? { deadlock: p.deadlock } : {}),
    ...(p.timers ? { timers: p.timers } : {}),
  });
  const { scenarioId: _id, seed: _seed, lang: _lang, ...rest } = setup;
  return { ok: true, value: { setup: rest, moves } };
}

export const MselFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** The scenario the list is written for; checked when given. */
  scenario: z.string().optional(),
  injects: z.array(z.unknown()),
});

/**
 * A facilitator's MSEL file, checked as the scenario's own injects are (shape, roles in
 * audiences, serials and ids, the answer an `after` waits on, loops of injects waiting on
 * each other, partners, years in the era): the scenario is validated with these injects in
 * place of its own, and each problem is named by its path in the MSEL file.
 */
export function parseMsel(scenario: Scenario, data: unknown): Checked<Inject[]> {
  const parsed = MselFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
  if (parsed.data.scenario && parsed.data.scenario !== scenario.id) return { ok: false, problems: [{ path: '$.scenario', message: `this MSEL is written for ${parsed.data.scenario}, not ${scenario.id}` }] };
  const checked = validateScenario({ ...scenario, injects: parsed.data.injects });
  if (!checked.ok) {
    const own = checked.problems.filter((q) => q.path.startsWith('$.injects'));
    if (own.length) return { ok: false, problems: own };
    // Problems elsewhere come from the scenario itself, which was valid before: not the MSEL's.
  }
  const injects = parsed.data.injects.map((i) => schemas().Inject.parse(i));
  return { ok: true, value: injects };
}

/**
 * What `npm run scenario:check` would warn about these injects in the scenario's place (an
 * inject not addressed to NATO's staff offering choices nobody makes, an inject id that is
 * an event's), by their paths in the MSEL file: the exercise runs, but not as written.
 */
export function mselWarnings(scenario: Scenario, injects: Inject[]): ScenarioProblem[] {
  return scenarioWarnings({ ...scenario, injects }).filter((w) => w.path.startsWith('$.injects'));
}

/** What a bot policy would propose this year, its lines scaled to another share's envelope when one is given. */
function botProposal(scenario: Scenario, ex: ExerciseState, policy: PolicyName, share?: number): TurnDecision {
  const s = playedScenario(scenario, ex.setup);
  const decision = botMove(policy, s, ex.game, new Rng(ex.botRng ^ 0x68e31da4)).decision;
  if (share === undefined || share === decision.share) return decision;
  return adaptDecision(s, ex.game, scaleAllocations(s, { ...decision, share }, share / decision.share));
}

/** Where an exercise stands, as a number that grows with play: year × 10 + the phase's place. */
const position = (year: number, phase: Phase) => year * 10 + PHASES.indexOf(phase);

export type PlanRun = { ok: true; state: ExerciseState } | { ok: false; path: string; message: string };

/**
 * Plays a plan: each scripted move when the exercise stands at its year and phase and every
 * move before it has been played; stand-ins for held roles the room waits for otherwise;
 * the engine for everyone else. A scripted move the engine refuses, or one whose moment
 * never comes, is an error naming its path in the plan.
 */
export function playPlan(scenario: Scenario, setup: ExerciseSetup, moves: ScriptedMoveEntry[], clock?: () => number): PlanRun {
  let ex = createExercise(scenario, setup);
  let next = 0;
  for (let guard = 0; guard < 100_000 && !ex.finished; guard++) {
    const scripted = moves[next];
    if (scripted && scripted.year === ex.game.year && scripted.phase === ex.phase) {
      const move = scripted.bot && scripted.move.type === 'nato.propose' ? { ...scripted.move, decision: botProposal(scenario, ex, scripted.bot.policy, scripted.bot.share) } : scripted.move;
      const result = applyMove(scenario, ex, move, clock?.());
      if (!result.ok) return { ok: false, path: `$.moves[${next}]`, message: `${scripted.move.role} ${scripted.move.type} in ${scripted.year} ${scripted.phase}: ${result.reason}` };
      ex = result.state;
      next++;
      continue;
    }
    if (scripted && position(ex.game.year, ex.phase) > position(scripted.year, scripted.phase)) {
      return { ok: false, path: `$.moves[${next}]`, message: `the exercise never stood at ${scripted.year} ${scripted.phase} after the moves before it (it is at ${ex.game.year} ${ex.phase}); is that phase played in this exercise, and are the moves in the order they happen?` };
    }
    const waiting = waitingFor(scenario, ex);
    if (!waiting.length) return { ok: false, path: '$', message: `the exercise waits for nobody at ${ex.game.year} ${ex.phase}` };
    const result = applyMove(scenario, ex, standInMove(scenario, ex, waiting[0]), clock?.());
    if (!result.ok) return { ok: false, path: '$', message: `the stand-in for ${waiting[0]} was refused at ${ex.game.year} ${ex.phase}: ${result.reason}` };
    ex = result.state;
  }
  if (next < moves.length) {
    const m = moves[next];
    return { ok: false, path: `$.moves[${next}]`, message: `the era ended before ${m.year} ${m.phase}, so ${m.move.role}'s ${m.move.type} was never played` };
  }
  return { ok: true, state: ex };
}

/** The JSON Schemas of the plan and MSEL files, for editors. */
export function planJsonSchema(): object {
  return z.toJSONSchema(PlanSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
}

export function mselJsonSchema(): object {
  return z.toJSONSchema(z.strictObject({ $schema: z.string().optional(), scenario: z.string().optional(), injects: z.array(schemas().Inject) }), { io: 'input', target: 'draft-2020-12' });
}
