/**
 * An exercise on one laptop survives a reload, in real Chromium (docs/facilitator-guide.md,
 * "If the page is reloaded"): the facilitator's page, reloaded in the middle of an exercise,
 * comes back to it — same moves, same state, the seat it showed, its phase timer paused — and
 * the projector window left open follows it again. The set-up offers the kept exercise back
 * (or says why it cannot be read, and discards it only once confirmed), takes one up from a
 * downloaded record, and refuses a record whose moves no longer replay, naming the move.
 * Closing the exercise forgets it. axe-core (WCAG 2.1 AA) on the set-up in English and French.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axe, focused, gotoGame, openExerciseSetup, openPage, screenshot, sharedBrowser, waitScene } from './helpers';
import type { ExerciseRecord } from '../../src/exercise/types';

const env = sharedBrowser();
const KEY = 'coopsec.exercise.local';

const record = (page: Page) => page.evaluate(() => window.coopsec.exercise!.record()!);
const hash = (page: Page) => page.evaluate(() => window.coopsec.exercise!.stateHash()!);
const act = (page: Page, move: Record<string, unknown>) => page.evaluate((m) => window.coopsec.exercise!.act(m as never), move);

describe('an exercise on one laptop, reloaded', () => {
  it('comes back where it stood, with its seat, its timer paused and the projector following; closing it forgets it', async () => {
    const game = await openPage(env.browser, 'laptop');
    try {
      const page = game.page;
      await openExerciseSetup(page, env.url);
      // Nothing kept yet: the panel offers only to take a record up.
      expect(await page.getByTestId('cx-kept-facts').count()).toBe(0);
      await page.getByTestId('cx-takeup-file-button').waitFor();
      await page.getByTestId('cx-scenario').selectOption('era2-stability');
      await page.getByTestId('cx-seed').fill('4242');
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-screen-white').waitFor();
      expect(new URL(page.url()).search).toBe('?exercise=local');
      // A few moves: a note, a five-minute timer on the phase, and the stand-ins' moves through the first year.
      await page.getByTestId('cx-note-text').fill('Reload drill: the capitals argued over the south.');
      await page.getByTestId('cx-note-add').click();
      await page.getByTestId('cx-notes').getByText('Reload drill').waitFor();
      const phase = (await page.evaluate(() => window.coopsec.exercise!.view('white')!.phase)) as string;
      expect(await act(page, { role: 'white', type: 'white.timer', phase, seconds: 300 })).toEqual({ ok: true });
      await page.getByTestId('cx-seat').selectOption('nato');
      await page.getByTestId('cx-screen-nato').waitFor();
      const before = await record(page);
      const hashBefore = await hash(page);
      const projectorId = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)!).projectorId as string, KEY);

      // The projector window stays open through the reload.
      const projector = await game.context.newPage();
      await projector.goto(`${env.url}?projector=${projectorId}`, { waitUntil: 'load' });
      await projector.getByTestId('cx-projector').waitFor({ timeout: 30_000 });
      expect(await projector.getByTestId('cx-projector').innerText()).not.toMatch(/paused/i);

      await page.reload({ waitUntil: 'load' });
      await page.getByTestId('cx-screen-nato').waitFor({ timeout: 30_000 });
      const after = await record(page);
      // Every move kept, in order, and one more: the White Cell's pause of the timer that ran while the page was away.
      expect(after.log.slice(0, before.log.length)).toEqual(before.log);
      expect(after.log.length).toBe(before.log.length + 1);
      expect(after.log[after.log.length - 1].move.type).toBe('white.pause');
      expect(await hash(page)).toBe(hashBefore);
      expect(await page.locator('.cx-ok').first().innerText()).toContain('paused');
      // The projector heard the exercise again (its paused badge comes with the view sent on taking it up).
      await projector.waitForFunction(() => /paused/i.test(document.body.innerText), undefined, { timeout: 10_000 });
      await screenshot(page, 'kept-taken-up-1366');
      expect(await axe(page), 'console taken up again').toEqual([]);
      // Said again in the language the facilitator switches to.
      await page.getByTestId('cx-lang').selectOption('fr');
      expect(await page.locator('.cx-ok').first().innerText()).toMatch(/^Repris \(gardé par ce navigateur\)\u00a0: \d{4}, Breffage\. L’exercice est en pause/);
      await page.getByTestId('cx-lang').selectOption('en');

      // Closed by the facilitator (asked first): not offered again.
      await page.getByTestId('cx-close').click();
      await page.getByTestId('cx-end-confirm').click();
      await waitScene(page, 'Title');
      expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
      expect(new URL(page.url()).search).toBe('');
      // The projector says the exercise closed; the title no longer says one is kept.
      await projector.getByTestId('cx-projector-closed').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('title-exercise').innerText()).not.toContain('kept');
      await openExerciseSetup(page);
      expect(await page.getByTestId('cx-kept-facts').count()).toBe(0);
      await projector.close();
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  }, 180_000);

  it('offers the kept exercise on the set-up (EN/FR), takes one up from a record file, refuses one that no longer replays, and discards only once confirmed', async () => {
    const game = await openPage(env.browser, 'projector');
    try {
      const page = game.page;
      await gotoGame(page, env.url);
      await waitScene(page, 'Title');
      // An exercise started by script, a move made, then the page left for the title by its address (no Close).
      expect((await page.evaluate(() => window.coopsec.exercise!.create({ scenarioId: 'era1-enlargement', seed: 77, held: ['nato', 'white'] }))).ok).toBe(true);
      expect(await act(page, { role: 'white', type: 'white.note', text: 'Kept for later.' })).toEqual({ ok: true });
      expect(await act(page, { role: 'white', type: 'white.note', text: 'And a second note.' })).toEqual({ ok: true });
      const kept: ExerciseRecord = await record(page);
      const keptHash = await hash(page);
      await gotoGame(page, env.url);
      // The title says an exercise is kept; a page no classroom server gave offers no join.
      expect(await page.getByTestId('title-exercise').innerText()).toContain('An exercise is kept on this laptop');
      expect(await page.getByTestId('title-join').count()).toBe(0);
      await openExerciseSetup(page);
      const facts = await page.getByTestId('cx-kept-facts').innerText();
      expect(facts).toContain('seed 77');
      expect(kept.log.length).toBe(2);
      expect(facts).toContain('2 moves, the last in 1994');
      expect(await axe(page), 'set-up with a kept exercise (EN)').toEqual([]);
      await screenshot(page, 'kept-setup-en-1920');
      await page.getByTestId('cx-lang').selectOption('fr');
      expect(await page.getByTestId('cx-kept').innerText()).toContain('Reprendre un exercice');
      expect(await page.getByTestId('cx-kept-facts').innerText()).toContain('graine 77');
      expect(await axe(page), 'set-up with a kept exercise (FR)').toEqual([]);
      await screenshot(page, 'kept-setup-fr-1920');
      await page.getByTestId('cx-lang').selectOption('en');

      // Starting another exercise asks first, offering the kept one's record; Escape keeps it, the keyboard back on Start.
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-replace-box').waitFor();
      expect(await page.getByTestId('cx-replace-box').innerText()).toContain('seed 77');
      expect(await focused(page)).toBe('cx-replace-keep');
      expect(await axe(page), 'set-up asking before it replaces the kept exercise').toEqual([]);
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('cx-replace-box').count()).toBe(0);
      expect(await focused(page)).toBe('cx-start');
      expect(await page.getByTestId('cx-kept-facts').innerText()).toContain('seed 77');

      // A record file whose move was edited into another year: refused, naming the move; nothing started, the kept one still there.
      const dir = await mkdtemp(join(tmpdir(), 'coopsec-kept-'));
      const edited = join(dir, 'exercise-edited.json');
      await writeFile(edited, JSON.stringify({ ...kept, log: kept.log.map((e, i) => (i === kept.log.length - 1 ? { ...e, year: e.year + 3 } : e)) }));
      await page.getByTestId('cx-takeup-file').setInputFiles(edited);
      const refusal = await page.getByTestId('cx-refusal').innerText();
      expect(refusal).toContain('exercise-edited.json');
      expect(refusal).toContain(`move ${kept.log.length}`);
      expect(await page.getByTestId('cx-setup').count()).toBe(1);
      expect(await page.getByTestId('cx-kept-facts').count()).toBe(1);

      // Another of the game's files (here an after-action report): said so in the page's language.
      const report = join(dir, 'aar-era1-enlargement-77.json');
      await writeFile(report, JSON.stringify({ format: 'coopsec-aar', version: 1 }));
      await page.getByTestId('cx-lang').selectOption('fr');
      await page.getByTestId('cx-takeup-file').setInputFiles(report);
      await page.getByTestId('cx-refusal').filter({ hasText: 'aar-era1-enlargement-77.json' }).waitFor();
      expect(await page.getByTestId('cx-refusal').innerText()).toBe('aar-era1-enlargement-77.json n’est pas un journal d’exercice\u00a0: reprenez un exercise.json, téléchargé depuis la console d’un exercice (un rapport ou une partie solo sauvegardée ne peut être repris).');
      await page.getByTestId('cx-lang').selectOption('en');
      expect(await page.getByTestId('cx-refusal').innerText()).toContain('aar-era1-enlargement-77.json is not an exercise record');

      // The record as downloaded: taken up where it stood.
      const good = join(dir, 'exercise-era1-enlargement-77.json');
      await writeFile(good, JSON.stringify(kept, null, 1));
      await page.getByTestId('cx-takeup-file').setInputFiles(good);
      // It would replace the kept exercise: asked, then done.
      await page.getByTestId('cx-replace-confirm').click();
      await page.getByTestId('cx-screen-white').waitFor();
      expect(await hash(page)).toBe(keptHash);
      expect(await page.locator('.cx-ok').first().innerText()).toContain('exercise-era1-enlargement-77.json');

      // A keep whose moves no longer replay (here its last move edited into another year): the reload is refused by move number,
      // and the panel says so up front, offering its record and its discarding, not a take-up that would only be refused.
      await page.evaluate((k) => {
        const save = JSON.parse(localStorage.getItem(k)!);
        save.record.log[save.record.log.length - 1].year += 3;
        localStorage.setItem(k, JSON.stringify(save));
      }, KEY);
      await page.goto(`${env.url}?exercise=local`, { waitUntil: 'load' });
      await page.getByTestId('cx-kept-unreplayable').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('cx-refusal').innerText()).toContain(`move ${kept.log.length}`);
      expect(await page.getByTestId('cx-kept-unreplayable').innerText()).toMatch(new RegExp(`^This exercise cannot be taken up in this version of the game: its record no longer replays at move ${kept.log.length} \\(.+\\)\\. Download its record to keep it, or discard it\\.$`));
      expect(await page.getByTestId('cx-kept-resume').count()).toBe(0);
      expect(await page.getByTestId('cx-kept-facts').innerText()).toContain('seed 77');
      await page.getByTestId('cx-lang').selectOption('fr');
      expect(await page.getByTestId('cx-kept-unreplayable').innerText()).toContain('Cet exercice ne peut pas être repris dans cette version du jeu');
      expect(await axe(page), 'set-up with a kept exercise that no longer replays (FR)').toEqual([]);
      await page.getByTestId('cx-lang').selectOption('en');
      const saved = page.waitForEvent('download');
      await page.getByTestId('cx-kept-download').click();
      expect((await saved).suggestedFilename()).toMatch(/^exercise-era1-enlargement-77-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);

      // A keep the browser cannot read: said, offered for download, discarded only once confirmed (keyboard: focus on "Keep it").
      await page.evaluate((k) => localStorage.setItem(k, '{"format":"coopsec-local-exercise","version":1,"record":{"format":"coopsec-exercise","version":1,"setup":{"scenarioId":"era1-enlargement","seed":3},"log":[{"seq":"x"}]}}'), KEY);
      await page.goto(`${env.url}?exercise=local`, { waitUntil: 'load' });
      await page.getByTestId('cx-kept-unreadable').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('cx-kept-unreadable').innerText()).toContain('$.record.log[0]');
      const download = page.waitForEvent('download');
      await page.getByTestId('cx-kept-download').click();
      expect((await download).suggestedFilename()).toBe('exercise-kept.json');
      await page.getByTestId('cx-kept-discard').click();
      expect(await focused(page)).toBe('cx-kept-keep');
      await page.keyboard.press('Enter');
      expect(await page.getByTestId('cx-kept-discard-box').count()).toBe(0);
      expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).not.toBeNull();
      await page.getByTestId('cx-kept-discard').click();
      await page.getByTestId('cx-kept-discard-confirm').click();
      expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
      expect(await page.getByTestId('cx-kept-unreadable').count()).toBe(0);
      // Reloaded on the exercise's address with nothing kept: the set-up says so.
      await page.goto(`${env.url}?exercise=local`, { waitUntil: 'load' });
      await page.getByTestId('cx-refusal').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('cx-refusal').innerText()).toContain('keeps no exercise');
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  }, 180_000);

  it('says when a phase timer ran out while the page was away (French), and a reloaded page with another tab on the exercise is warned', async () => {
    const game = await openPage(env.browser, 'laptop', 'fr-FR');
    try {
      const page = game.page;
      await gotoGame(page, env.url);
      await waitScene(page, 'Title');
      expect((await page.evaluate(() => window.coopsec.exercise!.create({ scenarioId: 'era2-stability', seed: 9, held: ['nato', 'white'] }))).ok).toBe(true);
      const phase = (await page.evaluate(() => window.coopsec.exercise!.view('white')!.phase)) as string;
      expect(await act(page, { role: 'white', type: 'white.timer', phase, seconds: 5 })).toEqual({ ok: true });
      // The page goes away at once, and comes back once the five seconds are over.
      await page.close();
      await new Promise((resolve) => setTimeout(resolve, 6000));
      const back = await game.context.newPage();
      await back.goto(`${env.url}?exercise=local`, { waitUntil: 'load' });
      await back.getByTestId('cx-screen-white').waitFor({ timeout: 30_000 });
      const said = await back.locator('.cx-ok').first().innerText();
      expect(said).toContain('le minuteur de sa phase est arrivé à zéro');
      expect((await back.evaluate(() => window.coopsec.exercise!.view('white')!)).paused).toBe(true);
      // The phase has not moved on by itself: it waits for the facilitator.
      expect(await back.evaluate(() => window.coopsec.exercise!.view('white')!.phase)).toBe(phase);
      await screenshot(back, 'kept-timer-ran-out-fr-1366');
      // A second tab opened on the same exercise writes it: the first is warned.
      const second = await game.context.newPage();
      await second.goto(`${env.url}?exercise=local`, { waitUntil: 'load' });
      await second.getByTestId('cx-screen-white').waitFor({ timeout: 30_000 });
      await back.getByTestId('cx-other-tab').waitFor({ timeout: 10_000 });
      expect(await back.getByTestId('cx-other-tab').innerText()).toContain('autre onglet');
      await second.close();
    } finally {
      await game.close();
    }
  }, 120_000);
});
