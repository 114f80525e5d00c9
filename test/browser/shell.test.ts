/**
 * The game's shell in real Chromium: the title screen loads cleanly, the language switch
 * holds across a reload, a corrupted save is reported and kept aside, Continue restores a
 * game mid-era, every era can be played to its debrief through the automation API, and a
 * screenshot of each shell scene is saved at projector and laptop sizes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { advanceUntil, axe, gotoGame, sharedBrowser, openPage, replayMedian, debugUrl, screenshot, send, SIZES, waitPhase, waitReady, waitScene, type SizeName, expectClean } from './helpers';

const ERAS = ['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022'];

const env = sharedBrowser();

async function text(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

describe('title screen', () => {
  for (const size of Object.keys(SIZES) as SizeName[]) {
    it(`loads with no console errors or failed requests at ${size} size`, async () => {
      const game = await openPage(env.browser, size);
      try {
        await gotoGame(game.page, env.url);
        await waitScene(game.page, 'Title');
        expect(await game.page.evaluate(() => window.coopsec.phase())).toBe('title');
        const body = await text(game.page);
        expect(body).toContain('Cooperative Security');
        expect(body).toContain('New campaign');
        // Continue is disabled when nothing is stored.
        expect(await game.page.getByTestId('title-continue').isDisabled()).toBe(true);
        // Keyboard: the first control has focus, with a visible ring.
        const focused = await game.page.evaluate(() => document.activeElement?.tagName);
        expect(focused).toBe('BUTTON');
        await screenshot(game.page, `title-en-${size}`);
        await game.page.getByTestId('title-single-era').click();
        await game.page.getByTestId('title-era-1').waitFor();
        await screenshot(game.page, `title-eras-en-${size}`);
        await game.page.keyboard.press('Escape');
        await game.page.getByTestId('title-new-campaign').waitFor();
        expectClean(game);
      } finally {
        await game.close();
      }
    });
  }
});

describe('loading', () => {
  it.each<[SizeName, string, string]>([
    ['projector', 'en-GB', 'en'],
    ['laptop', 'fr-FR', 'fr'],
  ])('shows a progress bar that follows the era files on a slow connection, then the title (%s, %s)', async (size, locale, lang) => {
    const game = await openPage(env.browser, size, locale);
    try {
      // Eras 3 and 4 take their time; eras 1 and 2 come at once.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await game.page.route(/era[34]-[^/]*\.json$/, async (route) => {
        await held;
        await route.continue();
      });
      await game.page.goto(env.url, { waitUntil: 'load' });
      const bar = game.page.getByRole('progressbar');
      await bar.waitFor();
      // Two files of four are in: half of the files' share (70 %) of the bar.
      await game.page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '35');
      expect(await game.page.evaluate(() => window.coopsec.ready)).toBe(false);
      expect(await game.page.getByRole('progressbar').getAttribute('aria-label')).toBe(lang === 'fr' ? 'Préparation de la salle de breffage…' : 'Loading the briefing room…');
      await screenshot(game.page, `loading-${lang}-${size}`);
      release();
      await waitReady(game.page);
      await waitScene(game.page, 'Title');
      expect(await bar.count()).toBe(0);
      expect(await game.page.getByTestId('title-new-campaign').innerText()).not.toContain('eras that loaded');
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});

/** Serves the era-2 file changed by `change` (a broken file, as a facilitator's edit might leave it). */
async function serveEra2(page: Page, change: (data: { partners: Array<Record<string, unknown>> }) => void): Promise<void> {
  await page.route(/era2-stability[^/]*\.json$/, async (route) => {
    const response = await route.fetch();
    const data = (await response.json()) as { partners: Array<Record<string, unknown>> };
    change(data);
    await route.fulfill({ response, json: data });
  });
}

