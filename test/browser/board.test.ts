/**
 * The main board, event cards and era debrief in real Chromium: era 1 played from the title
 * screen to the debrief by clicks and keys as a player would (tutorial, share, an
 * over-allocation and its message, priorities, a gap analysis, events answered by clicking,
 * the luck-vs-skill result), then screenshots of every board phase at projector and laptop
 * sizes in English and French; long partner names (all four eras, EN and FR) wrap beside their
 * tier lists. No console errors or failed requests anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boardEn } from '../../src/i18n/board.en';
import { boardFr } from '../../src/i18n/board.fr';
import { gotoGame, sharedBrowser, openPage, screenshot, send, SIZES, waitPhase, waitScene, type SizeName, expectClean, replayMedian, debugUrl, startEra1 } from './helpers';

const env = sharedBrowser();

const phaseOf = (page: Page) => page.evaluate(() => window.coopsec.phase());

/** Waits until the flow leaves `phase` (or, in events, until a card was answered). */
async function waitChange(page: Page, phase: string, pending: number): Promise<void> {
  await page.waitForFunction(
    ({ phase, pending }) => window.coopsec.phase() !== phase || (window.coopsec.state()?.pendingEvents.length ?? 0) !== pending,
    { phase, pending },
    { timeout: 15_000 },
  );
}

