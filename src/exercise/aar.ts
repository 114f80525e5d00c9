/**
 * The after-action report of an exercise (docs/exercise.md, docs/facilitator-guide.md),
 * built from its record alone: the setup (who held which role, the engine's policies), the
 * line it reports and the lines a rewind left behind with the rewind's rationale; per year
 * each role's moves with their seq and timing, the proposal rounds and each capital's
 * answer and reason, signals and commitments with the bluffs revealed, each region's
 * result beside the White Cell's adjudication (both steps, rationale, metric moved), event
 * cards and who chose, the injects' fate and audience, the White Cell's notes; metric
 * series; the debrief's diagnostics; say–do per role; luck vs skill; the team's path
 * beside history.
 *
 * `Aar` is plain JSON (aar.json); its texts are in the report's language. Pure: no DOM and
 * no Node APIs, so the browser, the classroom server and the CLI build the same report.
 * The CSV and HTML exports are in aarCsv.ts and aarHtml.ts (re-exported here for callers).
 */
import { partnerNameIn, partnerNameOver, type Scenario } from '../core/scenario';
import { ALLIANCE_METRICS, COMPETITORS, FOCUS_AREAS, REGIONS, type AllianceMetric, type CompetitorId, type FocusArea, type Region } from '../core/constants';
import { diagnostics, sayDo, scoreEra, type Diagnostics, type EraScore } from '../core/score';
import { gradeEra, type GradeResult } from '../core/grade';
import { rerunOverSeeds } from '../core/game';
import { readyAspirants, type GameState, type TurnRecord } from '../core/state';
import { fundingByPartner, type TurnDecision } from '../core/decision';
import { crossesRedLine, objectionText } from './consensus';
import { playedScenario, replayExercise, stateHash, injectFate, type Adjudication, type ExerciseState, type InjectFate, type TurnWork } from './engine';
import { rulesChanged } from './moves';
import { isHeld, partnerTeams, roleName, scenarioRoles } from './roles';
import { PHASES, type AdjudicationStep, type ExerciseRecord, type LogEntry, type MovePayload, type Phase, type RoleId } from './types';
import { AAR_TEXT, competitorName, focusName, formatMoney, formatNumber, regionName, type Lang } from './aarText';

export interface AarMove {
  seq: number;
  /** The line of play it was made on (0 until the first rewind). */
  branch: number;
  year: number;
  phase: Phase;
  role: RoleId;
  roleName: string;
  type: MovePayload['type'];
  /** What the move said, in a line, in the report's language. */
  detail: string;
  /** Wall time (ms since 1970) the shell received it, where it recorded one. */
  at?: number;
  /** Seconds from the phase's start to this move. */
  intoPhase?: number;
}

export interface AarProposal {
  round: number;
  /** A team's proposal, or the engine's (an unheld NATO seat, or a timer's stand-in). */
  by: 'team' | 'engine';
  share: number;
  policy: TurnDecision['policy'];
  total: number;
  summary: string;
  answers: { ally: string; name: string; approve: boolean; reason?: string; by: 'team' | 'engine' }[];
  outcome: string;
}

export interface AarSignal {
  competitor: CompetitorId;
  partner: string;
  partnerName: string;
  amount: number;
  /** The red cell's intent when it signalled. */
  bluff: boolean;
  /** Whether it honoured the offer when it committed (null: it never committed). */
  honoured: boolean | null;
  /** NATO's staff had revealed the partner (intelligence or an accepted gap analysis) before the signal. */
  seenThrough: boolean;
}

export interface AarResult {
  region: Region;
  /** The region's alliance metric's change over the resolution. */
  natoDelta: number;
  /** The competitors' summed influence change there. */
  competitorDelta: number;
  engine: AdjudicationStep;
  /** The White Cell's adjudication, where it made one. */
  white?: { step: AdjudicationStep; rationale: string; delta: number; seq: number };
}

export interface AarCard {
  id: string;
  source: 'event' | 'inject';
  title: string;
  choiceId: string;
  choice: string;
  by: 'nato' | 'white' | 'default';
  counterfactual: boolean;
}

