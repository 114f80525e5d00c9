/**
 * Keyboard on the event card (issue 14.9): number keys answer as the hint says, Tab and
 * Shift+Tab stay inside the open card, and focus leaves the card once it is closed; the game
 * menu opened over a card owns the keyboard (every item reachable, Settings and back) and
 * gives the focus back to the card when it closes. And on
 * the board's partner list: Enter or Space on a row selects that partner and leaves focus
 * (and the list's scroll) where it was, as does a tier chosen from the keyboard.
 */
import { describe, expect, it } from 'vitest';
import { sharedBrowser, openPage, screenshot, startEra1, expectClean, waitScene, gotoGame } from './helpers';

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

  it('gives the keyboard to the game menu opened over a card, and back to the card when it closes', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? 'none');
    try {
      await startEra1(page, env.url, false);
      await page.evaluate(() => {
        for (let i = 0; i < 80; i++) {
          if (window.coopsec.phase() === 'turn.events' && (window.coopsec.state()?.pendingEvents.length ?? 0) > 0) return;
          window.coopsec.send({ type: 'phase.advance' });
        }
      });
      await page.getByTestId('event-card').waitFor();
      // The new card takes the focus itself (its first choice).
      await expect.poll(focused).toBe('choice-0');
      await page.keyboard.press('Tab');
      const onCard = await focused();
      expect(onCard).toMatch(/^choice-|^event-source$/);
      const pending = await page.evaluate(() => window.coopsec.state()!.pendingEvents.length);

      // Escape opens the menu: every item is reached by Tab, Shift+Tab and the arrows.
      await page.keyboard.press('Escape');
      await waitScene(page, 'GameMenu');
      expect(await focused()).toBe('menu-resume');
      const items = ['menu-resume', 'menu-save', 'menu-load', 'menu-settings', 'menu-glossary', 'menu-quit'];
      const byTab: string[] = [];
      for (let i = 0; i < items.length; i++) {
        await page.keyboard.press('Tab');
        byTab.push(await focused());
      }
      expect(byTab).toEqual([...items.slice(1), items[0]]); // and Tab wraps inside the menu
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('menu-quit');
      await page.keyboard.press('Home');
      expect(await focused()).toBe('menu-resume');
      for (const item of items.slice(1)) {
        await page.keyboard.press('ArrowDown');
        expect(await focused()).toBe(item);
      }
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe('menu-settings');
      // A number key does not answer the card hidden under the menu.
      await page.keyboard.press('1');
      expect(await page.evaluate(() => window.coopsec.state()!.pendingEvents.length)).toBe(pending);

      // Settings opens over the menu and gives the focus back to its item.
      await page.keyboard.press('Enter');
      await waitScene(page, 'Settings');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]') && !document.activeElement?.closest('[data-testid="game-menu"]'))).toBe(true);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !window.coopsec.scenes().includes('Settings'));
      await expect.poll(focused).toBe('menu-settings');

      // Escape resumes: the focus is back where it was on the card, which answers by keyboard.
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !window.coopsec.scenes().includes('GameMenu'));
      await expect.poll(focused).toBe(onCard);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="event-card"]'))).toBe(true);
      await page.keyboard.press('1');
      await expect.poll(() => page.evaluate(() => window.coopsec.state()?.pendingEvents.length ?? 0)).toBeLessThan(pending);
      await screenshot(page, 'event-card-after-menu-laptop');
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

