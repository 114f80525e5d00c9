/**
 * The plain rules a facilitated exercise adds to the game (docs/exercise.md): an Allied
 * capital's red line against NATO's proposal, the status quo a deadlock falls back to, and
 * the White Cell's adjudication of each region's result on the five-step scale.
 */
import { REGIONS, COMPETITORS, type CompetitorId, type Region } from '../core/constants';
import { partnerNameIn, type RedLine, type Scenario } from '../core/scenario';
import { activePartners, clamp, type GameState, type TurnRecord } from '../core/state';
import { adaptDecision } from '../core/game';
import { fundingByPartner, validateDecision, type TurnDecision } from '../core/decision';
import { ADJUDICATION_STEPS, type AdjudicationStep } from './types';

/**
 * How a proposal crosses an Allied capital's red line, as figures (a capital played by the
 * engine keeps it with its objection, so each screen and the report say it in their own
 * language). Funding is judged against the equal share of what the proposal allocates, as
 * the equal-treatment rule judges it.
 */
export type RedLineBreach =
  | { kind: 'shareAtMost' | 'shareAtLeast'; share: number; limit: number }
  | { kind: 'noPriorities' }
  | { kind: 'partnerFunded'; partner: string; got: number; atLeast: number; needed: number };

export function redLineBreach(scenario: Scenario, game: GameState, decision: TurnDecision, line: RedLine): RedLineBreach | null {
  switch (line.kind) {
    case 'shareAtMost':
      return decision.share > line.value + 1e-9 ? { kind: line.kind, share: decision.share, limit: line.value } : null;
    case 'shareAtLeast':
      return decision.share < line.value - 1e-9 ? { kind: line.kind, share: decision.share, limit: line.value } : null;
    case 'noPriorities':
      return decision.policy === 'priorities' && game.policy !== 'priorities' ? { kind: 'noPriorities' } : null;
    case 'partnerFunded': {
      const active = activePartners(scenario, game);
      if (!active.some((p) => p.id === line.partner)) return null;
      const funding = fundingByPartner(decision);
      let total = 0;
      for (const v of funding.values()) total += v;
      const equalShare = total / Math.max(1, active.length);
      const got = funding.get(line.partner) ?? 0;
      return got + 1e-9 < line.atLeast * equalShare ? { kind: 'partnerFunded', partner: line.partner, got: round2(got), atLeast: line.atLeast, needed: round2(line.atLeast * equalShare) } : null;
    }
    default: {
      const never: never = line;
      return never;
    }
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** A capital's objection in words, in the capital's voice; a partner is named as in `year`, the year of the proposal. */
export function breachText(scenario: Scenario, b: RedLineBreach, lang: 'en' | 'fr', year: number): string {
  const n = (v: number, digits: number) => v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const money = (v: number) => (lang === 'fr' ? `${n(v, 2)}\u00a0M€` : `€${n(v, 2)}m`);
  const pct = (v: number) => `${n(v, 1)}${lang === 'fr' ? '\u00a0' : ' '}%`;
  switch (b.kind) {
    case 'shareAtMost':
      return lang === 'fr' ? `la part de ${pct(b.share)} dépasse notre plafond de ${pct(b.limit)}` : `the share of ${pct(b.share)} is above our ceiling of ${pct(b.limit)}`;
    case 'shareAtLeast':
      return lang === 'fr' ? `la part de ${pct(b.share)} est sous notre plancher de ${pct(b.limit)}` : `the share of ${pct(b.share)} is below our floor of ${pct(b.limit)}`;
    case 'noPriorities':
      return lang === 'fr' ? 'nous n’accepterons pas de classer les partenaires par rangs' : 'we will not agree to ranking partners in tiers';
    case 'partnerFunded': {
      const name = partnerNameIn(scenario, b.partner, year, lang);
      const times = n(b.atLeast, b.atLeast % 1 ? 1 : 0);
      // French names a country with its article ("la Jordanie reçoit"): the figure follows the name instead.
      if (lang === 'fr') return `${name}\u00a0: ${money(b.got)}, ${b.atLeast === 1 ? 'moins que' : `moins de ${times}\u00a0fois`} la part égale (${money(b.needed)})`;
      return `${name} gets ${money(b.got)}, less than ${b.atLeast === 1 ? '' : `${times}× `}the equal share (${money(b.needed)})`;
    }
  }
}

/** A capital's objection in words: an engine capital's red line in `lang`, a team's own reason as typed. */
export function objectionText(scenario: Scenario, r: { reason?: string; breach?: RedLineBreach }, lang: 'en' | 'fr', year: number): string | undefined {
  return r.breach ? breachText(scenario, r.breach, lang, year) : r.reason;
}

/** Whether a proposal crosses a capital's red line, and why, in English (the log's and the record's words). */
export function crossesRedLine(scenario: Scenario, game: GameState, decision: TurnDecision, line: RedLine): string | null {
  const b = redLineBreach(scenario, game, decision, line);
  return b ? breachText(scenario, b, 'en', game.year) : null;
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
