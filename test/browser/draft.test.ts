/**
 * Last year's lines carry over (issue 14.5), as a player sees it on the board: money moved by
 * hand from one partner to another in 1994 is still moved in 1995's plan (scaled to 1995's
 * money), where a fresh spread would have undone it; "Spread by priorities" still re-spreads.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedBrowser, openPage, screenshot, startEra1, waitPhase, expectClean } from './helpers';

const env = sharedBrowser();
const PARTNER_ROWS = '[data-tut="partners"] button[data-testid^="partner-"][aria-pressed]';

/** The selected partner card's total, in € millions. */
async function cardTotal(page: Page, row: string): Promise<number> {
  await page.getByTestId(row).click();
  await expect.poll(() => page.getByTestId(row).getAttribute('aria-pressed')).toBe('true');
  const text = (await page.getByTestId('card-total').textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}

/** Clicks the selected card's first enabled − (or +) button `times` times. */
async function step(page: Page, sign: 'less' | 'more', partner: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const button = page.locator(`[data-testid="partner-card"] [data-focus^="${sign}-${partner}-"]:not(:disabled)`).first();
    await button.click();
  }
}

describe('planning draft', () => {
  it("starts a year from last year's lines, scaled to its money", async () => {
    const game = await openPage(env.browser, 'projector', 'en-GB');
    const { page } = game;
    try {
      await startEra1(page, env.url);
      await page.getByTestId('policy-priorities').click();
      const rows = page.locator(PARTNER_ROWS);
      const a = (await rows.nth(0).getAttribute('data-testid'))!;
      const b = (await rows.nth(1).getAttribute('data-testid'))!;
      const idA = a.replace(/^partner-/, '');
      const idB = b.replace(/^partner-/, '');
      // Move €0.3m from the first partner to the second, by the cards' − and + buttons.
      await page.getByTestId(a).click();
      await step(page, 'less', idA, 3);
      await page.getByTestId(b).click();
      await step(page, 'more', idB, 3);
      const ratio1994 = (await cardTotal(page, b)) / (await cardTotal(page, a));
      await page.getByTestId('board-next').click();
      await waitPhase(page, 'turn.resolution');
      await page.evaluate(() => {
        for (let i = 0; i < 40 && window.coopsec.phase() !== 'turn.planning'; i++) window.coopsec.send({ type: 'phase.advance' });
      });
      await waitPhase(page, 'turn.planning');
      expect(await page.getByTestId('board-year').textContent()).toBe('1995');
      await page.getByTestId('partner-card').waitFor();
      const ratio1995 = (await cardTotal(page, b)) / (await cardTotal(page, a));
      await screenshot(page, 'draft-carried-1995-projector');
      // The hand-made proportion holds (within the cards' rounding to cents).
      expect(ratio1995).toBeGreaterThan(ratio1994 * 0.97);
      expect(ratio1995).toBeLessThan(ratio1994 * 1.03);
      // Every euro of 1995 is planned: no "money left" warning.
      expect(await page.getByTestId('unallocated-warning').count()).toBe(0);
      // The policy's spread gives another proportion: the carried lines were not a fresh spread.
      await page.getByTestId('spread-priorities').click();
      const spread = (await cardTotal(page, b)) / (await cardTotal(page, a));
      expect(Math.abs(spread - ratio1995)).toBeGreaterThan(0.1 * ratio1995);
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 150_000);
});
