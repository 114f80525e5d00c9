/**
 * Luck vs skill, off the main thread: replays the player's own decisions (the game's log)
 * over other seeds with the rules core and posts back the era scores. The board stays
 * responsive while it works.
 *
 * The worker follows the game while it is played: each time the game moves on a year it
 * plays its shares of the other seeds' games on through that year with the player's
 * decisions (a few dozen milliseconds a turn), then says so, and the page passes the turn
 * to the next worker. By the debrief only the last turn is left,
 * and the code is already optimised by the JavaScript compiler. A share it did not follow
 * (a game restored at its last turn, a worker started late) is replayed whole.
 */
import { advanceRerun, rerunOverSeeds, rerunScores, startRerun, type Rerun } from '../../core/game';
import type { Scenario } from '../../core/scenario';
import type { LogEntry } from '../../core/state';
import type { LuckSkillFollow, LuckSkillFollowed, LuckSkillReply, LuckSkillRequest, LuckSkillScores } from './luckSkill.protocol';

export type { LuckSkillReply } from './luckSkill.protocol';

/**
 * The scenario this worker last saw, with its JSON. Every message brings its own
 * structured-cloned copy; playing on the copy already seen keeps the core's per-scenario
 * caches (indexes, year views) warm.
 */
let known: { scenario: Scenario; json: string } | null = null;

function same(scenario: Scenario): Scenario {
  const json = JSON.stringify(scenario);
  if (known?.json === json) return known.scenario;
  known = { scenario, json };
  return scenario;
}

/** The game followed: its name, the log its games were played with (as JSON), and a rerun per share. */
let followed: { game: string; scenario: Scenario; log: LogEntry[]; json: string; reruns: Map<number, { seeds: number[]; rerun: Rerun }> } | null = null;

/** Whether `log` starts with the log the followed games were played with. */
function continues(log: LogEntry[]): boolean {
  return !!followed && log.length >= followed.log.length && JSON.stringify(log.slice(0, followed.log.length)) === followed.json;
}

function follow(message: LuckSkillFollow): void {
  const scenario = same(message.scenario);
  if (!followed || followed.game !== message.game || followed.scenario !== scenario || !continues(message.log)) {
    followed = { game: message.game, scenario, log: [], json: '[]', reruns: new Map() };
    for (const share of message.shares) followed.reruns.set(share.from, { seeds: share.seeds, rerun: startRerun(scenario, share.seeds) });
  }
  for (const { rerun } of followed.reruns.values()) advanceRerun(rerun, message.log, message.through);
  followed.log = message.log;
  followed.json = JSON.stringify(message.log);
}

/** The job being replayed: its game, sent with the job's first share. */
let job: { id: number; game: string; scenario: Scenario; log: LogEntry[] } | null = null;

function rerun(request: LuckSkillRequest): void {
  try {
    if (request.game) job = { id: request.job, game: request.game.id, scenario: same(request.game.scenario), log: request.game.log };
    if (job?.id !== request.job) throw new Error('a share of replays came without its game');
    const mine = followed?.game === job.game && followed.scenario === job.scenario && continues(job.log) ? followed.reruns.get(request.from) : undefined;
    let scores: number[];
    if (mine && sameSeeds(mine.seeds, request.seeds)) {
      advanceRerun(mine.rerun, job.log);
      scores = rerunScores(mine.rerun);
    } else {
      scores = rerunOverSeeds(job.scenario, job.log, request.seeds);
    }
    const reply: LuckSkillScores = { job: request.job, from: request.from, scores };
    self.postMessage(reply);
  } catch (error) {
    const reply: LuckSkillReply = { ok: false, reason: (error as Error).message };
    self.postMessage(reply);
  }
}

function sameSeeds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((seed, i) => seed === b[i]);
}

self.onmessage = (event: MessageEvent<LuckSkillRequest | LuckSkillFollow>) => {
  const message = event.data;
  if (message.kind === 'follow') {
    try {
      follow(message);
    } catch {
      // Following only saves time later: the debrief replays whatever was not followed.
      followed = null;
    }
    const done: LuckSkillFollowed = { followed: true };
    self.postMessage(done);
  } else {
    rerun(message);
  }
};