export interface AarTurn {
  year: number;
  /** Minutes spent in each phase, where the shell recorded wall times. */
  minutes: Partial<Record<Phase, number>>;
  /** Seq and wall time each phase was entered at. */
  phases: { phase: Phase; seq: number; at?: number }[];
  moves: AarMove[];
  proposals: AarProposal[];
  deadlock?: { outcome: 'accept' | 'statusQuo'; rationale: string };
  agreed: { share: number; policy: TurnDecision['policy']; total: number; summary: string } | null;
  agreedShare: number | null;
  pushes: { ally: string; name: string; partner: string; partnerName: string }[];
  signals: AarSignal[];
  /** Competitor offers that year (drawn by the dice where no red cell was held) and how many outbid NATO. */
  offers: { total: number; outbid: number };
  demands: { partner: string; partnerName: string; focus: FocusArea; focusName: string; received: number }[];
  selfFinancing: { partner: string; partnerName: string; share: number }[];
  gapAnalyses: { partner: string; partnerName: string; accepted: boolean; answeredBy: 'team' | 'dice' }[];
  results: AarResult[];
  /** Every adjudication of the year, as the engine logged it. */
  adjudications: Adjudication[];
  cards: AarCard[];
  metrics: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
}

/**
 * An inject's fate in the report: the engine's, but once the exercise is finished an inject
 * still pending or held never fired, and is said so (as the White Cell's console says it).
 */
export type AarInjectFate = InjectFate | 'neverFired';

export interface AarInject {
  serial: string;
  title: string;
  audience: string[];
  /** The audience in words (role names). */
  audienceNames: string[];
  fate: AarInjectFate;
  /** Published on its time, or by the White Cell. */
  how: 'time' | 'white' | null;
  year?: number;
  phase?: Phase;
  /** The White Cell's moves on it (every line of the log, with the branch they were on). */
  actions: { seq: number; year: number; phase: Phase; type: 'white.publish' | 'white.hold' | 'white.skip'; branch: number; onLine: boolean }[];
}

export interface AarNote {
  seq: number;
  branch: number;
  /** Whether the note belongs to the reported line (a note made on an abandoned line is kept too). */
  onLine: boolean;
  year: number;
  phase: Phase;
  text: string;
  serial?: string;
  injectTitle?: string;
  at?: number;
}

export interface AarBranch {
  id: number;
  parent: number;
  seq: number;
  toYear: number;
  rationale: string;
  at?: number;
  /** Where the line the rewind abandoned stood, and how many of its moves were left behind. */
  abandoned: {
    moves: number;
    year: number;
    phase: Phase;
    /** The era's score of the abandoned line's state there: a score mid-era, not comparable with the era's final score. */
    score: number;
    /** The score of the line reported at the same year and phase (after its moves there), to compare with `score`; null where it never got there. */
    lineScore: number | null;
    metrics: Record<AllianceMetric, number>;
  } | null;
}

export interface AarAllySayDo {
  ally: string;
  name: string;
  /** Years with an agreed decision. */
  years: number;
  /** Years its priority partners (its favourites where it has no priorities) got at least their equal share. */
  partners: number;
  /** Years its priority regions got at least their partners' share of the money; null where it names none. */
  regions: number | null;
  /** Years its priority focus areas got at least an even share of the money; null where it names none. */
  focus: number | null;
  redLine: string | null;
  /** Years the agreed decision stayed within its red line. */
  redLineHeld: number;
  objections: number;
}

export interface Aar {
  format: 'coopsec-aar';
  version: 1;
  lang: Lang;
  scenario: { id: string; era: number; title: string; start: number; end: number };
  seed: number;
  hash: string;
  finished: boolean;
  /** Where the exercise stood when the report was built. */
  stoppedAt: { year: number; phase: Phase };
  /** The record was played under other rules than this build replays it with (null when they agree). */
  rules: { recorded: number; current: number } | null;
  setup: {
    consensus: ExerciseRecord['setup']['consensus'];
    rounds: number;
    deadlock: ExerciseRecord['setup']['deadlock'];
    msel: 'scenario' | 'own';
    injectCount: number;
    timers: Partial<Record<Phase, number>>;
    /** Timers the White Cell set during play, on the line reported (the set-up's `timers` are those it started with). */
    timersSet: number;
  };
  roles: { role: RoleId; name: string; held: boolean; bot?: string }[];
  consensus: string;
  /** The line the report follows (0 until the first rewind). */
  branch: number;
  branches: AarBranch[];
  turns: AarTurn[];
  /** Moves of the lines rewinds abandoned, in seq order (the reported line's are in `turns`). */
  abandonedMoves: AarMove[];
  /** Values at the era's start, before the first year (for the charts). */
  initial: { metrics: Record<AllianceMetric, number>; influence: Record<CompetitorId, Record<Region, number>> };
  injects: AarInject[];
  adhoc: { seq: number; year: number; eventId: string; title: string }[];
  notes: AarNote[];
  score: EraScore;
  /** The era's grade by the solo debrief's rule (objectives met, then score). */
  grade: GradeResult;
  diagnostics: Diagnostics;
  sayDo: {
    nato: { strategy: string | null; strategyName: string | null; score: number | null; byRegion: Record<Region, number> };
    allies: AarAllySayDo[];
    red: { competitor: CompetitorId; name: string; held: boolean; signalled: number; bluffsSignalled: number; honoured: number; bluffsCommitted: number; turned: number }[];
    partners: { team: string; name: string; demands: number; funded: number; money: number; selfFinancing: number }[];
  };
  luck: { seeds: number; p10: number; p50: number; p90: number; own: number; below: number } | null;
  history: {
    entries: { year: number; text: string; source: string; team: string }[];
    readyAspirants?: number;
    teamReadyAspirants: number;
  };
}

