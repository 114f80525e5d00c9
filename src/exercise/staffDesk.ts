/**
 * NATO's staff at the board (docs/exercise.md, "NATO's staff at the board"): in an exercise
 * the staff plans on the same board the solo player uses. The board reads a `GameState`, but
 * a staff seat must never hold what is hidden from it — the seed and the dice, unrevealed
 * strategic weights, the bluffs of signals it has not seen through, the Allies' priorities.
 * So the staff's view carries a small desk (the public facts the board needs beyond the
 * common view: frameworks joined, programmes' status, reforms, the year's outcome figures),
 * and `staffGame` rebuilds the board's state from that view alone, with `staffScenario`
 * putting the neutral weight where a weight is unknown. Nothing here can reveal more than
 * the view it is given.
 */
import type { Scenario } from '../core/scenario';
import { createState, type GameState, type TurnRecord } from '../core/state';
import type { TurnDecision } from '../core/decision';
import type { RoleView } from './views';

/** The year's outcome figures the board's resolution shows (no prioritisation measure: it would betray the weights). */
export type StaffOutcome = Pick<TurnRecord, 'overlapCost' | 'demandDriven' | 'unmetNeed' | 'offersOutbid' | 'offersTotal' | 'activeProgrammes' | 'overlapPairs' | 'readyAspirants' | 'avgTrust' | 'avgAlignment'>;

export interface StaffDesk {
  enrolled: Record<string, string[]>;
  programmeStatus: Record<string, 'active' | 'retired'>;
  reform: GameState['reform'];
  budgetFactor: number;
  /** The latest year's outcome figures; null before the first year is played. */
  outcome: StaffOutcome | null;
  /** The last plan the Allies agreed (the staff's own), from which the board carries a year's lines into the next. */
  lastDecision: { year: number; decision: TurnDecision } | null;
}

/** What a weight the staff does not know counts as on its board (the middle of the 0–1 scale). */
export const UNKNOWN_WEIGHT = 0.5;

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The desk of NATO's staff, from the whole state (server side). */
export function staffDesk(game: GameState): StaffDesk {
  const last = game.turns[game.turns.length - 1];
  let lastDecision: StaffDesk['lastDecision'] = null;
  for (let i = game.log.length - 1; i >= 0 && !lastDecision; i--) {
    const entry = game.log[i];
    if (entry.kind === 'decision') lastDecision = { year: entry.year, decision: entry.decision };
  }
  return {
    lastDecision,
    enrolled: Object.fromEntries(Object.entries(game.enrolled).map(([k, v]) => [k, [...v]])),
    programmeStatus: { ...game.programmeStatus },
    reform: { ...game.reform },
    budgetFactor: game.budgetFactor,
    outcome: last
      ? {
          overlapCost: r2(last.overlapCost),
          demandDriven: r2(last.demandDriven),
          unmetNeed: r2(last.unmetNeed),
          offersOutbid: last.offersOutbid,
          offersTotal: last.offersTotal,
          activeProgrammes: last.activeProgrammes,
          overlapPairs: last.overlapPairs,
          readyAspirants: last.readyAspirants,
          avgTrust: r2(last.avgTrust),
          avgAlignment: r2(last.avgAlignment),
        }
      : null,
  };
}

/**
 * The scenario as the staff knows it: a partner's strategic weight where the view reveals it,
 * the neutral weight elsewhere; no Ally's priorities; no bluff rate. Whatever scenario the
 * seat holds (the whole file in a local exercise, the public part over the classroom), the
 * board's tiers by weight then use only what the staff may know.
 */
export function staffScenario(scenario: Scenario, view: RoleView): Scenario {
  const known = new Map(view.partners.flatMap((p) => (p.weight !== undefined ? [[p.id, p.weight] as const] : [])));
  return {
    ...scenario,
    partners: scenario.partners.map((p) => ({ ...p, strategicWeight: known.get(p.id) ?? UNKNOWN_WEIGHT })),
    allies: scenario.allies.map((a) => ({ ...a, priorities: undefined })),
    competitors: { ...scenario.competitors, bluff: 0 },
    injects: [],
  };
}

/** The board's state rebuilt from NATO's staff's view: no seed, no dice, nothing the view does not hold. */
export function staffGame(scenario: Scenario, view: RoleView): GameState {
  if (view.own.kind !== 'nato') throw new Error(`staffGame needs NATO's staff's view, not ${view.own.kind}'s`);
  const desk = view.own.desk;
  const base = createState(scenario, 0);
  const partners = { ...base.partners };
  for (const p of view.partners) {
    const { region: _region, weight: _weight, ...state } = p;
    partners[p.id] = { ...state, targeting: 0, gapRefused: false };
  }
  const outcome = desk.outcome;
  const turns: TurnRecord[] = view.turns.map((t, i) => {
    const last = i === view.turns.length - 1 ? view.review : null;
    return {
      ...t,
      overlapCost: 0, demandDriven: 0, goalDriven: 0, prioritisation: 0, unmetNeed: 0, offersOutbid: 0, offersTotal: 0, activeProgrammes: 0, overlapPairs: 0,
      readyAspirants: 0, avgTrust: 0, avgAlignment: 0,
      ...(last && outcome ? outcome : {}),
      gapAnalyses: last?.gapAnalyses ?? [],
      drivers: last?.drivers ?? [],
      events: last?.events ?? [],
      funding: last?.funding ?? {},
    };
  });
  return {
    ...base,
    year: view.year,
    rng: 0,
    share: view.share,
    policy: view.policy,
    alliance: { ...view.alliance },
    influence: { russia: { ...view.influence.russia }, china: { ...view.influence.china } },
    partners,
    enrolled: desk.enrolled,
    programmeStatus: desk.programmeStatus,
    reform: desk.reform,
    budgetFactor: desk.budgetFactor,
    briefing: { year: view.year, offers: view.briefing.offers.map((o) => ({ competitor: o.competitor, partner: o.partner, amount: o.amount, bluff: o.bluff ?? false })), pushes: view.briefing.pushes, requests: view.briefing.requests },
    turns,
    log: desk.lastDecision ? [{ kind: 'decision', year: desk.lastDecision.year, decision: desk.lastDecision.decision }] : [],
    strategy: view.strategy,
    finished: view.finished,
  };
}
