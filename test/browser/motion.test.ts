/**
 * Play feel (issue 14.11): when a year resolves, the board's metric tiles count to their new
 * values, the map rings the partners the money reached and the partner list's money flashes;
 * a newly picked partner's card slides in; a key press skips all of it to the end. With the
 * system's prefers-reduced-motion, or with "Reduce motion" ticked in the game's settings, none
 * of it runs: the board shows the end state at once.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedBrowser, screenshot, startEra1, waitScene, expectClean, SIZES, type GamePage } from './helpers';

const env = sharedBrowser();
/** The board's partner rows and their list, found by role rather than by style class. */
const PARTNER_ROWS = '[data-tut="partners"] button[data-testid^="partner-"][aria-pressed]';

/** A page whose system asks for reduced motion, or not (helpers' openPage cannot say). */
async function open(reduce: boolean): Promise<GamePage> {
  const context = await env.browser.newContext({ viewport: SIZES.laptop, locale: 'en-GB', reducedMotion: reduce ? 'reduce' : 'no-preference' });
  const page = await context.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`));
  return { context, page, errors, failed, close: () => context.close() };
}

async function toPlanning(page: Page): Promise<void> {
  await startEra1(page, env.url);
  await page.waitForTimeout(300);
}

interface Motion {
  runs: number;
  animations: number;
  counting: boolean;
  security: string;
}

/** Resolves the year and looks at the board `after` ms later (and, with `key`, after a key press). */
function resolveAndLook(page: Page, after: number, key = false): Promise<Motion> {
  return page.evaluate(async ({ after, key }) => {
    const root = document.querySelector<HTMLElement>('[data-testid="board"]')!;
    const before = Number(root.dataset.motionRuns ?? 0);
    window.coopsec.send({ type: 'phase.advance' });
    await new Promise((r) => setTimeout(r, after));
    if (key) document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true }));
    return {
      runs: Number(root.dataset.motionRuns ?? 0) - before,
      animations: root.getAnimations({ subtree: true }).length,
      counting: document.querySelector('[data-tut="metrics"]')?.getAttribute('aria-busy') === 'true',
      security: document.querySelector('[data-testid="metric-security"]')!.textContent ?? '',
    };
  }, { after, key });
}

/** What the security tile settles on (read once every animation is over). */
async function settled(page: Page): Promise<Motion> {
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid="board"]')!.getAnimations({ subtree: true }).length), { timeout: 5_000 }).toBe(0);
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-tut="metrics"]')?.getAttribute('aria-busy') ?? null), { timeout: 5_000 }).toBeNull();
  return page.evaluate(() => ({
    runs: 0,
    animations: 0,
    counting: document.querySelector('[data-tut="metrics"]')?.getAttribute('aria-busy') === 'true',
    security: document.querySelector('[data-testid="metric-security"]')!.textContent ?? '',
  }));
}

describe('board motion', () => {
  it('gives the year a pulse, and a key skips it to the end', async () => {
    const game = await open(false);
    const { page } = game;
    try {
      await toPlanning(page);
      expect(await page.evaluate(() => document.documentElement.classList.contains('cs-reduce-motion'))).toBe(false);
      // Another partner picked: its card slides in.
      const rows = page.locator(PARTNER_ROWS);
      await rows.nth(4).click();
      expect(await page.getByTestId('partner-card').evaluate((el) => el.getAnimations().length)).toBeGreaterThan(0);
      await page.waitForTimeout(400);
      // The year resolves: tiles count, the map rings, money flashes.
      const during = await resolveAndLook(page, 120);
      expect(during.runs).toBeGreaterThan(3);
      expect(during.animations).toBeGreaterThan(0);
      expect(during.counting).toBe(true);
      await screenshot(page, 'motion-resolution-laptop');
      const end = await settled(page);
      expect(end.counting).toBe(false);
      expect(end.security).not.toBe(during.security);

      // Next year: a key press right after the results land ends every animation at once, on the same values.
      await page.evaluate(() => {
        for (let i = 0; i < 20 && window.coopsec.phase() !== 'turn.planning'; i++) window.coopsec.send({ type: 'phase.advance' });
      });
      await page.getByTestId('partner-card').waitFor();
      await page.waitForTimeout(700);
      const skipped = await resolveAndLook(page, 60, true);
      expect(skipped.runs).toBeGreaterThan(3);
      expect(skipped.animations).toBe(0);
      expect(skipped.counting).toBe(false);
      expect(skipped.security).toBe((await settled(page)).security);
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);

  it("runs no animation when the system asks for reduced motion", async () => {
    const game = await open(true);
    const { page } = game;
    try {
      await toPlanning(page);
      expect(await page.evaluate(() => document.documentElement.classList.contains('cs-reduce-motion'))).toBe(true);
      await page.locator(PARTNER_ROWS).nth(4).click();
      expect(await page.getByTestId('partner-card').evaluate((el) => el.getAnimations().length)).toBe(0);
      const at = await resolveAndLook(page, 120);
      expect(at).toEqual({ runs: 0, animations: 0, counting: false, security: at.security });
      // Already the final value: nothing moves afterwards.
      await page.waitForTimeout(1200);
      expect((await settled(page)).security).toBe(at.security);
      await screenshot(page, 'motion-reduced-system-laptop');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);

  it("runs no animation once 'Reduce motion' is ticked in the game's settings", async () => {
    const game = await open(false);
    const { page } = game;
    try {
      await toPlanning(page);
      // As a player does it: Esc, Settings, tick, close, resume.
      await page.keyboard.press('Escape');
      await page.getByTestId('menu-settings').click();
      await page.getByTestId('settings-motion').check();
      await page.getByTestId('settings-close').click();
      await page.getByTestId('menu-resume').click();
      await waitScene(page, 'Board');
      expect(await page.evaluate(() => document.documentElement.classList.contains('cs-reduce-motion'))).toBe(true);
      const at = await resolveAndLook(page, 120);
      expect(at).toEqual({ runs: 0, animations: 0, counting: false, security: at.security });
      // The choice is kept on this device: after a reload the board still does not move.
      await page.reload();
      await page.waitForFunction(() => window.coopsec?.ready === true);
      expect(await page.evaluate(() => document.documentElement.classList.contains('cs-reduce-motion'))).toBe(true);
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);
});
