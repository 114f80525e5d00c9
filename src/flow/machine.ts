/**
 * The one statechart that owns the game's flow (XState v5): title → era introduction →
 * yearly turns of five phases (briefing, planning, resolution, events, review) → era
 * debrief → next era or campaign end. It holds no timers and no rules: a solo game is the
 * exercise in which only NATO's staff is held (docs/architecture.md), so every step of a
 * turn is a move of the exercise engine, the same pipeline the CLI, the classroom server
 * and the tests play. The statechart keeps the planning draft the board edits, runs the
 * same headless (CLI, tests) and in the browser, where Phaser scenes only read its
 * snapshots and send it events.
 */
import { assign, setup } from 'xstate';
import type { Scenario } from '../core/scenario';
import type { GameState, StatedStrategy, Tier } from '../core/state';
import { activePartners, envelopeFor, programmesFor, STATED_STRATEGIES } from '../core/state';
import { upkeepOf } from '../core/upkeep';
import { checkChoice } from '../core/events';
import { validateDecision, type AllocationLine, type Rejection, type TurnDecision } from '../core/decision';
import { adoptGame, applyMove, createExercise, soloSetup, type ExerciseState } from '../exercise/engine';
import type { MovePayload, Phase } from '../exercise/types';
import { tiersByWeight, allocateByTiers, allocateEvenly } from '../core/policies';
import { editDraft, isDraftEdit, type DraftEdit } from './draftEdits';
import { scoreEra } from '../core/score';
import { gradeEra, type Grade } from '../core/grade';

export interface Catalogue {
  scenarios: Record<string, Scenario>;
  /** Era scenario ids in campaign order. */
  campaign: string[];
}

export type GameMode = 'campaign' | 'single' | 'tutorial';

export interface EraResult {
  scenarioId: string;
  score: number;
  /** The era's grade and objectives met (absent in saves made before they were kept). */
  grade?: Grade;
  met?: number;
  total?: number;
}

export interface FlowContext {
  mode: GameMode;
  /** Era ids still to play after the current one (campaign). */
  queue: string[];
  scenarioId: string | null;
  seed: number;
  /** The solo exercise (only NATO held); its log is the game's record of every move. */
  exercise?: ExerciseState | null;
  /** The exercise's game, for the scenes to read. */
  game: GameState | null;
  draft: TurnDecision | null;
  rejection: Rejection | null;
  results: EraResult[];
}

export type FlowEvent =
  | { type: 'game.start'; scenarioId: string; seed?: number; mode?: GameMode }
  | { type: 'game.quit' }
  | { type: 'phase.advance' }
  | { type: 'strategy.state'; strategy: StatedStrategy }
  | DraftEdit
  | { type: 'event.choose'; eventId: string; choiceId: string };

export const CAMPAIGN_ID = 'campaign';

/** Default seed when none is given: fixed, so a game is reproducible unless asked otherwise. */
export const DEFAULT_SEED = 1994;

const initialContext = (): FlowContext => ({
  mode: 'single',
  queue: [],
  scenarioId: null,
  seed: DEFAULT_SEED,
  exercise: null,
  game: null,
  draft: null,
  rejection: null,
  results: [],
});

/**
 * The policy's own spread for this year: the current share and policy (with the tiers held),
 * money spread evenly or by tier. A turn starts from it when there is no last year to carry.
 */
export function spreadDraft(scenario: Scenario, game: GameState): TurnDecision {
  if (game.policy === 'priorities') {
    const tiers: Record<string, Tier> = tiersByWeight(scenario, game);
    for (const [id, p] of Object.entries(game.partners)) if (p.tier) tiers[id] = p.tier;
    return { share: game.share, policy: 'priorities', tiers, allocations: allocateByTiers(scenario, game, game.share, tiers), actions: [] };
  }
  return { share: game.share, policy: 'equal', allocations: allocateEvenly(scenario, game, game.share), actions: [] };
}

/**
 * The planning draft a turn starts with (issue 14.5): last year's lines as a
 * starting point, the way a player expects a budget to roll over. Lines to partners no longer
 * at the table (members since) or through a focus or programme no longer on offer are dropped;
 * partners new at the table get what the policy's spread gives them; then every line is scaled
 * to this year's room (the envelope after upkeep and the lines' overlaps), in the same
 * proportions. With no last year (an era's first), nothing left to carry, or carried lines
 * that would not be a legal plan (equal treatment's band), it is the policy's spread. It is
 * only a suggestion: what resolves is the decision the player sends, so the game stays the
 * core's replay of its log.
 */
export function defaultDraft(scenario: Scenario, game: GameState): TurnDecision {
  const spread = spreadDraft(scenario, game);
  return carriedDraft(scenario, game, spread) ?? spread;
}

