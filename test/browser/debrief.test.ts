/**
 * The era debrief (issues 14.3 and 14.4) in real Chromium: each objective with its target, the
 * player's value and met / not met; the grade and the rules of score and grade; every panel
 * scrolls (the history column reaches its last row) and the objectives column shows its
 * say–do sentence whole, unscrolled; JSON and CSV exports download as files;
 * the print layout gives A4 and Letter PDFs. Screenshots at both sizes in English and French.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gotoGame, sharedBrowser, openPage, screenshot, send, SIZES, waitScene, type SizeName, expectClean, SCREENSHOT_DIR } from './helpers';

const env = sharedBrowser();

describe('era debrief', () => {
  for (const lang of ['en', 'fr'] as const) {
    for (const size of Object.keys(SIZES) as SizeName[]) {
      it(`explains the score, scrolls, exports and prints (${lang}, ${size})`, async () => {
        const game = await openPage(env.browser, size, lang === 'fr' ? 'fr-FR' : 'en-GB');
        const { page } = game;
        try {
          await gotoGame(page, env.url);
          await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 5 });
          await page.evaluate(() => {
            for (let i = 0; i < 300 && window.coopsec.phase() !== 'debrief'; i++) window.coopsec.send({ type: 'phase.advance' });
          });
          await waitScene(page, 'Debrief');
          // Objectives: target, value and met / not met, agreeing with the grade's count.
          const rows = page.getByTestId('objective-row');
          expect(await rows.count()).toBeGreaterThan(0);
          const metRows = await page.locator('[data-testid="objective-row"][data-met="true"]').count();
          const rule = (await page.getByTestId('score-rule').textContent()) ?? '';
          expect(rule).toContain(`${metRows}`);
          expect(rule).toMatch(lang === 'fr' ? /Mention/ : /Grade/);
          const grade = (await page.getByTestId('debrief-grade').textContent()) ?? '';
          expect(grade).toMatch(/^[A-E] · /);
          if (metRows === 0) expect(grade[0]).toMatch(/[DE]/);
          // The objectives column shows its last sentence (the say–do score) without scrolling:
          // nothing overflows it and the sentence ends inside its box (it was clipped, worst in French).
          const sayDo = await page.getByTestId('say-do').evaluate((el) => {
            const pane = el.closest<HTMLElement>('.cs-pane')!;
            const text = el.lastElementChild!.getBoundingClientRect();
            const box = pane.getBoundingClientRect();
            return { overflow: pane.scrollHeight - pane.clientHeight, textBottom: text.bottom, paneBottom: box.bottom - pane.clientTop, text: el.textContent };
          });
          expect(sayDo.text).toMatch(lang === 'fr' ? /Score dire/ : /Say–do score/);
          expect(sayDo.overflow, 'objectives column overflows').toBeLessThanOrEqual(1);
          expect(sayDo.textBottom).toBeLessThanOrEqual(sayDo.paneBottom);
          // Every panel that overflows scrolls to its end.
          const scroll = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('.cs-debrief .cs-pane')].map((el) => {
              const overflow = el.scrollHeight > el.clientHeight + 1;
              el.scrollTop = el.scrollHeight;
              return { id: el.dataset.testid ?? el.getAttribute('aria-label'), overflow, reached: !overflow || el.scrollTop + el.clientHeight >= el.scrollHeight - 2, style: getComputedStyle(el).overflowY };
            }),
          );
          for (const s of scroll) expect(s.reached, `${s.id} scrolls to its end (${s.style})`).toBe(true);
          const history = scroll.find((s) => s.id === 'history');
          expect(history).toBeDefined();
          await page.getByTestId('luck-result').waitFor({ timeout: 90_000 });
          // How far the dice alone move the player's own decisions, and what this game's years gave.
          const spread = (await page.getByTestId('luck-spread').textContent()) ?? '';
          const m = spread.match(lang === 'en' ? /between ([\d.]+) and ([\d.]+) in 8 replays out of 10; this game’s years gave you ([+−]?[\d.]+)/ : /entre ([\d,]+) et ([\d,]+) dans 8 parties sur 10\s; les années de cette partie vous ont donné ([+−]?[\d,]+)/);
          expect(m, spread).not.toBeNull();
          const [p10, p90] = [m![1], m![2]].map((v) => Number(v.replace(',', '.')));
          expect(p90).toBeGreaterThan(p10);
          await page.evaluate(() => document.querySelectorAll<HTMLElement>('.cs-debrief .cs-pane').forEach((el) => (el.scrollTop = 0)));
          await screenshot(page, `debrief-score-${lang}-${size}`);
          await page.getByTestId('history').evaluate((el) => (el.scrollTop = el.scrollHeight));
          await screenshot(page, `debrief-history-end-${lang}-${size}`);
          if (size === 'laptop') {
            // Exports: both download as files with the turn records.
            const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('debrief-json').click()]);
            expect(json.suggestedFilename()).toMatch(/^coopsec-era1-enlargement-5\.json$/);
            const parsed = JSON.parse(await readFile((await json.path())!, 'utf8'));
            expect(parsed.turns.length).toBe(11);
            const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('debrief-csv').click()]);
            expect(csv.suggestedFilename()).toMatch(/\.csv$/);
            const lines = (await readFile((await csv.path())!, 'utf8')).trim().split(/\r\n/);
            expect(lines[0]).toMatch(/^year,share,envelope/);
            expect(lines.length).toBe(12);
            // Print: A4 and Letter.
            await mkdir(SCREENSHOT_DIR, { recursive: true });
            for (const format of ['A4', 'Letter'] as const) {
              await page.emulateMedia({ media: 'print' });
              const pdf = await page.pdf({ format, printBackground: true });
              await writeFile(resolve(SCREENSHOT_DIR, `debrief-${lang}-${format}.pdf`), pdf);
              expect(pdf.byteLength).toBeGreaterThan(10_000);
            }
            await page.emulateMedia({ media: 'screen' });
          }
          expectClean(game);
        } finally {
          await game.close();
        }
      }, 180_000);
    }
  }
});
