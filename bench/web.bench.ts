/**
 * `npm run bench:web`: builds the game and an empty Phaser 4 game, serves both with
 * `vite preview` on 127.0.0.1, and in headless Chromium measures
 *  - navigation → `coopsec.ready` (title screen takes input) for the game and the empty
 *    game, interleaved in the same run, median of 11 each, and their ratio (target ≤ 1.5×),
 *    with the median of the paired runs' ratios beside it;
 *  - frames per second on the main board over 5 s (target ≥ 55);
 *  - the JS heap after a full era played through the automation API;
 *  - luck vs skill: the time the debrief reports for its 1,000 replays (target < 0.5 s),
 *    median of three eras played in one page (the workers follow each era as it is
 *    played, so the debrief waits only for the last turn's replays);
 *  - gzipped JavaScript outside Phaser's own chunk (target < 250 kB).
 * It prints figures and never fails on timing.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe } from '../test/browser/setup';
import { launchBrowser, waitReady } from '../test/browser/helpers';

/** Title loads per side: the empty game's figure is noisy, and fewer runs let one slow load tip the ratio. */
const RUNS = 11;
const FPS_SECONDS = 5;

/** Records the moment `window.coopsec.ready` first becomes true, relative to navigation start. */
const READY_PROBE = `(() => {
  let api;
  const mark = () => { if (window.__readyAt === undefined) window.__readyAt = performance.now(); };
  Object.defineProperty(window, 'coopsec', {
    configurable: true,
    get() { return api; },
    set(value) {
      api = value;
      let ready = !!value.ready;
      Object.defineProperty(value, 'ready', { configurable: true, enumerable: true, get() { return ready; }, set(v) { ready = v; if (v) mark(); } });
      if (ready) mark();
    },
  });
})();`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeToReady(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.addInitScript(READY_PROBE);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, undefined, { timeout: 60_000 });
  const at = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
  await context.close();
  return at;
}

async function openGame(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(url);
  await waitReady(page, 60_000);
  return page;
}

async function boardFps(browser: Browser, url: string): Promise<{ fps: number; scenes: string[] }> {
  const page = await openGame(browser, url);
  await page.evaluate(() => {
    window.coopsec.send({ type: 'game.start', scenarioId: 'era1-enlargement', seed: 1 });
    window.coopsec.send({ type: 'phase.advance' });
    window.coopsec.send({ type: 'phase.advance' });
  });
  await page.waitForFunction(() => window.coopsec.scenes().includes('Board'), undefined, { timeout: 30_000 }).catch(() => undefined);
  await page.waitForTimeout(1000);
  // A string, not a function: the bench runs under tsx, whose helpers do not exist in the page.
  const fps = (await page.evaluate(`new Promise((done) => {
    let frames = 0;
    const start = performance.now();
    const tick = (now) => {
      frames++;
      if (now - start < ${FPS_SECONDS * 1000}) requestAnimationFrame(tick);
      else done((frames * 1000) / (now - start));
    };
    requestAnimationFrame(tick);
  })`)) as number;
  const scenes = await page.evaluate(() => window.coopsec.scenes());
  await page.context().close();
  return { fps, scenes };
}