describe('main board', () => {
  it('plays era 1 from the title screen to the debrief by clicks and keys', async () => {
    const game = await openPage(env.browser, 'projector');
    const { page } = game;
    try {
      await gotoGame(page, debugUrl(env.url));
      await waitScene(page, 'Title');
      await page.getByTestId('title-tutorial').click();
      await waitScene(page, 'EraIntro');
      await page.getByTestId('era-strategy-prioritise').click();
      await page.getByTestId('era-start').click();
      await waitScene(page, 'Board');
      await waitPhase(page, 'turn.briefing');

      // The tutorial guides the first turn; its first step is the briefing.
      const tutorial = page.getByTestId('tutorial');
      await tutorial.waitFor();
      await expect.poll(() => page.getByTestId('board-year').textContent()).toBe('1994');
      await screenshot(page, 'board-tutorial-briefing-en-projector');
      await page.getByTestId('tutorial-next').click();
      // "Press Next (or N)": the keyboard shortcut moves to planning.
      await page.keyboard.press('n');
      await waitPhase(page, 'turn.planning');
      await expect.poll(() => tutorial.textContent()).toContain('envelope');
      await screenshot(page, 'board-tutorial-planning-en-projector');
      await page.getByTestId('tutorial-next').click();
      await page.getByTestId('tutorial-skip').click();
      await expect.poll(() => tutorial.count()).toBe(0);

      // The share: one step up, with its consensus cost.
      const before = await page.getByTestId('share-value').textContent();
      await page.getByTestId('share-up').click();
      await expect.poll(() => page.getByTestId('share-value').textContent()).not.toBe(before);

      // Over-allocating is refused, with the reason next to the budget and the card.
      const input = page.getByTestId('alloc-POL-interop');
      await input.fill('999');
      await input.press('Enter');
      const rejection = page.getByTestId('rejection-allocation');
      await rejection.waitFor();
      expect(await rejection.textContent()).toContain('exceed');
      await page.getByTestId('board-next').click();
      expect(await phaseOf(page)).toBe('turn.planning');
      await screenshot(page, 'board-rejection-en-projector');

      // Declared priorities make the plan legal again; then a gap analysis of Poland.
      await page.getByTestId('spread-priorities').click();
      await expect.poll(() => rejection.count()).toBe(0);
      await page.getByTestId('action-type').selectOption('gapAnalysis');
      await page.getByTestId('action-partner').selectOption('POL');
      await page.getByTestId('action-add').click();
      await page.getByTestId('action-0').waitFor();
      expect(await page.getByTestId('action-0').textContent()).toContain('Gap analysis');
      // A second gap analysis of Poland is not offered: Add is disabled and says why; another partner's is.
      await page.getByTestId('action-partner').selectOption('POL');
      await page.getByTestId('action-add-blocked').waitFor();
      expect(await page.getByTestId('action-add').isDisabled()).toBe(true);
      await page.getByTestId('action-partner').selectOption('CZE');
      await expect.poll(() => page.getByTestId('action-add').isDisabled()).toBe(false);
      expect(await page.getByTestId('action-add-blocked').count()).toBe(0);

      // Next through the year; events are answered by clicking a choice.
      let year = 1994;
      let shotEvent = false;
      for (let guard = 0; guard < 120; guard++) {
        const phase = await phaseOf(page);
        if (phase === 'debrief') break;
        const pending = await page.evaluate(() => window.coopsec.state()?.pendingEvents.length ?? 0);
        if (phase === 'turn.events') {
          if (pending === 0) {
            await waitChange(page, phase, pending);
            continue;
          }
          const card = page.getByTestId('event-card');
          await card.waitFor();
          if (!shotEvent) {
            expect(await page.getByTestId('event-badge').textContent()).toBeTruthy();
            expect(await page.getByTestId('event-source').getAttribute('rel')).toContain('noopener');
            await screenshot(page, 'eventcard-en-projector');
            shotEvent = true;
          }
          await page.locator('[data-testid^="choice-"]:not([disabled])').first().click();
        } else {
          const next = page.getByTestId('board-next');
          await next.waitFor();
          if (phase === 'turn.resolution' && year === 1994) await screenshot(page, 'board-resolution-en-projector');
          if (phase === 'turn.review' && year === 1994) {
            expect(await page.getByTestId('review').textContent()).toMatch(/—/);
            await screenshot(page, 'board-review-en-projector');
          }
          // Alternate mouse and keyboard, as players do.
          if (guard % 2) await next.click();
          else await page.keyboard.press('n');
        }
        await waitChange(page, phase, pending);
        if ((await phaseOf(page)) === 'turn.briefing') {
          const shown = Number(await page.getByTestId('board-year').textContent());
          expect(shown).toBe(year + 1);
          year = shown;
        }
      }
      expect(year).toBe(2004);
      await waitScene(page, 'Debrief');
      // The score reads "x / 100" with its grade beside it: the first number is the score.
      const score = parseFloat((await page.getByTestId('debrief-score').textContent())?.replace(',', '.') ?? '');
      expect(score).toBeGreaterThan(0);
      expect(await page.getByTestId('diagnostics').textContent()).toContain('Fasola');
      await page.getByTestId('luck-result').waitFor({ timeout: 90_000 });
      const luck = (await page.getByTestId('luck-result').textContent()) ?? '';
      expect(luck).toMatch(/1,000/);
      // The workers followed the game turn by turn: their scores are those of replaying the
      // whole log over the same seeds in one go.
      expect(luck).toContain(await replayMedian(page, 'era1-enlargement'));
      await screenshot(page, 'debrief-en-projector');
      expectClean(game);
    } finally {
      await game.close();
    }
  }, 300_000);

  for (const lang of ['en', 'fr'] as const) {
    for (const size of Object.keys(SIZES) as SizeName[]) {
      it(`shows every board phase cleanly in ${lang} at ${size} size`, async () => {
        const game = await openPage(env.browser, size, lang === 'fr' ? 'fr-FR' : 'en-GB');
        const { page } = game;
        try {
          await gotoGame(page, env.url);
          await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 7 });
          await send(page, { type: 'phase.advance' });
          await waitScene(page, 'Board');
          await screenshot(page, `board-briefing-${lang}-${size}`);
          await send(page, { type: 'phase.advance' });
          await waitPhase(page, 'turn.planning');
          await page.getByTestId('partner-card').waitFor();
          await screenshot(page, `board-planning-${lang}-${size}`);
          // A rejection in the player's language.
          await page.evaluate(() => window.coopsec.send({ type: 'allocation.set', partner: 'POL', focus: 'interop', amount: 999 }));
          const rejection = page.getByTestId('rejection-allocation');
          await rejection.waitFor();
          expect(await rejection.textContent()).toContain(lang === 'fr' ? 'dépassent' : 'exceed');
          await screenshot(page, `board-rejection-${lang}-${size}`);
          await page.getByTestId('spread-equal').click();
          await expect.poll(() => rejection.count()).toBe(0);
          await page.getByTestId('board-next').click();
          await waitPhase(page, 'turn.resolution');
          await screenshot(page, `board-resolution-${lang}-${size}`);
          await send(page, { type: 'phase.advance' });
          await waitPhase(page, 'turn.events');
          if (await page.evaluate(() => (window.coopsec.state()?.pendingEvents.length ?? 0) > 0)) {
            await page.getByTestId('event-card').waitFor();
            await screenshot(page, `eventcard-${lang}-${size}`);
          }
          await send(page, { type: 'phase.advance' });
          await waitPhase(page, 'turn.review');
          await page.getByTestId('review').waitFor();
          await screenshot(page, `board-review-${lang}-${size}`);
          if (lang === 'en' && size === 'laptop') {
            // The debrief at laptop size, through the automation API.
            await page.evaluate(() => {
              for (let i = 0; i < 200 && window.coopsec.phase() !== 'debrief'; i++) window.coopsec.send({ type: 'phase.advance' });
            });
            await waitScene(page, 'Debrief');
            await page.getByTestId('luck-result').waitFor({ timeout: 90_000 });
            await screenshot(page, `debrief-${lang}-${size}`);
          }
          expectClean(game);
        } finally {
          await game.close();
        }
      });
    }
  }

  // Every tutorial step, at both sizes and in both languages: the callout shows the step's
  // title, sits wholly on screen, its highlighted panel is visible, and the keyboard drives it.
  const TUTORIAL = ['welcome', 'toPlanning', 'envelope', 'upkeep', 'share', 'partners', 'card', 'policy', 'gap', 'resolve', 'resolution', 'review'] as const;
  const WAITS: Partial<Record<(typeof TUTORIAL)[number], string>> = { toPlanning: 'turn.planning', resolve: 'turn.resolution' };
  for (const lang of ['en', 'fr'] as const) {
    for (const size of Object.keys(SIZES) as SizeName[]) {
      it(`walks every tutorial step in ${lang} at ${size} size`, async () => {
        const game = await openPage(env.browser, size, lang === 'fr' ? 'fr-FR' : 'en-GB');
        const { page } = game;
        const messages = lang === 'fr' ? boardFr : boardEn;
        const viewport = SIZES[size];
        try {
          await gotoGame(page, env.url);
          await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 7, mode: 'tutorial' });
          await send(page, { type: 'phase.advance' });
          await waitScene(page, 'Board');
          const tutorial = page.getByTestId('tutorial');
          for (const [i, step] of TUTORIAL.entries()) {
            if (step === 'review') {
              // The events phase sits between resolution and review; answer its cards.
              await send(page, { type: 'phase.advance' });
              await waitPhase(page, 'turn.events');
              await page.evaluate(() => {
                for (let n = 0; n < 20 && window.coopsec.phase() === 'turn.events'; n++) {
                  const event = window.coopsec.state()?.pendingEvents[0];
                  const card = document.querySelector('[data-testid="choice-0"]') as HTMLButtonElement | null;
                  if (event && card) card.click();
                  else window.coopsec.send({ type: 'phase.advance' });
                }
              });
              await waitPhase(page, 'turn.review');
            }
            const title = messages.tutorial[step].title;
            await expect.poll(() => tutorial.locator('h2').textContent(), { message: `step ${step}` }).toBe(title);
            expect(await tutorial.textContent()).toContain(String(i + 1));
            // The callout is wholly on screen.
            const box = (await tutorial.boundingBox())!;
            expect(box.x, `${step} left`).toBeGreaterThanOrEqual(0);
            expect(box.y, `${step} top`).toBeGreaterThanOrEqual(0);
            expect(box.x + box.width, `${step} right`).toBeLessThanOrEqual(viewport.width);
            expect(box.y + box.height, `${step} bottom`).toBeLessThanOrEqual(viewport.height);
            // The highlighted element is visible and on screen.
            const focus = page.locator('.cs-tut-focus');
            await expect.poll(() => focus.count(), { message: `${step} highlight` }).toBe(1);
            expect(await focus.isVisible()).toBe(true);
            const target = (await focus.boundingBox())!;
            expect(target.y + Math.min(target.height, 20), `${step} target on screen`).toBeLessThanOrEqual(viewport.height);
            expect(target.x + Math.min(target.width, 20)).toBeLessThanOrEqual(viewport.width);
            if (size === 'laptop') await screenshot(page, `board-tutorial-${String(i + 1).padStart(2, '0')}-${step}-${lang}-laptop`);
            const wait = WAITS[step];
            if (wait) {
              await page.keyboard.press('n');
              await waitPhase(page, wait);
            } else {
              // Next by keyboard: Tab reaches it and Enter presses it.
              await page.getByTestId('tutorial-next').focus();
              await page.keyboard.press('Enter');
            }
          }
          await expect.poll(() => tutorial.count()).toBe(0);
          expectClean(game);
        } finally {
          await game.close();
        }
      });
    }
  }

  for (const [lang, size] of [['en', 'laptop'], ['fr', 'projector']] as const) {
    it(`keeps every tier list in the partners column beside long names, all four eras, and the budget column's header and Add action on screen (${lang}, ${size})`, async () => {
      const game = await openPage(env.browser, size, lang === 'fr' ? 'fr-FR' : 'en-GB');
      const { page } = game;
      try {
        await gotoGame(page, env.url);
        for (const era of ['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022']) {
          await send(page, { type: 'game.start', scenarioId: era, seed: 5 });
          await send(page, { type: 'phase.advance' });
          await waitScene(page, 'Board');
          await send(page, { type: 'phase.advance' });
          await send(page, { type: 'policy.set', policy: 'priorities' });
          await page.getByTestId('partner-card').waitFor();
          await page.locator('.cs-plist select').first().waitFor();
          const rows = await page.evaluate(() => {
            const list = document.querySelector<HTMLElement>('.cs-plist')!.getBoundingClientRect();
            return [...document.querySelectorAll<HTMLElement>('.cs-plist li')].map((li) => {
              const name = li.querySelector<HTMLElement>('.cs-pname')!;
              const tier = li.querySelector('select')!.getBoundingClientRect();
              return {
                name: name.textContent!,
                title: li.querySelector('button')!.getAttribute('title'),
                tierInside: tier.width > 20 && tier.left >= list.left - 0.5 && tier.right <= list.right + 0.5,
                nameFits: name.getBoundingClientRect().right <= tier.left,
              };
            });
          });
          expect(rows.length).toBeGreaterThan(10);
          // The longest names in the data (Bosnia and Herzegovina, République de Corée…) are among them.
          for (const row of rows) {
            expect(row.tierInside, `${era}: tier list of ${row.name} inside the column`).toBe(true);
            expect(row.nameFits, `${era}: ${row.name} stops before its tier list`).toBe(true);
            expect(row.title).toBe(row.name);
          }
          const longest = rows.reduce((a, b) => (b.name.length > a.name.length ? b : a));
          await page.evaluate((name) => [...document.querySelectorAll('.cs-plist li')].find((li) => li.querySelector('.cs-pname')!.textContent === name)!.scrollIntoView({ block: 'center' }), longest.name);
          await screenshot(page, `partners-long-name-${era}-${lang}-${size}`);
          {
            // The budget column: its heading and the Add action control are in view, unscrolled.
            const view = await page.evaluate(() => {
              const inside = (el: Element | null) => {
                const box = el!.getBoundingClientRect();
                return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && box.height > 0;
              };
              const body = document.querySelector<HTMLElement>('.cs-budget .cs-body')!;
              const add = document.querySelector('[data-testid="action-add"]')!.getBoundingClientRect();
              const frame = body.getBoundingClientRect();
              return { header: inside(document.querySelector('.cs-budget h2')), add: inside(document.querySelector('[data-testid="action-add"]')), addInBody: add.top >= frame.top && add.bottom <= frame.bottom };
            });
            expect(view, `${era}: budget heading and Add action in view`).toEqual({ header: true, add: true, addInBody: true });
          }
          {
            // The partner card of the first partner (the longest card: an offer and an Ally's push in most eras) whole in its
            // pane, unscrolled: its two actions side by side in the card's column, the gap analysis's odds below them.
            await page.locator('.cs-plist li button').first().click();
            await page.getByTestId('card-gap-odds').waitFor();
            const card = await page.evaluate(() => {
              const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
              const panel = document.querySelector('[data-testid="partner-card"]')!.closest('.cs-scroller')!.getBoundingClientRect();
              const column = document.querySelector('[data-testid="partner-card"] > div')!.getBoundingClientRect();
              const gap = box('[data-testid="card-gapAnalysis"]');
              const intel = box('[data-testid="card-intelligence"]');
              const odds = box('[data-testid="card-gap-odds"]');
              const whole = box('[data-testid="partner-card"]');
              return { oddsInside: odds.bottom <= panel.bottom + 0.5 && odds.bottom <= innerHeight, cardInside: whole.bottom <= panel.bottom + 0.5, sideBySide: Math.abs(gap.top - intel.top) < 1 && intel.right <= column.right + 0.5, oneLine: gap.height < 40 && intel.height < 40 };
            });
            expect(card, `${era}: partner card actions and odds`).toEqual({ oddsInside: true, cardInside: true, sideBySide: true, oneLine: true });
          }
          await send(page, { type: 'game.quit' });
          await waitPhase(page, 'title');
        }
        expectClean(game);
      } finally {
        await game.close();
      }
    }, 180_000);
  }

  it('skips the tutorial by keyboard', async () => {
    const game = await openPage(env.browser, 'laptop');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 7, mode: 'tutorial' });
      await send(page, { type: 'phase.advance' });
      await waitScene(page, 'Board');
      await page.getByTestId('tutorial-skip').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('tutorial').count()).toBe(0);
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it.each(['fr-FR', 'en-GB'])('keeps the phase strip between the turn count and the "plan breaks a rule" message beside Next (%s)', async (locale) => {
    const game = await openPage(env.browser, 'laptop', locale);
    const { page } = game;
    try {
      await startEra1(page, env.url);
      // Far more than the year's money on one line: the message beside Next appears and squeezes the strip.
      const line = page.locator('.cs-alloc input:not([disabled])').first();
      await line.fill('9');
      await line.press('Tab');
      await page.locator('.cs-top .cs-error').waitFor();
      const box = (selector: string) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
      const turn = await box('.cs-top > .cs-subtle');
      const message = await box('.cs-top .cs-error');
      const items = await page.locator('.cs-phases li').evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().toJSON() as DOMRect));
      // Every phase lies clear of the turn count and of the message (centred items too wide used to spill over both).
      for (const item of items) {
        expect(item.left).toBeGreaterThanOrEqual(turn.right);
        expect(item.right).toBeLessThanOrEqual(message.left);
      }
      // The current phase is named; the others keep their names for screen readers.
      expect(await page.getByTestId('phase-planning').isVisible()).toBe(true);
      expect(await page.getByTestId('phase-briefing').textContent()).toMatch(/^1\. (Briefing|Breffage)$/);
      await screenshot(page, `board-strip-squeezed-${locale.slice(0, 2)}-laptop`);
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});
