/**
 * Reference rules, part 1: what a year looks like — which partners NATO can fund, which
 * programmes run, what they offer to whom and where they overlap. Plain functions over the
 * plain JSON state, recomputed at every question (no caches): the fast path's `YearView`
 * (src/core/state.ts) must give the same answers. See docs/rules.md and docs/architecture.md.
 */
import { FOCUS_AREAS, type FocusArea } from '../constants';
import type { Partner, Programme, Scenario } from '../scenario';
import type { GameState, PartnerState } from '../state';

/** A value kept on the rules' 0–100 scale. */
export function clamp100(v: number): number {
  return v < 0 ? 0 : v > 100 ? 100 : v;
}

/** A value kept within `lo`–`hi`. */
export function clampTo(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function inYears(year: number, from: number, to?: number): boolean {
  return year >= from && (to === undefined || year <= to);
}

/**
 * Framework membership: a partner belongs to the frameworks the scenario gives it this year
 * and to those it joined through events. Models the analysis's claim that partnership
 * frameworks (PfP, MD, ICI, partners across the globe) are the doors through which NATO works.
 */
export function frameworksIn(scenario: Scenario, state: GameState, partner: Partner): string[] {
  const own = partner.frameworks.filter((m) => inYears(state.year, m.from, m.to)).map((m) => m.framework);
  // The fast path's year index covers the era's years only.
  if (state.year < scenario.start || state.year > scenario.end) return state.enrolled[partner.id] ?? [];
  return [...own, ...(state.enrolled[partner.id] ?? []).filter((f) => !own.includes(f))];
}

/** Rule: NATO funds partners that are in some framework this year and have not joined NATO. */
export function activePartnersOf(scenario: Scenario, state: GameState): Partner[] {
  return scenario.partners.filter((p) => !state.partners[p.id].member && frameworksIn(scenario, state, p).length > 0);
}

export function isActivePartner(scenario: Scenario, state: GameState, id: string): boolean {
  return activePartnersOf(scenario, state).some((p) => p.id === id);
}

/** Rule: a programme runs in its years unless an action retired it or an event changed its status. */
export function programmeRuns(state: GameState, programme: Programme): boolean {
  const status = state.programmeStatus[programme.id];
  if (status === 'retired') return false;
  return status === 'active' || inYears(state.year, programme.from, programme.to);
}

export function runningProgrammes(scenario: Scenario, state: GameState): Programme[] {
  return scenario.programmes.filter((p) => programmeRuns(state, p));
}

/** Rule: a programme is open to the partners it names and to members of its frameworks. */
export function isEligible(scenario: Scenario, state: GameState, programme: Programme, partner: Partner): boolean {
  if (programme.eligible.partners.includes(partner.id)) return true;
  const frameworks = frameworksIn(scenario, state, partner);
  return programme.eligible.frameworks.some((f) => frameworks.includes(f));
}

/** The running programmes that offer `focus` to `partner` this year, in scenario order. */
export function programmesOffering(scenario: Scenario, state: GameState, partner: Partner, focus: FocusArea): Programme[] {
  return runningProgrammes(scenario, state).filter((p) => isEligible(scenario, state, p, partner) && p.focus.includes(focus));
}

/**
 * Overlap: pairs of programmes that offer the same focus to the same partner and are
 * declared as overlapping. Models the analysis's claim that the toolbox grew by accretion,
 * programme upon programme, with duplication that costs management.
 */
export function overlappingPairs(programmes: readonly Programme[]): number {
  let count = 0;
  for (let i = 0; i < programmes.length; i++) {
    for (let j = i + 1; j < programmes.length; j++) {
      if (programmes[i].overlaps.includes(programmes[j].id) || programmes[j].overlaps.includes(programmes[i].id)) count++;
    }
  }
  return count;
}

/** Mean of a partner field over the year's active partners (50 when none), summed in list order. */
export function averageOver(scenario: Scenario, state: GameState, field: 'trust' | 'alignment'): number {
  const active = activePartnersOf(scenario, state);
  if (!active.length) return 50;
  let sum = 0;
  for (const p of active) sum += state.partners[p.id][field];
  return sum / active.length;
}

/** Membership readiness: the mean of the four capability attributes. */
export function readinessOf(p: Pick<PartnerState, 'interoperability' | 'institutions' | 'stability' | 'defence'>): number {
  return (p.interoperability + p.institutions + p.stability + p.defence) / 4;
}

/** Readiness at which an aspirant counts as ready for membership. */
export const READY_AT = 65;

/** Aspirants (members included, with the readiness they had when they joined) ready for membership. */
export function countReadyAspirants(scenario: Scenario, state: GameState): number {
  return scenario.partners.filter((p) => p.aspirant && readinessOf(state.partners[p.id]) >= READY_AT).length;
}

/** A partner's demand profile normalised to add up to 1. */
export function demandProfile(partner: Partner): Record<FocusArea, number> {
  const total = FOCUS_AREAS.reduce((s, f) => s + partner.demand[f], 0) || 1;
  const out = {} as Record<FocusArea, number>;
  for (const f of FOCUS_AREAS) out[f] = partner.demand[f] / total;
  return out;
}

/** The partner's two largest demands (ties: the first in FOCUS_AREAS order). */
export function topTwoDemands(partner: Partner): FocusArea[] {
  const demand = demandProfile(partner);
  return [...FOCUS_AREAS].sort((a, b) => demand[b] - demand[a]).slice(0, 2);
}

/** The request a partner makes in the briefing: its largest demand (ties: the first, from `dialogue`). */
export function topRequestOf(partner: Partner): FocusArea {
  let top: FocusArea = 'dialogue';
  for (const f of FOCUS_AREAS) if (partner.demand[f] > partner.demand[top]) top = f;
  return top;
}
