/**
 * The debrief's exports (issue 14.3): the era's turn records as a JSON file and as a CSV file
 * (one row per year: money, outcomes, the seven Alliance metrics and competitors' influence by
 * region), downloaded through a Blob link. `recordsCsv` is pure, so it can be tested in Node.
 */
import type { Scenario } from '../../core/scenario';
import type { GameState, TurnRecord } from '../../core/state';
import { ALLIANCE_METRICS, REGIONS } from '../../core/constants';

const COMPETITORS = ['russia', 'china'] as const;

/** A CSV cell, quoted when it holds a separator, quote or line break (RFC 4180). */
const cell = (v: string | number): string => {
  const s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function recordsCsv(turns: readonly TurnRecord[]): string {
  const head = ['year', 'share', 'envelope', 'upkeep', 'overlapCost', 'allocated', 'demandDriven', 'unmetNeed', 'offersOutbid', 'offersTotal', 'readyAspirants', 'avgTrust', 'avgAlignment',
    ...ALLIANCE_METRICS, ...COMPETITORS.flatMap((c) => REGIONS.map((r) => `${c}_${r}`)), 'events'];
  const rows = turns.map((t) => [t.year, t.share, t.envelope, t.upkeep, t.overlapCost, t.allocated, t.demandDriven, t.unmetNeed, t.offersOutbid, t.offersTotal, t.readyAspirants, t.avgTrust, t.avgAlignment,
    ...ALLIANCE_METRICS.map((m) => t.alliance[m]), ...COMPETITORS.flatMap((c) => REGIONS.map((r) => t.influence[c][r])), t.events.map((e) => `${e.id}:${e.choice}`).join(' ')]);
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function recordsJson(scenario: Scenario, game: GameState): string {
  return JSON.stringify({ scenario: scenario.id, seed: game.seed, strategy: game.strategy, turns: game.turns }, null, 2);
}

/** Downloads the era's records as `coopsec-<scenario>-<seed>.json|csv`. */
export function downloadRecords(scenario: Scenario, game: GameState, kind: 'json' | 'csv'): void {
  downloadText(`coopsec-${scenario.id}-${game.seed}.${kind}`, kind === 'json' ? recordsJson(scenario, game) : recordsCsv(game.turns), kind);
}

/** Downloads `text` as a file named `name`. */
export function downloadText(name: string, text: string, kind: 'json' | 'csv'): void {
  const blob = new Blob([text], { type: kind === 'json' ? 'application/json' : 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
