/**
 * Past games (issue 14.3): each finished era's debrief summary is kept in localStorage so it can
 * be reopened from the title screen after "Finish": score, grade, every objective with target,
 * value and met / not met, and the turn records (for the JSON and CSV exports). At most
 * `PAST_LIMIT` entries are kept, newest first; the oldest is dropped. A finished era is stored
 * once (keyed by scenario, seed and years played). Unreadable storage lists as empty.
 */
import type { LocalizedText, Scenario } from '../../core/scenario';
import type { GameState, TurnRecord } from '../../core/state';
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
  };
  const list = [entry, ...listPastGames(storage).filter((p) => p.key !== key)].slice(0, PAST_LIMIT);
  try {
    storage.setItem(PAST_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}
