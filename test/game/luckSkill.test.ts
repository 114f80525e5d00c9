/**
 * The debrief's worker pool, with stand-in workers: one worker per core up to four; the
 * game followed a year at a time, each worker with its own shares of the 1,000 seeds; at
 * the debrief each worker finishing the shares it followed, and a free worker taking over
 * shares of a game nobody followed; scores gathered in seed order; other jobs' scores
 * ignored; failures reported, also where the browser has no module workers. The replays
 * themselves are the core's rerun, tested in test/core; the real workers run in the
 * browser tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/core/scenario';
import type { GameState } from '../../src/core/state';
import type { LuckSkillFollow, LuckSkillRequest } from '../../src/game/debrief/luckSkill.protocol';

/** A worker that records what it is sent; the test answers for it. */
class FakeWorker {
  static all: FakeWorker[] = [];
  sent: unknown[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private listeners = new Set<(event: MessageEvent) => void>();
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `data` to the page. */
  reply(data: unknown): void {
    const event = { data } as MessageEvent;
    for (const listener of [...this.listeners]) listener(event);
    this.onmessage?.(event);
  }
  kinds(): string[] {
    return this.sent.map((m) => (m as { kind: string }).kind);
  }
}

const scenario = { id: 'test-era', start: 2000, end: 2005 } as unknown as Scenario;
const game = (year: number, entries = year - 2000, finished = false) =>
  ({ seed: 42, year, finished, log: Array.from({ length: entries }, (_, i) => ({ kind: 'decision', year: 2000 + i })) }) as unknown as GameState;

async function load(cores: number) {
  vi.resetModules();
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('navigator', { hardwareConcurrency: cores });
  return import('../../src/game/debrief/luckSkill');
}

const requests = (w: FakeWorker) => w.sent.filter((m) => (m as { kind: string }).kind === 'rerun') as LuckSkillRequest[];
const follows = (w: FakeWorker) => w.sent.filter((m) => (m as { kind: string }).kind === 'follow') as LuckSkillFollow[];
const answer = (w: FakeWorker, r: LuckSkillRequest) => w.reply({ job: r.job, from: r.from, scores: r.seeds.map((s) => s + 0.5) });

describe('the luck-vs-skill worker pool', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    [1, 1],
    [2, 2],
    [8, 4],
  ])('has one worker per core up to four (%i cores: %i workers)', async (cores, workers) => {
    const { followLuckSkill } = await load(cores);
    followLuckSkill(scenario, game(2001));
    expect(FakeWorker.all).toHaveLength(workers);
  });

  it('follows the game a year at a time, one worker after the other, each with its own shares of the seeds', async () => {
    const { followLuckSkill } = await load(2);
    // Nothing to replay before the first turn is over.
    followLuckSkill(scenario, game(2000));
    expect(FakeWorker.all.flatMap(follows)).toEqual([]);
    followLuckSkill(scenario, game(2001));
    const [a, b] = FakeWorker.all;
    expect(follows(a).map((f) => f.through)).toEqual([2000]);
    // The second worker starts once the first is done, so a core stays free for the board.
    expect(follows(b)).toEqual([]);
    a.reply({ followed: true });
    // Every other share of 50 seeds, all 1,000 between them, never the player's own.
    expect(follows(a)[0].shares.map((s) => s.from)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(follows(b)[0].shares.map((s) => s.from)).toEqual([50, 150, 250, 350, 450, 550, 650, 750, 850, 950]);
    const seeds = [...follows(a)[0].shares, ...follows(b)[0].shares].flatMap((s) => s.seeds);
    expect(new Set(seeds).size).toBe(1000);
    expect(seeds).not.toContain(42);
    // A phase change within the year sends nothing; the next year, or a longer log, does.
    followLuckSkill(scenario, game(2001));
    expect(follows(a)).toHaveLength(1);
    followLuckSkill(scenario, game(2002));
    followLuckSkill(scenario, game(2006, 6, true));
    expect(follows(a).map((f) => f.through)).toEqual([2000, 2001, 2005]);
    a.reply({ followed: true });
    a.reply({ followed: true });
    expect(follows(b).map((f) => f.through)).toEqual([2000, 2001, 2005]);
    expect(follows(b).at(-1)?.log).toHaveLength(6);
  });

  it('has each worker finish the shares it followed, and gathers the scores in seed order, with progress', async () => {
    const { followLuckSkill, runLuckSkill } = await load(2);
    followLuckSkill(scenario, game(2006, 6, true));
    const progress: number[] = [];
    const job = runLuckSkill(scenario, [], 42, 1000, (done) => progress.push(done));
    const [a, b] = FakeWorker.all;
    // Two shares each to begin with (one runs while the next waits); only a worker's first brings the game.
    expect(requests(a).map((r) => [r.from, !!r.game])).toEqual([[0, true], [100, false]]);
    expect(requests(b).map((r) => [r.from, !!r.game])).toEqual([[50, true], [150, false]]);
    // Neither another job's scores nor a stray message count.
    a.reply({ job: requests(a)[0].job + 1, from: 0, scores: [1, 2, 3] });
    expect(progress).toEqual([]);
    // Worker a answers all it is dealt; it never takes b's followed shares, which b finishes.
    const answered = new Set<LuckSkillRequest>();
    const answerAll = (w: FakeWorker) => {
      for (let r = requests(w).find((x) => !answered.has(x)); r; r = requests(w).find((x) => !answered.has(x))) {
        answered.add(r);
        answer(w, r);
      }
    };
    answerAll(a);
    expect(requests(a).map((r) => r.from)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    answerAll(b);
    const reply = await job.result;
    const seeds = [...requests(a), ...requests(b)].sort((x, y) => x.from - y.from).flatMap((r) => r.seeds);
    expect(seeds).toHaveLength(1000);
    expect(reply.ok && reply.scores).toEqual(seeds.map((s) => s + 0.5));
    expect(progress.at(-1)).toBe(1000);
    expect(progress).toHaveLength(20);
  });

  it('has a free worker take over shares of a game it was not following', async () => {
    const { runLuckSkill } = await load(2);
    const job = runLuckSkill(scenario, [], 42, 250);
    const [a, b] = FakeWorker.all;
    expect(requests(a).map((r) => r.from)).toEqual([0, 100]);
    expect(requests(b).map((r) => r.from)).toEqual([50, 150]);
    // Worker a is quick: it takes the last share, which would have been b's.
    answer(a, requests(a)[0]);
    expect(requests(a).map((r) => r.from)).toEqual([0, 100, 200]);
    answer(a, requests(a)[1]);
    answer(a, requests(a)[2]);
    expect(requests(a)).toHaveLength(3);
    answer(b, requests(b)[1]);
    answer(b, requests(b)[0]);
    const reply = await job.result;
    expect(reply.ok && reply.scores).toHaveLength(250);
  });

  it('reports a worker failure as a reason, and starts fresh workers next time', async () => {
    const { runLuckSkill } = await load(2);
    const job = runLuckSkill(scenario, [], 1, 10);
    FakeWorker.all[0].reply({ ok: false, reason: 'no legal move in 1999' });
    expect(await job.result).toEqual({ ok: false, reason: 'no legal move in 1999' });
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
  });

  it('fails clearly where the browser has no module workers', async () => {
    const { runLuckSkill } = await load(2);
    vi.stubGlobal('Worker', class {
      constructor() {
        throw new Error('module workers are not supported');
      }
    });
    expect(await runLuckSkill(scenario, [], 1, 10).result).toEqual({ ok: false, reason: 'module workers are not supported' });
  });
});
