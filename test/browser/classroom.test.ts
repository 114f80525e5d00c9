/**
 * The classroom in real Chromium: the classroom server (src/server) serves the built game
 * on 127.0.0.1, and one browser context per laptop plays era 2 through the screens — the
 * facilitator creates the exercise from the set-up screen and reads the join code off the
 * seat board; NATO's staff, two capitals, a partner team and a red cell join from the join
 * address (the partner team types the code at the bare address instead, and comes back to
 * its seat after a reload); a projector watches. One laptop drops (its page is reloaded)
 * and comes back to the same screen, as does the facilitator's reloaded console; the White
 * Cell adjudicates once and rewinds once; the era ends at the after-action report. Neither the projector's page nor the WebSocket frames it receives
 * ever hold a secret sentinel (a capital's brief, a red cell's bluff, an unpublished
 * inject). axe-core (WCAG 2.1 AA) on the join page, a seat and the seat board, in English
 * and French. Then what happens around an exercise: a seat released, the exercise closed by
 * its facilitator, a server stopped and started again under the laptops and the projector,
 * a server gone for good.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { axe, fileChoosers, gotoGame, openPage, screenshot, sharedBrowser, waitReady, waitScene, type GamePage } from './helpers';
import { freePort } from './setup';
import { ClassroomServer } from '../../src/server/server';
import { ClassroomClient } from '../../src/net/client';
import { hashToken } from '../../src/server/store';
import { consoleLink } from '../../src/net/protocol';
import { loadScenarioFile, scenarioFiles } from '../../src/cli/files';
import type { Scenario } from '../../src/core/scenario';
import type { RoleId } from '../../src/exercise/types';
import type { RoleView } from '../../src/exercise/views';
import { withSentinels } from '../exercise/support';

const env = sharedBrowser();
const ERA = 'era2-stability';
const root = join(import.meta.dirname, '../..');
const SEATS: RoleId[] = ['nato', 'ally:eastern-flank', 'ally:southern-flank', 'partner:east', 'red:russia'];

let server: ClassroomServer;
let url: string;
let scenario: Scenario;

beforeAll(async () => {
  const scenarios: Record<string, Scenario> = {};
  for (const file of scenarioFiles()) {
    const loaded = loadScenarioFile(file);
    if (loaded.ok) scenarios[loaded.scenario.id] = loaded.scenario;
  }
  // The server holds era 2 with a secret brief in every capital and a sentinel in every inject.
  scenario = withSentinels(scenarios[ERA]);
  scenarios[ERA] = scenario;
  server = new ClassroomServer({ port: 0, host: '127.0.0.1', db: ':memory:', scenarios, dist: inject('distDir'), log: () => {} });
  await server.start();
  url = `http://127.0.0.1:${server.address().port}/`;
});
afterAll(async () => {
  await server?.stop();
});


const view = (page: Page, role: RoleId) => page.evaluate((r) => window.coopsec.exercise!.view(r)!, role) as Promise<RoleView>;
const logLength = (fac: Page) => fac.evaluate(() => {
  const v = window.coopsec.exercise!.view('white')!;
  return v.own.kind === 'white' ? v.own.logLength : -1;
});

/** A laptop at the join address (of this server, or of `base`): takes its seat and waits for its screen. */
async function joinAs(laptop: GamePage, code: string, role: RoleId, holder: string, base = url): Promise<void> {
  await laptop.page.goto(`${base}?join=${code}`, { waitUntil: 'load' });
  await laptop.page.getByTestId(`cx-take-${role}`).waitFor({ timeout: 60_000 });
  await laptop.page.getByTestId('cx-join-holder').fill(holder);
  await laptop.page.getByTestId(`cx-take-${role}`).click();
  await laptop.page.getByTestId(`cx-screen-${role}`).waitFor();
}

/** A classroom server in a process of its own (./classroomProcess.ts), once it listens; `classAddress` as `--lan` gives it. */
function serverProcess(port: number, db: string, classAddress?: string): Promise<ChildProcess> {
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/browser/classroomProcess.ts'), String(port), db, inject('distDir'), ...(classAddress ? [classAddress] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (d) => String(d).includes('server on') && resolve(child));
    child.once('exit', (code) => reject(new Error(`the classroom server exited (${code})`)));
  });
}

/** Stops a server process as Ctrl-C does. */
async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
}

/** The console of an exercise this browser created (its facilitator token kept, as the set-up screen keeps it). */
async function openConsole(fac: GamePage, created: { exerciseId: string; code: string; facilitatorToken: string }, opens = true, base = url): Promise<void> {
  await fac.page.goto(base, { waitUntil: 'load' });
  await fac.page.evaluate((session) => localStorage.setItem('coopsec.classroom.sessions', JSON.stringify([session])), { exerciseId: created.exerciseId, code: created.code, token: created.facilitatorToken, role: 'white', scenarioId: ERA });
  await fac.page.goto(`${base}?console=${created.code}`, { waitUntil: 'load' });
  if (opens) await fac.page.getByTestId('cx-seat-board').waitFor({ timeout: 60_000 });
}

