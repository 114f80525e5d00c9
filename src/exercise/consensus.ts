/**
 * The plain rules a facilitated exercise adds to the game (docs/exercise.md): an Allied
 * capital's red line against NATO's proposal, the status quo a deadlock falls back to, and
 * the White Cell's adjudication of each region's result on the five-step scale.
 */
import { REGIONS, COMPETITORS, type CompetitorId, type Region } from '../core/constants';
import type { RedLine, Scenario } from '../core/scenario';
import { activePartners, clamp, type GameState, type TurnRecord } from '../core/state';
import { adaptDecision } from '../core/game';
import { fundingByPartner, validateDecision, type TurnDecision } from '../core/decision';
import { ADJUDICATION_STEPS, type AdjudicationStep } from './types';

/**
 * Whether a proposal crosses an Allied capital's red line, and why (in English, for the
 * log and the capital's screen). Funding is judged against the equal share of what the
 * proposal allocates, as the equal-treatment rule judges it.
 */
export function crossesRedLine(scenario: Scenario, game: GameState, decision: TurnDecision, line: RedLine): string | null {
  switch (line.kind) {
    case 'shareAtMost':
      return decision.share > line.value + 1e-9 ? `the share of ${decision.share.toFixed(1)} % is above our ceiling of ${line.value.toFixed(1)} %` : null;
    case 'shareAtLeast':
      return decision.share < line.value - 1e-9 ? `the share of ${decision.share.toFixed(1)} % is below our floor of ${line.value.toFixed(1)} %` : null;
    case 'noPriorities':
      return decision.policy === 'priorities' && game.policy !== 'priorities' ? 'we will not agree to ranking partners in tiers' : null;
    case 'partnerFunded': {
      const active = activePartners(scenario, game);
      if (!active.some((p) => p.id === line.partner)) return null;
      const funding = fundingByPartner(decision);
      let total = 0;
      for (const v of funding.values()) total += v;
      const equalShare = total / Math.max(1, active.length);
      const got = funding.get(line.partner) ?? 0;
      return got + 1e-9 < line.atLeast * equalShare
        ? `${scenario.partners.find((p) => p.id === line.partner)?.name.en ?? line.partner} gets €${got.toFixed(2)}m, less than ${line.atLeast}× the equal share (€${(line.atLeast * equalShare).toFixed(2)}m)`
        : null;
    }
    default: {
      const never: never = line;
      return never;
    }
  }
}

/**
 * What passes when the Allies cannot agree: last year's share and policy, no
 * consensus-costing actions, the proposal's lines shrunk to fit that envelope. Falls back
 * to an even spread if even that is not legal.
 */
export function statusQuo(scenario: Scenario, game: GameState, proposal: TurnDecision, fallback: () => TurnDecision): TurnDecision {
  const keepsTiers = game.policy === 'priorities';
  const candidate: TurnDecision = {
    share: game.share,
    policy: game.policy,
    ...(keepsTiers && proposal.tiers ? { tiers: proposal.tiers } : {}),
    allocations: proposal.allocations,
    actions: [],
  };
  const adapted = adaptDecision(scenario, game, candidate);
  return validateDecision(scenario, game, adapted).ok ? adapted : fallback();
}

/** The alliance metric that stands for NATO's standing in each region. */
export const REGION_METRIC = { east: 'stabilityEast', south: 'stabilitySouth', global: 'liberalOrder' } as const;

/** One region's result of a resolution, as the White Cell adjudicates it. */
export interface RegionResult {
  region: Region;
  /** Change of the region's alliance metric over the resolution. */
  natoDelta: number;
  /** Change of the competitors' summed influence in the region. */
  competitorDelta: number;
  /** The engine's own reading of the result on the five-step scale. */
  engine: AdjudicationStep;
}

/** Net points of NATO's gain over the competitors' at which the engine reads a minor and a major gain. */
const MINOR_AT = 1;
const MAJOR_AT = 4;

/** The engine's reading of a net gain (NATO's change less the competitors') on the scale. */
export function engineStep(net: number): AdjudicationStep {
  if (net <= -MAJOR_AT) return 'majorCompetitorGain';
  if (net <= -MINOR_AT) return 'minorCompetitorGain';
  if (net < MINOR_AT) return 'noChange';
  if (net < MAJOR_AT) return 'minorNatoGain';
  return 'majorNatoGain';
}

/** Each region's result: the game's metrics before resolution against those after it (the turn's record, or the game). */
export function regionResults(before: Pick<GameState, 'alliance' | 'influence'>, after: Pick<TurnRecord, 'alliance' | 'influence'>): RegionResult[] {
  return REGIONS.map((region) => {
    const metric = REGION_METRIC[region];
    const natoDelta = after.alliance[metric] - before.alliance[metric];
    let competitorDelta = 0;
    for (const c of COMPETITORS) competitorDelta += after.influence[c][region] - before.influence[c][region];
    return { region, natoDelta, competitorDelta, engine: engineStep(natoDelta - competitorDelta) };
  });
}

/** Points of the region's metric one step of the scale is worth, and of each competitor's influence there. */
export const STEP_METRIC = 2.5;
export const STEP_INFLUENCE = 1.5;

/**
 * The White Cell moves a region's result from the engine's reading to its own: each step
 * towards NATO raises the region's metric and lowers the competitors' influence there, and
 * the other way round. Works on a game the caller owns; returns the metric's actual change.
 */
export function adjudicateInPlace(game: GameState, result: RegionResult, step: AdjudicationStep): { metric: number; influence: Record<CompetitorId, number> } {
  const shift = ADJUDICATION_STEPS.indexOf(step) - ADJUDICATION_STEPS.indexOf(result.engine);
  const influence = { russia: 0, china: 0 };
  if (shift === 0) return { metric: 0, influence };
  const metric = REGION_METRIC[result.region];
  const before = game.alliance[metric];
  game.alliance[metric] = clamp(before + shift * STEP_METRIC);
  for (const c of COMPETITORS) {
    const was = game.influence[c][result.region];
    game.influence[c][result.region] = clamp(was - shift * STEP_INFLUENCE);
    influence[c] = game.influence[c][result.region] - was;
  }
  return { metric: game.alliance[metric] - before, influence };
}