describe('a broken scenario file', () => {
  it('is named on the title screen with what is wrong, left out of the eras, and the others still play', async () => {
    const game = await openPage(env.browser);
    try {
      // Serve era 2 with a partner's trust that is not a number.
      await serveEra2(game.page, (data) => (data.partners[0].trust = 'high'));
      await gotoGame(game.page, env.url);
      await waitScene(game.page, 'Title');
      const problems = game.page.getByTestId('scenario-problems');
      await problems.waitFor();
      expect(await problems.innerText()).toMatch(/era2-stability\.json \$\.partners\[0\]\.trust: .*expected number/);
      expect(await game.page.getByTestId('title-new-campaign').innerText()).toContain('The 3 eras that loaded');
      await screenshot(game.page, 'title-broken-scenario-projector');
      await game.page.getByTestId('title-single-era').click();
      await game.page.getByTestId('title-era-1').waitFor();
      expect(await game.page.getByTestId('title-era-2').count()).toBe(0);
      await game.page.getByTestId('title-era-3').click();
      await waitScene(game.page, 'EraIntro');
      expect(await game.page.evaluate(() => window.coopsec.state()?.scenarioId)).toBe('era3-global');
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  });

  it('is described in French to a French-speaking player', async () => {
    const game = await openPage(env.browser, 'laptop', 'fr-FR');
    try {
      await serveEra2(game.page, (data) => {
        data.partners[0].trust = 'high';
        data.partners[1].id = 'Géorgie';
      });
      await gotoGame(game.page, env.url);
      await waitScene(game.page, 'Title');
      const problems = game.page.getByTestId('scenario-problems');
      await problems.waitFor();
      const text = await problems.innerText();
      expect(text).toMatch(/era2-stability\.json \$\.partners\[0\]\.trust : Entrée invalide : nombre attendu/);
      expect(text).toMatch(/era2-stability\.json \$\.partners\[1\]\.id : un code ISO 3166-1 alpha-3 tel que «\sUKR\s»/);
      await screenshot(game.page, 'title-broken-scenario-fr-laptop');
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  });

  it.each<[SizeName, string, RegExp]>([
    ['projector', 'en-GB', /era2-stability\.json line 3, column \d+: not valid JSON: /],
    ['laptop', 'fr-FR', /era2-stability\.json : ligne 3, colonne \d+ : JSON non valide \(/],
  ])('that is not JSON is named with where parsing failed (%s, %s)', async (size, locale, expected) => {
    const game = await openPage(env.browser, size, locale);
    try {
      // A facilitator's edit that left a key without quotes.
      await game.page.route(/era2-stability[^/]*\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: '{\n  "id": "era2-stability",\n  oops\n}' }));
      await gotoGame(game.page, env.url);
      await waitScene(game.page, 'Title');
      const problems = game.page.getByTestId('scenario-problems');
      await problems.waitFor();
      expect(await problems.innerText()).toMatch(expected);
      await screenshot(game.page, `title-not-json-${locale.slice(0, 2)}-${size}`);
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  });

  it('without era 1, offers no tutorial (it is written for era 1)', async () => {
    const game = await openPage(env.browser);
    try {
      await game.page.route(/era1-enlargement[^/]*\.json$/, (route) => route.fulfill({ json: { id: 'era1-enlargement', era: 1 } }));
      await gotoGame(game.page, env.url);
      await waitScene(game.page, 'Title');
      await game.page.getByTestId('scenario-problems').waitFor();
      expect(await game.page.getByTestId('title-tutorial').isDisabled()).toBe(true);
      expect(await game.page.getByTestId('title-new-campaign').isDisabled()).toBe(false);
      expect(game.errors).toEqual([]);
    } finally {
      await game.close();
    }
  });
});

describe('settings', () => {
  it('switches to French, and the choice survives a reload', async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, env.url);
      await game.page.getByTestId('title-settings').click();
      await waitScene(game.page, 'Settings');
      await screenshot(game.page, 'settings-en-projector');
      await game.page.getByTestId('settings-lang-fr').click();
      await game.page.waitForFunction(() => document.documentElement.lang === 'fr');
      expect(await text(game.page)).toContain('Paramètres');
      await game.page.getByTestId('settings-close').click();
      await game.page.waitForFunction(() => !window.coopsec.scenes().includes('Settings'));
      expect(await text(game.page)).toContain('Nouvelle campagne');

      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      await waitScene(game.page, 'Title');
      const body = await text(game.page);
      expect(body).toContain('Nouvelle campagne');
      expect(body).toContain('Sécurité coopérative');
      expect(await game.page.evaluate(() => document.documentElement.lang)).toBe('fr');
      for (const size of Object.keys(SIZES) as SizeName[]) {
        await game.page.setViewportSize(SIZES[size]);
        await game.page.waitForTimeout(300);
        await screenshot(game.page, `title-fr-${size}`);
      }
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('keeps volume and mute', async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, env.url);
      await game.page.getByTestId('title-settings').click();
      await waitScene(game.page, 'Settings');
      await game.page.getByTestId('settings-volume').fill('30');
      await game.page.getByTestId('settings-mute').check();
      await game.page.keyboard.press('Escape');
      await game.page.waitForFunction(() => !window.coopsec.scenes().includes('Settings'));
      const stored = await game.page.evaluate(() => JSON.parse(localStorage.getItem('coopsec.sound') ?? '{}'));
      expect(stored).toEqual({ volume: 0.3, muted: true });
      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      await game.page.getByTestId('title-settings').click();
      await waitScene(game.page, 'Settings');
      expect(await game.page.getByTestId('settings-volume').inputValue()).toBe('30');
      expect(await game.page.getByTestId('settings-mute').isChecked()).toBe(true);
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});

describe('saves', () => {
  it('reports a corrupted save, keeps its data aside, and still starts a game', async () => {
    const game = await openPage(env.browser);
    try {
      await game.page.goto(env.url, { waitUntil: 'load' });
      // Let this first page's title read its (empty) storage before the damaged save is
      // written, so only the reloaded page meets it.
      await waitReady(game.page);
      await waitScene(game.page, 'Title');
      await game.page.evaluate(() => localStorage.setItem('coopsec.save', '{"format":"coopsec-save", garbage'));
      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      await waitScene(game.page, 'Title');
      const problem = game.page.getByTestId('save-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/could not be read: the file is damaged or is not a save/);
      await screenshot(game.page, 'title-corrupted-save-projector');
      const kept = await game.page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('coopsec.save.unreadable.'))
          .map((k) => localStorage.getItem(k)),
      );
      expect(kept).toEqual(['{"format":"coopsec-save", garbage']);
      expect(await game.page.evaluate(() => localStorage.getItem('coopsec.save'))).toBeNull();
      expect(await game.page.getByTestId('title-continue').isDisabled()).toBe(true);

      await game.page.getByTestId('title-new-campaign').click();
      await waitScene(game.page, 'EraIntro');
      expect(await game.page.evaluate(() => window.coopsec.phase())).toBe('eraIntro');
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('reloads mid-era and Continue returns to the same phase, year and state', async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, env.url);
      await send(game.page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 7 });
      await send(game.page, { type: 'strategy.state', strategy: 'east' });
      // Era briefing → briefing → planning → resolution → events → review → next briefing → planning.
      for (let i = 0; i < 7; i++) await send(game.page, { type: 'phase.advance' });
      const before = await game.page.evaluate(() => ({ phase: window.coopsec.phase(), state: window.coopsec.state() }));
      expect(before.phase).toBe('turn.planning');
      expect(before.state?.year).toBe(1995);

      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      const continueButton = game.page.getByTestId('title-continue');
      expect(await continueButton.isDisabled()).toBe(false);
      expect(await continueButton.innerText()).toContain('1995');
      await screenshot(game.page, 'title-continue-projector');
      await continueButton.click();
      await waitPhase(game.page, 'turn.planning');
      const after = await game.page.evaluate(() => ({ phase: window.coopsec.phase(), state: window.coopsec.state() }));
      expect(after).toEqual(before);
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it("gives luck vs skill the whole-log replay's scores for a game restored at its last turn", async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, debugUrl(env.url));
      await send(game.page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 11 });
      // On to the last year's planning, then a reload: fresh workers that followed nothing.
      await game.page.evaluate(() => {
        while (!(window.coopsec.phase() === 'turn.planning' && window.coopsec.state()?.year === 2004)) {
          const result = window.coopsec.send({ type: 'phase.advance' });
          if (!result.ok) throw new Error(result.reason);
        }
      });
      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      await game.page.getByTestId('title-continue').click();
      await waitPhase(game.page, 'turn.planning');
      await advanceUntil(game.page, 'debrief');
      await waitScene(game.page, 'Debrief');
      const luck = game.page.getByTestId('luck-result');
      await luck.waitFor({ timeout: 90_000 });
      expect(await luck.textContent()).toContain(await replayMedian(game.page, 'era1-enlargement'));
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('exports the stored save as a file and loads it back', async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, env.url);
      await send(game.page, { type: 'game.start', scenarioId: 'era2-stability', seed: 3 });
      await send(game.page, { type: 'phase.advance' });
      const state = await game.page.evaluate(() => window.coopsec.state());
      await send(game.page, { type: 'game.quit' });
      await waitScene(game.page, 'Title');
      const [download] = await Promise.all([game.page.waitForEvent('download'), game.page.getByTestId('title-export').click()]);
      const path = await download.path();
      expect(download.suggestedFilename()).toMatch(/^coopsec-era2-stability-2004\.json$/);

      await game.page.evaluate(() => localStorage.clear());
      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      await game.page.getByTestId('title-load-input').setInputFiles(path);
      await waitPhase(game.page, 'turn.briefing');
      expect(await game.page.evaluate(() => window.coopsec.state())).toEqual(state);
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('refuses a foreign file with a clear message', async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, env.url);
      await game.page.getByTestId('title-load-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
      const status = game.page.getByTestId('title-status');
      await status.waitFor();
      expect(await status.innerText()).toMatch(/not a Cooperative Security save/);
      expect(await game.page.evaluate(() => window.coopsec.phase())).toBe('title');
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});

describe('automation API', () => {
  it('plays every era to its debrief with no console errors', async () => {
    const game = await openPage(env.browser);
    try {
      await gotoGame(game.page, env.url);
      const actions = await game.page.evaluate(() => window.coopsec.actions());
      expect(actions).toContain('game.start');
      for (const scenarioId of ERAS) {
        await send(game.page, { type: 'game.start', scenarioId, seed: 11 });
        const steps = await advanceUntil(game.page, 'debrief');
        expect(steps).toBeGreaterThan(5);
        const state = await game.page.evaluate(() => window.coopsec.state());
        expect(state?.finished).toBe(true);
        await send(game.page, { type: 'game.quit' });
        await waitScene(game.page, 'Title');
      }
      expect(await game.page.evaluate(() => window.coopsec.send({ type: 'nonsense' } as never))).toEqual({ ok: false, reason: expect.stringContaining('nonsense') });
      expectClean(game);
    } finally {
      await game.close();
    }
  });
});

describe('the era briefing\'s partners', () => {
  it('say when a partner enters a framework later in the era (era 2: Serbia and Montenegro, one state until 2006), in English and French, and pass axe', async () => {
    for (const [locale, from] of [['en-GB', 'from'], ['fr-FR', 'dès']] as const) {
      const game = await openPage(env.browser, 'laptop', locale);
      const { page } = game;
      try {
        await gotoGame(page, env.url);
        await send(page, { type: 'game.start', scenarioId: 'era2-stability', seed: 3 });
        await waitScene(page, 'EraIntro');
        const chip = (id: string) => page.locator(`.cs-chip[data-partner="${id}"]`);
        await expect.poll(() => chip('SRB').innerText()).toMatch(new RegExp(`^(Serbia|Serbie)\\s*${from} 2006$`));
        expect(await chip('MNE').innerText()).toMatch(new RegExp(`${from} 2006$`));
        // Partners in a framework from the era's first year say nothing more.
        expect(await chip('UKR').innerText()).toMatch(/^Ukrain/);
        expect(await chip('UKR').innerText()).not.toMatch(/\d/);
        // A partner that joins a framework only after the era (Iraq, from 2011) is not listed.
        expect(await chip('IRQ').count()).toBe(0);
        expect(await axe(page, 'document')).toEqual([]);
        await screenshot(page, `era2-intro-partners-${locale}-laptop`);
        expectClean(game);
      } finally {
        await game.close();
      }
    }
  });
});

describe('counterfactual years (era 4 from 2026)', () => {
  it('are labelled in the briefing, on a 2026+ event card and in the debrief, in English and French; the research note is apart from the briefing', async () => {
    const game = await openPage(env.browser, 'laptop');
    const { page } = game;
    try {
      await gotoGame(page, env.url);
      // Era 1 is history throughout: no label.
      await send(page, { type: 'game.start', scenarioId: 'era1-enlargement', seed: 3 });
      await waitScene(page, 'EraIntro');
      expect(await page.getByTestId('counterfactual-label').count()).toBe(0);
      await send(page, { type: 'game.quit' });
      await waitScene(page, 'Title');

      await send(page, { type: 'game.start', scenarioId: 'era4-after2022', seed: 3 });
      await waitScene(page, 'EraIntro');
      const label = page.getByTestId('counterfactual-label');
      await expect.poll(() => label.innerText()).toMatch(/^Counterfactual from 2026: not history\s+From 2026 on, this era is a counterfactual, not history: the years 2026–2030/);
      // The research note (the budget's derivation) sits in a closed section, not in the briefing's text.
      const research = page.getByTestId('era-research');
      expect(await research.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await research.locator('p').first().isVisible()).toBe(false);
      await research.locator('summary').focus();
      await page.keyboard.press('Enter');
      expect(await research.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      await expect.poll(() => research.innerText()).toMatch(/Sources and research notes[\s\S]*Common-funded budget/);
      await screenshot(page, 'counterfactual-era-intro-en-laptop');

      // To the first event card of a year from 2026 on.
      await page.evaluate(() => {
        for (let i = 0; i < 400; i++) {
          const s = window.coopsec.state();
          if (window.coopsec.phase() === 'turn.events' && s && s.year >= 2026 && s.pendingEvents.length > 0) return;
          const r = window.coopsec.send({ type: 'phase.advance' });
          if (!r.ok) throw new Error(r.reason);
        }
        throw new Error('no event card from 2026 on');
      });
      await waitScene(page, 'EventCard');
      const card = page.getByTestId('event-card');
      await expect.poll(() => card.getByTestId('counterfactual-label').textContent()).toBe('Counterfactual year: not history');
      expect(await card.getByTestId('not-history-note').innerText()).toMatch(/history ends before 2026: 20(2[6-9]|30) has not happened/);
      expect(await card.getByTestId('event-badge').innerText()).not.toMatch(/Historical/);
      await screenshot(page, 'counterfactual-event-card-en-laptop');

      await advanceUntil(page, 'debrief');
      await waitScene(page, 'Debrief');
      const history = page.getByTestId('history');
      await expect.poll(() => history.getByTestId('counterfactual-label').innerText()).toMatch(/^Counterfactual from 2026: not history/);
      // One tag for each year from 2026 to 2030 in NATO's column.
      expect(await history.getByTestId('counterfactual-year').count()).toBe(5);
      await screenshot(page, 'counterfactual-debrief-en-laptop');

      expectClean(game);
    } finally {
      await game.close();
    }
    // The same in French.
    const french = await openPage(env.browser, 'laptop', 'fr-FR');
    try {
      const page = french.page;
      await gotoGame(page, env.url);
      await send(page, { type: 'game.start', scenarioId: 'era4-after2022', seed: 3 });
      await waitScene(page, 'EraIntro');
      await expect.poll(() => page.getByTestId('counterfactual-label').innerText()).toMatch(/^Contrefactuel à partir de 2026\s:\sce n’est pas l’histoire\s+À partir de 2026, cette époque est contrefactuelle/);
      expect(await page.getByTestId('era-research').locator('summary').innerText()).toBe('Sources et notes de recherche');
      await screenshot(page, 'counterfactual-era-intro-fr-laptop');
      await advanceUntil(page, 'debrief');
      await waitScene(page, 'Debrief');
      await expect.poll(() => page.getByTestId('history').getByTestId('counterfactual-label').innerText()).toMatch(/^Contrefactuel à partir de 2026\s:\sce n’est pas l’histoire/);
      expectClean(french);
    } finally {
      await french.close();
    }
  });
});

describe('screenshots of the shell scenes', () => {
  for (const size of Object.keys(SIZES) as SizeName[]) {
    it(`era briefing, credits and campaign end at ${size} size`, async () => {
      const game = await openPage(env.browser, size);
      try {
        await gotoGame(game.page, env.url);
        await game.page.getByTestId('title-credits').click();
        await waitScene(game.page, 'Credits');
        await screenshot(game.page, `credits-en-${size}`);
        await game.page.keyboard.press('Escape');
        await game.page.waitForFunction(() => !window.coopsec.scenes().includes('Credits'));

        await game.page.getByTestId('title-tutorial').click();
        await waitScene(game.page, 'EraIntro');
        await game.page.getByTestId('era-strategy-prioritise').click();
        await game.page.waitForFunction(() => window.coopsec.state()?.strategy === 'prioritise');
        await screenshot(game.page, `era-intro-tutorial-en-${size}`);
        await send(game.page, { type: 'game.quit' });
        await waitScene(game.page, 'Title');

        for (const scenarioId of ERAS.slice(1)) {
          await send(game.page, { type: 'game.start', scenarioId });
          await waitScene(game.page, 'EraIntro');
          await screenshot(game.page, `era-intro-${scenarioId}-${size}`);
          await send(game.page, { type: 'game.quit' });
          await waitScene(game.page, 'Title');
        }

        await send(game.page, { type: 'game.start', scenarioId: 'campaign', seed: 5 });
        await advanceUntil(game.page, 'campaignEnd', 2000);
        await waitScene(game.page, 'CampaignEnd');
        const rows = await game.page.getByTestId('campaign-results').locator('tbody tr').count();
        expect(rows).toBe(ERAS.length + 1);
        // Each era's grade beside its score, as its debrief gave it.
        expect(await game.page.getByTestId('campaign-grade-era1-enlargement').innerText()).toMatch(/^[A-E] · .+ \(\d of \d objectives met\)$/);
        await screenshot(game.page, `campaign-end-en-${size}`);
        await game.page.getByTestId('campaign-back').click();
        await waitScene(game.page, 'Title');
        expectClean(game);
      } finally {
        await game.close();
      }
    });
  }
});

describe('a phone held upright', () => {
  it.each<[string, string, RegExp]>([
    ['en-GB', 'Turn your phone sideways', /Play upright anyway/],
    ['fr-FR', 'Tournez votre téléphone', /Jouer quand même à la verticale/],
  ])('asks to be turned for the solo game, goes when turned, and lets the player play upright anyway (%s)', async (locale, heading, button) => {
    const game = await openPage(env.browser, 'phone', locale, { rotateHint: true });
    try {
      await gotoGame(game.page, env.url);
      const hint = game.page.getByTestId('rotate-hint');
      await hint.waitFor();
      expect(await hint.getByRole('heading').innerText()).toBe(heading);
      // The notice is a dialog with its button focused: one tap or Enter plays on.
      expect(await game.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rotate-dismiss');
      expect(await game.page.getByTestId('rotate-dismiss').innerText()).toMatch(button);
      expect(await axe(game.page, 'document')).toEqual([]);
      await screenshot(game.page, `rotate-${locale.slice(0, 2)}-phone`);
      // Turned sideways, the game is there; upright again, the notice is back.
      await game.page.setViewportSize({ width: 844, height: 390 });
      await hint.waitFor({ state: 'hidden' });
      expect(await game.page.getByTestId('title-new-campaign').isVisible()).toBe(true);
      // The focus the notice held goes to the title's first control.
      await expect.poll(() => game.page.evaluate(() => document.activeElement?.closest('#game') !== null && document.activeElement?.tagName)).toBe('BUTTON');
      await screenshot(game.page, `rotate-${locale.slice(0, 2)}-phone-landscape`);
      await game.page.setViewportSize({ width: 390, height: 844 });
      await hint.waitFor();
      // Play upright anyway: the title takes input, and the choice holds for the session (a reload).
      await game.page.keyboard.press('Enter');
      await hint.waitFor({ state: 'detached' });
      await expect.poll(() => game.page.evaluate(() => document.activeElement?.closest('#game') !== null && document.activeElement?.tagName)).toBe('BUTTON');
      expect(await game.page.getByTestId('title-new-campaign').isVisible()).toBe(true);
      await game.page.reload({ waitUntil: 'load' });
      await waitReady(game.page);
      await game.page.waitForTimeout(300);
      expect(await hint.count()).toBe(0);
      expectClean(game);
    } finally {
      await game.close();
    }
  });

  it('is not shown at laptop size, nor over the join page a phone opens from the QR code', async () => {
    const laptop = await openPage(env.browser, 'laptop', 'en-GB', { rotateHint: true });
    const phone = await openPage(env.browser, 'phone', 'en-GB', { rotateHint: true });
    try {
      await gotoGame(laptop.page, env.url);
      expect(await laptop.page.getByTestId('rotate-hint').count()).toBe(1);
      expect(await laptop.page.getByTestId('rotate-hint').isVisible()).toBe(false);
      await phone.page.goto(`${env.url}?join=ABCDEF`, { waitUntil: 'load' });
      await waitReady(phone.page);
      await phone.page.getByTestId('exercise-root').waitFor();
      expect(await phone.page.getByTestId('rotate-hint').count()).toBe(0);
    } finally {
      await laptop.close();
      await phone.close();
    }
  });
});
