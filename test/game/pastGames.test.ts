/**
 * Past games keep their decision log, and `rebuildPastGame` gives back the very game that
 * ended (the full debrief is drawn from it) — or says why it cannot: no log kept, era not
 * loaded, or a replay that no longer ends on the kept records.
 */
import { describe, expect, it } from 'vitest';
import { simulateEra } from '../../src/core/game';
import { listPastGames, rebuildPastGame, rememberPastGame } from '../../src/game/debrief/pastGames';
import { era } from '../exercise/support';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const scenario = era('era1-enlargement');

describe('past games', () => {
  it('rebuild the finished game from the kept log', () => {
    const storage = new MemoryStorage();
    const { state } = simulateEra(scenario, 21, 'prioritise');
    expect(rememberPastGame(scenario, state, storage)).toBe(true);
    const [past] = listPastGames(storage);
    expect(past.log).toEqual(state.log);
    const rebuilt = rebuildPastGame(scenario, past);
    expect(rebuilt.ok && rebuilt.game).toEqual(state);
  });

  it('say why a full debrief cannot be rebuilt', () => {
    const storage = new MemoryStorage();
    const { state } = simulateEra(scenario, 22, 'equal');
    rememberPastGame(scenario, state, storage);
    const [past] = listPastGames(storage);
    expect(rebuildPastGame(scenario, { ...past, log: undefined })).toEqual({ ok: false, problem: 'noLog' });
    expect(rebuildPastGame(null, past)).toEqual({ ok: false, problem: 'noScenario' });
    expect(rebuildPastGame(era('era2-stability'), past)).toEqual({ ok: false, problem: 'noScenario' });
    // Another seed under the same decisions is another game: the kept records no longer match.
    expect(rebuildPastGame(scenario, { ...past, seed: past.seed + 1 })).toEqual({ ok: false, problem: 'changed' });
  });
});
