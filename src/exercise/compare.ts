/**
 * The plenary's comparison (docs/facilitator-guide.md, "The plenary"): several syndicates'
 * exercises of one scenario and one seed side by side — scores, metric paths, the first
 * year and phase where their decisions or key moves differed and what differed, and what
 * it cost from there (metric differences year by year, the score at the end). Because
 * every syndicate met the same dice, the differences are the teams' own.
 *
 * Key moves, phase by phase: the White Cell's inject controls and NATO's stated strategy
 * where they were made; signals (red cells' offers, partner teams' demands and
 * self-financing, capitals' pushes); planning (each proposal round, the capitals' answers,
 * a deadlock decision, the agreed year, red cells' commitments, gap-analysis answers);
 * adjudication (each region's step); events (each card's choice). They are read from the
 * rebuilt years (`TurnWork`), so an all-bot exercise, whose log is empty, compares too.
 *
 * `Comparison` is plain JSON (compare.json) with texts in the chosen language; the HTML is
 * compareHtml.ts (re-exported here). Pure: no DOM and no Node APIs.
 */
import { partnerNameIn, type Scenario } from '../core/scenario';
import { ALLIANCE_METRICS, COMPETITORS, type AllianceMetric } from '../core/constants';
import { fundingByPartner } from '../core/decision';
import { scoreEra } from '../core/score';
import { replayExercise, type ExerciseState, type TurnWork } from './engine';
import { rulesChanged } from './moves';
import { isHeld, roleName, scenarioRoles } from './roles';
import { PHASES, type ExerciseRecord, type LogEntry, type Phase, type RoleId } from './types';
import { describeDecision, describeMove } from './aar';
import { AAR_TEXT, competitorName, focusName, formatMoney, formatPercent, regionName, type Lang } from './aarText';

export interface TeamPath {
  label: string;
  score: number;
  finished: boolean;
  /** The line the exercise ended on (rewinds open new ones). */
  branch: number;
  moves: number;
  /** Roles a team held (the rest were the engine's), and their names. */
  held: RoleId[];
  heldNames: string[];
  years: number[];
  /** Each metric at the era's start, then at each year's end. */
  metrics: Record<AllianceMetric, number[]>;
}

/** One kind of key move in the diverging phase, as each team made it ('—' where it made none). */
export interface DivergenceItem {
  what: string;
  values: string[];
}

export interface Divergence {
  year: number;
  phase: Phase;
  phaseName: string;
  /** What differed there: only the kinds of move that were not the same for every team. */
  differences: DivergenceItem[];
  /** What each team agreed that year, in a line. */
  decisions: { label: string; decision: string }[];
  /** Each team's score less the first team's, at the era's end. */
  scoreGap: { label: string; gap: number }[];
  /** Each team's end metrics less the first team's. */
  metricGap: { label: string; gaps: Record<AllianceMetric, number> }[];
  /** From the diverging year to the end: each team's metrics less the first team's, year by year. */
  byYear: { year: number; gaps: { label: string; gaps: Record<AllianceMetric, number> }[] }[];
}

export interface Comparison {
  format: 'coopsec-comparison';
  version: 1;
  lang: Lang;
  scenario: { id: string; title: { en: string; fr: string }; start: number; end: number };
  seed: number;
  teams: TeamPath[];
  divergence: Divergence | null;
  /** What the plenary should know before reading the figures (different seats, an unfinished exercise, a rewind, another MSEL). */
  warnings: string[];
}

export type CompareResult = { ok: true; comparison: Comparison } | { ok: false; reason: string };

const round1 = (v: number) => Math.round(v * 10) / 10;