describe('typing an amount on a partner card', () => {
  it.each<[string, string, string, string, RegExp]>([
    ['fr-FR', '0,5', '0,50', '0.5', /Saisissez un montant/],
    ['en-GB', '0,5', '0.50', '0.5', /Type an amount/],
  ])("takes a point or a comma whatever the browser's language, shows it as the game's language writes it, and refuses a text that is not an amount (%s)", async (locale, comma, shown, point, refusal) => {
    const game = await openPage(env.browser, 'laptop', locale);
    const { page } = game;
    try {
      await startEra1(page, env.url);
      const field = page.locator('.cs-alloc input:not([disabled])').first();
      // A comma and a point read the same amount (a number field in an English browser read "0,5" as 5).
      await field.fill(comma);
      await field.press('Tab');
      await expect.poll(() => field.inputValue()).toBe(shown);
      await field.fill(point);
      await field.press('Tab');
      await expect.poll(() => field.inputValue()).toBe(shown);
      // Not an amount: refused in place, in the player's language, and nothing changes.
      const budget = await page.locator('.cs-board').getByText(/M€|€/).first().textContent();
      await field.fill('1,2,3');
      await field.press('Enter');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.evaluate((i) => (i as HTMLInputElement).validationMessage)).toMatch(refusal);
      expect(await page.locator('.cs-board').getByText(/M€|€/).first().textContent()).toBe(budget);
      await screenshot(page, `board-amount-refused-${locale.slice(0, 2)}-laptop`);
      // Next does not end the planning with the amount before: it goes back to the refused field.
      const year = await page.getByTestId('board-year').textContent();
      const next = await page.getByTestId('board-next').textContent();
      await page.getByTestId('board-next').click();
      await expect.poll(() => field.evaluate((i) => i === document.activeElement)).toBe(true);
      expect(await page.getByTestId('board-year').textContent()).toBe(year);
      expect(await page.getByTestId('board-next').textContent()).toBe(next);
      // Typing again clears the mark; an amount is taken.
      await field.fill('1');
      expect(await field.getAttribute('aria-invalid')).toBeNull();
      await field.press('Tab');
      await expect.poll(() => field.inputValue()).toBe(locale === 'fr-FR' ? '1,00' : '1.00');
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});

describe("typing numbers on the exercise's set-up and console", () => {
  it.each<[string, RegExp, RegExp]>([
    ['fr-FR', /Saisissez un nombre entier de 0 à/, /Saisissez un nombre de 0 à 240/],
    ['en-GB', /Type a whole number from 0 to/, /Type a number from 0 to 240/],
  ])('reads "2,5" minutes as two and a half (a number field read 25), and refuses what a field cannot take in place (%s)', async (locale, notWhole, notInRange) => {
    const game = await openPage(env.browser, 'laptop', locale);
    const { page } = game;
    const view = () => page.evaluate(() => window.coopsec.exercise!.view('white')!);
    try {
      await gotoGame(page, env.url);
      await waitScene(page, 'Title');
      await page.getByTestId('title-exercise').click();
      await page.getByTestId('cx-setup').waitFor();
      // The seed takes whole numbers only: "2,5" is refused with the field's own message, and the seed stays.
      const seed = page.getByTestId('cx-seed');
      await seed.fill('4242');
      await seed.press('Tab');
      await seed.fill('2,5');
      await seed.press('Tab');
      expect(await seed.getAttribute('aria-invalid')).toBe('true');
      expect(await seed.evaluate((i) => (i as HTMLInputElement).validationMessage)).toMatch(notWhole);
      // Start does not start the exercise with the seed before: it goes back to the field.
      await page.getByTestId('cx-start').click();
      await expect.poll(() => seed.evaluate((i) => i === document.activeElement)).toBe(true);
      expect(await page.getByTestId('cx-screen-white').count()).toBe(0);
      await seed.fill('4242');
      expect(await seed.getAttribute('aria-invalid')).toBeNull();
      await seed.press('Tab');
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-screen-white').waitFor();
      expect((await page.evaluate(() => window.coopsec.exercise!.record()!.setup.seed))).toBe(4242);

      // The console's timer: "2,5" minutes is 150 seconds, whatever the browser's language.
      const minutes = page.getByTestId('cx-timer-minutes');
      await minutes.fill('2,5');
      await page.getByTestId('cx-set-timer').click();
      await expect.poll(async () => (await view()).timer?.seconds).toBe(150);
      // Out of bounds: refused beside the field, and the timer stays as it was.
      await minutes.fill('300');
      await page.getByTestId('cx-set-timer').click();
      expect(await minutes.getAttribute('aria-invalid')).toBe('true');
      expect(await minutes.evaluate((i) => (i as HTMLInputElement).validationMessage)).toMatch(notInRange);
      await screenshot(page, `console-minutes-refused-${locale.slice(0, 2)}-laptop`);
      expect((await view()).timer?.seconds).toBe(150);
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});
