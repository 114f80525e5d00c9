/**
 * The facilitated exercise in real Chromium, local mode (src/game/exercise/): a facilitator
 * sets up era 2 from the title screen with NATO's staff, two capitals and the White Cell
 * held and a MSEL file of their own (a broken one first, its problems shown with JSON
 * paths), opens the projector window, and plays the era through the screens to its
 * after-action report — one objection, one adjudication with its rationale, one publish,
 * one rewind. The projector window's DOM never holds a secret sentinel (a capital's brief,
 * an unpublished inject). axe-core (WCAG 2.1 AA) on every exercise screen in English and
 * French, screenshots at 1920×1080 and 1280×720.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axe, focused, gotoGame, openExerciseSetup, openPage, screenshot, sharedBrowser, waitScene, type GamePage } from './helpers';
import type { RoleId } from '../../src/exercise/types';

const env = sharedBrowser();
const SECRET_BRIEF = 'SENTINEL-BRIEF-7f3a capital keeps Georgia first';
const SECRET_INJECT = 'SENTINEL-INJECT-91c2 unpublished';
const ERA = 'era2-stability';

/** Era 2 as served, with secret priorities for the Eastern capital (the shipped file has none yet). */
async function plantPriorities(context: BrowserContext): Promise<void> {
  await context.route(/era2-stability[^/]*\.json$/, async (route) => {
    let response;
    try {
      response = await route.fetch();
    } catch {
      // The page asking closed while its file was on the way (a projector window shut at a test's end).
      await route.abort().catch(() => undefined);
      return;
    }
    const data = await response.json();
    data.allies[0].priorities = {
      partners: ['GEO', 'UKR'],
      regions: ['east'],
      focus: ['capacity'],
      redLine: { kind: 'shareAtMost', value: 1.6 },
      brief: { en: SECRET_BRIEF, fr: `${SECRET_BRIEF} (fr)` },
    };
    await route.fulfill({ response, json: data });
  });
}

async function mselFiles(): Promise<{ good: string; bad: string; count: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'coopsec-msel-'));
  const base = (await import('../../scenarios/era2-stability.json', { with: { type: 'json' } })).default as { injects: Record<string, unknown>[] };
  const extra = { serial: 9, id: 'inject-secret', audience: ['all'], title: { en: 'Held back', fr: 'Retenu' }, text: { en: SECRET_INJECT, fr: SECRET_INJECT }, year: 2010, source: 'https://www.nato.int/', partners: [], choices: [{ id: 'ok', label: { en: 'Noted', fr: 'Noté' }, cost: { en: '—', fr: '—' } }] };
  const good = join(dir, 'msel-good.json');
  const bad = join(dir, 'msel-bad.json');
  await writeFile(good, JSON.stringify({ scenario: ERA, injects: [...base.injects, extra] }));
  await writeFile(bad, JSON.stringify({ scenario: ERA, injects: [...base.injects, { ...extra, audience: ['ally:nowhere'], year: 1950 }] }));
  return { good, bad, count: base.injects.length };
}


const view = (page: Page, role: RoleId) => page.evaluate((r) => window.coopsec.exercise!.view(r)!, role);

async function seat(page: Page, role: RoleId): Promise<void> {
  await page.getByTestId('cx-seat').selectOption(role);
  await page.getByTestId(`cx-screen-${role}`).waitFor();
}

async function noSecrets(projector: Page): Promise<void> {
  const html = await projector.content();
  expect(html).not.toContain('SENTINEL-BRIEF');
  expect(html).not.toContain('SENTINEL-INJECT');
}

