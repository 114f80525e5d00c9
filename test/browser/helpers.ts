/**
 * Shared tools for the real-browser tests: Debian's Chromium driven by playwright-core
 * (no browser download), a fresh context per page (own storage), every console error,
 * page error and failed request collected per page, screenshots written to
 * test-artifacts/screenshots/<name>.png, and waits on the automation API (window.coopsec).
 */
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type FileChooser, type Page } from 'playwright-core';
import { rerunOverSeeds } from '../../src/core/game';
import type { Scenario } from '../../src/core/scenario';
import { loadScenarioFile, SCENARIO_DIR } from '../../src/cli/files';
import { seedsFor } from '../../src/game/debrief/luckSkill.protocol';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * One browser for a test file and the URL the global setup serves the game at: launched
 * before the file's tests, closed after them. Read `.browser` and `.url` inside tests.
 */
export function sharedBrowser(): { readonly browser: Browser; readonly url: string } {
  const shared = {} as { browser: Browser; url: string };
  beforeAll(async () => {
    shared.url = inject('baseUrl');
    shared.browser = await launchBrowser();
  });
  afterAll(async () => {
    await shared.browser?.close();
  });
  return shared;
}
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-artifacts/screenshots');

export const SIZES = {
  projector: { width: 1920, height: 1080 },
  laptop: { width: 1366, height: 768 },
  /** A phone that scanned the join code's QR code. */
  phone: { width: 390, height: 844 },
} as const;
export type SizeName = keyof typeof SIZES;

/** Launches Chromium; playwright gives every launch a fresh temporary user-data-dir. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface GamePage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests that failed or answered with an HTTP error. */
  failed: string[];
  close(): Promise<void>;
}

/**
 * A page in its own context (fresh storage), watched for errors and failed requests. Its
 * player has chosen to play upright on a phone (the notice asking to turn it is dismissed for
 * the session), so that a test of a screen at phone size, or resized to it, sees the screen;
 * `rotateHint` leaves the notice to be met (its own test).
 */
export async function openPage(browser: Browser, size: SizeName = 'projector', locale = 'en-GB', options: { rotateHint?: boolean } = {}): Promise<GamePage> {
  const context = await browser.newContext({ viewport: SIZES[size], locale, acceptDownloads: true });
  if (!options.rotateHint) await context.addInitScript(() => sessionStorage.setItem('coopsec.rotateDismissed', '1'));
  const page = await context.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  let navigating = false;
  // Aborts of the old page's requests arrive before the new page has loaded.
  page.on('load', () => (navigating = false));
  const reload = page.reload.bind(page);
  page.reload = async (options) => {
    navigating = true;
    return reload(options);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // A reload or navigation cancels what the old page was still fetching (the board's
    // code, the map data, a worker's script): that is the browser's doing, not a failure.
    if (reason === 'net::ERR_ABORTED' && navigating) return;
    failed.push(`${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.url()} (HTTP ${response.status()})`);
  });
  return { context, page, errors, failed, close: () => context.close() };
}

/** Waits until the title screen takes input (`window.coopsec.ready`). */
export async function waitReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => window.coopsec?.ready === true, undefined, { timeout });
}

/** Navigates to the game and waits for the title screen. */
export async function gotoGame(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
}

