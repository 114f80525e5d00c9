/**
 * Past games (issue 14.3): each finished era's debrief summary is kept in localStorage so it can
 * be reopened from the title screen after "Finish": score, grade, every objective with target,
 * value and met / not met, and the turn records (for the JSON and CSV exports). At most
 * `PAST_LIMIT` entries are kept, newest first; the oldest is dropped. A finished era is stored
 * once (keyed by scenario, seed and years played). Unreadable storage lists as empty.
 *
 * Each entry also keeps the game's decision log, so the full debrief (charts, diagnostics,
 * history, luck vs skill) can be shown again: `rebuildPastGame` replays the log through the
 * rules core from the seed (a game is its seed and its decisions, docs/architecture.md) and
 * checks that the replay ends where the kept records did.
 */
import type { LocalizedText, Scenario } from '../../core/scenario';
import type { GameState, LogEntry, TurnRecord } from '../../core/state';
import { replay } from '../../core/game';
import { scoreEra } from '../../core/score';
import { gradeEra, objectiveMet, type Grade } from '../../core/grade';

export const PAST_KEY = 'coopsec.pastGames';
export const PAST_LIMIT = 8;

export interface PastGame {
  key: string;
  scenarioId: string;
  title: LocalizedText;
  seed: number;
  finishedAt: string;
  score: number;
  grade: Grade;
  met: number;
  total: number;
  objectives: { label: LocalizedText; value: number; target: number; lowerIsBetter: boolean; met: boolean }[];
  turns: TurnRecord[];
  /** The game's decisions and event answers (absent in entries kept before they were). */
  log?: LogEntry[];
}

export function listPastGames(storage: Storage = localStorage): PastGame[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(PAST_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as PastGame[]).filter((p) => p && typeof p.key === 'string' && Array.isArray(p.turns)) : [];
  } catch {
    return [];
  }
}

/** Keeps the finished era (once); returns false when storage refused it (full or blocked). */
export function rememberPastGame(scenario: Scenario, game: GameState, storage: Storage = localStorage, now = new Date()): boolean {
  const score = scoreEra(scenario, game);
  const grade = gradeEra(score);
  const key = `${scenario.id}:${game.seed}:${game.turns.length}`;
  const entry: PastGame = {
    key, scenarioId: scenario.id, title: scenario.title, seed: game.seed, finishedAt: now.toISOString(),
    score: score.score, grade: grade.grade, met: grade.met, total: grade.total,
    objectives: score.objectives.map((o) => ({ label: o.label, value: o.value, target: o.target, lowerIsBetter: o.lowerIsBetter, met: objectiveMet(o) })),
    turns: game.turns,
    log: game.log,
  };
  const list = [entry, ...listPastGames(storage).filter((p) => p.key !== key)].slice(0, PAST_LIMIT);
  // A full storage (saves share it) drops the oldest games first, then this game's log (its
  // summary still lists; only the full debrief is lost), before giving up.
  for (let n = list.length; n >= 1; n--) if (store(storage, list.slice(0, n))) return true;
  const { log: _log, ...summary } = entry;
  void _log;
  return store(storage, [summary]);
}

function store(storage: Storage, list: PastGame[]): boolean {
  try {
    storage.setItem(PAST_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

/** Why a past game's full debrief cannot be shown (the dialog says so in words). */
export type RebuildProblem = 'noLog' | 'noScenario' | 'changed';

/**
 * The finished game of a past entry, replayed from its seed and log through the core; a
 * problem when the entry has no log, its era is not loaded, or the replay does not end on the
 * kept records (the rules changed since it was played).
 */
export function rebuildPastGame(scenario: Scenario | null | undefined, past: PastGame): { ok: true; game: GameState } | { ok: false; problem: RebuildProblem } {
  if (!past.log?.length) return { ok: false, problem: 'noLog' };
  if (!scenario || scenario.id !== past.scenarioId) return { ok: false, problem: 'noScenario' };
  const game = replay(scenario, past.seed, past.log);
  const same = game.finished && JSON.stringify(game.turns) === JSON.stringify(past.turns);
  return same ? { ok: true, game } : { ok: false, problem: 'changed' };
}
