/**
 * The solo game by keyboard only (a QA report at 1366×768): the focus never falls to the
 * page's body at a change of phase (the era briefing's Start, Next through a year's
 * phases, the last event card closing, the next year's briefing, the tutorial's steps),
 * Tab after typing an amount moves on from the field, Tab never lands on a dead stop after
 * the last control, Escape in an edited field undoes the typing before it opens the menu,
 * and the game menu gives the focus back to the item or the card's choice that had it. And
 * the title screen fits a laptop's 1366×768 in English and French, without scrolling.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectClean, gotoGame, openPage, screenshot, send, sharedBrowser, startEra1, waitPhase, waitScene, type SizeName } from './helpers';

const env = sharedBrowser();

/** The focused element's tag, test id or data-focus (BODY when the focus is lost). */
const where = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body || a === document.documentElement) return 'BODY';
    return a.dataset.testid ?? a.dataset.focus ?? `${a.tagName}${a.id ? `#${a.id}` : ''}`;
  });

/** After a change of phase has settled, the keyboard is on a control of the page, not on its body. */
async function expectFocusKept(page: Page, when: string): Promise<string> {
  await page.waitForTimeout(250);
  const at = await where(page);
  expect(at, `focus after ${when}`).not.toBe('BODY');
  return at;
}

/** N in planning, and "Resolve anyway" by keyboard when the money-left question asks first. */
async function resolveByKey(page: Page): Promise<void> {
  await page.keyboard.press('n');
  await page.waitForFunction(() => window.coopsec.phase() !== 'turn.planning' || !!document.querySelector('[data-testid="confirm-resolve"]'), undefined, { timeout: 10_000 });
  if ((await page.evaluate(() => window.coopsec.phase())) === 'turn.planning') {
    expect(await where(page)).toBe('confirm-back');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await waitPhase(page, 'turn.resolution');
}

/** Answers the open event cards by number key until the events phase is over. */
async function answerCardsByKey(page: Page): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.waitForFunction(() => window.coopsec.phase() !== 'turn.events' || !!document.querySelector('[data-testid="event-card"] .cs-choice'), undefined, { timeout: 10_000 });
    if ((await page.evaluate(() => window.coopsec.phase())) !== 'turn.events') return;
    // The card takes the focus itself (its first choice).
    await expect.poll(() => where(page)).toMatch(/^choice-/);
    const pending = await page.evaluate(() => window.coopsec.state()!.pendingEvents.length);
    const key = await page.evaluate(() => {
      const choices = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="event-card"] .cs-choice')];
      return String(choices.findIndex((c) => !c.disabled) + 1);
    });
    await page.keyboard.press(key);
    await page.waitForFunction((n) => window.coopsec.phase() !== 'turn.events' || (window.coopsec.state()?.pendingEvents.length ?? 0) < n, pending, { timeout: 10_000 });
  }
}

