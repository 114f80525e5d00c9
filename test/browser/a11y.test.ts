/**
 * Accessibility (issue 14.9): axe-core (WCAG 2.0/2.1 A and AA rules) reports no violation on the
 * title, tutorial, era intro, planning, events (and the game menu over a card), review and
 * debrief screens, in English and French. axe is injected from node_modules; each violation is listed with its rule and nodes.
 */
import { describe, expect, it } from 'vitest';
import { axe, gotoGame, sharedBrowser, openPage, send, waitPhase, waitScene } from './helpers';

const env = sharedBrowser();


describe('accessibility (axe-core)', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`finds no WCAG 2.1 AA violation on any screen (${lang})`, async () => {
      const game = await openPage(env.browser, 'laptop', lang === 'fr' ? 'fr-FR' : 'en-GB');
      const { page } = game;
      const found: Record<string, string[]> = {};
      const check = async (screen: string) => {
        await page.waitForTimeout(300);
        const v = await axe(page, 'document');
        if (v.length) found[screen] = v;
      };
      try {
        await gotoGame(page, env.url);
        await waitScene(page, 'Title');
        await check('title');
        await page.getByTestId('title-tutorial').click();
        await waitScene(page, 'EraIntro');
        await check('era intro');
        await page.getByTestId('era-strategy-prioritise').click();
        await page.getByTestId('era-start').click();
        await waitScene(page, 'Board');
        await page.getByTestId('tutorial').waitFor();
        await check('tutorial');
        await page.getByTestId('tutorial-skip').click();
        await send(page, { type: 'phase.advance' });
        await waitPhase(page, 'turn.planning');
        await page.getByTestId('partner-card').waitFor();
        await check('planning');
        await page.evaluate(() => {
          for (let i = 0; i < 60; i++) {
            if (window.coopsec.phase() === 'turn.events' && (window.coopsec.state()?.pendingEvents.length ?? 0) > 0) break;
            window.coopsec.send({ type: 'phase.advance' });
          }
        });
        if ((await page.evaluate(() => window.coopsec.phase())) === 'turn.events') {
          await page.getByTestId('event-card').waitFor();
          await check('events');
          // The game menu over the card (it owns the keyboard there; the card under it is inert).
          await page.keyboard.press('Escape');
          await waitScene(page, 'GameMenu');
          await check('menu over event card');
          await page.keyboard.press('Escape');
          await page.waitForFunction(() => !window.coopsec.scenes().includes('GameMenu'));
        } else found.events = ['no event card was reached'];
        await page.evaluate(() => {
          for (let i = 0; i < 60 && window.coopsec.phase() !== 'turn.review'; i++) window.coopsec.send({ type: 'phase.advance' });
        });
        await waitPhase(page, 'turn.review');
        await page.getByTestId('review').waitFor();
        await check('review');
        await page.evaluate(() => {
          for (let i = 0; i < 300 && window.coopsec.phase() !== 'debrief'; i++) window.coopsec.send({ type: 'phase.advance' });
        });
        await waitScene(page, 'Debrief');
        await page.getByTestId('luck-result').waitFor({ timeout: 90_000 });
        await check('debrief');
        expect(found).toEqual({});
      } finally {
        await game.close();
      }
    }, 240_000);
  }
});
