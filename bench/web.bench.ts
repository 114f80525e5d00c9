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
 *  - gzipped JavaScript outside Phaser's own chunk (target < 250 kB);
 *  - the facilitated exercise's screens (issue 13, docs/exercise.md): the facilitator's
 *    console ready after the title's "Run an exercise" and after "Start"; the time from a
 *    move on the White Cell's console to the projector window showing it, local mode (two
 *    pages of one Chromium, over a BroadcastChannel) and classroom mode (the classroom
 *    server on 127.0.0.1, the projector a second browser context); the JavaScript these screens add,
 *    and the chunks the solo path requests, none of which may hold the console's code.
 * `npm run bench:web -- exercise` measures the exercise's figures only.
 * It prints figures and never fails on timing.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { buildAndServe } from '../test/browser/setup';
import { launchBrowser, waitReady } from '../test/browser/helpers';
import { ClassroomServer } from '../src/server/server';
import { loadScenarioFile, scenarioFiles } from '../src/cli/files';
import type { Scenario } from '../src/core/scenario';

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

// ---------------------------------------------------------------------------------------
// The facilitated exercise's screens.

/** Fresh pages (an empty HTTP cache each, so the screens' chunk is fetched) for the console's readiness. */
const CONSOLE_RUNS = 5;
/** Moves timed from the console to the projector window. */
const PROJECTOR_MOVES = 20;

/**
 * In the page: clicks the element with `clickId`, then resolves with the milliseconds until
 * the element with `readyId` is in the page, enabled, and a frame has been laid out with it.
 * A string, not a function, as above.
 */
const CLICK_UNTIL = (clickId: string, readyId: string) => `new Promise((done) => {
  const t0 = performance.now();
  let over = false;
  const check = () => {
    const el = document.querySelector('[data-testid="${readyId}"]');
    if (over || !el || el.disabled) return;
    over = true;
    observer.disconnect();
    requestAnimationFrame(() => done(performance.now() - t0));
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  document.querySelector('[data-testid="${clickId}"]').click();
  check();
})`;

/**
 * The facilitator's console as a facilitator opens it, in a fresh page each run: the
 * title's "Run an exercise" to the set-up's Start button (the screens' chunk is fetched
 * then), and Start (era 1, the set-up's defaults) to the console's "Next phase" button.
 */
async function consoleReady(browser: Browser, url: string): Promise<{ setup: number[]; console: number[] }> {
  const setup: number[] = [];
  const consoleMs: number[] = [];
  for (let i = 0; i < CONSOLE_RUNS; i++) {
    const page = await openGame(browser, url);
    await page.waitForFunction(() => window.coopsec.scenes().includes('Title'), undefined, { timeout: 30_000 });
    await page.getByTestId('title-exercise').waitFor();
    setup.push((await page.evaluate(CLICK_UNTIL('title-exercise', 'cx-start'))) as number);
    await page.getByTestId('cx-scenario').selectOption('era1-enlargement');
    consoleMs.push((await page.evaluate(CLICK_UNTIL('cx-start', 'cx-advance'))) as number);
    await page.context().close();
  }
  return { setup, console: consoleMs };
}

/**
 * In the projector window: notes, on the browser's shared clock, each moment its view's
 * text changes, and the frame after it.
 */
