// @vitest-environment jsdom
/**
 * The exercise's screens label a card that is not history as the solo event card does
 * (src/game/counterfactual.ts): a card of a year from the scenario's `counterfactualFrom` on
 * ("Counterfactual year: not history"), and an inject whose words flag it hypothetical
 * ("Hypothetical: not history"), in NATO's "Answer the cards", the cards on the other seats'
 * table, the injects a seat is shown and the projector's latest injects, and the year's
 * review says a counterfactual year; a historical card carries no label. The label is text inside the
 * card's heading, so a screen reader says it. English and French. Rendered in jsdom from
 * the engine's own views (Phaser, which the staff board imports, is stubbed).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('phaser', () => ({ default: {}, Scene: class {}, GameObjects: {}, Math: {} }));

import { commonPanels, natoScreen, type ScreenContext } from '../../src/game/exercise/roleScreens';
import { projectorBody } from '../../src/game/exercise/projector';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { viewFor } from '../../src/exercise/views';
import type { RoleId } from '../../src/exercise/types';
import type { Scenario } from '../../src/core/scenario';
import { era, standInsUntil } from '../exercise/support';

const base = era('era1-enlargement');
const HYP_SERIAL = 97;
const HYP_TITLE = { en: 'Hypothetical: a test inject for everyone', fr: 'Hypothèse\u00a0: un incident d’essai pour tous' };
// An inject for everyone, not flagged, set for the first counterfactual year.
const CF_SERIAL = 96;

/** Era 1 with its years from the third on made counterfactual, and two more injects for everyone: one in its first year, flagged hypothetical in its title; one unflagged in its third. */
function scenarioWithLabels(): Scenario {
  const model = base.injects.find((i) => i.year !== undefined) ?? base.injects[0];
  const hyp = { ...model, serial: HYP_SERIAL, year: base.start, after: undefined, when: [], audience: ['all'], title: HYP_TITLE, text: { en: 'Talks open in a capital.', fr: 'Des pourparlers s’ouvrent dans une capitale.' } };
  const cf = { ...hyp, serial: CF_SERIAL, year: base.start + 2, title: { en: 'Talks on a ceasefire', fr: 'Des pourparlers de cessez-le-feu' } };
  return { ...base, counterfactualFrom: base.start + 2, injects: [...base.injects, hyp, cf] } as Scenario;
}

const scenario = scenarioWithLabels();
const ALLY = `ally:${scenario.allies[0].id}` as RoleId;
const WORDS = {
  en: { year: 'Counterfactual year: not history', hyp: 'Hypothetical: not history' },
  fr: { year: 'Année contrefactuelle\u00a0: ce n’est pas l’histoire', hyp: 'Hypothèse\u00a0: ce n’est pas l’histoire' },
} as const;

beforeAll(async () => {
  await initI18n();
  setLanguage('en');
});

const ctxFor = (): ScreenContext => ({ client: null as never, scenario, readonly: false, memo: {}, rerender: () => undefined, send: () => ({ ok: true }) }) as unknown as ScreenContext;

/** NATO's staff and a capital held, played to the events phase of `year` with NATO's staff to answer. */
function atEvents(year: number): ExerciseState {
  const start = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { nato: { held: true }, [ALLY]: { held: true } } }));
  const ex = standInsUntil(scenario, start, (e) => e.game.year === year && e.phase === 'events' && waitingFor(scenario, e).includes('nato'));
  expect([ex.game.year, ex.phase]).toEqual([year, 'events']);
  return ex;
}

/** Each card's heading under `selector`: its text and the label it carries (null: none). */
function headings(selector: string): { text: string; label: string | null }[] {
  const root = document.querySelector(selector);
  expect(root, selector).not.toBeNull();
  return [...root!.querySelectorAll('.cx-inject h3')].map((h3) => {
    const badge = h3.querySelector('[data-testid="cx-not-history"]');
    // Text a screen reader reads: never hidden from it.
    if (badge) expect(badge.closest('[aria-hidden="true"]')).toBeNull();
    return { text: h3.textContent ?? '', label: badge?.textContent ?? null };
  });
}

const first = atEvents(scenario.start);
const later = atEvents(scenario.start + 2);

