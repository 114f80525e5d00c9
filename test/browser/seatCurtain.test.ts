/**
 * An exercise on one laptop passed round behind a curtain, in real Chromium
 * (docs/facilitator-guide.md, "One laptop passed round"): a change of seat shows nothing of
 * any seat but the next one's name; each seat opens with the PIN its team chose the first
 * time (typed twice), a wrong PIN is refused, the projector's screen opens without one, a
 * reload comes back to the seat's curtain, the White Cell clears a forgotten PIN, and the
 * downloadable record carries no PIN. Keyboard only at the curtain (its PIN field has the
 * focus, Enter opens); axe-core (WCAG 2.1 AA) on the curtain in English and French.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, focused, openExerciseSetup, openPage, screenshot, sharedBrowser } from './helpers';

const env = sharedBrowser();
const KEY = 'coopsec.exercise.local';

/** Types a PIN at the curtain (twice when the seat has none yet) and presses Enter. */
async function givePin(page: Page, pin: string, again = pin): Promise<void> {
  await page.getByTestId('cx-curtain-pin').fill(pin);
  if (await page.getByTestId('cx-curtain-pin-again').count()) await page.getByTestId('cx-curtain-pin-again').fill(again);
  await page.getByTestId('cx-curtain-pin').press('Enter');
}

/** What the curtain shows: its heading, and that no seat's screen is on the page. */
async function curtainUp(page: Page): Promise<string> {
  await page.getByTestId('cx-curtain').waitFor();
  expect(await page.locator('[data-testid^="cx-screen-"]').count()).toBe(0);
  return page.locator('.cx-curtain h1').innerText();
}

describe('one laptop passed round behind a curtain', () => {
  it('opens each seat with its own PIN, refuses a wrong one, survives a reload, and lets the White Cell clear a forgotten PIN (EN/FR, keyboard, axe)', async () => {
    const game = await openPage(env.browser, 'laptop');
    try {
      const page = game.page;
      await openExerciseSetup(page, env.url);
      await page.getByTestId('cx-setup-curtain').check();
      await page.getByTestId('cx-start').click();

      // The White Cell's seat first: its PIN is chosen, typed twice; the PIN field has the focus.
      expect(await curtainUp(page)).toMatch(/^Hand the laptop to: White Cell/);
      expect(await focused(page)).toBe('cx-curtain-pin');
      expect(await axe(page), 'curtain, first time (EN)').toEqual([]);
      await screenshot(page, 'curtain-choose-1366');
      await givePin(page, '12');
      expect(await page.getByTestId('cx-curtain-problem').innerText()).toBe('A PIN is 4 to 12 digits.');
      expect(await focused(page)).toBe('cx-curtain-pin');
      await givePin(page, '1234', '1243');
      expect(await page.getByTestId('cx-curtain-problem').innerText()).toMatch(/^The two PINs differ/);
      await givePin(page, '1234');
      await page.getByTestId('cx-screen-white').waitFor();

      // NATO's staff, then a capital, each choose their own.
      await page.getByTestId('cx-seat').selectOption('nato');
      expect(await curtainUp(page)).toMatch(/^Hand the laptop to: NATO/);
      expect(await focused(page)).toBe('cx-curtain-pin');
      await givePin(page, '5678');
      await page.getByTestId('cx-screen-nato').waitFor();
      const ally = await page.getByTestId('cx-seat').locator('option').evaluateAll((os) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v.startsWith('ally:'))!);
      await page.getByTestId('cx-seat').selectOption(ally);
      await curtainUp(page);
      await givePin(page, '2468');
      await page.getByTestId(`cx-screen-${ally}`).waitFor();

      // Back to NATO: a wrong PIN (the capital's) is refused, the right one opens.
      await page.getByTestId('cx-seat').selectOption('nato');
      await curtainUp(page);
      expect(await page.getByTestId('cx-curtain-pin-again').count()).toBe(0);
      await givePin(page, '2468');
      expect(await page.getByTestId('cx-curtain-problem').innerText()).toBe('Wrong PIN for this seat.');
      expect(await page.locator('[data-testid^="cx-screen-"]').count()).toBe(0);
      await givePin(page, '5678');
      await page.getByTestId('cx-screen-nato').waitFor();

      // A reload comes back to NATO's curtain, not to its screen.
      await page.reload({ waitUntil: 'load' });
      expect(await curtainUp(page)).toMatch(/^Hand the laptop to: NATO/);
      await givePin(page, '5678');
      await page.getByTestId('cx-screen-nato').waitFor();

      // The projector's screen opens from any curtain without a PIN.
      await page.getByTestId('cx-seat').selectOption('white');
      await curtainUp(page);
      await page.getByTestId('cx-curtain-projector').click();
      await page.getByTestId('cx-screen-observer').waitFor();

      // Kept hashed beside the exercise, never in its record.
      const kept = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)!), KEY);
      expect(Object.keys(kept.curtain.pins).sort()).toEqual([ally, 'nato', 'white'].sort());
      expect(Object.values(kept.curtain.pins)).not.toContain('5678');
      const record = await page.evaluate(() => JSON.stringify(window.coopsec.exercise!.record()));
      expect(record).not.toMatch(/curtain|pins/);

      // The White Cell clears NATO's forgotten PIN; the staff choose a new one.
      await page.getByTestId('cx-seat').selectOption('white');
      await givePin(page, '1234');
      await page.getByTestId('cx-curtain-pins').waitFor();
      await page.getByTestId('cx-curtain-clear-nato').click();
      await page.getByText(/^The PIN of NATO.* is cleared/).waitFor();
      await page.getByTestId('cx-seat').selectOption('nato');
      await curtainUp(page);
      await page.getByTestId('cx-curtain-pin-again').waitFor();
      await givePin(page, '9999');
      await page.getByTestId('cx-screen-nato').waitFor();

      // In French, from the keyboard: the curtain says the same.
      await page.getByTestId('cx-lang').selectOption('fr');
      await page.getByTestId('cx-seat').selectOption(ally);
      expect(await curtainUp(page)).toMatch(/^Passez l’ordinateur à\u00a0: /);
      expect(await focused(page)).toBe('cx-curtain-pin');
      expect(await axe(page), 'curtain (FR)').toEqual([]);
      await page.keyboard.type('0000');
      await page.keyboard.press('Enter');
      expect(await page.getByTestId('cx-curtain-problem').innerText()).toBe('Code erroné pour ce siège.');
      await screenshot(page, 'curtain-wrong-fr-1366');
      await page.getByTestId('cx-curtain-pin').fill('');
      await page.keyboard.type('2468');
      await page.keyboard.press('Enter');
      await page.getByTestId(`cx-screen-${ally}`).waitFor();
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  }, 180_000);

  it('is off unless asked for: seats change at once, as before', async () => {
    const game = await openPage(env.browser, 'laptop');
    try {
      const page = game.page;
      await openExerciseSetup(page, env.url);
      expect(await page.getByTestId('cx-setup-curtain').isChecked()).toBe(false);
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-screen-white').waitFor();
      await page.getByTestId('cx-seat').selectOption('nato');
      await page.getByTestId('cx-screen-nato').waitFor();
      expect(await page.getByTestId('cx-curtain').count()).toBe(0);
      expect(await page.getByTestId('cx-curtain-pins').count()).toBe(0);
    } finally {
      await game.close();
    }
  }, 120_000);
});