const SAY = {
  en: {
    two: 'a comparison needs two exercises or more',
    scenario: (a: string, x: string, y: string) => `${a} played scenario "${x}", not "${y}": compare exercises of one scenario`,
    seed: (a: string, x: number, b: string, y: number) => `${a} played seed ${x}, ${b} seed ${y}: compare exercises of one seed, so the teams met the same dice`,
    replay: (a: string, seq: number, why: string) => `${a}: move seq ${seq} does not replay: ${why}`,
    label: (i: number) => `Syndicate ${String.fromCharCode(65 + (i % 26))}`,
    seatsDiffer: 'The syndicates held different roles: where a team held a role, the engine did not play it, so some differences are the seats’, not the decisions’.',
    seats: (a: string, held: string) => `${a} held: ${held || 'no role (the engine played every role)'}`,
    unfinished: (a: string) => `${a} did not finish the era: its figures are as they stood`,
    rewound: (a: string, b: number) => `${a} was rewound; its report follows branch ${b}`,
    msel: (a: string) => `${a} played another master events list than the first syndicate`,
    rules: (a: string, was: number, now: number) => `${a} was played under rules version ${was}; this build plays version ${now}, so its years may differ from those the syndicate played`,
    what: {
      white: 'White Cell (injects and cards)',
      strategy: 'NATO’s stated strategy',
      signals: (c: string) => `${c}’s signalled offers`,
      demands: 'Partner teams’ demands',
      selfFinancing: 'Self-financing offered',
      pushes: 'Capitals’ pushes',
      proposal: (r: number) => `NATO’s proposal, round ${r}`,
      answers: (r: number) => `Capitals’ answers, round ${r}`,
      deadlock: 'White Cell’s deadlock decision',
      agreed: 'The agreed year',
      money: 'Money by partner (largest differences)',
      commits: (c: string) => `${c}’s commitments`,
      gap: 'Gap-analysis answers',
      adjudication: 'Adjudication',
      choices: 'Event choices',
    },
  },
  fr: {
    two: 'une comparaison demande au moins deux exercices',
    scenario: (a: string, x: string, y: string) => `${a} a joué le scénario «\u00a0${x}\u00a0», pas «\u00a0${y}\u00a0»\u00a0: comparez des exercices d’un même scénario`,
    seed: (a: string, x: number, b: string, y: number) => `${a} a joué la graine ${x}, ${b} la graine ${y}\u00a0: comparez des exercices d’une même graine, pour que les équipes aient eu les mêmes dés`,
    replay: (a: string, seq: number, why: string) => `${a}\u00a0: le coup n° ${seq} ne se rejoue pas\u00a0: ${why}`,
    label: (i: number) => `Syndicat ${String.fromCharCode(65 + (i % 26))}`,
    seatsDiffer: 'Les syndicats n’ont pas tenu les mêmes rôles\u00a0: là où une équipe tenait un rôle, le moteur ne l’a pas joué, et certains écarts tiennent aux rôles, pas aux décisions.',
    seats: (a: string, held: string) => `${a} — rôles tenus\u00a0: ${held || 'aucun (le moteur a joué tous les rôles)'}`,
    unfinished: (a: string) => `${a} n’a pas terminé l’époque\u00a0: ses chiffres sont ceux du moment`,
    rewound: (a: string, b: number) => `${a} a été rembobiné\u202f; son rapport suit la branche ${b}`,
    msel: (a: string) => `${a} a joué une autre liste d’incidents que le premier syndicat`,
    rules: (a: string, was: number, now: number) => `${a} a été joué selon la version ${was} des règles\u202f; cette version du jeu applique la version ${now}, et ses années peuvent différer de celles que le syndicat a jouées`,
    what: {
      white: 'Cellule blanche (injects et cartes)',
      strategy: 'Stratégie annoncée par l’OTAN',
      signals: (c: string) => `Offres annoncées (${c})`,
      demands: 'Demandes des équipes de partenaires',
      selfFinancing: 'Autofinancement proposé',
      pushes: 'Pressions des capitales',
      proposal: (r: number) => `Proposition de l’OTAN, tour ${r}`,
      answers: (r: number) => `Réponses des capitales, tour ${r}`,
      deadlock: 'Décision de la cellule blanche sur le blocage',
      agreed: 'L’année retenue',
      money: 'Argent par partenaire (plus grands écarts)',
      commits: (c: string) => `Engagements (${c})`,
      gap: 'Réponses aux analyses des lacunes',
      adjudication: 'Arbitrage',
      choices: 'Choix sur les cartes',
    },
  },
};

