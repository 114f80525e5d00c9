/**
 * The journal's group commit (src/server/journal.ts): moves queued in one turn of the event
 * loop are written in one call, in the order they came, and each is told its fate only
 * after the write; a failed write refuses every move of its batch; a room that throws on
 * hearing its news does not keep the others from hearing theirs.
 */
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/server/journal';
import type { LogEntry } from '../../src/exercise/types';

const entry = (seq: number): LogEntry => ({ seq, at: 0, branch: 0, move: { role: 'white', type: 'phase.advance' } }) as unknown as LogEntry;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes the moves of one turn of the event loop in one call, in order, and tells each only after the write', async () => {
    const writes: string[][] = [];
    const told: string[] = [];
    const journal = new GroupCommit((rows) => writes.push(rows.map((r) => `${r.exerciseId}#${r.entry.seq}`)), () => undefined);
    for (const [id, seq] of [['a', 1], ['b', 1], ['a', 2]] as const) journal.add(id, entry(seq), (error) => told.push(`${id}#${seq} ${error ? 'refused' : 'saved'} after ${writes.length} write(s)`));
    expect(writes).toEqual([]);
    expect(told).toEqual([]);
    await turn();
    expect(writes).toEqual([['a#1', 'b#1', 'a#2']]);
    expect(told).toEqual(['a#1 saved after 1 write(s)', 'b#1 saved after 1 write(s)', 'a#2 saved after 1 write(s)']);
    journal.add('c', entry(1), () => told.push('c#1'));
    await turn();
    expect(writes).toEqual([['a#1', 'b#1', 'a#2'], ['c#1']]);
  });

  it('refuses every move of a batch the database did not take, then writes the next batch', async () => {
    let fail = true;
    const written: number[] = [];
    const journal = new GroupCommit((rows) => {
      if (fail) throw new Error('database or disk is full');
      written.push(...rows.map((r) => r.entry.seq));
    }, () => undefined);
    const fates: (string | null)[] = [];
    journal.add('a', entry(1), (e) => fates.push(e?.message ?? null));
    journal.add('b', entry(1), (e) => fates.push(e?.message ?? null));
    await turn();
    expect(fates).toEqual(['database or disk is full', 'database or disk is full']);
    fail = false;
    journal.add('a', entry(1), (e) => fates.push(e?.message ?? null));
    await turn();
    expect(fates[2]).toBeNull();
    expect(written).toEqual([1]);
  });

  it('tells every room its news even when one room throws on hearing it, and logs that room', async () => {
    const log: string[] = [];
    const told: string[] = [];
    const journal = new GroupCommit(() => undefined, (line) => log.push(line));
    journal.add('a', entry(3), () => {
      throw new Error('socket gone');
    });
    journal.add('b', entry(1), () => told.push('b'));
    await turn();
    expect(told).toEqual(['b']);
    expect(log).toEqual(['exercise a: after its move 3 was saved: socket gone']);
  });

  it('flushes by hand (the server stopping) and does nothing with an empty batch', () => {
    let calls = 0;
    const journal = new GroupCommit(() => calls++, () => undefined);
    journal.flush();
    expect(calls).toBe(0);
    let saved = false;
    journal.add('a', entry(1), (e) => (saved = !e));
    journal.flush();
    expect([calls, saved]).toEqual([1, true]);
  });
});
