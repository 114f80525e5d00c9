/**
 * The debrief's worker pool, with stand-in workers: one worker per core up to four, warmed
 * one after another (the board never has two busy at once), the 1,000 replays dealt out
 * in shares to whichever worker is free and gathered in seed order, warm-up reports and
 * other jobs' scores ignored during a job, and a clear failure
 * when the browser has no module workers. The replays themselves are the core's
 * `rerunOverSeeds`, tested in test/core; the real workers run in the browser tests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../src/core/scenario';
import type { LuckSkillRequest } from '../../src/game/debrief/luckSkill.protocol';

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

const scenario = { id: 'test-era' } as unknown as Scenario;

async function load(cores: number) {
  vi.resetModules();
  FakeWorker.all = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('navigator', { hardwareConcurrency: cores });
  return import('../../src/game/debrief/luckSkill');
}

describe('the luck-vs-skill worker pool', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    [1, 1],
    [2, 2],
    [8, 4],
  ])('has one worker per core up to four (%i cores: %i workers)', async (cores, workers) => {
    const { prewarmLuckSkill } = await load(cores);
    prewarmLuckSkill(scenario);
    expect(FakeWorker.all).toHaveLength(workers);
  });

  it('warms the workers one after another, once per scenario', async () => {
    const { prewarmLuckSkill } = await load(4);
    prewarmLuckSkill(scenario);
    const [a, b, c, d] = FakeWorker.all;
    expect([a, b, c, d].map((w) => w.kinds())).toEqual([['warm'], [], [], []]);
    a.reply({ warmed: true });
    expect([b, c, d].map((w) => w.kinds())).toEqual([['warm'], [], []]);
    b.reply({ warmed: true });
    c.reply({ warmed: true });
    expect(d.kinds()).toEqual(['warm']);
    prewarmLuckSkill(scenario);
    expect(FakeWorker.all.map((w) => w.kinds().length)).toEqual([1, 1, 1, 1]);
  });

  it('deals the seeds out in shares to whichever worker is free, and gathers the scores in seed order', async () => {
    const { runLuckSkill } = await load(2);
    const progress: number[] = [];
    const job = runLuckSkill(scenario, [], 42, 250, (done) => progress.push(done));
    const [a, b] = FakeWorker.all;
    const shares = (w: FakeWorker) => w.sent as LuckSkillRequest[];
    const view = (w: FakeWorker) => shares(w).map((r) => [r.from, r.seeds.length, 'scenario' in r && 'log' in r]);
    // Two shares each to begin with (one runs while the next waits); only a worker's first brings the game.
    expect(view(a)).toEqual([[0, 50, true], [100, 50, false]]);
    expect(view(b)).toEqual([[50, 50, true], [150, 50, false]]);
    const answer = (w: FakeWorker, r: LuckSkillRequest) => w.reply({ job: r.job, from: r.from, scores: r.seeds.map((s) => s + 0.5) });
    // Neither a late warm-up report nor another job's scores count.
    b.reply({ warmed: true });
    a.reply({ job: shares(a)[0].job + 1, from: 0, scores: [1, 2, 3] });
    expect(progress).toEqual([]);
    // Worker a is quick and takes the last share; b, slowed down, does only its own two.
    answer(a, shares(a)[0]);
    expect(view(a)[2]).toEqual([200, 50, false]);
    answer(a, shares(a)[1]);
    answer(a, shares(a)[2]);
    expect(shares(a)).toHaveLength(3);
    answer(b, shares(b)[1]);
    answer(b, shares(b)[0]);
    const reply = await job.result;
    const seeds = [...shares(a), ...shares(b)].sort((x, y) => x.from - y.from).flatMap((r) => r.seeds);
    expect(seeds).toHaveLength(250);
    expect(new Set(seeds).size).toBe(250);
    expect(seeds).not.toContain(42);
    expect(reply.ok && reply.scores).toEqual(seeds.map((s) => s + 0.5));
    expect(progress).toEqual([50, 100, 150, 200, 250]);
  });

  it('drops the rest of the warm-up chain once replays begin', async () => {
    const { prewarmLuckSkill, runLuckSkill } = await load(2);
    prewarmLuckSkill(scenario);
    const [a, b] = FakeWorker.all;
    void runLuckSkill(scenario, [], 1, 100);
    a.reply({ warmed: true });
    expect(b.kinds()).not.toContain('warm');
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