describe('the classroom: one laptop per team over the classroom server', () => {
  it('a facilitator, five teams and a projector play era 2 through the screens to the AAR; a dropped laptop returns; the projector never holds a secret', async () => {
    const laptops: GamePage[] = [];
    const open = async () => {
      const laptop = await openPage(env.browser, 'laptop');
      laptops.push(laptop);
      return laptop;
    };
    try {
      // The facilitator sets the exercise up from the title screen, on the classroom server.
      const facilitator = await open();
      const fac = facilitator.page;
      await fac.goto(url, { waitUntil: 'load' });
      await waitReady(fac);
      await fac.getByTestId('title-exercise').click();
      await fac.getByTestId('cx-setup').waitFor();
      await fac.locator('[data-testid="cx-where-classroom"]:checked').waitFor();
      await fac.getByTestId('cx-scenario').selectOption(ERA);
      await fac.getByTestId('cx-seed').fill('4242');
      await fac.getByTestId('cx-seed').dispatchEvent('change');
      await fac.getByTestId('cx-held-partner:east').check();
      await fac.getByTestId('cx-held-red:russia').check();
      await fac.getByTestId('cx-start').click();
      await fac.getByTestId('cx-screen-white').waitFor();
      const code = (await fac.getByTestId('cx-join-code').innerText()).trim();
      expect(code).toMatch(/^[A-Z0-9]{6}$/);
      expect(await fac.getByTestId('cx-join-url').innerText()).toBe(`${url}?join=${code}`);
      await fac.getByTestId('cx-qr').locator('svg').waitFor();

      // The teams join from the join address; the first laptop's join page is checked with axe.
      const team: Partial<Record<RoleId, GamePage>> = {};
      for (const role of SEATS) {
        const laptop = await open();
        if (role === 'nato') {
          await laptop.page.goto(`${url}?join=${code}`, { waitUntil: 'load' });
          await laptop.page.getByTestId('cx-take-nato').waitFor({ timeout: 60_000 });
          // A seat is not taken without a name for the seat board.
          await laptop.page.getByTestId('cx-take-nato').click();
          await laptop.page.getByTestId('cx-join-error').waitFor();
          // The page's own check, said as such (not as a refusal of the server's).
          expect(await laptop.page.getByTestId('cx-join-error').innerText()).toBe('Enter your name or table first: the facilitator’s seat board shows it.');
          expect(await axe(laptop.page), 'join page').toEqual([]);
          await screenshot(laptop.page, 'classroom-join-en');
          // A table that fits is no tab stop (Tab would stop on nothing to do); one that scrolls is, once the window makes it scroll.
          const tabStopsFollowScrolling = () => [...document.querySelectorAll('.cx-scroll')].every((e) => (e.scrollWidth > e.clientWidth + 1) === (e.getAttribute('tabindex') === '0'));
          await laptop.page.waitForFunction(tabStopsFollowScrolling);
          expect(await laptop.page.locator('.cx-scroll:not([tabindex])').count(), 'the seat table fits and is no tab stop').toBeGreaterThan(0);
          await laptop.page.evaluate(() => {
            document.querySelector('.cx-scroll table')!.setAttribute('style', 'min-width: 4000px');
            window.dispatchEvent(new Event('resize'));
          });
          await laptop.page.waitForFunction(tabStopsFollowScrolling);
          expect(await laptop.page.locator('.cx-scroll[tabindex="0"]').count(), 'a table too wide scrolls from the keyboard').toBeGreaterThan(0);
        }
        if (role === 'partner:east') {
          // A team that types the code at the bare join address also comes back to its seat after a reload.
          await laptop.page.goto(`${url}?join=`, { waitUntil: 'load' });
          // A mistyped code, on a laptop in French: the server's refusal in French, not its English sentence.
          await laptop.page.getByTestId('cx-lang').selectOption('fr');
          await laptop.page.getByTestId('cx-join-code-input').fill(code === 'ZZZZZZ' ? 'ZZZZZY' : 'ZZZZZZ');
          await laptop.page.getByTestId('cx-lookup').click();
          await laptop.page.getByTestId('cx-join-error').waitFor();
          expect(await laptop.page.getByTestId('cx-join-error').innerText()).toBe('Aucun exercice n’a ce code\u202f: comparez-le à celui qu’affiche l’animateur.');
          await laptop.page.getByTestId('cx-lang').selectOption('en');
          // The browser logs the server's 404 for that code; it is the answer expected, and the only one.
          const notFound = laptop.errors.filter((e) => /status of 404/.test(e));
          expect(notFound).toHaveLength(1);
          laptop.errors.splice(laptop.errors.indexOf(notFound[0]), 1);
          await laptop.page.getByTestId('cx-join-code-input').fill(code);
          await laptop.page.getByTestId('cx-join-holder').fill(`Table ${role}`);
          await laptop.page.getByTestId('cx-lookup').click();
          await laptop.page.getByTestId(`cx-take-${role}`).click();
          await laptop.page.getByTestId(`cx-screen-${role}`).waitFor();
          await laptop.page.reload({ waitUntil: 'load' });
          await laptop.page.getByTestId(`cx-screen-${role}`).waitFor({ timeout: 60_000 });
        } else await joinAs(laptop, code, role, `Table ${role}`);
        team[role] = laptop;
      }
      // The projector laptop watches with the join code; every frame it receives is kept.
      const projector = await openPage(env.browser, 'projector');
      laptops.push(projector);
      const frames: string[] = [];
      projector.page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : Buffer.from(f.payload).toString('latin1'))));
      await projector.page.goto(`${url}?watch=${code}`, { waitUntil: 'load' });
      await projector.page.getByTestId('cx-projector').waitFor();
      // The map: partners shaded on the board's projection, named in its text alternative.
      await projector.page.locator('[data-testid="cx-proj-map"] svg path[data-partner="UKR"]').waitFor();
      expect(await projector.page.getByTestId('cx-proj-map').getAttribute('aria-label')).toContain('Ukraine');

      // The seat board: every team connected, by name.
      for (const role of SEATS) await fac.locator(`[data-testid="cx-seat-state-${role}"]`, { hasText: 'connected' }).and(fac.locator(':not(:has-text("not"))')).waitFor();
      expect(await fac.getByTestId('cx-seat-table').innerText()).toContain('Table ally:eastern-flank');
      expect(await axe(fac), 'seat board and console').toEqual([]);
      await screenshot(fac, 'classroom-console-en');
      // The facilitator's laptop reloads its console: it comes back to the same exercise, not to the title.
      await fac.reload({ waitUntil: 'load' });
      await fac.getByTestId('cx-screen-white').waitFor({ timeout: 60_000 });
      expect((await fac.getByTestId('cx-join-code').innerText()).trim()).toBe(code);

      // A capital sees its own brief and not the other's; NATO's staff sees neither.
      const eastern = team['ally:eastern-flank']!.page;
      expect(await eastern.getByTestId('cx-ally-secret').innerText()).toContain('SECRET-ALLY-eastern-flank');
      expect(await eastern.content()).not.toContain('SECRET-ALLY-southern-flank');
      expect(await team.nato!.page.content()).not.toContain('SECRET-ALLY');

      const secretsOnProjector = async () => {
        const white = await view(fac, 'white');
        const published = new Set(white.injects.map((i) => i.serial));
        const unpublished = scenario.injects.map((i) => String(i.serial)).filter((s) => !published.has(s));
        const html = await projector.page.content();
        for (const text of [html, ...frames]) {
          expect(text).not.toContain('SECRET-ALLY');
          expect(text).not.toMatch(/bluff/);
          for (const serial of unpublished) expect(text).not.toContain(`SECRET-INJECT-${serial}-END`);
        }
        // The wall screen cannot be scrolled: everything fits at 1920×1080 and at 1280×720.
        for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
          await projector.page.setViewportSize(size);
          const fit = await projector.page.evaluate(() => ({ content: document.querySelector('.cx-root')!.scrollHeight, screen: innerHeight, year: document.querySelector('[data-testid="cx-proj-year"]')?.textContent }));
          expect(fit.content, `projector at ${size.width}×${size.height} in ${fit.year}`).toBeLessThanOrEqual(fit.screen);
        }
      };

      let adjudicated = false;
      let rewound = false;
      let dropped = false;
      let signalled = false;
      let objected = false;
      let french = false;
      for (let guard = 0; guard < 600; guard++) {
        const v = await view(fac, 'white');
        if (v.finished) break;
        const before = await logLength(fac);
        const waiting = v.waitingFor;
        const role = waiting.find((r) => r !== 'white');
        if (!rewound && v.year === 2006 && v.phase === 'briefing') {
          await fac.getByTestId('cx-rewind-year').selectOption('2005');
          await fac.getByTestId('cx-rewind-rationale').fill('Replay 2005 to try the other answer');
          await fac.getByTestId('cx-rewind').click();
          await fac.waitForFunction(() => window.coopsec.exercise!.view('white')!.branch === 1);
          rewound = true;
          await secretsOnProjector();
          continue;
        }
        if (!dropped && v.phase === 'planning' && role === 'nato') {
          // NATO's laptop drops (its page is reloaded): it comes back to the same seat and phase.
          const nato = team.nato!.page;
          await nato.reload({ waitUntil: 'load' });
          await nato.getByTestId('cx-screen-nato').waitFor({ timeout: 60_000 });
          expect((await view(nato, 'nato')).phase).toBe('planning');
          await fac.locator('[data-testid="cx-seat-state-nato"]', { hasText: 'connected' }).and(fac.locator(':not(:has-text("not"))')).waitFor();
          dropped = true;
        }
        if (role) {
          const page = team[role]!.page;
          if (v.phase === 'signals' && role.startsWith('red:') && !signalled) {
            // A bluffed offer: its intent is the red cell's secret.
            // The red cell's signals start from its offers of the briefing; it marks the first a bluff.
            const amounts = page.locator('[data-testid^="cx-signal-"]');
            const first = await amounts.evaluateAll((inputs) => inputs.findIndex((i) => Number((i as HTMLInputElement).value.replace(',', '.')) > 0));
            expect(first).toBeGreaterThanOrEqual(0);
            await page.locator('[data-testid^="cx-bluff-"]').nth(first).check();
            await page.getByTestId('cx-send-signals').click();
            await page.waitForFunction(() => window.coopsec.exercise!.view('red:russia')!.own.kind === 'red' && (window.coopsec.exercise!.view('red:russia')!.own as { signals: { bluff: boolean }[] }).signals.some((s) => s.bluff));
            signalled = true;
            continue;
          } else if (v.phase === 'signals') {
            await page.getByTestId('cx-ready').click();
          } else if (v.phase === 'planning' && role === 'nato') {
            const types = (await fac.evaluate(() => window.coopsec.exercise!.record()!.log.map((e) => e.move.type))) as string[];
            // After an objection the board keeps the plan the capitals saw, the gap analysis included.
            if (!types.includes('partner.gapAnswer') && (await page.getByTestId('action-0').count()) === 0) {
              // Until the partner team has answered one: a gap analysis for Georgia, which the eastern team answers.
              // On NATO's board, as in the solo game: the partner, the action, Add.
              await page.getByTestId('action-partner').selectOption('GEO');
              await page.getByTestId('action-type').selectOption('gapAnalysis');
              await page.getByTestId('action-add').click();
              await expect.poll(() => page.getByTestId('action-0').innerText()).toMatch(/Georgia/);
            }
            await page.getByTestId('board-next').click();
          } else if (v.phase === 'planning' && role.startsWith('ally:')) {
            if (!objected && role === 'ally:eastern-flank') {
              // An objection without a reason is refused — in French on a French screen.
              if (!french) {
                await page.getByTestId('cx-lang').selectOption('fr');
                await page.getByTestId('cx-object').click();
                await page.getByTestId('cx-refusal').waitFor();
                expect(await page.getByTestId('cx-refusal').innerText()).toMatch(/^Refusé.*justification d’une ligne est requise/);
                expect(await axe(page), 'a capital in French').toEqual([]);
                await screenshot(page, 'classroom-ally-fr');
                await page.getByTestId('cx-lang').selectOption('en');
                french = true;
              }
              await page.getByTestId('cx-object-reason').fill('Too little for Georgia');
              await page.getByTestId('cx-object').click();
              objected = true;
            } else await page.getByTestId('cx-approve').click();
          } else if (v.phase === 'planning' && role.startsWith('partner:')) {
            await page.locator('[data-testid^="cx-gap-accept-"]').first().click();
          } else if (v.phase === 'planning' && role.startsWith('red:')) {
            await page.getByTestId('cx-commit').click();
          } else if (v.phase === 'events' && role === 'nato') {
            await page.locator('[data-testid^="cx-choice-"]').first().click();
          } else throw new Error(`no screen action for ${role} in ${v.year} ${v.phase}`);
        } else if (waiting.includes('white') && v.phase === 'planning') {
          await fac.getByTestId('cx-deadlock-rationale').fill('The capitals split; the staff plan stands');
          await fac.getByTestId('cx-decide-accept').click();
        } else {
          if (v.phase === 'adjudication' && !adjudicated) {
            await fac.getByTestId('cx-adj-step-east').selectOption('minorNatoGain');
            await fac.getByTestId('cx-adj-rationale-east').fill('The aid landed well in Kyiv');
            await fac.getByTestId('cx-adjudicate-east').click();
            await fac.waitForFunction(() => window.coopsec.exercise!.view('white')!.adjudications.length === 1);
            adjudicated = true;
            continue;
          }
          await fac.getByTestId('cx-advance').click();
        }
        await fac
          .waitForFunction((n) => {
            const w = window.coopsec.exercise!.view('white')!;
            return w.own.kind === 'white' && w.own.logLength > n;
          }, before, { timeout: 20_000 })
          .catch(async () => {
            const refusals = await Promise.all([fac, ...Object.values(team).map((l) => l!.page)].map((p) => p.locator('[data-testid="cx-refusal"], [data-testid="cx-connection"], .cs-error').allInnerTexts()));
            throw new Error(`nothing happened after ${role ?? 'white'}'s move in ${v.year} ${v.phase} (waiting for ${waiting.join(', ')}); on screen: ${refusals.flat().join(' | ')}`);
          });
        if (guard % 15 === 0) await secretsOnProjector();
      }
      const end = await view(fac, 'white');
      expect(end.finished).toBe(true);
      expect({ adjudicated, rewound, dropped, signalled, objected, french }).toEqual({ adjudicated: true, rewound: true, dropped: true, signalled: true, objected: true, french: true });
      await secretsOnProjector();
      expect(frames.length).toBeGreaterThan(50);
      // The frames are read as text: a view's own keys are there to be found, so a secret would be too.
      expect(frames.some((f) => f.includes('waitingFor'))).toBe(true);
      // The projector shows the last year.
      await projector.page.locator('[data-testid="cx-proj-year"]', { hasText: String(end.year) }).waitFor();
      await screenshot(projector.page, 'classroom-projector-end');

      // The facilitator's AAR, built in the browser from the mirrored record.
      await fac.getByTestId('cx-aar').waitFor();
      const record = await fac.evaluate(() => window.coopsec.exercise!.record()!);
      const types = record.log.map((e) => e.move.type);
      for (const t of ['nato.propose', 'ally.object', 'ally.approve', 'red.signal', 'red.commit', 'partner.gapAnswer', 'white.adjudicate', 'white.rewind']) expect(types, t).toContain(t);
      // The server's record is the same log.
      expect(server.store.log(server.store.exerciseByCode(code)!.id).length).toBe(record.log.length);
      const report = facilitator.context.waitForEvent('page');
      await fac.getByTestId('cx-aar-open').click();
      const aar = await report;
      await aar.waitForLoadState('load');
      expect(await aar.content()).toContain('The aid landed well in Kyiv');
      // The report's score, as its summary table gives it ("Score: 61.2 out of 100").
      const reportText = await aar.locator('body').innerText();
      const aarScore = async () => /Score\W+(\d+\.\d)/.exec(reportText)?.[1] ?? `no score in the report: ${reportText.slice(0, 300)}`;
      await aar.close();
      // Each team's screen says the exercise is over, and shows the era's result the projector shows and the AAR reports.
      const finalScore = await projector.page.getByTestId('cx-final-score').innerText();
      expect(finalScore).toMatch(/^\d+\.\d$/);
      expect(await aarScore()).toBe(finalScore);
      const finalGrade = await projector.page.getByTestId('cx-final-grade').innerText();
      expect(finalGrade).toMatch(/^[A-E] · /);
      await secretsOnProjector();
      expect(await fac.getByTestId('cx-final-score').innerText()).toBe(finalScore);
      for (const role of SEATS) {
        await team[role]!.page.getByText('The exercise has ended').waitFor();
        expect(await team[role]!.page.getByTestId('cx-final-score').innerText(), role).toBe(finalScore);
        expect(await team[role]!.page.getByTestId('cx-final-grade').innerText(), role).toBe(finalGrade);
      }
      expect(await axe(projector.page)).toEqual([]);
      expect(await axe(team.nato!.page)).toEqual([]);
      // The console offers nothing the engine would refuse once the era is over; notes and the rewind stay.
      await fac.getByTestId('cx-over').waitFor();
      for (const gone of ['cx-advance', 'cx-pause', 'cx-set-timer', 'cx-extend', 'cx-adhoc']) expect(await fac.getByTestId(gone).count(), gone).toBe(0);
      expect(await fac.locator('[data-testid^="cx-publish-"], [data-testid^="cx-hold-"], [data-testid^="cx-skip-"]').count()).toBe(0);
      for (const kept of ['cx-note-add', 'cx-rewind']) expect(await fac.getByTestId(kept).count(), kept).toBe(1);
      await screenshot(projector.page, 'classroom-projector-result');
      await screenshot(fac, 'classroom-console-end');
      for (const laptop of laptops) expect(laptop.errors, 'console errors').toEqual([]);
    } finally {
      for (const laptop of laptops) await laptop.close();
    }
  }, 600_000);

  it('the plenary compares the syndicates\' exercises of one seed: those run from this browser on the server, and exercise files on a page without a server', async () => {
    const laptop = await openPage(env.browser, 'laptop');
    const local = await openPage(env.browser, 'laptop');
    try {
      const fac = laptop.page;
      await fac.goto(url, { waitUntil: 'load' });
      await waitReady(fac);
      // Two syndicates' exercises of era 1, seed 9, each played a few phases by the White Cell.
      const codes: string[] = [];
      const files: string[] = [];
      for (let n = 0; n < 2; n++) {
        const made = await fac.evaluate(() => window.coopsec.exercise!.create({ scenarioId: 'era1-enlargement', seed: 9, held: ['white'], classroom: true }));
        expect(made.ok).toBe(true);
        codes.push((made as { code: string }).code);
        for (let i = 0; i < 4 + n * 3; i++) expect(await fac.evaluate(() => window.coopsec.exercise!.act({ role: 'white', type: 'phase.advance' }))).toEqual({ ok: true });
        const record = await fac.evaluate(() => window.coopsec.exercise!.record());
        const file = join(await mkdtemp(join(tmpdir(), 'coopsec-plenary-')), `syndicate-${n + 1}.json`);
        await writeFile(file, JSON.stringify(record));
        files.push(file);
        await fac.evaluate(() => window.coopsec.exercise!.close());
      }
      await fac.getByTestId('title-exercise').click();
      await fac.getByTestId('cx-plenary').waitFor();
      for (const code of codes) await fac.getByTestId(`cx-plenary-pick-${code}`).check();
      await fac.getByTestId('cx-plenary-compare').click();
      await fac.getByTestId('cx-plenary-ready').waitFor();
      const opened = laptop.context.waitForEvent('page');
      await fac.getByTestId('cx-plenary-open').click();
      const report = await opened;
      await report.waitForLoadState('load');
      const html = await report.content();
      for (const code of codes) expect(html).toContain(code);
      expect(await axe(fac), 'set-up with the plenary').toEqual([]);
      await screenshot(fac, 'classroom-plenary-en');

      // The same two files on a page served without a classroom server: compared in the browser.
      await local.page.goto(inject('baseUrl'), { waitUntil: 'load' });
      await waitReady(local.page);
      await local.page.getByTestId('title-exercise').click();
      await local.page.getByTestId('cx-plenary-files').setInputFiles(files[0]);
      expect(await local.page.getByTestId('cx-plenary-problem').innerText()).toMatch(/two exercises or more/);
      await local.page.getByTestId('cx-plenary-files').setInputFiles(files);
      await local.page.getByTestId('cx-plenary-ready').waitFor();
      expect(await local.page.getByTestId('cx-plenary-ready').innerText()).toContain('2 exercises');
      for (const g of [laptop, local]) expect(g.errors, 'console errors').toEqual([]);
    } finally {
      await laptop.close();
      await local.close();
    }
  }, 300_000);

  it('a facilitator\'s own era, opened from a file, runs in the classroom: the server is given it with the exercise, a team\'s laptop and the projector fetch its public part', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coopsec-era5-'));
    const made = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/scenarioNew.ts'), '--from', 'era4-after2022', '--id', 'era5-blacksea', '--dir', dir], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(made.status, made.stderr).toBe(0);
    const laptops = [await openPage(env.browser, 'laptop'), await openPage(env.browser, 'laptop'), await openPage(env.browser, 'projector')];
    const [facilitator, team, wall] = laptops;
    try {
      const fac = facilitator.page;
      const choosers = fileChoosers(fac);
      await fac.goto(url, { waitUntil: 'load' });
      await waitReady(fac);
      // The title says what this page is for: a solo game here would lack the hidden parts.
      expect(await fac.getByTestId('title-classroom-page').innerText()).toContain('classroom server');
      await fac.getByTestId('title-custom').click();
      await fac.getByTestId('custom-open').click();
      const chooser = await choosers.next();
      await chooser.setFiles(join(dir, 'era5-blacksea.json'));
      await fac.getByTestId('custom-play-era5-blacksea').waitFor();
      await fac.keyboard.press('Escape');
      await fac.getByTestId('title-exercise').click();
      await fac.getByTestId('cx-scenario').selectOption('era5-blacksea');
      await fac.getByTestId('cx-start').click();
      await fac.getByTestId('cx-screen-white').waitFor();
      const code = (await fac.getByTestId('cx-join-code').innerText()).trim();
      await joinAs(team, code, 'nato', 'Table 1');
      expect(await team.page.getByTestId('cx-screen-nato').locator('h1').innerText()).toBeTruthy();
      await wall.page.goto(`${url}?watch=${code}`, { waitUntil: 'load' });
      await wall.page.getByTestId('cx-projector').waitFor();
      expect(await wall.page.getByTestId('cx-proj-map').getAttribute('aria-label')).toContain('Ukraine');
      expect(await fac.evaluate(() => window.coopsec.exercise!.act({ role: 'white', type: 'phase.advance' }))).toEqual({ ok: true });
      await team.page.waitForFunction(() => window.coopsec.exercise!.view('nato')!.phase !== 'briefing');
      for (const l of laptops) expect(l.errors, 'console errors').toEqual([]);
    } finally {
      for (const l of laptops) await l.close();
    }
  }, 300_000);

  it('a laptop whose seat the facilitator released is told so in its language when it comes back, on the join page with the free seats', async () => {
    const api = new ClassroomClient(url);
    const created = await api.createExercise({ scenario: ERA, held: ['nato', 'ally:eastern-flank'] });
    const laptop = await openPage(env.browser, 'laptop');
    try {
      await joinAs(laptop, created.code, 'nato', 'Table A');
      await laptop.page.getByTestId('cx-lang').selectOption('fr');
      await api.release(created.exerciseId, created.facilitatorToken, 'nato');
      await laptop.page.reload({ waitUntil: 'load' });
      await laptop.page.getByTestId('cx-join-error').waitFor({ timeout: 60_000 });
      expect(await laptop.page.getByTestId('cx-join-error').innerText()).toBe('L’animateur a libéré ce siège. Rejoignez l’exercice avec le code pour reprendre un siège.');
      await laptop.page.getByTestId('cx-take-nato').waitFor();
      expect(await axe(laptop.page), 'join page after a release, in French').toEqual([]);
      await screenshot(laptop.page, 'classroom-released-fr');
      // The browser logs the room's refusal of the old token; nothing else.
      expect(laptop.errors.filter((e) => !/status of 4\d\d|not valid/.test(e))).toEqual([]);
    } finally {
      await laptop.close();
    }
  }, 120_000);

  it('a team\'s laptop back on the title screen finds its seat from there, in its language; a laptop without a seat finds the join page', async () => {
    const api = new ClassroomClient(url);
    const created = await api.createExercise({ scenario: ERA, held: ['nato', 'ally:eastern-flank'] });
    const laptop = await openPage(env.browser, 'laptop', 'fr-FR');
    const fresh = await openPage(env.browser, 'laptop');
    try {
      await joinAs(laptop, created.code, 'nato', 'Table A');
      // The game's own address, without the join link: the title screen.
      await gotoGame(laptop.page, url);
      await waitScene(laptop.page, 'Title');
      const back = laptop.page.getByTestId('title-join');
      await back.waitFor();
      expect(await back.innerText()).toContain(`Retour à votre place dans l’exercice ${created.code}`);
      await screenshot(laptop.page, 'classroom-title-join-fr');
      expect(await axe(laptop.page, 'document'), 'title with the way back to a seat, in French').toEqual([]);
      await back.focus();
      await laptop.page.keyboard.press('Enter');
      await laptop.page.getByTestId('cx-screen-nato').waitFor({ timeout: 30_000 });
      // No seat held in this browser: the button opens the join page, its code field to fill.
      await gotoGame(fresh.page, url);
      await waitScene(fresh.page, 'Title');
      expect(await fresh.page.getByTestId('title-join').innerText()).toContain('With the join code your facilitator gives');
      await fresh.page.getByTestId('title-join').click();
      await fresh.page.getByTestId('cx-join-code-input').waitFor();
      expect(laptop.errors).toEqual([]);
      expect(fresh.errors).toEqual([]);
    } finally {
      await laptop.close();
      await fresh.close();
    }
  }, 120_000);

  it('the facilitator sets a passphrase and lets a table hold two seats; a laptop is asked for the passphrase before it sees the seats, and the join form answers Enter and a mistyped code in its language', async () => {
    const facilitator = await openPage(env.browser, 'laptop');
    const laptop = await openPage(env.browser, 'laptop');
    const other = await openPage(env.browser, 'laptop');
    try {
      const fac = facilitator.page;
      await fac.goto(url, { waitUntil: 'load' });
      await waitReady(fac);
      await fac.getByTestId('title-exercise').click();
      await fac.locator('[data-testid="cx-where-classroom"]:checked').waitFor();
      await fac.getByTestId('cx-scenario').selectOption(ERA);
      expect(await axe(fac), 'set-up with the access fields').toEqual([]);
      // Too short a passphrase is said on the set-up, which keeps it; no exercise is made.
      await fac.getByTestId('cx-setup-passphrase').fill('ab');
      await fac.getByTestId('cx-start').click();
      expect(await fac.getByTestId('cx-refusal').innerText()).toBe('A passphrase has at least 4 characters (or leave it empty).');
      expect(await fac.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-setup-passphrase');
      await fac.getByTestId('cx-setup-passphrase').fill('blue harbour');
      await fac.getByTestId('cx-setup-several-seats').check();
      await fac.getByTestId('cx-start').click();
      await fac.getByTestId('cx-screen-white').waitFor();
      const code = (await fac.getByTestId('cx-join-code').innerText()).trim();

      // Without the passphrase the seats are not listed, and the page says why rather than "every seat is taken".
      const page = laptop.page;
      await page.goto(`${url}?join=${code}`, { waitUntil: 'load' });
      await page.getByTestId('cx-join-passphrase').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('cx-join-seats').innerText()).toContain('This exercise has a passphrase: type it above');
      expect(await page.getByTestId('cx-take-nato').count()).toBe(0);
      // Enter in a field of the form looks the code up again, with the passphrase.
      await page.getByTestId('cx-join-holder').fill('Table 3');
      await page.getByTestId('cx-join-passphrase').fill('blue harbour');
      await page.getByTestId('cx-join-passphrase').press('Enter');
      await page.getByTestId('cx-take-nato').waitFor();
      await page.getByTestId('cx-take-nato').click();
      await page.getByTestId('cx-screen-nato').waitFor();
      // The same table takes a second seat: the facilitator allowed it.
      const joined = await new ClassroomClient(url).join({ code, role: 'ally:eastern-flank', holder: 'Table 3', passphrase: 'blue harbour' });
      expect(joined.role).toBe('ally:eastern-flank');
      expect(await axe(page), 'join page after a passphrase').toEqual([]);

      // A code of the wrong shape is said so in the page's language, without asking the server.
      await other.page.goto(`${url}?join=`, { waitUntil: 'load' });
      await other.page.getByTestId('cx-join-code-input').waitFor({ timeout: 60_000 });
      await other.page.getByTestId('cx-lang').selectOption('fr');
      await other.page.getByTestId('cx-join-code-input').fill('AB3');
      await other.page.getByTestId('cx-join-code-input').press('Enter');
      expect(await other.page.getByTestId('cx-join-error').innerText()).toBe('Un code d’accès compte six lettres et chiffres, tel que l’écran de l’animateur l’affiche.');
      expect(await other.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-join-code-input');
      await screenshot(other.page, 'classroom-join-code-shape-fr');
      for (const l of [facilitator, laptop, other]) expect(l.errors.filter((e) => !/status of 4\d\d/.test(e)), 'console errors').toEqual([]);
    } finally {
      for (const l of [facilitator, laptop, other]) await l.close();
    }
  }, 180_000);

  it('a laptop on its seat when the facilitator releases it goes to the join page at once: nothing of the seat (its brief) stays on its screen', async () => {
    const api = new ClassroomClient(url);
    const created = await api.createExercise({ scenario: ERA, held: ['nato', 'ally:eastern-flank'] });
    const laptop = await openPage(env.browser, 'laptop');
    try {
      await joinAs(laptop, created.code, 'ally:eastern-flank', 'Table B');
      const seat = laptop.page.getByTestId('cx-screen-ally:eastern-flank');
      await seat.waitFor();
      const brief = (await laptop.page.evaluate(() => window.coopsec.exercise!.view('ally:eastern-flank')!.own)) as { kind: string; priorities?: { brief: { en: string } } };
      expect(brief.priorities?.brief.en.length).toBeGreaterThan(20);
      await api.release(created.exerciseId, created.facilitatorToken, 'ally:eastern-flank');
      await laptop.page.getByTestId('cx-join-error').waitFor({ timeout: 30_000 });
      expect(await laptop.page.getByTestId('cx-join-error').innerText()).toBe('The facilitator released this seat. Join again with the code to take a seat.');
      expect(await seat.count()).toBe(0);
      expect(await laptop.page.locator('body').innerText()).not.toContain(brief.priorities!.brief.en.slice(0, 40));
      await laptop.page.getByTestId('cx-take-ally:eastern-flank').waitFor();
      expect(await axe(laptop.page), 'join page after a release while seated').toEqual([]);
      expect(laptop.errors.filter((e) => !/status of 4\d\d|not valid/.test(e))).toEqual([]);
    } finally {
      await laptop.close();
    }
  }, 120_000);

  it('the facilitator closes the exercise from the seat board, in two steps by keyboard: every laptop is told so in its language, the join code stops working, the console keeps its downloads', async () => {
    const api = new ClassroomClient(url);
    const created = await api.createExercise({ scenario: ERA, seed: 12, held: ['nato', 'ally:eastern-flank'] });
    const laptop = await openPage(env.browser, 'laptop');
    const fac = await openPage(env.browser, 'projector');
    const wall = await openPage(env.browser, 'projector');
    try {
      await joinAs(laptop, created.code, 'nato', 'Table A');
      await wall.page.goto(`${url}?watch=${created.code}`, { waitUntil: 'load' });
      await wall.page.getByTestId('cx-projector').waitFor({ timeout: 60_000 });
      await laptop.page.getByTestId('cx-lang').selectOption('fr');
      await openConsole(fac, created);
      await fac.page.getByTestId('cx-close-start').focus();
      await fac.page.keyboard.press('Enter');
      // The second step takes the focus on its safe answer.
      expect(await fac.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-close-cancel');
      await fac.page.keyboard.press('Enter');
      expect(await fac.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-close-start');
      await fac.page.keyboard.press('Enter');
      await fac.page.getByTestId('cx-close-exercise').scrollIntoViewIfNeeded();
      expect(await axe(fac.page), 'the seat board asking to confirm the close').toEqual([]);
      await screenshot(fac.page, 'classroom-close-confirm');
      await fac.page.getByTestId('cx-close-confirm').click();
      await fac.page.getByTestId('cx-closed').waitFor();
      await laptop.page.getByTestId('cx-closed').waitFor();
      expect(await laptop.page.getByTestId('cx-closed').locator('h1').innerText()).toBe('Exercice clos');
      // Its heading has the focus: a screen reader says why the screen went.
      await laptop.page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await laptop.page.getByTestId('cx-closed').innerText()).toContain('L’animateur a clos cet exercice. Merci d’avoir joué.');
      expect(await axe(laptop.page), 'a laptop of a closed exercise, in French').toEqual([]);
      await screenshot(laptop.page, 'classroom-closed-fr');
      expect(await fac.page.getByTestId('cx-closed').innerText()).toContain('Its record stays on the server');
      // The projector says so too, in place of the last picture.
      expect(await wall.page.getByTestId('cx-watch-closed').innerText()).toBe('The facilitator has closed this exercise. Thank you for playing.');
      expect(await wall.page.getByTestId('cx-projector').count()).toBe(0);
      expect(await axe(fac.page), 'the console of a closed exercise').toEqual([]);
      await screenshot(fac.page, 'classroom-closed-console');
      const [file] = await Promise.all([fac.page.waitForEvent('download'), fac.page.getByTestId('cx-closed-record').click()]);
      // Named by era, seed, join code and the time of the download: a plenary's syndicates play the same era and seed.
      expect(file.suggestedFilename()).toMatch(new RegExp(`^exercise-${ERA}-12-[A-Z0-9]{4,8}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.json$`));
      const record = JSON.parse(await readFile((await file.path())!, 'utf8')) as { format: string; setup: { seed: number } };
      expect(record).toMatchObject({ format: 'coopsec-exercise', setup: { seed: 12 } });
      // The report's files come from the server too, named like the record (a plenary's downloads do not overwrite each other).
      for (const [id, name] of [['cx-closed-aar', 'aar'], ['cx-closed-aar-json', 'aar'], ['cx-closed-aar-csv', 'aar']] as const) {
        const [got] = await Promise.all([fac.page.waitForEvent('download'), fac.page.getByTestId(id).click()]);
        expect(got.suggestedFilename()).toMatch(new RegExp(`^${name}-${ERA}-12-[A-Z0-9]{4,8}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.(html|json|csv)$`));
        expect((await readFile((await got.path())!, 'utf8')).length).toBeGreaterThan(200);
      }
      // Reloaded, the laptop is on the join page, told the exercise is closed; the seat is forgotten.
      await laptop.page.reload({ waitUntil: 'load' });
      await laptop.page.getByTestId('cx-join-error').waitFor({ timeout: 60_000 });
      expect(await laptop.page.getByTestId('cx-join-error').innerText()).toBe('L’animateur a clos cet exercice\u202f: aucun siège ne l’ouvre plus. Demandez le code du suivant.');
      expect(await laptop.page.evaluate(() => localStorage.getItem('coopsec.classroom.sessions'))).toBe('[]');
      expect(laptop.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
      expect(fac.errors).toEqual([]);
      expect(wall.errors).toEqual([]);
    } finally {
      await laptop.close();
      await fac.close();
      await wall.close();
    }
  }, 120_000);

  it('a phone that scanned the join code: the join page and the seat\'s screen fit its width, and the screen opens at its top, its heading focused', async () => {
    const api = new ClassroomClient(url);
    const created = await api.createExercise({ scenario: ERA, seed: 14, held: SEATS });
    const phone = await openPage(env.browser, 'phone');
    try {
      await phone.page.goto(`${url}?join=${created.code}`, { waitUntil: 'load' });
      const last = SEATS[SEATS.length - 1];
      await phone.page.getByTestId(`cx-take-${last}`).waitFor({ timeout: 60_000 });
      await phone.page.getByTestId('cx-join-holder').fill('Phone');
      // The last seat's button is well below the fold: the join page is scrolled down to it.
      await phone.page.getByTestId(`cx-take-${last}`).scrollIntoViewIfNeeded();
      expect(await phone.page.locator('.cx-root').evaluate((e) => e.scrollTop)).toBeGreaterThan(200);
      await phone.page.getByTestId(`cx-take-${last}`).click();
      await phone.page.getByTestId(`cx-screen-${last}`).waitFor();
      expect(await phone.page.locator('.cx-root').evaluate((e) => e.scrollTop)).toBe(0);
      expect(await phone.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      // No panel wider than the screen: a wide table scrolls inside its own box.
      const overflowing = await phone.page.evaluate(() => [...document.querySelectorAll('.cx-root *')].filter((e) => !e.closest('.cx-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName} ${e.textContent?.slice(0, 40)}`));
      expect(overflowing).toEqual([]);
      expect(await axe(phone.page), 'a seat on a phone').toEqual([]);
      await screenshot(phone.page, 'classroom-phone-seat');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 120_000);

  it('the console moves to a spare laptop by its link, shown on request by keyboard; a new key from the server sends both old consoles away, told why in their language', async () => {
    const api = new ClassroomClient(url);
    const created = await api.createExercise({ scenario: ERA, seed: 13, held: ['nato'] });
    const fac = await openPage(env.browser, 'projector');
    const spare = await openPage(env.browser, 'laptop');
    const third = await openPage(env.browser, 'laptop');
    try {
      await openConsole(fac, created);
      // This server listens on 127.0.0.1 only: the seat board says no other laptop can join.
      expect(await fac.page.getByTestId('cx-loopback').innerText()).toMatch(/^These addresses work on this computer only.*npm run classroom -- --lan/);
      // Hidden until asked for: the console may be on the projector.
      expect(await fac.page.getByTestId('cx-console-url').count()).toBe(0);
      await fac.page.getByTestId('cx-console-link-toggle').focus();
      await fac.page.keyboard.press('Enter');
      await fac.page.getByTestId('cx-console-qr').locator('svg').waitFor();
      expect(await fac.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cx-console-link-toggle');
      expect(await fac.page.getByTestId('cx-console-link-toggle').getAttribute('aria-expanded')).toBe('true');
      const link = await fac.page.getByTestId('cx-console-url').innerText();
      expect(link).toContain(created.facilitatorToken);
      await fac.page.getByTestId('cx-console-link').scrollIntoViewIfNeeded();
      expect(await axe(fac.page), 'the seat board showing the console\'s link').toEqual([]);
      await screenshot(fac.page, 'classroom-console-link');
      // The spare laptop opens the link: the console, the token out of its address and kept as its own.
      await spare.page.goto(link, { waitUntil: 'load' });
      await spare.page.getByTestId('cx-seat-board').waitFor({ timeout: 60_000 });
      expect(spare.page.url()).toBe(`${url}?console=${created.code}`);
      expect(await spare.page.evaluate(() => localStorage.getItem('coopsec.classroom.sessions'))).toContain(created.facilitatorToken);
      await spare.page.getByTestId('cx-lang').selectOption('fr');
      // Both consoles run the exercise; hidden again on the first.
      await fac.page.keyboard.press('Enter');
      expect(await fac.page.getByTestId('cx-console-url').count()).toBe(0);
      // Whoever runs the server gives the console a new key (`npm run classroom -- --console`): both old consoles go.
      const token = 'a new key from the server room';
      server.store.replaceFacilitator(created.exerciseId, hashToken(token));
      await third.page.goto(consoleLink(url.replace(/\/$/, ''), { code: created.code, exerciseId: created.exerciseId, scenarioId: ERA, token }), { waitUntil: 'load' });
      await third.page.getByTestId('cx-seat-board').waitFor({ timeout: 60_000 });
      await spare.page.getByTestId('cx-replaced').waitFor();
      expect(await spare.page.getByTestId('cx-replaced').locator('h1').innerText()).toBe('Console ouverte ailleurs');
      expect(await spare.page.getByTestId('cx-replaced').innerText()).toContain('La clé de cette console a été remplacée');
      // Its heading has the focus: a screen reader says why the console went.
      await spare.page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await axe(spare.page), 'a console whose key was replaced, in French').toEqual([]);
      await screenshot(spare.page, 'classroom-console-replaced-fr');
      await fac.page.getByTestId('cx-replaced').waitFor();
      expect(await fac.page.evaluate(() => localStorage.getItem('coopsec.classroom.sessions'))).toBe('[]');
      // Reloaded with the old key, a console says why it does not open.
      await openConsole(fac, created, false);
      await fac.page.getByTestId('cx-refusal').waitFor({ timeout: 60_000 });
      expect(await fac.page.getByTestId('cx-refusal').innerText()).toMatch(/^This console’s key was replaced/);
      expect(fac.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
      expect(spare.errors).toEqual([]);
      expect(third.errors).toEqual([]);
    } finally {
      await fac.close();
      await spare.close();
      await third.close();
    }
  }, 120_000);

  it('a server stopped and started again: the laptops and the projector say the link is lost, then come back to their seats by themselves', async () => {
    const port = await freePort();
    const db = join(await mkdtemp(join(tmpdir(), 'coopsec-restart-')), 'classroom.db');
    const start = () => serverProcess(port, db);
    let child = await start();
    const own = `http://127.0.0.1:${port}/`;
    const created = await new ClassroomClient(own).createExercise({ scenario: ERA, held: ['nato'] });
    const laptop = await openPage(env.browser, 'laptop');
    const wall = await openPage(env.browser, 'projector');
    try {
      await joinAs(laptop, created.code, 'nato', 'Table A', own);
      await laptop.page.getByTestId('cx-lang').selectOption('fr');
      await wall.page.goto(`${own}?watch=${created.code}`, { waitUntil: 'load' });
      await wall.page.getByTestId('cx-projector').waitFor({ timeout: 60_000 });
      await stop(child);
      await laptop.page.getByTestId('cx-rejoin').waitFor();
      expect(await laptop.page.getByTestId('cx-connection').innerText()).toContain('Votre siège vous est gardé\u202f: cet ordinateur réessaie toutes les cinq secondes');
      // Its own attempts while the server is down add nothing to the banner (it said "refused: Failed to fetch").
      await laptop.page.waitForTimeout(6000);
      expect(await laptop.page.getByTestId('cx-refusal').count(), await laptop.page.getByTestId('cx-refusal').allInnerTexts().then((t) => t.join())).toBe(0);
      expect(await axe(laptop.page), 'a laptop whose server stopped, in French').toEqual([]);
      await screenshot(laptop.page, 'classroom-server-restarting-fr');
      await wall.page.getByTestId('cx-watch-error').waitFor();
      child = await start();
      // Back by themselves: the seat's screen without the banner, the projector without its notice.
      await laptop.page.getByTestId('cx-connection').waitFor({ state: 'detached', timeout: 30_000 });
      await laptop.page.getByTestId('cx-screen-nato').waitFor();
      await wall.page.getByTestId('cx-watch-error').waitFor({ state: 'detached', timeout: 30_000 });
      const white = await new ClassroomClient(own).connect(created.exerciseId, { token: created.facilitatorToken });
      expect((await white.act({ type: 'phase.advance' })).ok).toBe(true);
      await laptop.page.waitForFunction(() => window.coopsec.exercise!.view('nato')!.phase !== 'briefing');
      await white.leave();
      expect(laptop.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch|WebSocket/.test(e))).toEqual([]);
    } finally {
      await laptop.close();
      await wall.close();
      child.kill('SIGKILL');
    }
  }, 180_000);

  it('a console opened on the server\'s own computer hands out the LAN address the server listens on; without one, it warns that only this computer can join', async () => {
    const port = await freePort();
    const db = join(await mkdtemp(join(tmpdir(), 'coopsec-lan-')), 'classroom.db');
    const lan = `http://192.0.2.10:${port}`;
    const child = await serverProcess(port, db, lan);
    const own = `http://127.0.0.1:${port}/`;
    const created = await new ClassroomClient(own).createExercise({ scenario: ERA, held: ['nato'] });
    const fac = await openPage(env.browser, 'projector');
    try {
      await openConsole(fac, created, true, own);
      expect(await fac.page.getByTestId('cx-join-url').innerText()).toBe(`${lan}/?join=${created.code}`);
      expect(await fac.page.getByTestId('cx-qr').getAttribute('aria-label')).toContain(`${lan}/?join=${created.code}`);
      expect(await fac.page.getByTestId('cx-seat-board').innerText()).toContain(`${lan}/?watch=${created.code}`);
      await fac.page.getByTestId('cx-console-link-toggle').click();
      expect(await fac.page.getByTestId('cx-console-url').innerText()).toMatch(new RegExp(`^${lan.replace(/\./g, '\\.')}/\\?console=${created.code}#`));
      expect(await fac.page.getByTestId('cx-loopback').count()).toBe(0);
      expect(fac.errors).toEqual([]);
    } finally {
      await fac.close();
      await stop(child);
    }
  }, 120_000);

  it('a laptop whose classroom server has stopped is told the server does not answer, in its language, not that it refused', async () => {
    // A server of its own, stopped while the join page is open (the facilitator closed its window).
    const scenarios: Record<string, Scenario> = { [ERA]: scenario };
    const own = new ClassroomServer({ port: 0, host: '127.0.0.1', db: ':memory:', scenarios, dist: inject('distDir'), log: () => {} });
    await own.start();
    const ownUrl = `http://127.0.0.1:${own.address().port}/`;
    const created = await new ClassroomClient(ownUrl).createExercise({ scenario: ERA, held: ['nato'] });
    const laptop = await openPage(env.browser, 'laptop');
    const wall = await openPage(env.browser, 'projector');
    try {
      await wall.page.goto(`${ownUrl}?watch=${created.code}`, { waitUntil: 'load' });
      await wall.page.getByTestId('cx-projector').waitFor({ timeout: 60_000 });
      await laptop.page.goto(`${ownUrl}?join=`, { waitUntil: 'load' });
      await laptop.page.getByTestId('cx-join-code-input').waitFor({ timeout: 60_000 });
      await laptop.page.getByTestId('cx-lang').selectOption('fr');
      await own.stop();
      // The projector keeps its last picture and says the link is lost (it tries again by itself).
      await wall.page.getByTestId('cx-watch-error').waitFor();
      expect(await wall.page.getByTestId('cx-watch-error').innerText()).toBe('The link to the classroom server is lost; the projector tries again every five seconds.');
      expect(await wall.page.getByTestId('cx-projector').count()).toBe(1);
      await laptop.page.getByTestId('cx-join-code-input').fill(created.code);
      await laptop.page.getByTestId('cx-join-holder').fill('Table B');
      await laptop.page.getByTestId('cx-lookup').click();
      await laptop.page.getByTestId('cx-join-error').waitFor();
      const said = await laptop.page.getByTestId('cx-join-error').innerText();
      expect(said).toMatch(/^Le serveur de la salle ne répond pas\u202f: vérifiez qu’il tourne toujours/);
      expect(said).not.toMatch(/refusé|fetch/i);
      expect(await axe(laptop.page), 'join page with the server gone, in French').toEqual([]);
      await screenshot(laptop.page, 'classroom-unreachable-fr');
      expect(laptop.errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(e))).toEqual([]);
      await screenshot(wall.page, 'classroom-projector-lost');
    } finally {
      await wall.close();
      await laptop.close();
      await own.stop().catch(() => undefined);
    }
  }, 120_000);
});
