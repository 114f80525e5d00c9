// @vitest-environment jsdom
/**
 * The after-action report says an inject "never fired" once the era is over, as the White
 * Cell's console does (docs/facilitator-guide.md, "Injects"): one the White Cell held for the
 * whole era, and one whose time or conditions never came, in aar.json and aar.html, in
 * English and French. An exercise not finished keeps "pending" (and "held") for what may
 * still fire. Played through the engine with the stand-ins (jsdom only reads the HTML).
 */
import { describe, expect, it } from 'vitest';
import { aarJson, buildAar, type Aar } from '../../src/exercise/aar';
import { aarHtml } from '../../src/exercise/aarHtml';
import { applyMove, createExercise, defaultSetup, recordOf, type ExerciseState } from '../../src/exercise/engine';
import { era, standInsUntil } from './support';

const scenario = era('era1-enlargement');
// An inject set for a year (it would fire on its time), held by the White Cell from the start.
const held = String(scenario.injects.find((i) => i.year !== undefined)!.serial);
// An inject set for a later year than the one the unfinished exercise stops in.
const stopYear = scenario.start + 1;
const later = String(scenario.injects.find((i) => i.year !== undefined && i.year > stopYear && String(i.serial) !== held)!.serial);

function withHold(): ExerciseState {
  const start = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { white: { held: true } } }));
  const r = applyMove(scenario, start, { role: 'white', type: 'white.hold', serial: held });
  if (!r.ok) throw new Error(r.reason);
  return r.state;
}

const finished = standInsUntil(scenario, withHold(), () => false);
const unfinished = standInsUntil(scenario, withHold(), (e) => e.game.year === stopYear && e.phase === 'review');

/** aar.json read back, and the HTML's MSEL table: each serial's "Fate" cell. */
function report(ex: ExerciseState, lang: 'en' | 'fr'): { json: Aar; html: Record<string, string> } {
  const aar = buildAar(scenario, recordOf(ex), { lang, seeds: 0 });
  const json = JSON.parse(aarJson(aar)) as Aar;
  const doc = new DOMParser().parseFromString(aarHtml(aar), 'text/html');
  const table = doc.querySelector('#msel table')!;
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  const fateCol = heads.indexOf(lang === 'en' ? 'Fate' : 'Sort');
  expect(fateCol).toBeGreaterThan(0);
  const html: Record<string, string> = {};
  for (const tr of table.querySelectorAll('tbody tr')) {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
    html[cells[0]] = cells[fateCol];
  }
  return { json, html };
}

const WORDS = { en: { never: 'never fired', pending: 'pending', held: 'held' }, fr: { never: 'non déclenché', pending: 'en attente', held: 'retenu' } } as const;

describe.each(['en', 'fr'] as const)('an inject that never fired, in the after-action report (%s)', (lang) => {
  const words = WORDS[lang];

  it('reads "never fired" once the era is over, for the inject the White Cell held and any other still waiting', () => {
    expect(finished.finished).toBe(true);
    const { json, html } = report(finished, lang);
    expect(json.finished).toBe(true);
    expect(json.injects.find((i) => i.serial === held)).toMatchObject({ fate: 'neverFired', how: null });
    expect(html[held]).toBe(words.never);
    // Nothing is left "pending" or "held" in a finished era's report, in either form.
    expect(json.injects.filter((i) => (i.fate as string) === 'pending' || (i.fate as string) === 'held')).toEqual([]);
    for (const i of json.injects) if (i.fate === 'neverFired') expect(html[i.serial], i.serial).toBe(words.never);
    expect(Object.values(html).some((f) => f === words.pending || f === words.held)).toBe(false);
    // The White Cell's hold is still told beside it.
    expect(json.injects.find((i) => i.serial === held)!.actions.map((a) => a.type)).toEqual(['white.hold']);
  });

  it('keeps "held" and "pending" for an exercise not finished', () => {
    expect(unfinished.finished).toBe(false);
    const { json, html } = report(unfinished, lang);
    expect(json.finished).toBe(false);
    expect(json.injects.find((i) => i.serial === held)?.fate).toBe('held');
    expect(json.injects.find((i) => i.serial === later)?.fate).toBe('pending');
    expect(json.injects.some((i) => i.fate === 'neverFired')).toBe(false);
    expect(html[held]).toBe(words.held);
    expect(html[later]).toBe(words.pending);
  });
});
