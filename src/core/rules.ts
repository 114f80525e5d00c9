/**
 * The tunable numbers of the rules, in one place. GAME.md §5 calls its numbers starting
 * points for tuning; the values here were set with the Monte Carlo balancer
 * (`npm run balance`, docs/balance.md). Change them there, not inline.
 */
import type { FocusArea } from './scenario';

export const RULES = {
  shareMin: 1.0,
  shareMax: 2.0,
  /** Each 0.1 point of share above 1.0 costs this much consensus a turn (Allies pay for it). */
  consensusPerShareStep: 0.45,
  /** Consensus regained each turn from routine diplomacy. */
  consensusRegen: 2.2,
  /** Extra upkeep (fraction of envelope) per overlapping pair of programmes serving one partner and focus. */
  overlapPenalty: 0.004,
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
  /** Diminishing returns by capability tier: progress = gain × e² / (e² + threshold²). */
  absorption: {
    low: { threshold: 1.6, gain: 7 },
    mid: { threshold: 1.0, gain: 5.5 },
    high: { threshold: 0.6, gain: 3 },
  },
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
  valueScale: 0.55,
  /** The world erodes what nobody maintains: alliance metric loss a turn. */
  metricDecay: 1.1,
  /** Trust change per turn at full (1) or no (0) satisfaction: (satisfaction − 0.5) × this. */
  trustPerSatisfaction: 9,
  deprioritisedTrustLoss: 1.2,
  declaredTrustLoss: 7,
  pushHonoured: 2.5,
  pushIgnored: -2,
  /** A push is honoured when the partner gets at least this multiple of the equal share. */
  pushThreshold: 1.15,
  bilateralThreshold: 35,
  bilateralRelevanceLoss: 3,
  gapRefusalTrustLoss: 6,
  outbidAlignmentLoss: 3,
  outbidInfluenceGain: 1.6,
  heldAlignmentGain: 0.8,
  bluffCommit: 0.25,
} as const;