describe('facilitated exercise, local mode', () => {
  it('a facilitator sets up era 2 and plays it through the screens to the AAR, with a projector that shows no secret', async () => {
    const game = await openPage(env.browser, 'projector');
    let projector: Page | null = null;
    try {
      await plantPriorities(game.context);
      await gotoGame(game.page, env.url);
      await waitScene(game.page, 'Title');
      const page = game.page;
      await openExerciseSetup(page);
      await page.getByTestId('cx-scenario').selectOption(ERA);
      await page.getByTestId('cx-seed').fill('4242');
      await page.getByTestId('cx-seed').dispatchEvent('change');
      // The capitals, NATO and the White Cell are held by default for a new set-up.
      for (const role of ['nato', 'ally:eastern-flank', 'ally:southern-flank', 'white']) expect(await page.getByTestId(`cx-held-${role}`).isChecked()).toBe(true);
      // A broken MSEL file: its problems are listed with their JSON paths.
      const files = await mselFiles();
      await page.getByTestId('cx-msel-file').setInputFiles(files.bad);
      const problems = page.getByTestId('cx-msel-problems');
      await problems.waitFor();
      // The bad inject is the one after the era's own list.
      expect(await problems.innerText()).toContain(`$.injects[${files.count}]`);
      await page.getByTestId('cx-msel-file').setInputFiles(files.good);
      await page.getByText(`msel-good.json (${files.count + 1}`).waitFor();
      // The page drawn again after taking it names the file beside its button, not "no file chosen".
      expect(await page.getByTestId('cx-msel-file-chosen').innerText()).toBe('msel-good.json');
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-screen-white').waitFor();

      // The projector window: the observer's view over a BroadcastChannel.
      const popup = game.context.waitForEvent('page');
      await page.getByTestId('cx-open-projector').click();
      projector = await popup;
      projector.on('console', (m) => {
        if (m.type() === 'error') game.errors.push(`projector console: ${m.text()}`);
      });
      await projector.getByTestId('cx-projector').waitFor();
      await noSecrets(projector);

      // One publish, from the MSEL table.
      await page.getByTestId('cx-publish-2').click();
      // ... and one hold: the sentinel inject stays unpublished.
      await page.getByTestId('cx-hold-9').click();
      expect((await view(page, 'white')).own.kind === 'white' && (await view(page, 'white')).injects.some((i) => i.serial === '2')).toBe(true);
      // The Eastern capital sees its secret brief on its own screen.
      await seat(page, 'ally:eastern-flank');
      expect(await page.getByTestId('cx-ally-secret').innerText()).toContain(SECRET_BRIEF);
      await seat(page, 'white');

      let objected = false;
      let adjudicated = false;
      let rewound = false;
      for (let guard = 0; guard < 400; guard++) {
        const v = await view(page, 'white');
        if (v.finished) break;
        const waiting = v.waitingFor;
        if (!rewound && v.year === 2006 && v.phase === 'briefing') {
          await seat(page, 'white');
          await page.getByTestId('cx-rewind-year').selectOption('2005');
          await page.getByTestId('cx-rewind').click();
          // Refused without a rationale; the refusal is shown.
          await page.getByTestId('cx-refusal').waitFor();
          await page.getByTestId('cx-rewind-year').selectOption('2005');
          await page.getByTestId('cx-rewind-rationale').fill('Replay 2005 to test the other answer to Kyiv');
          await page.getByTestId('cx-rewind').click();
          await page.waitForFunction(() => window.coopsec.exercise!.view('white')!.branch === 1);
          expect((await view(page, 'white')).year).toBe(2005);
          rewound = true;
          await noSecrets(projector);
          continue;
        }
        const ally = waiting.find((r) => r.startsWith('ally:'));
        if (v.phase === 'signals' && ally) {
          await seat(page, ally);
          await page.getByTestId('cx-ready').click();
        } else if (v.phase === 'planning' && waiting.includes('nato')) {
          await seat(page, 'nato');
          await page.getByTestId('board-next').click();
        } else if (v.phase === 'planning' && ally) {
          await seat(page, ally);
          const secret = ally === 'ally:eastern-flank';
          if (!objected && secret) {
            await page.getByTestId('cx-object-reason').fill('Too little for Georgia');
            await page.getByTestId('cx-object').click();
            objected = true;
          } else {
            await page.getByTestId('cx-approve').click();
          }
        } else if (v.phase === 'events' && waiting.includes('nato') && v.pending.length) {
          await seat(page, 'nato');
          await page.locator('[data-testid^="cx-choice-"]').first().click();
          // With a card left, the keyboard is on the cards' heading, not on the next card's first answer.
          if (await page.getByTestId('cx-event-answers').count()) expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
        } else if (v.phase === 'planning' && waiting.includes('white')) {
          await seat(page, 'white');
          await page.getByTestId('cx-deadlock-rationale').fill('The capitals split; the staff plan stands');
          await page.getByTestId('cx-decide-accept').click();
          // The decision closes its panel: the keyboard goes to the status bar, where the room now stands.
          await page.getByTestId('cx-deadlock').waitFor({ state: 'detached' });
          expect(await focused(page)).toBe('cx-status');
        } else {
          await seat(page, 'white');
          if (v.phase === 'adjudication' && !adjudicated) {
            await page.getByTestId('cx-adjudicate-east').click();
            await page.getByTestId('cx-refusal').waitFor();
            await page.getByTestId('cx-adj-step-east').selectOption('minorNatoGain');
            await page.getByTestId('cx-adj-rationale-east').fill('The Orange Revolution aid landed well in Kyiv');
            await page.getByTestId('cx-adjudicate-east').click();
            await page.waitForFunction(() => window.coopsec.exercise!.view('white')!.adjudications.length === 1);
            adjudicated = true;
          }
          await page.getByTestId('cx-advance').click();
        }
        // The screens move on: wait for the next view.
        await page.waitForTimeout(20);
        if (guard % 10 === 0) {
          await noSecrets(projector);
          const pv = await projector.getByTestId('cx-proj-year').innerText();
          expect(Number(pv)).toBe((await view(page, 'observer')).year);
        }
      }
      const end = await view(page, 'white');
      expect(end.finished).toBe(true);
      expect(objected && adjudicated && rewound).toBe(true);
      const record = await page.evaluate(() => window.coopsec.exercise!.record()!);
      const types = record.log.map((e) => e.move.type);
      for (const t of ['white.publish', 'ally.object', 'white.adjudicate', 'white.rewind', 'nato.propose', 'ally.approve']) expect(types, t).toContain(t);
      const adj = record.log.find((e) => e.move.type === 'white.adjudicate')!;
      expect(adj.move).toMatchObject({ region: 'east', step: 'minorNatoGain', rationale: 'The Orange Revolution aid landed well in Kyiv' });
      // The AAR at the end: open the printable report and download its data.
      await seat(page, 'white');
      await page.getByTestId('cx-aar').waitFor();
      const report = game.context.waitForEvent('page');
      await page.getByTestId('cx-aar-open').click();
      const aar = await report;
      await aar.waitForLoadState('load');
      expect(await aar.content()).toContain('2010');
      await aar.close();
      const download = page.waitForEvent('download');
      await page.getByTestId('cx-aar-csv').click();
      expect((await download).suggestedFilename()).toMatch(/^aar-era2-stability-4242-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
      await noSecrets(projector);
      expect(await projector.getByTestId('cx-projector').innerText()).toMatch(/over|terminé/i);
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  }, 400_000);

  for (const size of ['projector', 'laptop'] as const) {
    it(`every exercise screen passes axe (WCAG 2.1 AA) in English and French, with screenshots (${size})`, async () => {
      const game: GamePage = await openPage(env.browser, size);
      if (size === 'laptop') await game.page.setViewportSize({ width: 1280, height: 720 });
      const tag = size === 'projector' ? '1920' : '1280';
      try {
        await plantPriorities(game.context);
        await gotoGame(game.page, env.url);
        await waitScene(game.page, 'Title');
        const page = game.page;
        for (const lang of ['en', 'fr'] as const) {
          await page.evaluate(() => window.coopsec.exercise!.close());
          await openExerciseSetup(page);
          await page.getByTestId('cx-lang').selectOption(lang);
          await page.getByTestId('cx-setup').waitFor();
          expect(await axe(page), `setup ${lang}`).toEqual([]);
          // The MSEL's file picker speaks the page's language (the browser's own speaks the browser's) and opens from the keyboard.
          expect(await page.getByTestId('cx-msel-file-chosen').innerText()).toBe(lang === 'fr' ? 'Aucun fichier choisi' : 'No file chosen');
          expect(await page.getByTestId('cx-msel-file-button').innerText()).toBe(lang === 'fr' ? 'Choisir un fichier…' : 'Choose a file…');
          const chooser = page.waitForEvent('filechooser');
          await page.getByTestId('cx-msel-file-button').focus();
          await page.keyboard.press('Enter');
          expect((await chooser).isMultiple()).toBe(false);
          if (size === 'projector') {
            // Three columns: the long roles list takes two rows, so the panels of the second row start beside it, not under it.
            const box = async (testId: string) => (await page.getByTestId(testId).boundingBox())!;
            expect((await box('cx-msel-setup')).y).toBeLessThan((await box('cx-seats')).y + (await box('cx-seats')).height);
          }
          await screenshot(page, `exercise-setup-${lang}-${tag}`);
          // Every kind of role held, so each screen has its moves.
          const created = await page.evaluate(
            (era) => window.coopsec.exercise!.create({ scenarioId: era, seed: 77, held: ['nato', 'ally:eastern-flank', 'ally:southern-flank', 'partner:east', 'red:russia', 'white'], setup: { lang: document.documentElement.lang === 'fr' ? 'fr' : 'en' } }),
            ERA,
          );
          expect(created.ok).toBe(true);
          await page.getByTestId('cx-screen-white').waitFor();
          // Signals: partner and red cell screens with their forms; the capital's too.
          await page.evaluate(() => window.coopsec.exercise!.act({ role: 'white', type: 'phase.advance' }));
          for (const role of ['red:russia', 'partner:east', 'ally:eastern-flank'] as RoleId[]) {
            await seat(page, role);
            expect(await axe(page), `${role} ${lang}`).toEqual([]);
            if (role === 'red:russia') {
              // Russia is a partner in era 2, but the Russian red cell never courts itself.
              expect(await page.getByTestId('cx-signal-GEO').count()).toBe(1);
              expect(await page.getByTestId('cx-signal-RUS').count()).toBe(0);
              // A form's row reads across: the partner's name sits level with its input, not at the row's top.
              const input = (await page.getByTestId('cx-signal-GEO').boundingBox())!;
              const name = (await page.getByTestId('cx-signal-GEO').locator('xpath=ancestor::tr/td[1]').evaluate((td) => {
                const r = document.createRange();
                r.selectNodeContents(td);
                const b = r.getBoundingClientRect();
                return { y: b.y, height: b.height };
              }))!;
              expect(Math.abs(name.y + name.height / 2 - (input.y + input.height / 2))).toBeLessThan(3);
            }
            if (role === 'partner:east') {
              // The team's work comes first; its partners' table, beside the other panels, shows every column without scrolling, in either language.
              const order = await page.locator('[data-testid="cx-partner-demands"], [data-testid="cx-team-partners"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
              expect(order).toEqual(['cx-partner-demands', 'cx-team-partners']);
              const box = page.getByTestId('cx-team-partners').locator('.cx-scroll');
              expect(await box.evaluate((b) => b.scrollWidth - b.clientWidth), `${lang} ${tag}`).toBeLessThanOrEqual(0);
            }
            await screenshot(page, `exercise-${role.replace(':', '-')}-signals-${lang}-${tag}`);
          }
          for (const role of ['red:russia', 'partner:east', 'ally:eastern-flank', 'ally:southern-flank'] as RoleId[]) {
            const moved = await page.evaluate((r) => window.coopsec.exercise!.act(r === 'red:russia' ? { role: r, type: 'red.signal', offers: [] } : { role: r, type: 'phase.ready' }), role);
            expect(moved.ok, role).toBe(true);
          }
          // Every table ready: the exercise moves on to planning by itself.
          expect((await view(page, 'white')).phase).toBe('planning');
          // Planning: NATO's proposal form, then a capital's answer screen.
          await seat(page, 'nato');
          await page.getByTestId('cx-staff-board').waitFor();
          expect(await axe(page), `nato ${lang}`).toEqual([]);
          await screenshot(page, `exercise-nato-${lang}-${tag}`);
          await page.getByTestId('board-next').click();
          await seat(page, 'ally:eastern-flank');
          await page.getByTestId('cx-ally-proposal').waitFor();
          expect(await axe(page), `ally proposal ${lang}`).toEqual([]);
          await screenshot(page, `exercise-ally-${lang}-${tag}`);
          // The White Cell's console, through to its adjudication panel.
          await page.evaluate(() => {
            const ex = window.coopsec.exercise!;
            ex.act({ role: 'ally:eastern-flank', type: 'ally.approve' });
            ex.act({ role: 'ally:southern-flank', type: 'ally.approve' });
            ex.act({ role: 'white', type: 'phase.advance' });
            ex.act({ role: 'white', type: 'phase.advance' });
          });
          await seat(page, 'white');
          await page.getByTestId('cx-adjudication').waitFor();
          expect(await axe(page), `console ${lang}`).toEqual([]);
          // The MSEL's rows stay short: an inject's buttons on one line, its state on one line.
          const mselRow = await page.getByTestId('cx-msel').locator('tbody tr').first().evaluate((tr) => ({
            buttons: [...tr.querySelectorAll('button')].map((b) => Math.round(b.getBoundingClientRect().top)),
            state: (() => {
              const r = document.createRange();
              r.selectNodeContents(tr.children[4]);
              return new Set([...r.getClientRects()].map((rect) => Math.round(rect.top))).size;
            })(),
          }));
          expect(mselRow.buttons.length).toBeGreaterThan(1);
          expect(new Set(mselRow.buttons).size, 'buttons on one line').toBe(1);
          expect(mselRow.state, 'the state on one line').toBe(1);
          await screenshot(page, `exercise-console-${lang}-${tag}`);
          // The laptop's own lines keep a laptop's type on the observer's seat; the wall's picture below them takes the wall's.
          const typeOf = (testId: string) => page.getByTestId(testId).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
          const laptopType = await typeOf('cx-status');
          await seat(page, 'observer');
          expect(await typeOf('cx-status')).toBe(laptopType);
          expect(await typeOf('cx-projector')).toBeGreaterThan(laptopType);
          expect(await page.getByTestId('cx-screen-observer').locator('.cx-proj-title').innerText()).toMatch(/^(Projector — what the room sees|Projecteur — ce que voit la salle)$/i);
          expect(await axe(page), `projector preview ${lang}`).toEqual([]);
          await screenshot(page, `exercise-projector-${lang}-${tag}`);
          // The projector window itself.
          await seat(page, 'white');
          const popup = game.context.waitForEvent('page');
          await page.getByTestId('cx-open-projector').click();
          const projector = await popup;
          await projector.setViewportSize(size === 'projector' ? { width: 1920, height: 1080 } : { width: 1280, height: 720 });
          await projector.getByTestId('cx-projector').waitFor();
          expect(await axe(projector), `projector window ${lang}`).toEqual([]);
          await screenshot(projector, `exercise-projector-window-${lang}-${tag}`);
          await noSecrets(projector);
          await projector.close();
        }
        expect(game.errors).toEqual([]);
      } finally {
        await game.close();
      }
    }, 300_000);
  }
});

describe('the console on one laptop', () => {
  it('takes back a refusal once the move goes through, keeps the keyboard on Pause/Resume, and asks before closing an exercise kept on this laptop only', async () => {
    const game = await openPage(env.browser, 'laptop');
    try {
      const page = game.page;
      await openExerciseSetup(page, env.url);
      // The set-up opens with its heading focused, also once it has asked whether a classroom server answers.
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.getByTestId('cx-scenario').selectOption('era2-stability');
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-screen-white').waitFor();
      // An empty note is refused; the same note with a text is taken, and the refusal goes with it.
      await page.getByTestId('cx-note-add').click();
      await page.getByTestId('cx-refusal').waitFor();
      await page.getByTestId('cx-note-text').fill('The capitals argued over the south.');
      await page.getByTestId('cx-note-add').click();
      await page.getByTestId('cx-notes').getByText('The capitals argued over the south.').waitFor();
      expect(await page.getByTestId('cx-refusal').count()).toBe(0);
      // Pause and Resume take each other's place under the keyboard's focus (it fell to the page's top).
      await page.getByTestId('cx-pause').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('cx-resume').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-resume');
      await page.keyboard.press('Enter');
      await page.getByTestId('cx-pause').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-pause');
      // Closing asks first, by keyboard: the focus goes to "Keep it open", which puts it back on Close.
      await page.getByTestId('cx-close').click();
      expect(await page.getByTestId('cx-end-confirm-box').innerText()).toContain('Once closed, this exercise is gone from this laptop');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-end-cancel');
      expect(await axe(page), 'console asking before closing').toEqual([]);
      await page.keyboard.press('Enter');
      expect(await page.getByTestId('cx-end-confirm-box').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-close');
      await page.getByTestId('cx-screen-white').waitFor();
      await page.getByTestId('cx-close').click();
      await page.getByTestId('cx-end-confirm').click();
      await waitScene(page, 'Title');
      expect(await page.getByTestId('cx-screen-white').count()).toBe(0);
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  }, 120_000);
});

describe("NATO's staff at the board", () => {
  it('plans the year on the solo board by keyboard — a tier, a line, N sends the proposal — and after an objection revises the same plan; the board shows no hidden weight', async () => {
    const game = await openPage(env.browser, 'laptop');
    try {
      const page = game.page;
      await gotoGame(page, env.url);
      await waitScene(page, 'Title');
      const created = await page.evaluate((era) => window.coopsec.exercise!.create({ scenarioId: era, seed: 77, held: ['nato', 'ally:eastern-flank', 'white'] }), ERA);
      expect(created.ok).toBe(true);
      await page.getByTestId('cx-screen-white').waitFor();
      for (let i = 0; i < 10 && (await view(page, 'white')).phase !== 'planning'; i++) {
        const v = await view(page, 'white');
        await page.evaluate((roles) => {
          const ex = window.coopsec.exercise!;
          if (!roles.length) ex.act({ role: 'white', type: 'phase.advance' });
          for (const r of roles) ex.act({ role: r, type: 'phase.ready' });
        }, v.waitingFor.filter((r) => r !== 'white'));
      }
      expect((await view(page, 'white')).phase).toBe('planning');
      await seat(page, 'nato');
      const board = page.getByTestId('cx-staff-board');
      await board.waitFor();
      // The staff knows no partner's weight yet: the card says so, whatever the file holds.
      expect(await board.getByTestId('partner-card').innerText()).toMatch(/Strategic weight\s+unknown/);

      // Declared priorities, by keyboard.
      await page.getByTestId('policy-priorities').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('policy-priorities').getAttribute('aria-pressed')).toBe('true');
      // Georgia to tier 1 from its select, by keyboard (the list re-spreads the money by tier).
      const tier = page.getByTestId('tier-GEO');
      await tier.focus();
      await tier.selectOption('1');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-focus'))).toBe('tier-GEO');
      // A line on Georgia's card, typed.
      await page.getByTestId('partner-GEO').focus();
      await page.keyboard.press('Enter');
      const line = page.getByTestId('alloc-GEO-capacity');
      // A little less than the tier gave it, so the plan stays within the money.
      const typed = Math.max(0, Number(await line.inputValue()) - 0.2).toFixed(2);
      await line.focus();
      await line.fill(typed);
      await line.press('Tab');
      await expect.poll(() => line.inputValue()).toBe(typed);
      expect(await axe(page), 'staff board').toEqual([]);
      await screenshot(page, 'exercise-staff-board-laptop');

      // N sends it as the staff's proposal (focus outside a field).
      await page.getByTestId('policy-priorities').focus();
      await page.keyboard.press('n');
      await expect.poll(async () => (await view(page, 'white')).proposals.length).toBe(1);
      const sent = (await view(page, 'white')).proposals[0].decision;
      expect(sent.policy).toBe('priorities');
      expect(sent.tiers?.GEO).toBe(1);
      expect(sent.allocations.filter((l) => l.partner === 'GEO' && l.focus === 'capacity').reduce((s, l) => s + l.amount, 0)).toBeCloseTo(Number(typed), 6);
      // While the capitals answer, the plan is shown locked.
      await expect.poll(() => page.getByTestId('policy-equal').isDisabled()).toBe(true);
      expect(await page.getByTestId('board-next').count()).toBe(0);

      // The capital objects; the staff finds the same plan to revise, and sends it again.
      const objected = await page.evaluate(() => window.coopsec.exercise!.act({ role: 'ally:eastern-flank', type: 'ally.object', reason: 'More for Ukraine' }));
      expect(objected.ok).toBe(true);
      await page.getByTestId('cx-objected').waitFor();
      await expect.poll(() => page.getByTestId('tier-GEO').inputValue()).toBe('1');
      await page.getByTestId('board-next').click();
      await expect.poll(async () => (await view(page, 'white')).proposals.length).toBe(2);
      expect((await view(page, 'white')).proposals[1].decision).toEqual(sent);
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  }, 120_000);
});

describe('a campaign exercise', () => {
  it('plays the four eras in turn from one set-up: each era ends with its score, the next starts with the same seed and seats, and the projector window follows', async () => {
    const game = await openPage(env.browser, 'laptop');
    let projector: Page | null = null;
    try {
      const page = game.page;
      await openExerciseSetup(page, env.url);
      await page.getByTestId('cx-scenario').selectOption('campaign');
      await page.getByTestId('cx-seed').fill('321');
      await page.getByTestId('cx-seed').dispatchEvent('change');
      // Only the White Cell held: the engine plays every other role.
      const others = page.locator('[data-testid^="cx-held-"]:checked:not([data-testid="cx-held-white"])');
      for (const id of await others.evaluateAll((boxes) => boxes.map((b) => (b as HTMLElement).dataset.testid!))) await page.getByTestId(id).uncheck();
      expect(await others.count()).toBe(0);
      expect(await axe(page), 'set-up, campaign').toEqual([]);
      await page.getByTestId('cx-start').click();
      await page.getByTestId('cx-screen-white').waitFor();
      const popup = game.context.waitForEvent('page');
      await page.getByTestId('cx-open-projector').click();
      projector = await popup;
      await projector.getByTestId('cx-projector-window').waitFor();

      const seen: string[] = [];
      for (let era = 1; era <= 4; era++) {
        const first = await view(page, 'white');
        seen.push(first.scenarioId);
        // The White Cell moves the room on until the era ends (the engine answers for every table).
        await page.evaluate(async () => {
          const ex = window.coopsec.exercise!;
          for (let i = 0; i < 400 && !ex.view('white')!.finished; i++) await ex.act({ role: 'white', type: 'phase.advance' });
        });
        const panelText = await page.getByTestId('cx-campaign').innerText();
        expect(await page.getByTestId('cx-campaign-scores').locator('li').count()).toBe(era);
        expect(panelText).toMatch(new RegExp(`Era ${era}, .*: \\d+\\.\\d / 100`));
        // The projector window shows the era the room is in.
        await expect.poll(async () => (await projector!.getByTestId('cx-projector-window').innerText()).includes(String(first.year)) || era > 1).toBe(true);
        if (era < 4) {
          if (era === 1) {
            expect(await axe(page), 'campaign panel').toEqual([]);
            await screenshot(page, 'exercise-campaign-laptop');
          }
          await page.getByTestId('cx-campaign-next').click();
          await expect.poll(async () => (await view(page, 'white')).scenarioId).not.toBe(first.scenarioId);
          const next = await view(page, 'white');
          expect(next.finished).toBe(false);
          expect(next.own.kind === 'white' && next.own.seed).toBe(321);
          expect(next.held).toEqual(['white']);
        } else {
          expect(panelText).toContain('The campaign is over.');
          expect(await page.getByTestId('cx-campaign-next').count()).toBe(0);
        }
      }
      expect(seen).toEqual(['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022']);
      // The window opened in era 1 now shows era 4's last year.
      const last = await view(page, 'white');
      await expect.poll(() => projector!.getByTestId('cx-projector-window').innerText()).toContain(String(last.year));
      expect(game.errors).toEqual([]);
    } finally {
      await projector?.close();
      await game.close();
    }
  }, 240_000);
});
