/**
 * The plenary's comparison (docs/facilitator-guide.md): several syndicates' exercises of one
 * scenario and seed side by side — scores, metric paths, the first year where their
 * decisions diverged and what each team did there, and what it cost by the era's end.
 * Because every syndicate met the same dice, the differences are the teams' own.
 */
import type { Scenario } from '../core/scenario';
import { ALLIANCE_METRICS, type AllianceMetric } from '../core/constants';
import { scoreEra } from '../core/score';
import { replayExercise, type TurnWork } from './engine';
import type { ExerciseRecord } from './types';
import { AAR_TEXT, METRIC_NAMES, escapeHtml, formatNumber, htmlPage, htmlTable, lineChart } from './aarHtml';

export interface TeamPath {
  label: string;
  score: number;
  finished: boolean;
  years: number[];
  metrics: Record<AllianceMetric, number[]>;
}

export interface Divergence {
  year: number;
  /** What each team decided that year, in a line. */
  decisions: { label: string; decision: string }[];
  /** Each team's score less the first team's, by the era's end. */
  scoreGap: { label: string; gap: number }[];
  /** Each team's end metrics less the first team's. */
  metricGap: { label: string; gaps: Record<AllianceMetric, number> }[];
}

export interface Comparison {
  scenario: { id: string; title: { en: string; fr: string } };
  seed: number;
  teams: TeamPath[];
  divergence: Divergence | null;
}

/** A year's decision in a line: what the teams' NATO staff agreed, and the event choices. */
function decisionLine(w: TurnWork | undefined): string {
  if (!w?.agreed) return '—';
  const d = w.agreed;
  const total = d.allocations.reduce((s, l) => s + l.amount, 0);
  const actions = d.actions.map((a) => (a.type === 'rationalise' ? `${a.mode} reform` : `${a.type} ${a.partner}`));
  const choices = w.choices.map((c) => `${c.eventId}→${c.choiceId}`);
  return `share ${d.share.toFixed(1)} %, ${d.policy}, €${total.toFixed(1)}m on ${d.allocations.length} lines${actions.length ? `; ${actions.join(', ')}` : ''}${choices.length ? `; ${choices.join(', ')}` : ''}`;
}

const sameYear = (a: TurnWork | undefined, b: TurnWork | undefined) => JSON.stringify([a?.agreed, a?.choices.map((c) => [c.eventId, c.choiceId]), a?.adjudications.map((x) => [x.region, x.step])]) === JSON.stringify([b?.agreed, b?.choices.map((c) => [c.eventId, c.choiceId]), b?.adjudications.map((x) => [x.region, x.step])]);

/**
 * Compares exercises of one scenario and seed; `labels` name the syndicates (A, B, … by
 * default). Mixed scenarios or seeds, or a record that does not replay, are refused with
 * the reason.
 */
export function compare(scenario: Scenario, records: ExerciseRecord[], _lang: 'en' | 'fr' = 'en', labels?: string[]): { ok: true; comparison: Comparison } | { ok: false; reason: string } {
  if (records.length < 2) return { ok: false, reason: 'a comparison needs two exercises or more' };
  const names = records.map((_, i) => labels?.[i] ?? `Syndicate ${String.fromCharCode(65 + (i % 26))}`);
  const first = records[0].setup;
  for (let i = 0; i < records.length; i++) {
    const s = records[i].setup;
    if (s.scenarioId !== scenario.id) return { ok: false, reason: `${names[i]} played ${s.scenarioId}, not ${scenario.id}: compare exercises of one scenario` };
    if (s.seed !== first.seed) return { ok: false, reason: `${names[i]} played seed ${s.seed}, ${names[0]} seed ${first.seed}: compare exercises of one seed, so the teams met the same dice` };
  }
  const states = [];
  for (let i = 0; i < records.length; i++) {
    const r = replayExercise(scenario, records[i]);
    if (!r.ok) return { ok: false, reason: `${names[i]}: move seq ${r.seq} does not replay: ${r.rejection.reason}` };
    states.push(r.state);
  }
  const teams: TeamPath[] = states.map((ex, i) => ({
    label: names[i],
    score: scoreEra(scenario, ex.game).score,
    finished: ex.finished,
    years: ex.game.turns.map((t) => t.year),
    metrics: Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, ex.game.turns.map((t) => t.alliance[m])])) as Record<AllianceMetric, number[]>,
  }));

  let divergence: Divergence | null = null;
  const works = states.map((ex) => [...ex.turns, ex.turn]);
  for (let year = scenario.start; year <= scenario.end && !divergence; year++) {
    const ofYear = works.map((w) => w.find((t) => t.year === year));
    if (ofYear.every((w) => sameYear(w, ofYear[0]))) continue;
    const end = states.map((ex) => ex.game.alliance);
    divergence = {
      year,
      decisions: ofYear.map((w, i) => ({ label: names[i], decision: decisionLine(w) })),
      scoreGap: teams.map((t) => ({ label: t.label, gap: Math.round((t.score - teams[0].score) * 10) / 10 })),
      metricGap: end.map((a, i) => ({ label: names[i], gaps: Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, Math.round((a[m] - end[0][m]) * 10) / 10])) as Record<AllianceMetric, number> })),
    };
  }
  return { ok: true, comparison: { scenario: { id: scenario.id, title: scenario.title }, seed: first.seed, teams, divergence } };
}

/** The comparison as a printable HTML document. */
export function compareHtml(c: Comparison, lang: 'en' | 'fr' = 'en'): string {
  const t = AAR_TEXT[lang];
  const parts: string[] = [`<h1>${escapeHtml(t.compare)} — ${escapeHtml(c.scenario.title[lang])}</h1>`, `<p class="meta">${t.seed} ${c.seed}</p>`];
  parts.push(`<h2>${escapeHtml(t.score)}</h2>`);
  parts.push(htmlTable([t.team, t.score], c.teams.map((team) => [escapeHtml(team.label), formatNumber(team.score, lang)])));
  for (const m of ALLIANCE_METRICS) {
    const years = c.teams[0].years;
    parts.push(lineChart(years, c.teams.map((team) => ({ name: team.label, values: team.metrics[m] })), METRIC_NAMES[lang][m]));
  }
  parts.push(`<h2>${escapeHtml(t.divergence)}</h2>`);
  if (!c.divergence) parts.push(`<p>${escapeHtml(t.noDivergence)}</p>`);
  else {
    const d = c.divergence;
    parts.push(`<p><strong>${d.year}</strong></p>`);
    parts.push(htmlTable([t.team, t.detail], d.decisions.map((x) => [escapeHtml(x.label), escapeHtml(x.decision)])));
    parts.push(`<p>${escapeHtml(t.cost)}</p>`);
    parts.push(htmlTable([t.team, t.score, ...ALLIANCE_METRICS.map((m) => METRIC_NAMES[lang][m])], d.scoreGap.map((g, i) => [escapeHtml(g.label), formatNumber(g.gap, lang), ...ALLIANCE_METRICS.map((m) => formatNumber(d.metricGap[i].gaps[m], lang))])));
  }
  return htmlPage(lang, `${t.compare} — ${c.scenario.title[lang]}`, parts.join('\n'));
}
