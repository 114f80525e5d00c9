/**
 * Past games (issue 14.3): after "Finish" the era's results stay reachable from the title
 * screen — score, grade, objectives with met / not met, and the CSV export of its turn records —
 * in a modal dialog that closes on Esc and gives focus back; and "Open the full debrief" shows
 * the same Debrief screen the era ended on (objectives, diagnostics, history, charts, luck vs
 * skill), rebuilt from the kept log, whose Back (or Esc) returns to the list. English and French.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { axe, gotoGame, sharedBrowser, openPage, screenshot, send, waitScene, expectClean } from './helpers';

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
        const panels = async () => ({
          score: await page.getByTestId('debrief-score').textContent(),
          grade: await page.getByTestId('debrief-grade').textContent(),
          objectives: await page.getByTestId('objectives').textContent(),
          diagnostics: await page.getByTestId('diagnostics').textContent(),
          history: await page.getByTestId('history').textContent(),
          sayDo: await page.getByTestId('say-do').textContent(),
        });
        const original = await panels();
        // A just-finished era's debrief has no "played on" line; a reopened one has.
        expect(await page.getByTestId('debrief-played').count()).toBe(0);
        await page.getByTestId('luck-result').waitFor({ timeout: 60_000 });
        // The same replays, so the same sentence, but for the time they took.
        const luckText = async () => (await page.getByTestId('luck-result').textContent())!.replace(/[\d\s,.\u00a0\u202f]+ ms/, ' … ms');
        const originalLuck = await luckText();
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

        // The full debrief, as the era ended, rebuilt from the kept log.
        await page.getByTestId('title-past').click();
        await entries.first().locator('summary').click();
        await page.getByTestId('past-open').click();
        await waitScene(page, 'Debrief');
        expect(await page.evaluate(() => window.coopsec.scenes())).not.toContain('Title');
        expect(await panels()).toEqual(original);
        expect(await page.locator('[data-testid="debrief-charts"] canvas').count()).toBe(1);
        await page.getByTestId('luck-result').waitFor({ timeout: 60_000 });
        expect(await luckText()).toBe(originalLuck);
        expect(await page.getByTestId('debrief-next').textContent()).toContain(lang === 'fr' ? 'Retour aux parties passées' : 'Back to past games');
        expect(await page.evaluate(() => window.coopsec.phase())).toBe('title');
        // It says when that game was played.
        expect(await page.getByTestId('debrief-played').textContent()).toMatch(lang === 'fr' ? /^Partie du .*\d{4}$/ : /^Played .*\d{4}$/);
        await screenshot(page, `past-debrief-${lang}-laptop`);
        // As clean for axe (WCAG 2.1 AA) as the debrief it repeats.
        const violations = await axe(page, 'document');
        expect(violations).toEqual([]);
        // Esc goes back to the list, open on that game, focus on its button.
        await page.keyboard.press('Escape');
        await waitScene(page, 'Title');
        await dialog.waitFor();
        await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('past-open');
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.count()).toBe(0);
        expectClean(game);
      } finally {
        await game.close();
      }
    }, 180_000);
  }
});
