/**
 * An exercise on one laptop survives a reload (docs/facilitator-guide.md, "If the page is
 * reloaded"): what the browser keeps after every move reads back as it was, a damaged keep
 * is said with where it goes wrong (and left in storage), a full or switched-off storage is
 * reported rather than thrown, and an exercise taken up from its record stands where it did —
 * or, when a move no longer replays, says which and starts nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createExercise, defaultSetup, recordOf, replayExercise, stateHash, type ExerciseState } from '../../src/exercise/engine';
import { forgetLocalExercise, keepLocalExercise, LOCAL_SAVE_KEY, readLocalExercise } from '../../src/game/exercise/localSave';
import { LocalExerciseClient } from '../../src/game/exercise/client';
import { era, standInsUntil } from '../exercise/support';
import { MemoryStorage } from '../support/storage';

const scenario = era('era2-stability');

/** Era 2 with NATO's staff, a capital and the White Cell held, played by stand-ins into its second year. */
function played(): ExerciseState {
  const setup = defaultSetup(scenario, { seed: 12, seats: { nato: { held: true }, [`ally:${scenario.allies[0].id}`]: { held: true }, white: { held: true } } });
  return standInsUntil(scenario, createExercise(scenario, setup), (ex) => ex.game.year > scenario.start);
}

const clients: LocalExerciseClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('the exercise kept on this laptop', () => {
  it('reads back as it was kept: record, projector, seat and campaign', () => {
    const store = new MemoryStorage();
    const ex = played();
    const campaign = { eras: ['era1-enlargement', 'era2-stability'], index: 1, scores: [61.5] };
    expect(keepLocalExercise({ record: recordOf(ex), projectorId: 'abc123', seat: 'nato', campaign, savedAt: '2026-12-06T09:00:00.000Z' }, store)).toBe(true);
    const kept = readLocalExercise(store);
    expect(kept.kind).toBe('ok');
    if (kept.kind !== 'ok') return;
    expect(kept.save.record).toEqual(JSON.parse(JSON.stringify(recordOf(ex))));
    expect(kept.save).toMatchObject({ projectorId: 'abc123', seat: 'nato', campaign, savedAt: '2026-12-06T09:00:00.000Z' });
    forgetLocalExercise(store);
    expect(readLocalExercise(store)).toEqual({ kind: 'none' });
  });

  it('says where a damaged keep goes wrong, and leaves its text in storage', () => {
    const store = new MemoryStorage();
    const record = JSON.parse(JSON.stringify(recordOf(played())));
    // Where, and what, in English and in French (the set-up says it in the page's language).
    const cases: [unknown, RegExp, RegExp][] = [
      ['{"format":', /^not JSON/, /^pas du JSON/],
      [{ format: 'coopsec-save', version: 1 }, /^\$\.format: not an exercise/, /^\$\.format\u00a0: pas un exercice/],
      [{ format: 'coopsec-local-exercise', version: 7, record }, /^\$\.version: unknown version 7/, /^\$\.version\u00a0: version 7 inconnue/],
      [{ format: 'coopsec-local-exercise', version: 1, record: { ...record, log: [{ ...record.log[0], seq: 'one' }] } }, /^\$\.record\.log\[0\]\.seq: Invalid input: expected number/, /^\$\.record\.log\[0\]\.seq\u00a0: Entrée invalide : nombre attendu/],
      [{ format: 'coopsec-local-exercise', version: 1, record: { ...record, format: 'x' } }, /^\$\.record\.format: not an exercise file/, /^\$\.record\.format\u00a0: ce n’est pas un fichier d’exercice/],
      [{ format: 'coopsec-local-exercise', version: 1, record, campaign: { eras: ['era1-enlargement'], index: 3, scores: [] } }, /^\$\.campaign: not a campaign/, /^\$\.campaign\u00a0: pas les époques/],
    ];
    for (const [data, reason, fr] of cases) {
      const text = typeof data === 'string' ? data : JSON.stringify(data);
      store.setItem(LOCAL_SAVE_KEY, text);
      const kept = readLocalExercise(store);
      expect(kept.kind, text.slice(0, 60)).toBe('bad');
      if (kept.kind === 'bad') {
        expect(kept.reason).toMatch(reason);
        expect(kept.fr).toMatch(fr);
        expect(kept.text).toBe(text);
      }
      expect(store.getItem(LOCAL_SAVE_KEY)).toBe(text);
    }
  });

  it('reports a storage that refuses the keep (full, or switched off) instead of throwing', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const save = { record: recordOf(played()), projectorId: 'p1', seat: 'white' as const, campaign: null, savedAt: '' };
    expect(keepLocalExercise(save, full)).toBe(false);
    expect(keepLocalExercise(save, null)).toBe(false);
    expect(readLocalExercise(null)).toEqual({ kind: 'none' });
  });

  it('takes an exercise up from its record where it stood, or says which move no longer replays', () => {
    const ex = played();
    const record = recordOf(ex);
    const replayed = replayExercise(scenario, JSON.parse(JSON.stringify(record)));
    expect(replayed.ok).toBe(true);
    if (!replayed.ok) return;
    const client = new LocalExerciseClient(scenario, record.setup, { state: replayed.state, projectorId: 'p2' });
    clients.push(client);
    expect(client.stateHash()).toBe(stateHash(ex));
    expect(client.record().log).toEqual(record.log);
    expect(client.projectorId).toBe('p2');
    // A move edited into another year no longer replays: the take-up names it and starts nothing.
    const k = Math.floor(record.log.length / 2);
    const edited = { ...record, log: record.log.map((e, i) => (i === k ? { ...e, year: e.year + 1 } : e)) };
    const refused = replayExercise(scenario, edited);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.seq).toBe(k + 1);
  });

});
