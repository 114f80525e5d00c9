/**
 * Past games (issue 14.3): after "Finish" the era's results stay reachable from the title
 * screen — score, grade, objectives with met / not met, and the CSV export of its turn records —
 * in a modal dialog that closes on Esc and gives focus back. English and French.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { gotoGame, sharedBrowser, openPage, screenshot, send, waitScene, expectClean } from './helpers';

const env = sharedBrowser();

describe('past games', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`reopens a finished era from the title screen (${lang})`, async () => {
      const game = await openPage(env.browser, 'laptop', lang === 'fr' ? 'fr-FR' : 'en-GB');
      const { page } = game;
      try {
        await gotoGame(page, env.url);
        await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 9, mode: 'single' });
        await page.evaluate(() => {
          for (let i = 0; i < 300 && window.coopsec.phase() !== 'debrief'; i++) window.coopsec.send({ type: 'phase.advance' });
        });
        await waitScene(page, 'Debrief');
        const score = (await page.getByTestId('debrief-score').textContent())!.replace(/\s*\/\s*100/, '').trim();
        await page.getByTestId('debrief-next').click();
        // Finish leads through the closing screen back to the title.
        await waitScene(page, 'CampaignEnd');
        await send(page, { type: 'phase.advance' });
        await waitScene(page, 'Title');
        await page.getByTestId('title-past').click();
        const dialog = page.getByTestId('past-games');
        await dialog.waitFor();
        const entries = page.getByTestId('past-game');
        expect(await entries.count()).toBe(1);
        await entries.first().locator('summary').click();
        expect(await entries.first().textContent()).toContain(score);
        expect(await entries.first().locator('tr').count()).toBeGreaterThan(2);
        await screenshot(page, `past-games-${lang}-laptop`);
        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('past-csv').click()]);
        expect((await readFile((await csv.path())!, 'utf8')).trim().split(/\r\n/).length).toBe(12);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.count()).toBe(0);
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('title-past');
        expectClean(game);
      } finally {
        await game.close();
      }
    }, 180_000);
  }
});