/** A key move: a stable key to compare by, and how it reads. */
type Key = { what: string; key: string; text: string };

/** The key moves of one year, by phase, of one team. */
function keyMoves(scenario: Scenario, ex: ExerciseState, w: TurnWork | undefined, line: LogEntry[], lang: Lang): Map<Phase, Key[]> {
  const t = AAR_TEXT[lang];
  const say = SAY[lang].what;
  const out = new Map<Phase, Key[]>(PHASES.map((p) => [p, []]));
  if (!w) return out;
  const push = (phase: Phase, what: string, key: unknown, text: string) => out.get(phase)!.push({ what, key: JSON.stringify(key), text });
  // Partners are named as in this year (README.md, "Partner names over time").
  const pName = (id: string) => partnerNameIn(scenario, id, w.year, lang);
  for (const e of line) {
    if (e.year !== w.year) continue;
    const m = e.move;
    if (m.type === 'white.publish' || m.type === 'white.hold' || m.type === 'white.skip' || m.type === 'white.adhoc') push(e.phase, say.white, m, `${t.moveTypes[m.type]}: ${describeMove(scenario, m, lang, e.year)}`);
    if (m.type === 'nato.strategy') push(e.phase, say.strategy, m.strategy, t.strategies[m.strategy]);
  }
  for (const c of COMPETITORS) {
    const sig = w.signals[c];
    if (sig) push('signals', say.signals(competitorName(lang, c)), sig, sig.map((o) => `${pName(o.partner)} ${formatMoney(o.amount, lang)}${o.bluff ? ` (${t.bluff})` : ''}`).join(', ') || t.none);
  }
  const demands = Object.entries(w.demands).sort();
  if (demands.length) push('signals', say.demands, demands, demands.map(([p, f]) => `${pName(p)}: ${focusName(lang, f)}`).join(', '));
  const fin = Object.entries(w.selfFinancing).sort();
  if (fin.length) push('signals', say.selfFinancing, fin, fin.map(([p, v]) => `${pName(p)} ${formatPercent(v, lang)}`).join(', '));
  const pushes = Object.entries(w.pushes).sort();
  if (pushes.length) push('signals', say.pushes, pushes, pushes.map(([a, p]) => `${scenario.allies.find((x) => x.id === a)?.name[lang] ?? a} → ${pName(p)}`).join(', '));
  for (const p of w.proposals) {
    push('planning', say.proposal(p.round), p.decision, describeDecision(scenario, p.decision, lang, w.year));
    const answers = scenario.allies.filter((a) => p.responses[a.id]).map((a) => [a.id, p.responses[a.id].approve]);
    if (answers.length && ex.setup.consensus === 'vote')
      push('planning', say.answers(p.round), answers, scenario.allies.filter((a) => p.responses[a.id]).map((a) => `${a.name[lang]}${t.colon}${p.responses[a.id].approve ? t.approves : `${t.objects} (${p.responses[a.id].reason ?? ''})`}`).join(t.listSep));
  }
  if (w.deadlock) push('planning', say.deadlock, w.deadlock.outcome, `${t.deadlockOutcomes[w.deadlock.outcome]} — ${w.deadlock.rationale}`);
  if (w.agreed) push('planning', say.agreed, w.agreed, describeDecision(scenario, w.agreed, lang, w.year));
  for (const c of COMPETITORS) {
    const com = w.commits[c];
    if (com) push('planning', say.commits(competitorName(lang, c)), com, com.map(pName).join(', ') || t.none);
  }
  const gaps = Object.entries(w.gapAnswers).sort();
  if (gaps.length) push('planning', say.gap, gaps, gaps.map(([p, a]) => `${pName(p)}: ${a ? t.gapAccepted : t.gapRefused}`).join(', '));
  for (const a of w.adjudications) push('adjudication', `${say.adjudication} (${regionName(lang, a.region)})`, a.step, `${t.steps[a.step]} — ${a.rationale}`);
  for (const c of w.choices) push('events', say.choices, [c.eventId, c.choiceId], describeMove(scenario, { type: 'event.choose', eventId: c.eventId, choiceId: c.choiceId }, lang, w.year));
  return out;
}

