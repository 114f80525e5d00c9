/**
 * A player's own era in the built game (issue 15.6; README "Write your own era"): a fifth era
 * made with `npm run scenario:new -- --from era4-after2022 --id era5-blacksea` is opened from
 * the title screen — the file picker reached with the keyboard, and by drag-and-drop — kept
 * across a reload, played to its debrief (which says there is no history to compare) and
 * removed; a broken file shows its problems by file name and JSON path, in English and French,
 * never a stack trace. axe (WCAG 2.1 AA) finds nothing on the screens this adds, nor on era
 * 4's briefing with its counterfactual label and research notes open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { advanceUntil, axe, expectClean, fileChoosers, gotoGame, openPage, screenshot, send, sharedBrowser, waitReady, waitScene } from './helpers';

const env = sharedBrowser();
const root = resolve(import.meta.dirname, '../..');
let dir = '';
let fifth = '';
let broken = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'custom-era-'));
  const made = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/scenarioNew.ts'), '--from', 'era4-after2022', '--id', 'era5-blacksea', '--dir', dir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(made.stderr).toBe('');
  expect(made.status).toBe(0);
  fifth = join(dir, 'era5-blacksea.json');
  const data = JSON.parse(readFileSync(fifth, 'utf8'));
  data.partners[0].trust = 'high';
  broken = join(dir, 'era5-broken.json');
  writeFileSync(broken, JSON.stringify(data, null, 2));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});


/** Drops a file on the title screen as a browser does (a DataTransfer with one File). */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ({ name, text }) => {
      const target = document.querySelector('[data-testid="title-custom"], [data-testid="custom-drop"]')!.closest('.cs-screen')!;
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+|Error:/);