describe.each(['en', 'fr'] as const)('cards that are not history, on the exercise screens (%s)', (lang) => {
  const words = WORDS[lang];

  it('labels a hypothetical inject and leaves a historical card bare, in a year of history', () => {
    setLanguage(lang);
    const nato = viewFor(scenario, first, 'nato');
    const historical = nato.pending.find((e) => e.historical && e.source === 'event');
    expect(historical, 'a historical card on the table in the first year').toBeDefined();
    expect(nato.pending.some((e) => e.id === String(HYP_SERIAL))).toBe(true);

    // NATO's "Answer the cards".
    document.body.replaceChildren(...natoScreen(ctxFor(), nato));
    const answers = headings('[data-testid="cx-event-answers"]');
    expect(answers.find((c) => c.text.includes(HYP_TITLE[lang]))?.label).toBe(words.hyp);
    expect(answers.find((c) => c.text.includes(historical!.title[lang]))?.label).toBeNull();
    // The label opens the heading, before the title.
    expect(answers.find((c) => c.text.includes(HYP_TITLE[lang]))!.text.startsWith(words.hyp)).toBe(true);

    // A capital's screen: the cards on the table, and the inject it was shown.
    document.body.replaceChildren(...commonPanels(ctxFor(), viewFor(scenario, first, ALLY)));
    const table = headings('[data-testid="cx-events"]');
    expect(table.find((c) => c.text.includes(HYP_TITLE[lang]))?.label).toBe(words.hyp);
    expect(table.find((c) => c.text.includes(historical!.title[lang]))?.label).toBeNull();
    const injects = headings('[data-testid="cx-injects"]');
    expect(injects.find((c) => c.text.includes(`#${HYP_SERIAL} ${HYP_TITLE[lang]}`))?.label).toBe(words.hyp);

    // The projector: the latest inject labelled.
    document.body.replaceChildren(projectorBody(viewFor(scenario, first, 'observer'), scenario));
    const wall = headings('[data-testid="cx-projector"]');
    expect(wall.find((c) => c.text.includes(HYP_TITLE[lang]))?.label).toBe(words.hyp);
  });

  it('labels every card of a counterfactual year, on the projector too, and marks the year in the review', () => {
    setLanguage(lang);
    const nato = viewFor(scenario, later, 'nato');
    expect(nato.pending.length).toBeGreaterThan(0);
    document.body.replaceChildren(...natoScreen(ctxFor(), nato));
    const answers = headings('[data-testid="cx-event-answers"]');
    expect(answers.length).toBe(nato.pending.length);
    for (const c of answers) expect(c.label, c.text).toBe(words.year);

    document.body.replaceChildren(...commonPanels(ctxFor(), viewFor(scenario, later, ALLY)));
    for (const c of headings('[data-testid="cx-events"]')) expect(c.label, c.text).toBe(words.year);
    // The inject published in the first year, a year of history, stays labelled for what it is.
    expect(headings('[data-testid="cx-injects"]').find((c) => c.text.includes(`#${HYP_SERIAL} `))?.label).toBe(words.hyp);

    // The wall's latest inject, published this year, is a card of a counterfactual year.
    const observer = viewFor(scenario, later, 'observer');
    document.body.replaceChildren(projectorBody(observer, scenario));
    expect(document.querySelector('[data-testid="cx-proj-year"]')!.textContent).toBe(String(scenario.start + 2));
    expect(headings('[data-testid="cx-projector"]')[0]).toMatchObject({ text: expect.stringContaining(`#${CF_SERIAL} `), label: words.year });
    // The local projector window, given the era's bounds only (it is sent no scenario), labels it alike.
    document.body.replaceChildren(projectorBody(observer, null, (r) => r, { counterfactualFrom: scenario.counterfactualFrom, end: scenario.end }));
    expect(headings('[data-testid="cx-projector"]')[0].label).toBe(words.year);
    // Without them, an inject's own words still label it.
    document.body.replaceChildren(projectorBody(observer, null, (r) => r, null));
    for (const c of headings('[data-testid="cx-projector"]')) if (c.text.includes(HYP_TITLE[lang])) expect(c.label).toBe(words.hyp);

    // The year's review says the year is counterfactual.
    const review = standInsUntil(scenario, later, (e) => e.phase === 'review');
    document.body.replaceChildren(...commonPanels(ctxFor(), viewFor(scenario, review, ALLY)));
    expect(document.querySelector('[data-testid="cx-review"] [data-testid="cx-review-not-history"]')?.textContent).toBe(words.year);
    setLanguage('en');
  });

  it('names a hypothetical card in the review of a year of history', () => {
    setLanguage(lang);
    const review = standInsUntil(scenario, first, (e) => e.phase === 'review');
    document.body.replaceChildren(...commonPanels(ctxFor(), viewFor(scenario, review, ALLY)));
    const text = document.querySelector('[data-testid="cx-review"]')!.textContent ?? '';
    expect(text).toContain(`${HYP_TITLE[lang]} (${words.hyp})`);
    expect(document.querySelector('[data-testid="cx-review-not-history"]')).toBeNull();
    setLanguage('en');
  });
});
