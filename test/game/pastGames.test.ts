/**
 * Past games keep their decision log, and `rebuildPastGame` gives back the very game that
 * ended (the full debrief is drawn from it) — or says why it cannot: no log kept, era not
 * loaded, or a replay that no longer ends on the kept records.
 */
import { describe, expect, it } from 'vitest';
import { simulateEra } from '../../src/core/game';
import { listPastGames, rebuildPastGame, rememberPastGame } from '../../src/game/debrief/pastGames';
import { era } from '../exercise/support';
import { MemoryStorage } from '../support/storage';

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

  it('make room in a full storage: oldest games first, then the log, never a throw', () => {
    // A storage that refuses any text longer than `limit`.
    class SmallStorage extends MemoryStorage {
      constructor(private readonly limit: number) {
        super();
      }
      override setItem(key: string, value: string): void {
        if (value.length > this.limit) throw new DOMException('full', 'QuotaExceededError');
        super.setItem(key, value);
      }
    }
    const games = [31, 32, 33].map((seed) => simulateEra(scenario, seed, 'equal').state);
    const one = JSON.stringify([{}]).length + JSON.stringify(games[0].turns).length + JSON.stringify(games[0].log).length + 5000;
    const roomy = new SmallStorage(one * 2);
    for (const g of games) expect(rememberPastGame(scenario, g, roomy)).toBe(true);
    const kept = listPastGames(roomy);
    expect(kept.length).toBeLessThan(3);
    expect(kept[0].seed).toBe(33);
    expect(rebuildPastGame(scenario, kept[0]).ok).toBe(true);
    // Room for a summary only: kept without its log, so listed but not rebuilt.
    const tight = new SmallStorage(JSON.stringify(games[0].turns).length + 5000);
    expect(rememberPastGame(scenario, games[0], tight)).toBe(true);
    expect(rebuildPastGame(scenario, listPastGames(tight)[0])).toEqual({ ok: false, problem: 'noLog' });
    expect(rememberPastGame(scenario, games[1], new SmallStorage(100))).toBe(false);
  });
});
