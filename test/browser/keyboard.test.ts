/**
 * Keyboard on the event card (issue 14.9): number keys answer as the hint says, Tab and
 * Shift+Tab stay inside the open card, and focus leaves the card once it is closed.
 */
import { describe, expect, it } from 'vitest';
import { gotoGame, sharedBrowser, openPage, send, waitScene, expectClean } from './helpers';

const env = sharedBrowser();

describe('event card keyboard', () => {
  it('answers with number keys and traps Tab inside the card', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 3 });
      await send(page, { type: 'phase.advance' });
      await waitScene(page, 'Board');
      const reached = await page.evaluate(() => {
        for (let i = 0; i < 80; i++) {
          if (window.coopsec.phase() === 'turn.events' && (window.coopsec.state()?.pendingEvents.length ?? 0) > 0) return true;
          window.coopsec.send({ type: 'phase.advance' });
        }
        return false;
      });
      expect(reached).toBe(true);
      const card = page.getByTestId('event-card');
      await card.waitFor();
      await page.waitForTimeout(200);
      expect(await card.textContent()).toContain('keys 1–');
      // Tab cycles inside the card, forwards and backwards.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="event-card"]'))).toBe(true);
      }
      // "2" answers with the second option.
      const before = await page.evaluate(() => ({ pending: window.coopsec.state()!.pendingEvents.length, id: window.coopsec.state()!.pendingEvents[0] }));
      const secondEnabled = await page.getByTestId('choice-1').isEnabled();
      await page.keyboard.press(secondEnabled ? '2' : '1');
      await expect.poll(() => page.evaluate(() => window.coopsec.state()?.pendingEvents.length ?? 0)).toBeLessThan(before.pending);
      await page.evaluate(() => {
        for (let i = 0; i < 20 && window.coopsec.phase() === 'turn.events'; i++) {
          const b = document.querySelector<HTMLButtonElement>('[data-testid="event-card"] .cb-choice:not(:disabled)');
          if (b) b.click();
          else break;
        }
      });
      await expect.poll(() => page.evaluate(() => window.coopsec.phase()), { timeout: 10_000 }).not.toBe('turn.events');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="event-card"]'))).toBe(false);
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);
});