export interface AarOptions {
  lang?: Lang;
  /** Other seeds NATO's decisions are replayed over for luck vs skill (default 200; 0 leaves it out). */
  seeds?: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

const quantile = (sorted: number[], q: number) => {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
};

/** A partner's name in `year`, the year the line reports (README.md, "Partner names over time"). */
/** A decision in a line: share, policy, money and where most of it went, actions; partners named as in `year`. */
export function describeDecision(scenario: Scenario, d: TurnDecision, lang: Lang, year: number): string {
  const t = AAR_TEXT[lang];
  const funding = [...fundingByPartner(d)].sort((a, b) => b[1] - a[1]);
  const total = funding.reduce((s, [, v]) => s + v, 0);
  const top = funding.slice(0, 3).filter(([, v]) => v > 0).map(([p, v]) => `${partnerNameIn(scenario, p, year, lang)} ${formatMoney(v, lang)}`);
  const actions = d.actions.map((a) => (a.type === 'rationalise' ? t.reform(a.mode) : a.type === 'gapAnalysis' ? t.gapAnalysisOf(partnerNameIn(scenario, a.partner, year, lang)) : t.intelligenceOn(partnerNameIn(scenario, a.partner, year, lang))));
  return [
    `${t.shareWord} ${formatNumber(d.share, lang)}\u00a0%, ${t.policyWords[d.policy] ?? d.policy}`,
    `${t.linesWord(d.allocations.length, formatMoney(total, lang))}${top.length ? ` (${t.mostTo} ${top.join(', ')})` : ''}`,
    ...actions,
  ].join(t.listSep);
}

/** A move in one line, in the report's language, for the tables and the CSV; partners named as in `year`, the move's year. */
export function describeMove(scenario: Scenario, move: MovePayload, lang: Lang, year: number): string {
  const t = AAR_TEXT[lang];
  const p = (id: string) => partnerNameIn(scenario, id, year, lang);
  const inject = (serial: string) => {
    const i = scenario.injects.find((x) => String(x.serial) === serial);
    return i ? `${serial} — ${i.title[lang]}` : serial;
  };
  switch (move.type) {
    case 'nato.propose':
      return describeDecision(scenario, move.decision, lang, year);
    case 'nato.strategy':
      return t.strategies[move.strategy] ?? move.strategy;
    case 'event.choose': {
      const card = scenario.events.find((e) => e.id === move.eventId) ?? scenario.injects.find((i) => String(i.serial) === move.eventId);
      const choice = card?.choices.find((c) => c.id === move.choiceId) ?? (card && 'counterfactual' in card ? card.counterfactual?.choices.find((c) => c.id === move.choiceId) : undefined);
      return `${card ? card.title[lang] : move.eventId}${t.colon}${choice ? choice.label[lang] : move.choiceId}`;
    }
    case 'ally.push':
      return p(move.partner);
    case 'ally.approve':
      return t.approves;
    case 'ally.object':
      return move.reason;
    case 'partner.demand':
      return `${p(move.partner)}${t.colon}${focusName(lang, move.focus)}`;
    case 'partner.selfFinance':
      return `${p(move.partner)}${t.colon}+${formatNumber(100 * move.share, lang, 0)}\u00a0%`;
    case 'partner.gapAnswer':
      return `${p(move.partner)}${t.colon}${move.accept ? t.gapAccepted : t.gapRefused}`;
    case 'red.signal':
      return move.offers.map((o) => `${p(o.partner)} ${formatMoney(o.amount, lang)}${o.bluff ? ` (${t.bluff})` : ''}`).join(', ') || t.none;
    case 'red.commit':
      return move.honour.map(p).join(', ') || t.none;
    case 'white.publish':
    case 'white.hold':
    case 'white.skip':
      return inject(move.serial);
    case 'white.adhoc':
      return scenario.events.find((e) => e.id === move.eventId)?.title[lang] ?? move.eventId;
    case 'white.timer':
      return `${t.phases[move.phase]}${t.colon}${move.seconds} s`;
    case 'white.extend':
      return `${move.seconds} s`;
    case 'white.adjudicate':
      return `${regionName(lang, move.region)}${t.colon}${t.steps[move.step]} — ${move.rationale}`;
    case 'white.decide':
      return `${t.deadlockOutcomes[move.outcome]} — ${move.rationale}`;
    case 'white.note':
      return move.serial !== undefined ? `[${inject(move.serial)}] ${move.text}` : move.text;
    case 'white.rewind':
      return `${t.rewindTo} ${move.toYear} — ${move.rationale}`;
    case 'white.pause':
      return move.reason === 'taken-up' ? t.takenUpPause : '';
    case 'phase.ready':
    case 'phase.advance':
    case 'timer.expire':
    case 'white.resume':
      return '';
    default: {
      const never: never = move;
      return String((never as { type: string }).type);
    }
  }
}

/**
 * Whether a logged move belongs to the line the exercise ended on. A rewind replays the
 * line's moves before its year (they stay in `applied`) but not its notes, which stay with
 * the exercise: a note left the line only if a later rewind went back to its year or before.
 */
function onLineTest(ex: ExerciseState): (e: LogEntry) => boolean {
  const applied = new Set(ex.applied);
  const rewinds = ex.log.filter((e) => e.move.type === 'white.rewind');
  return (e) => (e.move.type === 'white.note' ? !rewinds.some((r) => r.seq > e.seq && (r.move as { toYear: number }).toYear <= e.year) : applied.has(e.seq));
}

/**
 * Who a move is credited to in the report. A timer's expiry is logged under the White
 * Cell's seat (the engine needs a role) but the facilitator did not make it: the clock did.
 */
function moverName(s: Scenario, e: LogEntry, lang: Lang): string {
  return e.move.type === 'timer.expire' ? AAR_TEXT[lang].clock : roleName(s, e.role, lang);
}

/**
 * The year a move of the line is reported under: the year it was made in, but a rewind under
 * the year it went back to, first of that year's moves (the new line starts there). Filed
 * under the year it was made in, it was listed before that year's moves once the new line
 * reached that year again, in the middle of a year it did not start.
 */
function filedUnder(e: LogEntry): number {
  return e.move.type === 'white.rewind' ? e.move.toYear : e.year;
}

/** Minutes per phase: from each phase's entry to the next phase's (the year's last phase runs to the next year's first, or to the year's last move). */
function phaseMinutes(w: TurnWork, next: TurnWork | undefined, lastAt: number | undefined): Partial<Record<Phase, number>> {
  const minutes: Partial<Record<Phase, number>> = {};
  w.phases.forEach((p, i) => {
    const end = i + 1 < w.phases.length ? w.phases[i + 1].at : (next?.phases[0]?.at ?? lastAt);
    if (p.at === undefined || end === undefined) return;
    minutes[p.phase] = Math.round(((minutes[p.phase] ?? 0) + (end - p.at) / 60_000) * 10) / 10;
  });
  return minutes;
}

/** The partners NATO's staff had revealed before each year: intelligence and accepted gap analyses of earlier years. */
function revealedBefore(works: TurnWork[], records: TurnRecord[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const known = new Set<string>();
  for (const w of works) {
    out.set(w.year, new Set(known));
    for (const a of w.agreed?.actions ?? []) if (a.type === 'intelligence') known.add(a.partner);
    for (const g of records.find((r) => r.year === w.year)?.gapAnalyses ?? []) if (g.accepted) known.add(g.partner);
  }
  return out;
}

/** Say–do of each Allied capital: how often the agreed year honoured its priorities, and its red line. */
function allySayDo(s: Scenario, game: GameState, works: TurnWork[], lang: Lang): AarAllySayDo[] {
  const t = AAR_TEXT[lang];
  const region = new Map(s.partners.map((p) => [p.id, p.region]));
  // A summary over the years played: a partner renamed meanwhile is named as at the last of them, with its former name.
  const lastYear = works.at(-1)?.year ?? s.start;
  return s.allies.map((a) => {
    const pr = a.priorities;
    const wanted = pr?.partners.length ? pr.partners : a.favourites;
    let years = 0;
    let partners = 0;
    let regions = 0;
    let focus = 0;
    let held = 0;
    let objections = 0;
    for (const w of works) {
      for (const p of w.proposals) if (p.responses[a.id] && !p.responses[a.id].approve) objections++;
      if (!w.agreed) continue;
      years++;
      const funding = fundingByPartner(w.agreed);
      const total = [...funding.values()].reduce((x, y) => x + y, 0);
      const funded = [...funding.keys()];
      if (total > 0) {
        const toWanted = wanted.reduce((sum, p) => sum + (funding.get(p) ?? 0), 0);
        const wantedFunded = wanted.filter((p) => funding.has(p)).length || wanted.length;
        if (toWanted + 1e-9 >= (total * wantedFunded) / Math.max(1, funded.length)) partners++;
        if (pr?.regions.length) {
          const inRegions = funded.filter((p) => pr.regions.includes(region.get(p) ?? 'east'));
          const money = inRegions.reduce((sum, p) => sum + (funding.get(p) ?? 0), 0);
          if (inRegions.length && money + 1e-9 >= (total * inRegions.length) / funded.length) regions++;
        }
        if (pr?.focus.length) {
          const money = w.agreed.allocations.filter((l) => pr.focus.includes(l.focus)).reduce((sum, l) => sum + l.amount, 0);
          if (money + 1e-9 >= (total * pr.focus.length) / FOCUS_AREAS.length) focus++;
        }
      }
      if (!pr || !crossesRedLine(s, game, w.agreed, pr.redLine)) held++;
    }
    const line = pr?.redLine;
    const redLine = !line
      ? null
      : line.kind === 'shareAtMost'
        ? t.redLines.shareAtMost(line.value)
        : line.kind === 'shareAtLeast'
          ? t.redLines.shareAtLeast(line.value)
          : line.kind === 'partnerFunded'
            ? t.redLines.partnerFunded(partnerNameOver(s, line.partner, s.start, lastYear, lang), line.atLeast)
            : t.redLines.noPriorities();
    return { ally: a.id, name: a.name[lang], years, partners, regions: pr?.regions.length ? regions : null, focus: pr?.focus.length ? focus : null, redLine, redLineHeld: held, objections };
  });
}

/**
 * The after-action report of a record. A record that does not replay is an error naming
 * the move's seq (the CLI and the server check records before they get here).
 */
export function buildAar(scenario: Scenario, record: ExerciseRecord, options: AarOptions = {}): Aar {
  const lang: Lang = options.lang ?? record.setup.lang ?? 'en';
  const t = AAR_TEXT[lang];
  const replayed = replayExercise(scenario, record);
  if (!replayed.ok) {
    const changed = rulesChanged(record);
    throw new Error(`move seq ${replayed.seq} does not replay: ${replayed.rejection.reason}${changed ? ` (${AAR_TEXT[lang].rulesChanged(changed.recorded, changed.current)})` : ''}`);
  }
  const ex = replayed.state;
  const s = playedScenario(scenario, ex.setup);
  const game = ex.game;
  const onLine = onLineTest(ex);
  const line = ex.log.filter(onLine);
  const works = [...ex.turns, ...(ex.finished ? [] : [ex.turn])];
  const revealed = revealedBefore(works, game.turns);

  const turns: AarTurn[] = works.map((w, wi) => {
    const pName = (id: string) => partnerNameIn(s, id, w.year, lang);
    const rec = game.turns.find((x) => x.year === w.year);
    const yearMoves = line.filter((e) => filedUnder(e) === w.year);
    const lastAt = [...yearMoves].reverse().find((e) => e.at !== undefined)?.at;
    const moves: AarMove[] = yearMoves.map((e) => {
      const entered = [...w.phases].reverse().find((p) => p.phase === e.phase && p.seq < e.seq) ?? w.phases.find((p) => p.phase === e.phase);
      // A rewind is filed under the year it went back to, where it starts the line: it was made in another year's phase.
      const into = e.move.type !== 'white.rewind' && e.at !== undefined && entered?.at !== undefined ? Math.round((e.at - entered.at) / 1000) : undefined;
      return {
        seq: e.seq,
        branch: e.branch,
        year: e.year,
        phase: e.phase,
        role: e.role,
        roleName: moverName(s, e, lang),
        type: e.move.type,
        detail: describeMove(s, e.move, lang, e.year),
        ...(e.at !== undefined ? { at: e.at } : {}),
        ...(into !== undefined ? { intoPhase: into } : {}),
      };
    });
    const proposals: AarProposal[] = w.proposals.map((p) => ({
      round: p.round,
      by: p.bot ? 'engine' : 'team',
      share: p.decision.share,
      policy: p.decision.policy,
      total: round2(p.decision.allocations.reduce((sum, l) => sum + l.amount, 0)),
      summary: describeDecision(s, p.decision, lang, w.year),
      answers: s.allies.filter((a) => p.responses[a.id]).map((a) => {
        const r = p.responses[a.id];
        const reason = objectionText(s, r, lang, w.year);
        return { ally: a.id, name: a.name[lang], approve: r.approve, ...(reason !== undefined ? { reason } : {}), by: r.bot ? 'engine' : 'team' };
      }),
      outcome: p.outcome,
    }));
    const signals: AarSignal[] = [];
    for (const c of COMPETITORS) {
      for (const o of w.signals[c] ?? []) {
        const com = w.commits[c];
        signals.push({ competitor: c, partner: o.partner, partnerName: pName(o.partner), amount: o.amount, bluff: o.bluff, honoured: com ? com.includes(o.partner) : null, seenThrough: revealed.get(w.year)?.has(o.partner) ?? false });
      }
    }
    const results: AarResult[] = (w.results ?? []).map((r) => {
      const a = w.adjudications.find((x) => x.region === r.region);
      return { region: r.region, natoDelta: round2(r.natoDelta), competitorDelta: round2(r.competitorDelta), engine: r.engine, ...(a ? { white: { step: a.step, rationale: a.rationale, delta: round2(a.delta), seq: a.seq } } : {}) };
    });
    const cards: AarCard[] = (rec?.events ?? []).map((f) => {
      const card = f.source === 'inject' ? s.injects.find((i) => String(i.serial) === f.id) : s.events.find((e) => e.id === f.id);
      const cf = f.counterfactual && card && 'counterfactual' in card ? card.counterfactual : undefined;
      const choice = (cf?.choices ?? card?.choices ?? []).find((c) => c.id === f.choice);
      const by = w.choices.find((c) => c.eventId === f.id)?.by ?? 'default';
      return { id: f.id, source: f.source, title: (cf?.title ?? card?.title)?.[lang] ?? f.id, choiceId: f.choice, choice: choice?.label[lang] ?? f.choice, by, counterfactual: f.counterfactual };
    });
    const metrics = { ...(rec?.alliance ?? game.alliance) };
    const influence = rec ? rec.influence : game.influence;
    return {
      year: w.year,
      minutes: phaseMinutes(w, works[wi + 1], lastAt),
      phases: w.phases.map((p) => ({ ...p })),
      moves,
      proposals,
      ...(w.deadlock ? { deadlock: { ...w.deadlock } } : {}),
      agreed: w.agreed ? { share: w.agreed.share, policy: w.agreed.policy, total: round2(w.agreed.allocations.reduce((sum, l) => sum + l.amount, 0)), summary: describeDecision(s, w.agreed, lang, w.year) } : null,
      agreedShare: w.agreed?.share ?? null,
      pushes: Object.entries(w.pushes).map(([ally, partner]) => ({ ally, name: s.allies.find((a) => a.id === ally)?.name[lang] ?? ally, partner, partnerName: pName(partner) })),
      signals,
      offers: { total: rec?.offersTotal ?? 0, outbid: rec?.offersOutbid ?? 0 },
      demands: Object.entries(w.demands).map(([partner, focus]) => ({
        partner,
        partnerName: pName(partner),
        focus,
        focusName: focusName(lang, focus),
        received: round2((w.agreed?.allocations ?? []).filter((l) => l.partner === partner && l.focus === focus).reduce((sum, l) => sum + l.amount, 0)),
      })),
      selfFinancing: Object.entries(w.selfFinancing).map(([partner, share]) => ({ partner, partnerName: pName(partner), share })),
      gapAnalyses: (rec?.gapAnalyses ?? []).map((g) => ({ ...g, partnerName: pName(g.partner), answeredBy: g.partner in w.gapAnswers ? 'team' : 'dice' })),
      results,
      adjudications: w.adjudications.map((a) => ({ ...a })),
      cards,
      metrics: Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, round2(metrics[m])])) as Record<AllianceMetric, number>,
      influence: Object.fromEntries(COMPETITORS.map((c) => [c, Object.fromEntries(REGIONS.map((r) => [r, round2(influence[c][r])]))])) as Record<CompetitorId, Record<Region, number>>,
    };
  });

  const injects: AarInject[] = s.injects.map((i) => {
    const serial = String(i.serial);
    const pub = ex.published.find((p) => p.serial === serial);
    const fired = game.fired.find((f) => f.source === 'inject' && f.id === serial);
    const actions = ex.log
      .filter((e) => (e.move.type === 'white.publish' || e.move.type === 'white.hold' || e.move.type === 'white.skip') && e.move.serial === serial)
      .map((e) => ({ seq: e.seq, year: e.year, phase: e.phase, type: e.move.type as 'white.publish' | 'white.hold' | 'white.skip', branch: e.branch, onLine: onLine(e) }));
    return {
      serial,
      title: i.title[lang],
      audience: [...i.audience],
      audienceNames: i.audience.map((a) => (a === 'all' || a === 'nato' || a === 'white' || a === 'observer' || a.includes(':') ? (a === 'all' ? (lang === 'fr' ? 'tous' : 'everyone') : roleName(s, a as RoleId, lang)) : AUDIENCE_GROUPS[lang][a] ?? a)),
      fate: reportedFate(ex, serial),
      how: pub ? (pub.seq !== undefined ? 'white' : 'time') : fired ? 'time' : null,
      ...(pub ? { year: pub.year, phase: pub.phase } : fired ? { year: fired.year, phase: 'events' as Phase } : {}),
      actions,
    };
  });

  const noteSeqs = new Map(ex.log.map((e) => [e.seq, e]));
  const notes: AarNote[] = ex.notes.map((n) => {
    const inject = n.serial !== undefined ? s.injects.find((i) => String(i.serial) === n.serial) : undefined;
    return { ...n, onLine: onLine(noteSeqs.get(n.seq)!), ...(inject ? { injectTitle: inject.title[lang] } : {}) };
  });

  // Where the line reported stood at a year and phase, after its moves there (one replay per
  // rewind, as for the abandoned line): the abandoned line's score is only comparable with that.
  const point = (year: number, phase: Phase) => year * PHASES.length + PHASES.indexOf(phase);
  const lineScoreAt = (after: number, year: number, phase: Phase): number | null => {
    const past = line.find((e) => e.seq > after && point(e.year, e.phase) > point(year, phase));
    if (past) {
      const r = replayExercise(scenario, { ...record, log: record.log.slice(0, past.seq - 1) });
      return r.ok ? scoreEra(s, r.state.game).score : null;
    }
    // Nothing past that point: the line stopped there (or at the era's end), or never got so far.
    return point(game.year, ex.phase) >= point(year, phase) ? scoreEra(s, game).score : null;
  };

  const branches: AarBranch[] = ex.branches.map((b) => {
    const entry = ex.log.find((e) => e.seq === b.seq);
    const before = replayExercise(scenario, { ...record, log: record.log.slice(0, b.seq - 1) });
    const abandoned = before.ok
      ? {
          moves: ex.log.filter((e) => e.branch === b.parent && e.seq < b.seq && e.year >= b.toYear).length,
          year: before.state.game.year,
          phase: before.state.phase,
          score: scoreEra(s, before.state.game).score,
          lineScore: lineScoreAt(b.seq, before.state.game.year, before.state.phase),
          metrics: Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, round2(before.state.game.alliance[m])])) as Record<AllianceMetric, number>,
        }
      : null;
    return { ...b, ...(entry?.at !== undefined ? { at: entry.at } : {}), abandoned };
  });

  const abandonedMoves: AarMove[] = ex.log
    .filter((e) => !onLine(e))
    .map((e) => ({ seq: e.seq, branch: e.branch, year: e.year, phase: e.phase, role: e.role, roleName: moverName(s, e, lang), type: e.move.type, detail: describeMove(s, e.move, lang, e.year), ...(e.at !== undefined ? { at: e.at } : {}) }));

  const adhoc = line
    .filter((e) => e.move.type === 'white.adhoc')
    .map((e) => {
      const id = (e.move as { eventId: string }).eventId;
      return { seq: e.seq, year: e.year, eventId: id, title: s.events.find((x) => x.id === id)?.title[lang] ?? id };
    });

  // Red cells: what they signalled against what they committed.
  const red = COMPETITORS.map((c) => {
    let signalled = 0;
    let bluffsSignalled = 0;
    let honoured = 0;
    let bluffsCommitted = 0;
    let turned = 0;
    for (const w of works) {
      const sig = w.signals[c] ?? [];
      signalled += sig.length;
      bluffsSignalled += sig.filter((o) => o.bluff).length;
      const com = w.commits[c];
      if (!com) continue;
      for (const o of sig) {
        const kept = com.includes(o.partner);
        if (kept) honoured++;
        else bluffsCommitted++;
        if (kept === o.bluff) turned++;
      }
    }
    return { competitor: c, name: competitorName(lang, c), held: isHeld(ex.setup.seats, `red:${c}`), signalled, bluffsSignalled, honoured, bluffsCommitted, turned };
  }).filter((r) => r.signalled > 0 || r.held);

  const partners = partnerTeams(s)
    .map((team) => {
      let demands = 0;
      let funded = 0;
      let money = 0;
      let selfFinancing = 0;
      for (const w of works) {
        selfFinancing += Object.keys(w.selfFinancing).filter((p) => team.partners.includes(p)).length;
        for (const [partner, focus] of Object.entries(w.demands)) {
          if (!team.partners.includes(partner)) continue;
          demands++;
          const got = (w.agreed?.allocations ?? []).filter((l) => l.partner === partner && l.focus === focus).reduce((sum, l) => sum + l.amount, 0);
          if (got > 0) funded++;
          money += got;
        }
      }
      return { team: team.id, name: team.name[lang], held: isHeld(ex.setup.seats, `partner:${team.id}`), demands, funded, money: round2(money), selfFinancing };
    })
    .filter((p) => p.demands > 0 || p.held || p.selfFinancing > 0)
    .map(({ held: _held, ...rest }) => rest);

  const byRegion: Record<Region, number> = { east: 0, south: 0, global: 0 };
  const regionOf = new Map(s.partners.map((p) => [p.id, p.region]));
  let spent = 0;
  for (const rec of game.turns) for (const [id, v] of Object.entries(rec.funding)) {
    byRegion[regionOf.get(id) ?? 'east'] += v;
    spent += v;
  }
  for (const r of REGIONS) byRegion[r] = spent > 0 ? round2(byRegion[r] / spent) : 0;

  let luck: Aar['luck'] = null;
  const seeds = options.seeds ?? 200;
  // The era's score, once: the report's score and grade and the luck line's own figure.
  const finalScore = scoreEra(s, game);
  if (seeds > 0 && ex.finished) {
    const others = Array.from({ length: seeds }, (_, i) => ex.setup.seed + 1 + i);
    const scores = rerunOverSeeds(s, game.log, others).sort((a, b) => a - b);
    const own = finalScore.score;
    luck = { seeds, p10: round2(quantile(scores, 0.1)), p50: round2(quantile(scores, 0.5)), p90: round2(quantile(scores, 0.9)), own, below: Math.round((100 * scores.filter((x) => x < own).length) / scores.length) };
  }

  const agreedOf = (year: number) => works.find((w) => w.year === year)?.agreed;

  return {
    format: 'coopsec-aar',
    version: 1,
    lang,
    scenario: { id: s.id, era: s.era, title: s.title[lang], start: s.start, end: s.end },
    seed: ex.setup.seed,
    hash: stateHash(ex),
    rules: rulesChanged(record),
    finished: ex.finished,
    stoppedAt: { year: game.year, phase: ex.phase },
    setup: {
      consensus: ex.setup.consensus,
      rounds: ex.setup.rounds,
      deadlock: ex.setup.deadlock,
      msel: ex.setup.msel ? 'own' : 'scenario',
      injectCount: s.injects.length,
      timers: { ...ex.setup.timers },
      timersSet: line.filter((e) => e.move.type === 'white.timer').length,
    },
    roles: scenarioRoles(s)
      .filter((r) => r !== 'observer')
      .map((role) => {
        const held = isHeld(ex.setup.seats, role);
        return { role, name: roleName(s, role, lang), held, ...(held ? {} : { bot: role === 'nato' ? (ex.setup.seats.nato?.policy ?? 'equal') : 'engine' }) };
      }),
    consensus: ex.setup.consensus,
    branch: ex.branch,
    branches,
    turns,
    abandonedMoves,
    initial: {
      metrics: Object.fromEntries(ALLIANCE_METRICS.map((m) => [m, s.initial[m]])) as Record<AllianceMetric, number>,
      influence: { russia: { ...s.initial.influence.russia }, china: { ...s.initial.influence.china } },
    },
    injects,
    adhoc,
    notes,
    score: finalScore,
    grade: gradeEra(finalScore),
    diagnostics: diagnostics(game),
    sayDo: {
      nato: { strategy: game.strategy, strategyName: game.strategy ? t.strategies[game.strategy] : null, score: sayDo(s, game), byRegion },
      allies: allySayDo(s, game, works, lang),
      red,
      partners,
    },
    luck,
    history: {
      entries: s.history.entries.map((h) => {
        const d = agreedOf(h.year);
        return { year: h.year, text: h.text[lang], source: h.source, team: d ? describeDecision(s, d, lang, h.year) : t.noTeamYear };
      }),
      ...(s.history.readyAspirants !== undefined ? { readyAspirants: s.history.readyAspirants } : {}),
      teamReadyAspirants: readyAspirants(s, game),
    },
  };
}

/** An inject's fate as the report says it: "never fired" once the era is over for one that was waiting (pending, or held by the White Cell). */
function reportedFate(ex: ExerciseState, serial: string): AarInjectFate {
  const fate = injectFate(ex, serial);
  return ex.finished && (fate === 'pending' || fate === 'held') ? 'neverFired' : fate;
}

/** The audience words that name a kind of role. */
const AUDIENCE_GROUPS: Record<Lang, Record<string, string>> = {
  en: { allies: 'Allied capitals', partners: 'partner teams', red: 'red cells' },
  fr: { allies: 'capitales alliées', partners: 'équipes de partenaires', red: 'cellules rouges' },
};

/** aar.json: the report as indented JSON. */
export function aarJson(aar: Aar): string {
  return JSON.stringify(aar, null, 2) + '\n';
}

export { aarCsv, csvField } from './aarCsv';
