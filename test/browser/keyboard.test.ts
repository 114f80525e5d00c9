/**
 * Keyboard on the event card (issue 14.9): number keys answer as the hint says, Tab and
 * Shift+Tab stay inside the open card, and focus leaves the card once it is closed. And on
 * the board's partner list: Enter or Space on a row selects that partner and leaves focus
 * (and the list's scroll) where it was, as does a tier chosen from the keyboard.
 */
import { describe, expect, it } from 'vitest';
import { sharedBrowser, openPage, screenshot, startEra1, expectClean } from './helpers';

const env = sharedBrowser();

describe('event card keyboard', () => {
  it('answers with number keys and traps Tab inside the card', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    try {
      await startEra1(page, env.url, false);
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
          const b = document.querySelector<HTMLButtonElement>('[data-testid="event-card"] .cs-choice:not(:disabled)');
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

  it('keeps focus on a partner row after Enter, Space and a tier change', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focus ?? document.activeElement?.tagName ?? 'none');
    try {
      await startEra1(page, env.url);
      const rows = page.locator('button.cs-pbtn');
      const count = await rows.count();
      expect(count).toBeGreaterThan(10);
      // A row far down the list, so the list has scrolled to show it.
      const row = rows.nth(count - 2);
      const id = (await row.getAttribute('data-focus'))!;
      const name = (await row.locator('.cs-pname').textContent())!;
      // Scrolled to its end (where the list is taller than its panel), the scroll must hold too.
      const scrolled = await page.locator('.cs-plist').evaluate((el) => (el.scrollTop = el.scrollHeight, el.scrollTop));
      await row.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => row.getAttribute('aria-pressed')).toBe('true');
      expect(await focused()).toBe(id);
      expect(await page.locator('.cs-plist').evaluate((el) => el.scrollTop)).toBe(scrolled);
      expect(await page.getByTestId('partner-card').textContent()).toContain(name);
      // Space on the row above does the same.
      const above = rows.nth(count - 3);
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe(await above.getAttribute('data-focus'));
      await page.keyboard.press('Space');
      await expect.poll(() => above.getAttribute('aria-pressed')).toBe('true');
      expect(await focused()).toBe(await above.getAttribute('data-focus'));
      // Under declared priorities a row has its tier list: choosing a tier by keyboard keeps focus on it.
      await page.getByTestId('policy-priorities').click();
      const partnerId = id.replace(/^partner-/, '');
      const tier = page.getByTestId(`tier-${partnerId}`);
      await tier.focus();
      await tier.selectOption('1');
      // The list was rebuilt from the flow's new draft (the tier re-spreads the money), still on tier 1.
      await expect.poll(() => page.getByTestId(`tier-${partnerId}`).inputValue()).toBe('1');
      expect(await focused()).toBe(`tier-${partnerId}`);
      await screenshot(page, 'partner-row-focus-laptop');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);
});