const PROJECTOR_PROBE = `(() => {
  window.__shown = [];
  let last = document.querySelector('[data-testid="cx-projector"]')?.innerText ?? '';
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="cx-projector"]')?.innerText ?? '';
    if (text === last) return;
    last = text;
    const dom = performance.timeOrigin + performance.now();
    const entry = { dom, frame: NaN };
    window.__shown.push(entry);
    requestAnimationFrame(() => { entry.frame = performance.timeOrigin + performance.now(); });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

/**
 * Local mode: an exercise held by the White Cell alone, its projector window opened from
 * the console (a second page of the same Chromium, hearing the observer's view over a
 * BroadcastChannel); each "Next phase" click on the console is timed to the projector's
 * page holding the new view (DOM) and to the frame after it.
 */
async function projectorLatency(browser: Browser, url: string): Promise<{ dom: number[]; frame: number[]; fps: { fps: number; worstMs: number } }> {
  const page = await openGame(browser, url);
  const created = (await page.evaluate(`window.coopsec.exercise.create({ scenarioId: 'era1-enlargement', seed: 1, held: ['white'] })`)) as { ok: boolean; reason?: string };
  if (!created.ok) throw new Error(`exercise not created: ${created.reason}`);
  await page.getByTestId('cx-advance').waitFor();
  // Before the projector window opens: the opener of a popup is a page in the background, whose frames the browser throttles.
  const fps = await consoleFps(page);
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('cx-open-projector').click();
  const projector = await popup;
  await projector.getByTestId('cx-projector').waitFor();
  const timed = await timeMoves(page, projector);
  await page.context().close();
  return { ...timed, fps };
}

/**
 * The frame rate of the facilitator's page while its console takes a move every 100 ms
 * (the console re-renders its DOM over the game's canvas on each): requestAnimationFrame
 * callbacks per second over the moves, and the longest gap between two frames.
 */
async function consoleFps(page: Page): Promise<{ fps: number; worstMs: number }> {
  await page.evaluate(`(() => {
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); if (!window.__stopFrames) requestAnimationFrame(tick); };
    window.__stopFrames = false;
    requestAnimationFrame(tick);
  })()`);
  for (let i = 0; i < PROJECTOR_MOVES; i++) {
    await page.evaluate(`document.querySelector('[data-testid="cx-advance"]').click()`);
    await page.waitForTimeout(100);
  }
  const frames = (await page.evaluate(`(() => { window.__stopFrames = true; return window.__frames; })()`)) as number[];
  const span = frames[frames.length - 1] - frames[0];
  let worst = 0;
  for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i] - frames[i - 1]);
  return { fps: ((frames.length - 1) * 1000) / span, worstMs: worst };
}

/** Clicks the console's "Next phase" PROJECTOR_MOVES times, each timed to the projector's page holding the new view and to the frame after. */
async function timeMoves(page: Page, projector: Page): Promise<{ dom: number[]; frame: number[] }> {
  await projector.evaluate(PROJECTOR_PROBE);
  const dom: number[] = [];
  const frame: number[] = [];
  for (let i = 0; i < PROJECTOR_MOVES; i++) {
    const before = (await projector.evaluate('window.__shown.length')) as number;
    const clicked = (await page.evaluate(`(() => { const t = performance.timeOrigin + performance.now(); document.querySelector('[data-testid="cx-advance"]').click(); return t; })()`)) as number;
    await projector.waitForFunction(`window.__shown.length > ${before} && !Number.isNaN(window.__shown[${before}].frame)`, undefined, { timeout: 10_000 });
    const shown = (await projector.evaluate(`window.__shown[${before}]`)) as { dom: number; frame: number };
    dom.push(shown.dom - clicked);
    frame.push(shown.frame - clicked);
    // A projector redraw the click did not cause (none expected: no timers run) would be timed as the next move's.
    await page.waitForTimeout(100);
  }
  return { dom, frame };
}

/**
 * Classroom mode: the classroom server (in this process, on 127.0.0.1) serves the built
 * game; the facilitator's page creates the exercise on it, and the projector is a second
 * browser context at `?watch=<code>`, as the projector's own laptop would be. The same
 * clicks, timed over loopback: the move goes to the server, which sends the observer's view.
 */
async function classroomLatency(browser: Browser, outDir: string): Promise<{ dom: number[]; frame: number[] }> {
  const scenarios: Record<string, Scenario> = {};
  for (const file of scenarioFiles()) {
    const loaded = loadScenarioFile(file);
    if (loaded.ok) scenarios[loaded.scenario.id] = loaded.scenario;
  }
  const db = join(await mkdtemp(join(tmpdir(), 'coopsec-bench-db-')), 'classroom.db');
  const server = new ClassroomServer({ port: 0, host: '127.0.0.1', db, scenarios, dist: outDir, movesPerSecond: 1000, log: () => {} });
  await server.start();
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    const page = await openGame(browser, url);
    const created = (await page.evaluate(`window.coopsec.exercise.create({ scenarioId: 'era1-enlargement', seed: 1, held: ['white'], classroom: true })`)) as { ok: boolean; reason?: string; code?: string };
    if (!created.ok || !created.code) throw new Error(`classroom exercise not created: ${created.reason}`);
    await page.getByTestId('cx-advance').waitFor();
    const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await projector.goto(`${url}?watch=${created.code}`);
    await projector.getByTestId('cx-projector').waitFor({ timeout: 30_000 });
    const timed = await timeMoves(page, projector);
    await projector.context().close();
    await page.context().close();
    return timed;
  } finally {
    await server.stop();
  }
}

/** JavaScript files (by name) a page of the game requests in a fresh context while `play` runs. */
async function requestedJs(browser: Browser, url: string, play: (page: Page) => Promise<void>): Promise<Set<string>> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const names = new Set<string>();
  context.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) names.add(path.slice(path.lastIndexOf('/') + 1));
  });
  const page = await context.newPage();
  await page.goto(url);
  await waitReady(page, 60_000);
  await play(page);
  await context.close();
  return names;
}

/** The solo game: an era played to its debrief through the automation API, the luck-vs-skill workers included. */
async function playSolo(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.coopsec.send({ type: 'game.start', scenarioId: 'era1-enlargement', seed: 1 });
    while (window.coopsec.phase() !== 'debrief') {
      const result = window.coopsec.send({ type: 'phase.advance' });
      if (!result.ok) throw new Error(result.reason);
    }
  });
  await page.getByTestId('luck-result').waitFor({ timeout: 120_000 });
}

/** A facilitator's way: set-up, console, the projector window, a capital's screen. */
async function playExercise(page: Page): Promise<void> {
  await page.getByTestId('title-exercise').click();
  await page.getByTestId('cx-start').click();
  await page.getByTestId('cx-advance').waitFor();
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('cx-open-projector').click();
  await (await popup).getByTestId('cx-projector').waitFor();
  // A capital's screen too (the set-up holds the capitals by default).
  const ally = (await page.evaluate(`window.coopsec.exercise.view('white').held.find((r) => r.startsWith('ally:'))`)) as string | undefined;
  if (ally) await page.getByTestId('cx-seat').selectOption(ally);
}

/** Strings only the exercise's screens hold: the console's, the set-up's and the projector's test ids. */
const SCREEN_MARKERS = ['cx-advance', 'cx-setup', 'cx-projector-window'];

async function exerciseBundle(browser: Browser, url: string, outDir: string): Promise<void> {
  const dir = join(outDir, 'assets');
  const all = (await readdir(dir)).filter((f) => f.endsWith('.js')).sort();
  const size = new Map<string, number>();
  const holders = new Map<string, string[]>();
  for (const name of all) {
    const text = await readFile(join(dir, name));
    size.set(name, gzipSync(text, { level: 9 }).length);
    const found = SCREEN_MARKERS.filter((m) => text.includes(m));
    if (found.length) holders.set(name, found);
  }
  const solo = await requestedJs(browser, url, playSolo);
  const exercise = await requestedJs(browser, url, playExercise);
  const added = [...exercise].filter((n) => !solo.has(n)).sort();
  const addedBytes = added.reduce((sum, n) => sum + (size.get(n) ?? 0), 0);
  console.log(`JS the exercise screens add      ${kB(addedBytes)} gzipped, in ${added.length} chunk(s) the facilitator's way requests and the solo era does not:`);
  for (const n of added) console.log(`  ${n.padEnd(40)} ${kB(size.get(n) ?? 0)}${holders.has(n) ? `  (holds ${holders.get(n)!.join(', ')})` : ''}`);
  const leaked = [...solo].filter((n) => holders.has(n));
  console.log(`solo era's requests              ${solo.size} JS file(s): ${[...solo].sort().join(', ')}`);
  console.log(
    leaked.length
      ? `  WARNING: the solo path loads the exercise screens' code: ${leaked.map((n) => `${n} (${holders.get(n)!.join(', ')})`).join('; ')}`
      : `  none holds the exercise screens' code (${SCREEN_MARKERS.join(', ')} are only in ${[...holders.keys()].join(', ') || 'no file'})`,
  );
}

