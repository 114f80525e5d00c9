/**
 * The luck-vs-skill worker's own logic, run in Node with a stand-in for the worker's
 * global scope: following a game a year at a time gives, share by share, the scores of
 * replaying the whole log in one go; a game whose earlier turns changed (an earlier save
 * loaded) is followed again from its start; a share it did not follow is replayed whole;
 * a share that comes without its game is refused with a reason.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { rerunOverSeeds, simulateEra, startRerun } from '../../src/core/game';
import type { Scenario } from '../../src/core/scenario';
import type { LogEntry } from '../../src/core/state';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import type { LuckSkillFollow, LuckSkillRequest, LuckSkillShare } from '../../src/game/debrief/luckSkill.protocol';

// Spies on the core's rerun, to tell a followed share from one replayed whole.
vi.mock('../../src/core/game', async (actual) => {
  const core = await actual<typeof import('../../src/core/game')>();
  return { ...core, rerunOverSeeds: vi.fn(core.rerunOverSeeds), startRerun: vi.fn(core.startRerun) };
});

const scenario = (loadScenarioFile(scenarioFiles().find((f) => f.endsWith('era1-enlargement.json'))!) as { scenario: Scenario }).scenario;
const shares: LuckSkillShare[] = [
  { from: 0, seeds: [11, 12, 13] },
  { from: 3, seeds: [14, 15, 16] },
];

/** The log as it stands once `year`'s turn is over. */
function upTo(log: LogEntry[], year: number): LogEntry[] {
  const after = log.findIndex((e) => 'year' in e && e.year > year);
  return after < 0 ? log : log.slice(0, after);
}

let replies: unknown[] = [];
let send: (message: LuckSkillFollow | LuckSkillRequest) => void;
let jobs = 0;

beforeAll(async () => {
  const scope = { postMessage: (m: unknown) => replies.push(m), onmessage: null as ((e: MessageEvent) => void) | null };
  vi.stubGlobal('self', scope);
  await import('../../src/game/debrief/luckSkill.worker');
  send = (message) => scope.onmessage!({ data: structuredClone(message) } as MessageEvent);
});

function follow(log: LogEntry[], through: number, game = 'era1#7'): void {
  send({ kind: 'follow', game, scenario, log: upTo(log, through), through, shares });
}

/** How many shares the worker last replayed whole. */
let whole = 0;

/** Asks for each share's scores as the debrief does; the worker's replies in order. */
function scores(log: LogEntry[], asked: LuckSkillShare[] = shares, game = 'era1#7'): unknown[] {
  replies = [];
  const job = ++jobs;
  const before = vi.mocked(rerunOverSeeds).mock.calls.length;
  asked.forEach((share, i) => send({ kind: 'rerun', job, ...share, ...(i === 0 ? { game: { id: game, scenario, log } } : {}) }));
  whole = vi.mocked(rerunOverSeeds).mock.calls.length - before;
  return replies;
}

const expected = (log: LogEntry[], asked: LuckSkillShare[] = shares) => asked.map((s) => ({ job: jobs, from: s.from, scores: rerunOverSeeds(scenario, log, s.seeds) }));

describe('the luck-vs-skill worker', () => {
  const log = simulateEra(scenario, 7, 'prioritise').state.log;
  const other = simulateEra(scenario, 7, 'random').state.log;

  it('follows a game a year at a time and ends with the scores of a whole-log replay', () => {
    for (let year = scenario.start; year <= scenario.end; year++) follow(log, year);
    expect(vi.mocked(startRerun)).toHaveBeenCalledTimes(shares.length);
    expect(scores(log)).toEqual(expected(log));
    expect(whole).toBe(0);
  });

  it('answers from games followed only part of the way, playing the rest at the debrief', () => {
    for (let year = scenario.start; year <= scenario.start + 4; year++) follow(log, year, 'era1#8');
    expect(scores(log, shares, 'era1#8')).toEqual(expected(log));
    expect(whole).toBe(0);
  });

  it('starts again when the game it followed has changed its earlier turns', () => {
    follow(log, scenario.start + 5, 'era1#9');
    const started = vi.mocked(startRerun).mock.calls.length;
    // An earlier save of the same game, played on differently.
    for (let year = scenario.start + 2; year <= scenario.end; year++) follow(other, year, 'era1#9');
    expect(vi.mocked(startRerun).mock.calls.length - started).toBe(shares.length);
    expect(scores(other, shares, 'era1#9')).toEqual(expected(other));
    expect(whole).toBe(0);
  });

  it('replays whole a share it did not follow', () => {
    follow(log, scenario.end, 'era1#10');
    const unfollowed = [{ from: 6, seeds: [17, 18] }];
    expect(scores(log, unfollowed, 'era1#10')).toEqual(expected(log, unfollowed));
    expect(whole).toBe(1);
  });

  it('refuses a share that comes without its game', () => {
    replies = [];
    send({ kind: 'rerun', job: 999, from: 0, seeds: [1, 2] });
    expect(replies).toEqual([{ ok: false, reason: 'a share of replays came without its game' }]);
  });
});