describe('your own era, opened from a file', () => {
  it('a broken file shows its problems; the fifth era opens from the file picker (keyboard), is kept, plays to its debrief and is removed (EN)', async () => {
    const game = await openPage(env.browser, 'laptop');
    const { page } = game;
    const choosers = fileChoosers(page);
    try {
      await gotoGame(page, env.url);
      await screenshot(page, 'custom-era-title-en-laptop');
      await page.getByTestId('title-custom').click();
      await page.getByTestId('custom-none').waitFor();

      // The file picker, reached with the keyboard.
      for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'custom-open'; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('custom-open');
      await page.keyboard.press('Enter');
      const chooser = await choosers.next();
      await chooser.setFiles(broken);
      const problems = page.getByTestId('custom-problems');
      await expect.poll(() => problems.innerText()).toMatch(/^era5-broken\.json could not be opened\. Problems found: 1\s+era5-broken\.json \$\.partners\[0\]\.trust: .*expected number/);
      noStack(await problems.innerText());
      expect(await page.getByTestId('custom-none').count()).toBe(1);
      await screenshot(page, 'custom-era-problems-en-laptop');
      expect(await axe(page, 'document')).toEqual([]);

      // The fifth era, from the file picker again.
      await page.getByTestId('custom-open').click();
      const again = await choosers.next();
      await again.setFiles(fifth);
      const status = page.getByTestId('custom-status');
      await expect.poll(() => status.innerText()).toMatch(/^era5-blacksea\.json is open: era 5, “After 2022 \(custom era: edit me\)”\. It is kept on this device/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('custom-play-era5-blacksea');
      expect(await page.getByTestId('custom-play-era5-blacksea').innerText()).toMatch(/Play: 5\. After 2022 \(custom era: edit me\)\s+2022–2030 · era5-blacksea\.json/);
      await screenshot(page, 'custom-era-list-en-laptop');
      expect(await axe(page, 'document')).toEqual([]);

      // Kept for the next visit.
      await page.reload();
      await waitReady(page);
      await page.getByTestId('title-custom').click();
      await page.getByTestId('custom-play-era5-blacksea').focus();
      await page.keyboard.press('Enter');
      await waitScene(page, 'EraIntro');
      expect(await page.evaluate(() => window.coopsec.state()?.scenarioId)).toBe('era5-blacksea');
      await expect.poll(() => page.locator('h1').first().innerText()).toBe('After 2022 (custom era: edit me)');
      await expect.poll(() => page.getByTestId('counterfactual-label').innerText()).toMatch(/^Counterfactual from 2026/);
      await page.getByTestId('era-research').locator('summary').click();
      expect(await axe(page, 'document')).toEqual([]);
      await advanceUntil(page, 'debrief');
      await waitScene(page, 'Debrief');
      await expect.poll(() => page.getByTestId('history').getByTestId('counterfactual-label').innerText()).toBe('No historical path to compare: this era is hypothetical, and its file cites no record of what NATO did.');
      expect(await page.getByTestId('debrief-score').innerText()).toMatch(/^\d+(\.\d)?\s*\/ 100$/);
      await screenshot(page, 'custom-era-debrief-en-laptop');

      // Removed, also for the next visit.
      await send(page, { type: 'game.quit' });
      await waitScene(page, 'Title');
      await page.getByTestId('title-custom').click();
      await page.getByTestId('custom-remove-era5-blacksea').click();
      await page.getByTestId('custom-none').waitFor();
      await expect.poll(() => page.getByTestId('custom-status').innerText()).toMatch(/has been removed from this device/);
      await page.reload();
      await waitReady(page);
      await page.getByTestId('title-custom').click();
      await page.getByTestId('custom-none').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('coopsec.customScenarios.v1'))).toBeNull();
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('opens the fifth era dropped on the title screen, and shows a broken file’s problems in French, and a file that is not JSON (FR)', async () => {
    const game = await openPage(env.browser, 'laptop', 'fr-FR');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      // Dropped anywhere on the title screen (here on the main menu).
      await dropFile(page, 'era5-blacksea.json', readFileSync(fifth, 'utf8'));
      await expect.poll(() => page.getByTestId('custom-status').innerText()).toMatch(/^era5-blacksea\.json est ouvert\s:\sépoque 5, «\s.+ \(époque personnalisée\s:\sà modifier\)\s»\. Il est gardé sur cet appareil/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('custom-play-era5-blacksea');
      await page.getByTestId('custom-input').setInputFiles(broken);
      const problems = page.getByTestId('custom-problems');
      await expect.poll(() => problems.innerText()).toMatch(/^era5-broken\.json n’a pas pu être ouvert\. Problèmes trouvés\s:\s1\s+era5-broken\.json \$\.partners\[0\]\.trust : .*nombre attendu/);
      await dropFile(page, 'notes.txt', 'hello');
      await expect.poll(() => problems.innerText()).toBe('Seul un fichier de scénario (.json) peut être déposé ici.');
      await dropFile(page, 'typo.json', '{\n  "id": "era5-x",\n  oops\n}');
      await expect.poll(() => problems.innerText()).toMatch(/typo\.json : ligne 3, colonne \d+ : JSON non valide/);
      await screenshot(page, 'custom-era-problems-fr-laptop');
      expect(await axe(page, 'document')).toEqual([]);
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('era 4’s briefing and its 2026 event card, with their labels, pass axe (EN)', async () => {
    const game = await openPage(env.browser, 'laptop');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      await send(page, { type: 'game.start', scenarioId: 'era4-after2022', seed: 3 });
      await waitScene(page, 'EraIntro');
      await page.getByTestId('era-research').locator('summary').click();
      expect(await axe(page, 'document')).toEqual([]);
      await page.evaluate(() => {
        for (let i = 0; i < 400; i++) {
          const s = window.coopsec.state();
          if (window.coopsec.phase() === 'turn.events' && s && s.year >= 2026 && s.pendingEvents.length > 0) return;
          const r = window.coopsec.send({ type: 'phase.advance' });
          if (!r.ok) throw new Error(r.reason);
        }
      });
      await waitScene(page, 'EventCard');
      await page.getByTestId('event-card').getByTestId('counterfactual-label').waitFor();
      await page.waitForTimeout(300);
      expect(await axe(page, 'document')).toEqual([]);
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});