function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${median(values).toFixed(0)} ms, p95 ${sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms`;
}

async function exerciseFigures(browser: Browser, url: string, outDir: string): Promise<void> {
  console.log('\nfacilitated exercise (era 1)');
  const ready = await consoleReady(browser, url);
  console.log(`"Run an exercise" → set-up ready  ${spread(ready.setup)}  (fresh page each: the screens' chunk is fetched; runs: ${ready.setup.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`"Start" → facilitator's console   ${spread(ready.console)}  (to its "Next phase" button enabled and laid out; runs: ${ready.console.map((x) => x.toFixed(0)).join(', ')})`);
  const sum = ready.setup.map((x, i) => x + ready.console[i]);
  console.log(`  both, from the title             ${spread(sum)}`);
  const local = await projectorLatency(browser, url);
  console.log(`move → projector, local mode      ${spread(local.dom)} to its page holding the move; ${spread(local.frame)} to the frame after  (${PROJECTOR_MOVES} "Next phase" clicks on the console; two pages of one Chromium, BroadcastChannel)`);
  console.log(`console page's frame rate         ${local.fps.fps.toFixed(1)} fps, longest frame gap ${local.fps.worstMs.toFixed(0)} ms  (target ≥ 55 fps; while the console takes a move every 100 ms, the projector not yet open)`);
  const classroom = await classroomLatency(browser, outDir);
  console.log(`move → projector, classroom       ${spread(classroom.dom)} to its page holding the move; ${spread(classroom.frame)} to the frame after  (the same clicks; the classroom server on 127.0.0.1, the projector a second browser context at ?watch=<code>)`);
  await exerciseBundle(browser, url, outDir);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'coopsec-bench-'));
  const gameOut = join(work, 'game');
  const emptyOut = join(work, 'empty');
  if (process.argv.includes('exercise')) {
    console.log('building and serving the game…');
    const game = await buildAndServe({ outDir: gameOut });
    const browser = await launchBrowser();
    try {
      await exerciseFigures(browser, game.url, gameOut);
    } finally {
      await browser.close();
      await game.close();
      await rm(work, { recursive: true, force: true });
    }
    return;
  }
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

    await exerciseFigures(browser, game.url, gameOut);
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