/** Last year's lines carried into `spread`'s frame (share, policy, tiers), or null when there is nothing to carry. */
export function carriedDraft(scenario: Scenario, game: GameState, spread: TurnDecision = spreadDraft(scenario, game)): TurnDecision | null {
  let last: TurnDecision | null = null;
  for (const entry of game.log) if (entry.kind === 'decision' && entry.year === game.year - 1) last = entry.decision;
  if (!last) return null;
  const active = new Set(activePartners(scenario, game).map((p) => p.id));
  const kept = last.allocations.filter((line) => {
    if (!(line.amount > 0) || !active.has(line.partner)) return false;
    const offered = programmesFor(scenario, game, line.partner, line.focus);
    return line.programme === undefined ? offered.length > 0 : offered.some((p) => p.id === line.programme);
  });
  if (!kept.length) return null;
  // At the table last year: funded, or given a tier (a tier's zero is the player's choice).
  const known = new Set([...last.allocations.map((l) => l.partner), ...Object.keys(last.tiers ?? {})]);
  const newcomers = spread.allocations.filter((line) => !known.has(line.partner) && line.amount > 0);
  const sum = (lines: readonly AllocationLine[]) => lines.reduce((s, l) => s + l.amount, 0);
  const keptTotal = sum(kept);
  const newTotal = sum(newcomers);
  const spreadTotal = sum(spread.allocations);
  // Newcomers take the part of the room the spread would give them; the carried lines share the rest.
  const newPart = spreadTotal > 0 ? Math.min(1, newTotal / spreadTotal) : 0;
  const lines: AllocationLine[] = [...kept.map((l) => ({ ...l })), ...newcomers.map((l) => ({ ...l }))];
  const envelope = envelopeFor(scenario, game, spread.share);
  const costs = upkeepOf(scenario, game, envelope, { allocations: lines });
  // A hair under the room, as the core's spreads leave it, so rounding never overspends.
  const room = Math.max(0, envelope - costs.upkeep - costs.overlapCost) * 0.9999;
  for (let i = 0; i < lines.length; i++) {
    const carried = i < kept.length;
    const from = carried ? keptTotal : newTotal;
    const part = carried ? 1 - newPart : newPart;
    lines[i].amount = from > 0 ? (lines[i].amount * part * room) / from : 0;
  }
  const draft: TurnDecision = { ...spread, allocations: lines.filter((l) => l.amount > 0), actions: [] };
  return validateDecision(scenario, game, draft).ok ? draft : null;
}