/** The game's URL with the explicit debug path on (`window.coopsec.debug`, see docs/automation.md). */
export function debugUrl(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}debug`;
}

/** Waits until the given Phaser scene runs (and has had a frame to lay out its DOM). */
export async function waitScene(page: Page, key: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((k) => window.coopsec?.scenes().includes(k), key, { timeout });
  await page.waitForTimeout(150);
}

export async function waitPhase(page: Page, phase: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((p) => window.coopsec?.phase() === p, phase, { timeout });
}

/**
 * The page's file choosers, subscribed to at once. Chromium only hands a chooser to the test
 * once interception is switched on, which Playwright does asynchronously when a listener is
 * added; waiting for the event in the same breath as a key press can lose that race on a
 * loaded machine (a keyboard press, unlike a click, does not wait for it). Call this before
 * the chooser can open; `next()` resolves with the next one opened.
 */
export function fileChoosers(page: Page): { next(timeout?: number): Promise<FileChooser> } {
  const opened: FileChooser[] = [];
  const waiting: Array<(chooser: FileChooser) => void> = [];
  page.on('filechooser', (chooser) => {
    const take = waiting.shift();
    if (take) take(chooser);
    else opened.push(chooser);
  });
  return {
    next(timeout = 30_000) {
      const ready = opened.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolvePromise, reject) => {
        const take = (chooser: FileChooser) => {
          clearTimeout(timer);
          resolvePromise(chooser);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(take), 1);
          reject(new Error(`no file chooser opened within ${timeout} ms`));
        }, timeout);
        waiting.push(take);
      });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Sends a flow event through the automation API; throws with the reason if refused. */
export async function send(page: Page, event: Record<string, unknown>): Promise<void> {
  const result = await page.evaluate((e) => window.coopsec.send(e as never), event);
  if (!result.ok) throw new Error(`${String(event.type)} refused: ${result.reason}`);
}

/** Advances phases through the automation API until `stop` is reached (or `limit` steps). */
export async function advanceUntil(page: Page, stop: string, limit = 500): Promise<number> {
  return page.evaluate(
    ({ stop, limit }) => {
      let steps = 0;
      while (window.coopsec.phase() !== stop && steps < limit) {
        const result = window.coopsec.send({ type: 'phase.advance' });
        if (!result.ok) throw new Error(`phase.advance refused in ${window.coopsec.phase()}: ${result.reason}`);
        steps++;
      }
      return steps;
    },
    { stop, limit },
  );
}

/** A page that logged no console error and had no failed request. */
export function expectClean(game: GamePage): void {
  expect(game.errors, 'console errors').toEqual([]);
  expect(game.failed, 'failed requests').toEqual([]);
}

/**
 * The median of the 1,000 replays a whole-log rerun in Node gives for the page's game (of
 * `scenarioId`), as the debrief words it ("median 77.4"): what the workers, however they
 * got there, must have found.
 */
export async function replayMedian(page: Page, scenarioId: string): Promise<string> {
  // The seed is hidden from state(): the page must be opened with ?debug (see debugUrl).
  const played = await page.evaluate(() => {
    if (!window.coopsec.debug) throw new Error('replayMedian needs the page opened with ?debug (debugUrl)');
    const state = window.coopsec.debug.state()!;
    return { seed: state.seed, log: state.log };
  });
  const scenario = (loadScenarioFile(join(SCENARIO_DIR, `${scenarioId}.json`)) as { scenario: Scenario }).scenario;
  const replays = rerunOverSeeds(scenario, played.log, seedsFor(1000, played.seed)).sort((a, b) => a - b);
  return `median ${replays[500].toFixed(1)}`;
}

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

/** The test id of the element that has the keyboard (undefined when it has none). */
export const focused = (page: Page): Promise<string | null | undefined> => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

/**
 * axe-core's WCAG 2.1 AA violations, one line each (empty when clean): on the whole
 * document, or (`'exercise'`) on the exercise screens' root, which sits over the game.
 */
export async function axe(page: Page, scope: 'document' | 'exercise' = 'exercise'): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (whole) => {
    const target = whole ? document : (document.querySelector('.cx-root') ?? document.body);
    const run = (window as unknown as { axe: { run: (n: Element | Document, o: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
    const result = await run(target, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  }, scope === 'document');
}

/** The game at the title, then era 1 (seed 3) started and on the board, in planning when `planning` (its partner cards shown). */
export async function startEra1(page: Page, url: string, planning = true): Promise<void> {
  await gotoGame(page, url);
  await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 3 });
  await send(page, { type: 'phase.advance' });
  await waitScene(page, 'Board');
  if (!planning) return;
  await send(page, { type: 'phase.advance' });
  await page.getByTestId('partner-card').waitFor();
}

/** From the title screen, "Run an exercise": the exercise's set-up page. With `url`: the game opened there first, at its title. */
export async function openExerciseSetup(page: Page, url?: string): Promise<void> {
  if (url !== undefined) {
    await gotoGame(page, url);
    await waitScene(page, 'Title');
  }
  await page.getByTestId('title-exercise').click();
  await page.getByTestId('cx-setup').waitFor();
}