async function heapAfterEra(browser: Browser, url: string): Promise<{ usedMB: number; turns: number }> {
  const page = await openGame(browser, url);
  const turns = await page.evaluate(() => {
    window.coopsec.send({ type: 'game.start', scenarioId: 'era1-enlargement', seed: 1 });
    while (window.coopsec.phase() !== 'debrief') {
      const result = window.coopsec.send({ type: 'phase.advance' });
      if (!result.ok) throw new Error(result.reason);
    }
    return window.coopsec.state()?.turns.length ?? 0;
  });
  await page.waitForTimeout(1500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await page.context().close();
  return { usedMB: usage.usedSize / 1024 / 1024, turns };
}

/** Milliseconds between the era's steps: the whole era then takes ~15 s (real eras take 20–30 minutes). */
const ERA_STEP_MS = 250;
const LUCK_ROUNDS = 3;

/**
 * Luck vs skill as a player meets it: era 1 played through at a quick pace (~15 s in all;
 * a real era takes 20–30 minutes), the workers following it turn by turn, then the time
 * the debrief reports for the 1,000 replays. Repeated in the same page with other seeds,
 * as a player going on with another game would.
 */
async function luckSkillMs(browser: Browser, url: string): Promise<number[]> {
  const page = await openGame(browser, url);
  const times: number[] = [];
  for (let round = 0; round < LUCK_ROUNDS; round++) {
    await page.evaluate((seed) => window.coopsec.send({ type: 'game.start', scenarioId: 'era1-enlargement', seed }), round + 1);
    while ((await page.evaluate(() => window.coopsec.phase())) !== 'debrief') {
      const result = await page.evaluate(() => window.coopsec.send({ type: 'phase.advance' }));
      if (!result.ok) throw new Error(result.reason);
      await page.waitForTimeout(ERA_STEP_MS);
    }
    const result = page.getByTestId('luck-result');
    await result.waitFor({ timeout: 120_000 });
    const text = (await result.textContent()) ?? '';
    // The figure is formatted for the page's language (e.g. "1,234"): keep digits only.
    const match = /(\d[\d,.\s\u202f]*)\s*ms/.exec(text);
    times.push(match ? Number(match[1].replace(/[^\d]/g, '')) : NaN);
    await page.evaluate(() => window.coopsec.send({ type: 'game.quit' }));
  }
  await page.context().close();
  return times;
}

async function jsSizes(outDir: string): Promise<{ game: number; phaser: number; files: Array<[string, number]> }> {
  const dir = join(outDir, 'assets');
  const files: Array<[string, number]> = [];
  let game = 0;
  let phaser = 0;
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.js')).sort()) {
    const gz = gzipSync(await readFile(join(dir, name)), { level: 9 }).length;
    if (name.startsWith('phaser-')) phaser += gz;
    else {
      game += gz;
      files.push([name, gz]);
    }
  }
  return { game, phaser, files };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'coopsec-bench-'));
  const gameOut = join(work, 'game');
  const emptyOut = join(work, 'empty');
  console.log('building and serving the game and the empty Phaser game…');
  const game = await buildAndServe({ outDir: gameOut });
  const empty = await buildAndServe({ root: resolve(import.meta.dirname, 'empty'), outDir: emptyOut });
  const browser = await launchBrowser();
  try {
    const gameTimes: number[] = [];
    const emptyTimes: number[] = [];
    const ratios: number[] = [];
    await timeToReady(browser, game.url); // warm the server and the browser once, unmeasured
    await timeToReady(browser, empty.url);
    for (let i = 0; i < RUNS; i++) {
      emptyTimes.push(await timeToReady(browser, empty.url));
      gameTimes.push(await timeToReady(browser, game.url));
      ratios.push(gameTimes[i] / emptyTimes[i]);
    }
    const g = median(gameTimes);
    const e = median(emptyTimes);
    console.log('');
    console.log(`navigation → ready, game        median ${g.toFixed(0)} ms  (runs: ${gameTimes.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`navigation → ready, empty Phaser median ${e.toFixed(0)} ms  (runs: ${emptyTimes.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`ratio game / empty Phaser        ${(g / e).toFixed(2)}×  (target ≤ 1.5×; median of the ${RUNS} paired runs' ratios ${median(ratios).toFixed(2)}×)`);

    const fps = await boardFps(browser, game.url);
    console.log(`main board frame rate            ${fps.fps.toFixed(1)} fps over ${FPS_SECONDS} s  (target ≥ 55; scenes: ${fps.scenes.join(', ') || 'none'})`);

    const heap = await heapAfterEra(browser, game.url);
    console.log(`JS heap after a full era         ${heap.usedMB.toFixed(1)} MB  (era 1, ${heap.turns} turns, after GC)`);
    const luck = await luckSkillMs(browser, game.url);
    console.log(`luck vs skill, 1,000 replays      median ${median(luck).toFixed(0)} ms  (target < 500 ms; runs: ${luck.join(', ')}; era 1 played in ~15 s before each)`);

    const sizes = await jsSizes(gameOut);
    console.log(`gzipped JS outside Phaser        ${kB(sizes.game)}  (target < 250 kB; Phaser's chunk ${kB(sizes.phaser)})`);
    for (const [name, size] of sizes.files) console.log(`  ${name.padEnd(40)} ${kB(size)}`);
  } finally {
    await browser.close();
    await game.close();
    await empty.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