/** Where each team put different money than the first, largest differences first. */
function moneyDifferences(scenario: Scenario, works: (TurnWork | undefined)[], lang: Lang, year: number): DivergenceItem | null {
  const funding = works.map((w) => (w?.agreed ? fundingByPartner(w.agreed) : new Map<string, number>()));
  const partners = new Set(funding.flatMap((f) => [...f.keys()]));
  const diffs = [...partners]
    .map((p) => ({ p, spread: Math.max(...funding.map((f) => f.get(p) ?? 0)) - Math.min(...funding.map((f) => f.get(p) ?? 0)) }))
    .filter((d) => d.spread > 0.05)
    .sort((a, b) => b.spread - a.spread)
    .slice(0, 4);
  if (!diffs.length) return null;
  const name = (id: string) => partnerNameIn(scenario, id, year, lang);
  return { what: SAY[lang].what.money, values: funding.map((f) => diffs.map((d) => `${name(d.p)} ${formatMoney(f.get(d.p) ?? 0, lang)}`).join(', ')) };
}

/**
 * Compares exercises of one scenario and seed; `labels` name the syndicates (Syndicate A,
 * B, … by default). Mixed scenarios or seeds, fewer than two records, or a record that does
 * not replay are refused with the reason, in `lang`.
 */
export function compare(scenario: Scenario, records: ExerciseRecord[], lang: Lang = 'en', labels?: string[]): CompareResult {
  const say = SAY[lang];
  if (records.length < 2) return { ok: false, reason: say.two };
  const names = records.map((_, i) => labels?.[i] ?? say.label(i));
  const first = records[0].setup;
  for (let i = 0; i < records.length; i++) {
    const s = records[i].setup;
    if (s.scenarioId !== scenario.id) return { ok: false, reason: say.scenario(names[i], s.scenarioId, scenario.id) };
    if (s.seed !== first.seed) return { ok: false, reason: say.seed(names[i], s.seed, names[0], first.seed) };
  }
  const states: ExerciseState[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = replayExercise(scenario, records[i]);
    if (!r.ok) {
      const changed = rulesChanged(records[i]);
      return { ok: false, reason: `${say.replay(names[i], r.seq, r.rejection.reason)}${changed ? ` (${say.rules(names[i], changed.recorded, changed.current)})` : ''}` };
    }
    states.push(r.state);
  }
  const roles = scenarioRoles(scenario).filter((r) => r !== 'observer');
  const teams: TeamPath[] = states.map((ex, i) => ({
    label: names[i],
    score: scoreEra(scenario, ex.game).score,
    finished: ex.finished,
    branch: ex.branch,
    moves: ex.applied.length,
    held: roles.filter((r) => isHeld(ex.setup.seats, r)),
    heldNames: roles.filter((r) => isHeld(ex.setup.seats, r)).map((r) => roleName(scenario, r, lang)),
    years: ex.game.turns.map((t) => t.year),
    metrics: Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, [scenario.initial[m], ...ex.game.turns.map((t) => round1(t.alliance[m]))]])) as Record<AllianceMetric, number[]>,
  }));

  const warnings: string[] = [];
  const heldKey = (t: TeamPath) => t.held.join(',');
  if (teams.some((t) => heldKey(t) !== heldKey(teams[0]))) {
    warnings.push(say.seatsDiffer);
    for (const t of teams) warnings.push(say.seats(t.label, t.heldNames.join(', ')));
  }
  for (let i = 0; i < records.length; i++) if (JSON.stringify(records[i].setup.msel ?? null) !== JSON.stringify(first.msel ?? null)) warnings.push(say.msel(names[i]));
  for (const t of teams) if (!t.finished) warnings.push(say.unfinished(t.label));
  for (const t of teams) if (t.branch > 0) warnings.push(say.rewound(t.label, t.branch));
  for (let i = 0; i < records.length; i++) {
    const changed = rulesChanged(records[i]);
    if (changed) warnings.push(say.rules(names[i], changed.recorded, changed.current));
  }

  const lines = states.map((ex) => {
    const applied = new Set(ex.applied);
    return ex.log.filter((e) => applied.has(e.seq));
  });
  const works = states.map((ex) => [...ex.turns, ...(ex.finished ? [] : [ex.turn])]);
  let divergence: Divergence | null = null;
  search: for (let year = scenario.start; year <= scenario.end; year++) {
    const ofYear = works.map((w) => w.find((t) => t.year === year));
    if (ofYear.every((w) => !w)) break;
    const keys = states.map((ex, i) => keyMoves(scenario, ex, ofYear[i], lines[i], lang));
    for (const phase of PHASES) {
      const byTeam = keys.map((k) => k.get(phase)!);
      const sig = byTeam.map((k) => JSON.stringify(k.map((x) => [x.what, x.key])));
      if (sig.every((x) => x === sig[0])) continue;
      // What differed: every kind of move whose content was not the same for all teams.
      const kinds = [...new Set(byTeam.flatMap((k) => k.map((x) => x.what)))];
      const differences: DivergenceItem[] = [];
      for (const what of kinds) {
        const per = byTeam.map((k) => k.filter((x) => x.what === what));
        const pk = per.map((p) => JSON.stringify(p.map((x) => x.key)));
        if (pk.every((x) => x === pk[0])) continue;
        differences.push({ what, values: per.map((p) => p.map((x) => x.text).join(AAR_TEXT[lang].listSep) || '—') });
      }
      if (phase === 'planning') {
        const money = moneyDifferences(scenario, ofYear, lang, year);
        if (money) differences.push(money);
      }
      const end = states.map((ex) => ex.game.alliance);
      const gapOf = (a: Record<AllianceMetric, number>, b: Record<AllianceMetric, number>) => Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, round1(a[m] - b[m])])) as Record<AllianceMetric, number>;
      const byYear: Divergence['byYear'] = [];
      for (let y = year; y <= scenario.end; y++) {
        const recs = states.map((ex) => ex.game.turns.find((t) => t.year === y));
        if (!recs[0]) break;
        byYear.push({ year: y, gaps: recs.flatMap((r, i) => (i === 0 || !r ? [] : [{ label: names[i], gaps: gapOf(r.alliance, recs[0]!.alliance) }])) });
      }
      divergence = {
        year,
        phase,
        phaseName: AAR_TEXT[lang].phases[phase],
        differences,
        decisions: ofYear.map((w, i) => ({ label: names[i], decision: w?.agreed ? describeDecision(scenario, w.agreed, lang, year) : '—' })),
        scoreGap: teams.map((t) => ({ label: t.label, gap: round1(t.score - teams[0].score) })),
        metricGap: end.map((a, i) => ({ label: names[i], gaps: gapOf(a, end[0]) })),
        byYear,
      };
      break search;
    }
  }
  return { ok: true, comparison: { format: 'coopsec-comparison', version: 1, lang, scenario: { id: scenario.id, title: scenario.title, start: scenario.start, end: scenario.end }, seed: first.seed, teams, divergence, warnings } };
}

/** compare.json: the comparison as indented JSON. */
export function compareJson(c: Comparison): string {
  return JSON.stringify(c, null, 2) + '\n';
}

export { compareHtml } from './compareHtml';