export function createFlowMachine(catalogue: Catalogue) {
  const scenarioOf = (context: FlowContext): Scenario => catalogue.scenarios[context.scenarioId!];

  const withDraft = (context: FlowContext, draft: TurnDecision): Partial<FlowContext> => {
    const check = validateDecision(scenarioOf(context), context.game!, draft);
    return { draft, rejection: check.ok ? null : check };
  };

  const startEra = (context: FlowContext, scenarioId: string): Partial<FlowContext> => {
    const scenario = catalogue.scenarios[scenarioId];
    const exercise = createExercise(scenario, soloSetup(scenario, context.seed));
    return { scenarioId, exercise, game: exercise.game, draft: defaultDraft(scenario, exercise.game), rejection: null };
  };

  /** The exercise, or for a game saved before games were exercises, one built around it. */
  const exerciseOf = (context: FlowContext, phase: Phase): ExerciseState => context.exercise ?? adoptGame(scenarioOf(context), context.game!, phase);

  /**
   * NATO's move in the solo exercise. The flow only sends moves its guards allow, so a
   * refusal means a save edited by hand: the game stays as it was and says why.
   */
  const move = (context: FlowContext, phase: Phase, payload: MovePayload): Partial<FlowContext> => {
    const result = applyMove(scenarioOf(context), exerciseOf(context, phase), { role: 'nato', ...payload });
    if (!result.ok) return { rejection: { ok: false, code: 'bad-decision', field: 'decision', reason: result.reason, params: {} } };
    return { exercise: result.state, game: result.state.game, rejection: null };
  };

  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
    },
    guards: {
      knownScenario: ({ event }) =>
        event.type === 'game.start' &&
        (event.scenarioId === CAMPAIGN_ID ? catalogue.campaign.length > 0 : Object.hasOwn(catalogue.scenarios, event.scenarioId)),
      draftValid: ({ context }) =>
        !!context.draft && validateDecision(scenarioOf(context), context.game!, context.draft).ok,
      eventsAnswered: ({ context }) => !context.game?.pendingEvents.length,
      eraOver: ({ context }) => !!context.game?.finished,
      moreEras: ({ context }) => context.queue.length > 0,
      validStrategy: ({ event }) => event.type === 'strategy.state' && STATED_STRATEGIES.includes(event.strategy),
    },
    actions: {
      start: assign(({ event }) => {
        if (event.type !== 'game.start') return {};
        const seed = Number.isFinite(event.seed) ? Math.floor(event.seed!) : DEFAULT_SEED;
        const campaign = event.scenarioId === CAMPAIGN_ID;
        const eras = campaign ? [...catalogue.campaign] : [event.scenarioId];
        const context = { ...initialContext(), seed, mode: campaign ? 'campaign' : (event.mode ?? 'single'), queue: eras.slice(1) } as FlowContext;
        return { ...context, ...startEra(context, eras[0]) };
      }),
      reset: assign(() => initialContext()),
      stateStrategy: assign(({ context, event }) => {
        if (event.type !== 'strategy.state' || !context.game) return {};
        return move(context, 'briefing', { type: 'nato.strategy', strategy: event.strategy });
      }),
      editDraft: assign(({ context, event }) => {
        if (!context.draft || !context.game || !isDraftEdit(event)) return {};
        const next = editDraft(scenarioOf(context), context.game, context.draft, event);
        return next ? withDraft(context, next) : {};
      }),
      rejectDraft: assign(({ context }) => {
        const check = context.draft ? validateDecision(scenarioOf(context), context.game!, context.draft) : null;
        return { rejection: check && !check.ok ? check : null };
      }),
      openPlanning: assign(({ context }) => move(context, 'briefing', { type: 'phase.advance' })),
      resolve: assign(({ context }) => move(context, 'planning', { type: 'nato.propose', decision: context.draft! })),
      drawEvents: assign(({ context }) => move(context, 'resolution', { type: 'phase.advance' })),
      choose: assign(({ context, event }) => {
        if (event.type !== 'event.choose') return {};
        const check = checkChoice(scenarioOf(context), context.game!, event.eventId, event.choiceId);
        if (!check.ok) return { rejection: check };
        return move(context, 'events', { type: 'event.choose', eventId: event.eventId, choiceId: event.choiceId });
      }),
      chooseDefaults: assign(({ context }) => move(context, 'events', { type: 'phase.advance' })),
      openReview: assign(({ context }) => move(context, 'events', { type: 'phase.advance' })),
      endTurn: assign(({ context }) => {
        const next = move(context, 'review', { type: 'phase.advance' });
        const game = next.game ?? context.game!;
        return { ...next, draft: game.finished ? null : defaultDraft(scenarioOf(context), game) };
      }),
      recordResult: assign(({ context }) => {
        const score = scoreEra(scenarioOf(context), context.game!);
        const { grade, met, total } = gradeEra(score);
        return { results: [...context.results, { scenarioId: context.scenarioId!, score: score.score, grade, met, total }] };
      }),
      nextEra: assign(({ context }) => {
        const [next, ...rest] = context.queue;
        return { queue: rest, ...startEra(context, next) };
      }),
    },
  }).createMachine({
    id: 'coopsec',
    context: initialContext,
    initial: 'title',
    on: {
      'game.quit': { target: '.title', actions: 'reset' },
    },
    states: {
      title: {
        on: {
          'game.start': { guard: 'knownScenario', target: 'eraIntro', actions: 'start' },
        },
      },
      eraIntro: {
        on: {
          'strategy.state': { guard: 'validStrategy', actions: 'stateStrategy' },
          'phase.advance': { target: 'turn' },
        },
      },
      turn: {
        initial: 'briefing',
        states: {
          briefing: {
            on: { 'phase.advance': { target: 'planning', actions: 'openPlanning' } },
          },
          planning: {
            on: {
              'share.set': { actions: 'editDraft' },
              'policy.set': { actions: 'editDraft' },
              'tier.set': { actions: 'editDraft' },
              'allocation.set': { actions: 'editDraft' },
              'allocation.spread': { actions: 'editDraft' },
              'action.add': { actions: 'editDraft' },
              'action.remove': { actions: 'editDraft' },
              'decision.set': { actions: 'editDraft' },
              'phase.advance': [{ guard: 'draftValid', target: 'resolution', actions: 'resolve' }, { actions: 'rejectDraft' }],
            },
          },
          resolution: {
            on: { 'phase.advance': { target: 'events', actions: 'drawEvents' } },
          },
          events: {
            on: {
              'event.choose': { actions: 'choose' },
              'phase.advance': [
                { guard: 'eventsAnswered', target: 'review', actions: 'openReview' },
                { target: 'review', actions: 'chooseDefaults' },
              ],
            },
          },
          review: {
            on: {
              'phase.advance': { target: 'checkEnd', actions: 'endTurn' },
            },
          },
          checkEnd: {
            always: [{ guard: 'eraOver', target: '#coopsec.debrief', actions: 'recordResult' }, { target: 'briefing' }],
          },
        },
      },
      debrief: {
        on: {
          'phase.advance': [{ guard: 'moreEras', target: 'eraIntro', actions: 'nextEra' }, { target: 'campaignEnd' }],
        },
      },
      campaignEnd: {
        on: { 'phase.advance': { target: 'title', actions: 'reset' } },
      },
    },
  });
}

export type FlowMachine = ReturnType<typeof createFlowMachine>;

/** The flow state as a dotted string, e.g. "turn.planning". */
export function phaseOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, inner] = Object.entries(value as Record<string, unknown>)[0];
  return `${key}.${phaseOf(inner)}`;
}