describe('the solo game by keyboard', () => {
  it('keeps the focus on a control at every change of phase, through two years and the debrief', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 3 });
      await waitScene(page, 'EraIntro');
      expect(await where(page)).toBe('era-start');
      // Tab from the last control comes round to the first, not to a dead stop on the body.
      await page.keyboard.press('Tab');
      expect(await where(page)).not.toBe('BODY');
      await page.keyboard.press('Shift+Tab');
      expect(await where(page)).toBe('era-start');

      await page.keyboard.press('Enter');
      await waitScene(page, 'Board');
      await waitPhase(page, 'turn.briefing');
      await expectFocusKept(page, 'Start the era');

      for (let year = 0; year < 2; year++) {
        await page.keyboard.press('n');
        await waitPhase(page, 'turn.planning');
        await expectFocusKept(page, `briefing → planning (year ${year + 1})`);
        await resolveByKey(page);
        await expectFocusKept(page, `planning → resolution (year ${year + 1})`);
        await page.keyboard.press('n');
        await answerCardsByKey(page);
        await waitPhase(page, 'turn.review');
        await waitScene(page, 'Board');
        await expectFocusKept(page, `resolution → events → review (year ${year + 1})`);
        await page.keyboard.press('n');
        await waitPhase(page, 'turn.briefing');
        await expectFocusKept(page, `review → next briefing (year ${year + 1})`);
      }

      // The era's last review, then the debrief: its Finish has the focus.
      await page.evaluate(() => {
        for (let i = 0; i < 200 && !(window.coopsec.phase() === 'turn.review' && window.coopsec.state()!.year >= 2004); i++) {
          if (window.coopsec.phase() === 'turn.events') {
            const id = window.coopsec.state()!.pendingEvents[0];
            const b = document.querySelector<HTMLButtonElement>('[data-testid="event-card"] .cs-choice:not(:disabled)');
            if (id && b) { b.click(); continue; }
          }
          window.coopsec.send({ type: 'phase.advance' });
        }
      });
      await waitPhase(page, 'turn.review');
      await page.keyboard.press('n');
      await waitScene(page, 'Debrief');
      await expect.poll(() => where(page)).toBe('debrief-next');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 180_000);

  it('moves on from an amount with Tab, undoes typing with Escape before opening the menu, and wraps Tab after the last partner', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    try {
      await startEra1(page, env.url);
      const field = page.locator('.cs-alloc input:not([disabled])').first();
      const key = (await field.getAttribute('data-focus'))!;
      await field.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0.5');
      await page.keyboard.press('Tab');
      // The card is drawn again with the amount; the keyboard stays on the control after the field.
      await expect.poll(() => page.locator(`[data-focus="${key}"]`).inputValue()).toBe('0.50');
      await page.waitForTimeout(200);
      expect(await where(page)).toBe(key.replace(/^alloc-/, 'more-'));
      await page.keyboard.press('Tab');
      expect(await where(page)).not.toBe('BODY');

      // Escape in an edited field undoes the typing and stays there; the next Escape opens the menu.
      await page.locator(`[data-focus="${key}"]`).focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('9');
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => window.coopsec.scenes().includes('GameMenu'))).toBe(false);
      expect(await page.locator(`[data-focus="${key}"]`).inputValue()).toBe('0.50');
      expect(await where(page)).toBe(key);
      await page.keyboard.press('Escape');
      await waitScene(page, 'GameMenu');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !window.coopsec.scenes().includes('GameMenu'));
      await expect.poll(() => where(page)).toBe(key);
      expect(await page.evaluate(() => window.coopsec.state()!.year)).toBe(1994);

      // Tab from the list's last partner comes round to the board's first control.
      const last = await page.evaluate(() => {
        const rows = [...document.querySelectorAll<HTMLElement>('.cs-plist button, .cs-plist select')];
        const row = rows[rows.length - 1];
        row.focus();
        return row.dataset.focus;
      });
      expect(await where(page)).toBe(last);
      await page.keyboard.press('Tab');
      expect(await where(page)).toBe('open-menu');
      await page.keyboard.press('Shift+Tab');
      expect(await where(page)).toBe(last);
      await screenshot(page, 'solo-focus-board-laptop');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);

  it('gives the focus back to the glossary item, and to the card choice that had it, when the menu closes', async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    try {
      await startEra1(page, env.url, false);
      await page.getByTestId('board-next').focus();
      await page.keyboard.press('Escape');
      await waitScene(page, 'GameMenu');
      await page.getByTestId('menu-glossary').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('glossary').waitFor();
      // Escape and the Back button both return to the item that opened the glossary.
      await page.keyboard.press('Escape');
      await expect.poll(() => where(page)).toBe('menu-glossary');
      await page.keyboard.press('Enter');
      await page.getByTestId('menu-back').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => where(page)).toBe('menu-glossary');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !window.coopsec.scenes().includes('GameMenu'));
      await expect.poll(() => where(page)).toBe('board-next');

      // Over an event card: the menu gives the focus back to the choice that had it.
      await page.evaluate(() => {
        for (let i = 0; i < 80; i++) {
          if (window.coopsec.phase() === 'turn.events' && (window.coopsec.state()?.pendingEvents.length ?? 0) > 0) return;
          window.coopsec.send({ type: 'phase.advance' });
        }
      });
      await page.getByTestId('event-card').waitFor();
      await expect.poll(() => where(page)).toBe('choice-0');
      await page.keyboard.press('Escape');
      await waitScene(page, 'GameMenu');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !window.coopsec.scenes().includes('GameMenu'));
      await page.waitForTimeout(200);
      expect(await where(page)).toBe('choice-0');
      // And so does its Resume, pressed with Enter.
      await page.keyboard.press('Escape');
      await waitScene(page, 'GameMenu');
      expect(await where(page)).toBe('menu-resume');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !window.coopsec.scenes().includes('GameMenu'));
      await page.waitForTimeout(200);
      expect(await where(page)).toBe('choice-0');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);

  it("focuses the tutorial's tip at each step it shows", async () => {
    const game = await openPage(env.browser, 'laptop', 'en-GB');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      await page.getByTestId('title-tutorial').focus();
      await page.keyboard.press('Enter');
      await waitScene(page, 'EraIntro');
      await page.keyboard.press('n');
      await waitScene(page, 'Board');
      // Step 1: the tip's Next; step 2 waits for the board's Next, which it points at.
      await expect.poll(() => where(page)).toBe('tutorial-next');
      await page.keyboard.press('Enter');
      await expect.poll(() => where(page)).toBe('board-next');
      await page.keyboard.press('Enter');
      await waitPhase(page, 'turn.planning');
      // Steps 3 to 9 in planning, each with its Next focused.
      for (let step = 3; step <= 9; step++) {
        await expect.poll(() => where(page), { message: `step ${step}` }).toBe('tutorial-next');
        await page.keyboard.press('Enter');
      }
      // Step 10 waits for the board's Next; the money-left question, then the resolution's step.
      await expect.poll(() => where(page)).toBe('board-next');
      await resolveByKey(page);
      await expect.poll(() => where(page), { message: 'step 11' }).toBe('tutorial-next');
      await page.keyboard.press('n');
      await answerCardsByKey(page);
      await waitPhase(page, 'turn.review');
      await expect.poll(() => where(page), { message: 'step 12' }).toBe('tutorial-next');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('[data-testid="tutorial"]'));
      await expectFocusKept(page, 'the tutorial');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 120_000);
});

