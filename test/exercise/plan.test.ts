/**
 * Plans and MSEL files as a facilitator writes them: checked with JSON paths, played in
 * order with stand-ins between the scripted moves, a refused or never-reached move named by
 * its path; the JSON Schemas for editors are current.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_DIR } from '../../src/cli/files';
import { parseMsel, parsePlan, playPlan, planJsonSchema, mselJsonSchema } from '../../src/exercise/plan';
import { recordOf, replayExercise, stateHash } from '../../src/exercise/engine';
import { era } from './support';

const scenario = era('era4-after2022');
const ally = `ally:${scenario.allies[0].id}`;

const plan = (moves: unknown[], extra: Record<string, unknown> = {}) => ({
  seats: { nato: { held: true }, [ally]: { held: true }, white: { held: true } },
  consensus: 'vote',
  rounds: 2,
  deadlock: 'white',
  moves,
  ...extra,
});

describe('plans', () => {
  it('plays scripted moves in order, with stand-ins between them, to the era\'s end', () => {
    const parsed = parsePlan(scenario, plan([
      { year: 2022, phase: 'briefing', role: 'white', type: 'white.publish', serial: String(scenario.injects[0].serial) },
      { year: 2022, phase: 'planning', role: 'nato', type: 'nato.propose', decision: { share: 1.5, policy: 'equal', allocations: [], actions: [] } },
      { year: 2022, phase: 'planning', role: ally, type: 'ally.object', reason: 'nothing for Ukraine' },
      { year: 2022, phase: 'adjudication', role: 'white', type: 'white.adjudicate', region: 'east', step: 'minorCompetitorGain', rationale: 'the money came too late' },
      { year: 2023, phase: 'review', role: 'white', type: 'white.note', text: 'the capitals argued over the share' },
      { year: 2024, phase: 'briefing', role: 'white', type: 'white.rewind', toYear: 2023, rationale: 'replay Vilnius with the other choice' },
    ]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const run = playPlan(scenario, { ...parsed.value.setup, scenarioId: scenario.id, seed: 4, lang: 'en' }, parsed.value.moves);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    const ex = run.state;
    expect(ex.finished).toBe(true);
    expect(ex.branch).toBe(1);
    const first = ex.turns[0];
    expect(first.proposals[0].responses[scenario.allies[0].id]).toMatchObject({ approve: false, reason: 'nothing for Ukraine' });
    expect(first.adjudications[0]).toMatchObject({ region: 'east', step: 'minorCompetitorGain', rationale: 'the money came too late' });
    expect(ex.notes[0]).toMatchObject({ year: 2023, text: 'the capitals argued over the share' });
    const again = replayExercise(scenario, recordOf(ex));
    expect(again.ok && stateHash(again.state)).toBe(stateHash(ex));
  });

  it.each([
    [{ seats: { nato: { held: 'yes' } } }, '$.seats.nato.held'],
    [{ seats: { 'ally:atlantis': { held: true } } }, '$.seats["ally:atlantis"]'],
    [{ moves: [{ year: 1990, phase: 'briefing', role: 'white', type: 'white.pause' }] }, '$.moves[0].year'],
    [{ moves: [{ year: 2022, phase: 'lunch', role: 'white', type: 'white.pause' }] }, '$.moves[0].phase'],
    [{ seats: {}, moves: [{ year: 2022, phase: 'planning', role: 'nato', type: 'nato.propose', decision: { share: 1.5, policy: 'equal', allocations: [], actions: [] } }] }, '$.moves[0].role'],
    [{ moves: [{ year: 2022, phase: 'adjudication', role: 'white', type: 'white.adjudicate', region: 'north', step: 'noChange', rationale: 'x' }] }, '$.moves[0].region'],
  ])('a broken plan is named by its JSON path (%j)', (data, path) => {
    const parsed = parsePlan(scenario, data);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain(path);
  });

  it('a move the engine refuses stops the run with its path and reason', () => {
    const parsed = parsePlan(scenario, plan([{ year: 2022, phase: 'adjudication', role: 'white', type: 'white.adjudicate', region: 'east', step: 'noChange', rationale: '' }]));
    if (!parsed.ok) throw new Error('plan should parse');
    const run = playPlan(scenario, { ...parsed.value.setup, scenarioId: scenario.id, seed: 4, lang: 'en' }, parsed.value.moves);
    expect(run).toMatchObject({ ok: false, path: '$.moves[0]' });
    if (!run.ok) expect(run.message).toContain('rationale');
  });

  it('a move whose moment never comes is named', () => {
    const parsed = parsePlan(scenario, { seats: { nato: { held: true } }, moves: [{ year: 2023, phase: 'signals', role: 'nato', type: 'phase.advance' }] });
    if (!parsed.ok) throw new Error('plan should parse');
    const run = playPlan(scenario, { ...parsed.value.setup, scenarioId: scenario.id, seed: 4, lang: 'en' }, parsed.value.moves);
    expect(run).toMatchObject({ ok: false, path: '$.moves[0]' });
    if (!run.ok) expect(run.message).toContain('never stood at 2023 signals');
  });
});

describe('MSEL files', () => {
  const inject = {
    id: 'budget-squeeze',
    serial: 40,
    year: 2023,
    audience: ['nato', `ally:${scenario.allies[0].id}`],
    title: { en: 'A capital squeezes its budget', fr: 'Une capitale réduit son budget' },
    text: { en: 'Hypothetical: a finance ministry cuts.', fr: 'Hypothèse : un ministère des finances réduit.' },
    choices: [{ id: 'absorb', label: { en: 'Absorb it', fr: 'L’absorber' }, cost: { en: 'Budget ×0.95', fr: 'Budget ×0,95' }, effects: [{ kind: 'budget', factor: 0.95 }] }],
    source: 'https://www.nato.int/cps/en/natohq/topics_67655.htm',
  };

  it('replaces the scenario\'s injects', () => {
    const parsed = parseMsel(scenario, { scenario: scenario.id, injects: [inject] });
    expect(parsed.ok && parsed.value.map((i) => i.serial)).toEqual([40]);
  });

  it.each([
    [{ injects: [{ ...inject, audience: ['ally:atlantis'] }] }, '$.injects[0].audience[0]'],
    [{ injects: [{ ...inject, year: 2040 }] }, '$.injects[0].year'],
    [{ injects: [{ ...inject, after: { serial: 99, choice: 'x' }, year: undefined }] }, '$.injects[0].after.serial'],
    [{ injects: [inject, inject] }, '$.injects'],
    [{ scenario: 'era1-enlargement', injects: [inject] }, '$.scenario'],
    [{ injects: 'none' }, '$.injects'],
  ])('a broken MSEL is named by its JSON path (%#)', (data, path) => {
    const parsed = parseMsel(scenario, data);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain(path);
  });
});

describe('JSON Schemas for editors', () => {
  it.each([
    ['plan.schema.json', planJsonSchema],
    ['msel.schema.json', mselJsonSchema],
  ])('scenarios/%s is current (npm run scenario:schema)', (file, schema) => {
    expect(JSON.parse(readFileSync(join(SCENARIO_DIR, file), 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema())));
  });
});
