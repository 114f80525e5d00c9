/**
 * The review phase's causes add up (issue 14.2): over several years of era 1 played through the
 * automation API, every metric block the review shows lists causes whose values sum to the
 * metric tile's delta (the tile's number, not the block's own), with a sign that matches the
 * tile. Screenshots at both sizes in English and French.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gotoGame, sharedBrowser, openPage, screenshot, send, SIZES, waitPhase, waitScene, type SizeName, expectClean } from './helpers';

const env = sharedBrowser();

/** Each review block: its metric key, the summed causes and the tile's delta as the state gives it. */
async function reviewSums(page: Page): Promise<{ key: string; block: number; causes: number; tile: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.cs-driver[data-delta]')].map((el) => {
      const key = el.dataset.testid!.slice('review-'.length);
      const causes = [...el.querySelectorAll<HTMLElement>('[data-testid="review-cause"]')].reduce((s, li) => s + Number(li.dataset.delta), 0);
      const tile = document.querySelector(`[data-testid="metric-${key}"] .cs-delta`)?.textContent ?? '';
      return { key, block: Number(el.dataset.delta), causes, tile };
    }),
  );
}

/** "+1.2" / "−0.4" as the tiles write them (either locale) to a number. */
const parseSigned = (s: string) => Number(s.replace('−', '-').replace(',', '.').replace(/\s/g, ''));

describe('review phase', () => {
  for (const lang of ['en', 'fr'] as const) {
    for (const size of Object.keys(SIZES) as SizeName[]) {
      it(`shows causes that sum to each tile's delta (${lang}, ${size})`, async () => {
        const game = await openPage(env.browser, size, lang === 'fr' ? 'fr-FR' : 'en-GB');
        const { page } = game;
        try {
          await gotoGame(page, env.url);
          await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 11 });
          await send(page, { type: 'phase.advance' });
          await waitScene(page, 'Board');
          let checked = 0;
          for (let year = 0; year < 4; year++) {
            await page.evaluate(() => {
              for (let i = 0; i < 50 && window.coopsec.phase() !== 'turn.review'; i++) window.coopsec.send({ type: 'phase.advance' });
            });
            await waitPhase(page, 'turn.review');
            await page.getByTestId('review').waitFor();
            await page.waitForTimeout(100);
            const sums = await reviewSums(page);
            expect(sums.length, 'some metric moved').toBeGreaterThan(0);
            for (const s of sums) {
              // Exact in the data, and the shown tile (one decimal) agrees with it.
              expect(s.causes, `${s.key}: causes vs block`).toBeCloseTo(s.block, 9);
              if (s.tile) expect(parseSigned(s.tile), `${s.key}: tile ${s.tile}`).toBeCloseTo(s.block, 1);
              else expect(Math.abs(s.block)).toBeLessThan(0.05);
              checked++;
            }
            if (year === 1) await screenshot(page, `review-causes-${lang}-${size}`);
            await send(page, { type: 'phase.advance' });
          }
          expect(checked).toBeGreaterThan(4);
          expectClean(game);
        } finally {
          await game.close();
        }
      }, 120_000);
    }
  }
});