describe('the title screen', () => {
  /** The settings and credits tiles and the keyboard hint are in the window, and tabbing to the last tile scrolls nothing. */
  async function expectFits(page: Page): Promise<void> {
    const viewport = page.viewportSize()!;
    for (const id of ['title-settings', 'title-credits']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.y, id).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, id).toBeLessThanOrEqual(viewport.height);
    }
    const hint = (await page.getByText(/^(Keyboard|Clavier)/).boundingBox())!;
    expect(hint.y + hint.height, 'keyboard hint').toBeLessThanOrEqual(viewport.height);
    await page.getByTestId('title-credits').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await where(page)).toBe('title-credits');
    // Nothing scrolled: the backdrop (canvas) covers all that is shown, with no seam under it.
    const scrolled = await page.evaluate(() => [document.scrollingElement!, ...document.querySelectorAll<HTMLElement>('#game, #game *')].some((el) => el.scrollTop > 0));
    expect(scrolled, 'scrolled').toBe(false);
  }

  for (const [locale, size] of [['en-GB', 'laptop'], ['fr-FR', 'laptop'], ['en-GB', 'projector'], ['fr-FR', 'projector']] as [string, SizeName][]) {
    it(`fits the window without scrolling, also with a stored game and a message (${locale}, ${size})`, async () => {
      const game = await openPage(env.browser, size, locale);
      const { page } = game;
      const lang = locale.slice(0, 2);
      try {
        await gotoGame(page, env.url);
        await waitScene(page, 'Title');
        await screenshot(page, `title-fit-${lang}-${size}`);
        await expectFits(page);
        // The longest title screen a player meets: a stored game to continue (its era, year
        // and phase under Continue) and the message of an export above the menu.
        await send(page, { type: 'game.start', scenarioId: 'era2-stability', seed: 3 });
        await send(page, { type: 'phase.advance' });
        await send(page, { type: 'phase.advance' });
        await waitScene(page, 'Board');
        await send(page, { type: 'game.quit' });
        await waitScene(page, 'Title');
        await page.getByTestId('title-export').click();
        await page.getByTestId('title-status').waitFor();
        await screenshot(page, `title-fit-stored-${lang}-${size}`);
        await expectFits(page);
        expectClean(game);
      } finally {
        await game.close();
      }
    });
  }
});
