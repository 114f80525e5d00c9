/**
 * The debrief's worker pool, with stand-in workers: one worker per core up to four, warmed
 * one after another (the board never has two busy at once), the 1,000 replays shared out
 * and gathered in seed order, warm-up reports ignored during a job, and a clear failure
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

  it('shares the seeds out and gathers the scores in seed order, with progress', async () => {
    const { runLuckSkill } = await load(2);
    const progress: number[] = [];
    const job = runLuckSkill(scenario, [], 42, 10, (done) => progress.push(done));
    const [a, b] = FakeWorker.all;
    const ra = a.sent[0] as LuckSkillRequest;
    const rb = b.sent[0] as LuckSkillRequest;
    expect(ra.seeds).toHaveLength(5);
    expect(rb.seeds).toHaveLength(5);
    expect([...ra.seeds, ...rb.seeds]).not.toContain(42);
    // A late warm-up report is not a result.
    b.reply({ warmed: true });
    b.reply({ progress: 5 });
    b.reply({ ok: true, scores: rb.seeds.map((s) => s + 0.5), ms: 3 });
    a.reply({ ok: true, scores: ra.seeds.map((s) => s + 0.5), ms: 4 });
    const reply = await job.result;
    expect(reply.ok && reply.scores).toEqual([...ra.seeds, ...rb.seeds].map((s) => s + 0.5));
    expect(progress).toEqual([5]);
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
