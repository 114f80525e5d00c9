/**
 * The tunable numbers of the rules, in one place. The game design calls its numbers starting
 * points for tuning (docs/rules.md says each rule in prose); the values here were set with the Monte Carlo balancer
 * (`npm run balance`, docs/balance.md). Change them there, not inline.
 */
import type { FocusArea } from './constants';

/**
 * The version of the rules: raised whenever a change makes the same seed and the same moves
 * play a different game (2: the region's year, December 2026; 3: a planning phase closed by
 * the White Cell or a timer before the capitals answered agrees the proposal on the table, as
 * capitals that did not answer are taken to agree, instead of falling back to equal
 * treatment; 4: an event's or inject's conditions may ask whether a programme runs, and era
 * 2's Gulf cards do: the Gulf states no longer sign up to an initiative the player folded
 * away; and in an exercise a capital a team holds pushes a partner only by its own move,
 * the engine's draw of a push in its name being dropped). An exercise record keeps the version it was played under, so a report replayed
 * under other rules says so.
 */
export const RULES_VERSION = 4;

export const RULES = {
  shareMin: 1.0,
  shareMax: 2.0,
  /** Each step of share (SHARE_STEP, 0.1 point) above the minimum costs this much consensus a turn (Allies pay for it). */
  consensusPerShareStep: 0.3,
  /** Consensus drifts back towards this level by this fraction of the gap each turn. */
  consensusRest: 60,
  consensusPull: 0.1,
  /** Extra upkeep (fraction of envelope) per overlapping pair of programmes serving one partner and focus. */
  overlapPenalty: 0.001,
  /** Coherence target = 100 − coherencePerUpkeep × (upkeep + overlap) / envelope. */
  coherencePerUpkeep: 170,
  /** Fraction of the gap to its target coherence closes each turn. */
  coherencePull: 0.35,
  /** Overhead lost in transaction costs = base + slope × (1 − coherence/100). */
  overheadBase: 0.08,
  overheadSlope: 0.35,
  /** Equal treatment: each partner's money stays within ±this of the equal share. */
  equalBand: 0.25,
  maxActions: 2,
  costs: {
    gapAnalysis: 5,
    intelligence: 3,
    managerial: 4,
    strategic: 14,
    declarePriorities: 12,
  },
  /** Diminishing returns by capability tier: progress = gain × eᵏ / (eᵏ + thresholdᵏ). */
  absorption: {
    low: { threshold: 0.5, gain: 4 },
    mid: { threshold: 0.3, gain: 3 },
    high: { threshold: 0.15, gain: 1.5 },
  },
  /** Exponent of the absorption curve: money spread thin below the threshold does little. */
  absorptionSteepness: 3,
  /** Attribute gain a turn from a partner's own reforms (scaled by its trust in NATO). */
  aspirantDrive: 1.5,
  partnerDrive: 0.2,
  targetingBonus: 1.4,
  targetingTurns: 3,
  /** Which partner attribute each focus area moves. */
  focusField: {
    interop: 'interoperability',
    capacity: 'defence',
    integrity: 'institutions',
    resilience: 'stability',
    dialogue: 'trust',
  } as Record<FocusArea, 'interoperability' | 'defence' | 'institutions' | 'stability' | 'trust'>,
  /** Unfunded skills fade: attribute loss a turn. */
  fade: 0.35,
  /** Scales the strategic value of partners' progress into alliance metrics. */
  valueScale: 0.22,
  /** The world erodes what nobody maintains: each turn a metric loses this fraction of its height above the floor. */
  metricDecay: 0.12,
  metricFloor: 30,
  /** Trust change per turn at full (1) or no (0) satisfaction: (satisfaction − 0.5) × this. */
  trustPerSatisfaction: 7,
  /** Weights of what satisfies a partner: money matching its demands, fairness, adequacy. */
  satisfaction: { match: 0.4, fairness: 0.3, adequacy: 0.3 },
  /** Trust drifts back towards this level by this fraction of the gap each turn. */
  trustRest: 55,
  trustPull: 0.06,
  deprioritisedTrustLoss: 1.2,
  declaredTrustLoss: 7,
  pushHonoured: 1.5,
  pushIgnored: -1.5,
  /** A push is honoured when the partner gets at least this multiple of the equal share. */
  pushThreshold: 1.15,
  bilateralThreshold: 35,
  bilateralRelevanceLoss: 3,
  gapRefusalTrustLoss: 6,
  outbidAlignmentLoss: 3,
  outbidInfluenceGain: 1.6,
  heldAlignmentGain: 0.8,
  bluffCommit: 0.25,
  /** How much a euro of NATO engagement counts against a competitor's euro. */
  natoPull: 4,
  /**
   * The region's year: each year each region has a crisis or a calm year, dealt by the
   * world's dice (the seed and the year, not the player's decisions): the region's metric
   * moves by size × (u₁ + u₂ − 1), between −size and +size, most often near 0; each
   * competitor's influence there moves the other way by `influence` × that; security by
   * `security` × the regions' moves weighted by region weight. Sized so that a fixed policy's
   * score spreads 8–15 points between its p10 and p90 (docs/balance.md, "Luck spread").
   */
  fortune: { size: 8, influence: 0.5, security: 0.4 },
} as const;

/**
 * The chance (0–1) that a partner accepts a gap analysis: its willingness, scaled by its
 * trust in NATO (a partner with no trust still accepts at 35 % of its willingness), plus a
 * bonus when NATO has put it in tier 1. One formula for the board's odds, the fast path's
 * roll and the reference rules' roll (docs/rules.md, "Gap analysis").
 */
export function gapAcceptance(willingness: number, trust: number, tierOne: boolean): number {
  return Math.min(1, Math.max(0, willingness * (0.35 + (0.65 * trust) / 100) + (tierOne ? 0.15 : 0)));
}
