/**
 * What each role may see of an exercise (docs/exercise.md), as boardgame.io's player views
 * do: `viewFor` builds a role's view from the whole state and leaves out everything that is
 * another role's secret — an Allied capital's priorities (its own and the White Cell's
 * only), red cells' bluffs and commitments (their own; NATO's staff sees through a signal to
 * a partner intelligence has revealed), partners' hidden strategic weights (once revealed,
 * NATO's staff and the White Cell), unpublished injects and the MSEL (the White Cell's),
 * and the seed and the dice (nobody's but the White Cell's). Views are plain JSON, built
 * fresh for each role, so a view can be sent over a wire as it is.
 */
import type { FocusArea, Scenario } from '../core/scenario';
import type { CompetitorId, Region } from '../core/constants';
import type { AllianceMetric } from '../core/constants';
import type { Briefing, Driver, FiredEvent, PartnerState, PendingEvent, StatedStrategy } from '../core/state';
import { activePartners } from '../core/state';
import { eventView, type EventView } from '../core/events';
import type { TurnDecision } from '../core/decision';
import type { AllyPriorities, LocalizedText } from '../core/scenario';
import { injectFate, natoAnswers, pacer, playedScenario, waitingFor, type Adjudication, type ExerciseState, type InjectFate, type Note, type Proposal, type TimerState, type Branch } from './engine';
import { isHeld, partnerTeams, reaches, roleKind, roleSubject, scenarioRoles } from './roles';
import type { ExerciseSetup, LogEntry, Phase, RedSignal, RoleId } from './types';
import type { RegionResult } from './consensus';
import { staffDesk, type StaffDesk } from './staffDesk';
import { scoreEra } from '../core/score';
import { gradeEra, objectiveMet, type Grade } from '../core/grade';

/** A partner as every role sees it (its name and other fixed facts are in the scenario); `weight` only where revealed and the role may know it. */
export type PartnerView = Omit<PartnerState, 'targeting' | 'gapRefused'> & { region: Region; weight?: number };

export interface OfferView {
  competitor: CompetitorId;
  partner: string;
  amount: number;
  /** Known to the red cell that signalled, to the White Cell, and to NATO where the partner is revealed. */
  bluff?: boolean;
}

export interface InjectView {
  serial: string;
  title: LocalizedText;
  text: LocalizedText;
  audience: string[];
  partners: string[];
  fate: InjectFate;
  year?: number;
  /** When it was published. */
  published?: { year: number; phase: Phase };
}

/**
 * A year's public record: money and metrics, for the charts. Left out: the
 * prioritisation measure, which would betray the hidden strategic weights.
 */
export interface TurnView {
  year: number;
  share: number;
  envelope: number;
  upkeep: number;
  allocated: number;
  alliance: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
}

/** The latest year's review: also what changed and why, the cards, and where the money went. */
export interface ReviewView extends TurnView {
  drivers: Driver[];
  /** The cards of the year this role may know of; an inject with its title (a seat's screen has no MSEL to look it up in). */
  events: ReviewEvent[];
  funding: Record<string, number>;
  gapAnalyses: { partner: string; accepted: boolean }[];
}

/** A card fired in the year under review; an inject carries its title. */
export type ReviewEvent = FiredEvent & { title?: LocalizedText };

export interface RoleView {
  role: RoleId;
  scenarioId: string;
  lang: ExerciseSetup['lang'];
  year: number;
  phase: Phase;
  branch: number;
  paused: boolean;
  finished: boolean;
  /** Whose move the room is waiting for. */
  waitingFor: RoleId[];
  pacer: RoleId | null;
  /** Which roles are held by people (the seat board's public part). */
  held: RoleId[];
  timer: TimerState | null;
  share: number;
  policy: 'equal' | 'priorities';
  strategy: StatedStrategy | null;
  alliance: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
  partners: PartnerView[];
  briefing: { offers: OfferView[]; pushes: Briefing['pushes']; requests: Briefing['requests'] };
  /** Event cards waiting in the events phase (news: everyone reads them; NATO's staff answers). */
  pending: EventView[];
  injects: InjectView[];
  /** The current proposal and its answers (NATO, the capitals and the White Cell), then the agreed year for all. */
  proposals: Proposal[];
  agreed: TurnDecision | null;
  results: RegionResult[] | null;
  adjudications: Adjudication[];
  /** Every year played so far, for the charts (views are sent after every move, so they stay lean). */
  turns: TurnView[];
  /** The latest year's record in full, for the review. */
  review: ReviewView | null;
  /** What only this role sees. */
  own: OwnView;
  /** Once the era is over, its result for everyone (the plenary's hotwash starts from it); null before. */
  final: FinalView | null;
}

/** The era's result as every seat and the projector read it at the end: the score, its grade and each objective. */
export interface FinalView {
  score: number;
  grade: Grade;
  met: number;
  total: number;
  /** Share (0–1) of the objectives' weight that was met: what the grade is read from. */
  metWeight: number;
  objectives: { id: string; label: LocalizedText; value: number; target: number; lowerIsBetter: boolean; met: boolean }[];
}

/** The result of a finished era (`scoreEra`, `gradeEra`: the solo debrief's own rule). */
function finalView(s: Scenario, ex: ExerciseState): FinalView {
  const score = scoreEra(s, ex.game);
  const grade = gradeEra(score);
  return {
    score: score.score,
    grade: grade.grade,
    met: grade.met,
    total: grade.total,
    metWeight: r2(grade.metWeight),
    // The value unrounded: rounded, one that just misses its target could read as reaching it.
    objectives: score.objectives.map((o) => ({ id: o.id, label: o.label, value: o.value, target: o.target, lowerIsBetter: o.lowerIsBetter, met: objectiveMet(o) })),
  };
}

export type OwnView =
  | { kind: 'nato'; desk: StaffDesk }
  | { kind: 'ally'; ally: string; priorities: AllyPriorities | null; favourites: string[]; pushed?: string }
  | { kind: 'partner'; team: string; partners: string[]; demandMenu: FocusArea[]; demands: Record<string, FocusArea>; selfFinancing: Record<string, number>; gapQuestions: string[]; gapAnswers: Record<string, boolean> }
  | { kind: 'red'; competitor: CompetitorId; signals: RedSignal[]; committed: string[] | null; budget: Record<Region, number> }
  | {
      kind: 'white';
      seed: number;
      rng: number;
      setup: ExerciseSetup;
      priorities: Record<string, AllyPriorities | null>;
      offers: Briefing['offers'];
      weights: Record<string, number>;
      msel: InjectView[];
      notes: Note[];
      branches: Branch[];
      /**
       * The latest moves of the line in play, oldest first (the whole log is the exercise
       * record, downloadable apart): after a rewind, the moves of the line it abandoned are
       * left out and the rewind itself is among them, so the room reads what the game now is.
       */
      recentLog: LogEntry[];
      /** Moves in the record, every line's (it grows by one with each move taken). */
      logLength: number;
      turnInputs: { gapAnswers: Record<string, boolean>; selfFinancing: Record<string, number>; demands: Record<string, FocusArea> };
      /** The deck's cards dealt this era (fired, on the table, or dealt for the year's events): the engine deals none twice. */
      dealt: string[];
    }
  | { kind: 'observer' };

const FOCUS: FocusArea[] = ['interop', 'capacity', 'integrity', 'resilience', 'dialogue'];

/** The proposals of a role that sees none: one list for every such view (views are never edited), so it compares by identity. */
const NO_PROPOSALS = Object.freeze([]) as unknown as Proposal[];

/** Moves kept in the White Cell's view; the whole log is the record. */
const RECENT_LOG = 12;

/**
 * The latest `count` moves of the line in play, oldest first, walked back from its end (a
 * few steps a move, however long the record). The line is the moves the engine applied
 * (`applied`, the rewinds that made it among them) and the notes no later rewind went back
 * past: a rewind replays the moves before its year but not the notes, which stay with the
 * exercise (the after-action report's line, `onLineTest` in aar.ts). A log entry sits at
 * its seq less one (`replayExercise` checks every seq in turn).
 */
function lineTail(ex: ExerciseState, count: number): LogEntry[] {
  const { log, applied, notes, branches } = ex;
  const onLine = (n: Note) => !branches.some((b) => b.seq > n.seq && b.toYear <= n.year);
  const out: LogEntry[] = [];
  let a = applied.length - 1;
  let n = notes.length - 1;
  while (out.length < count) {
    while (n >= 0 && !onLine(notes[n])) n--;
    const seq = Math.max(a >= 0 ? applied[a] : 0, n >= 0 ? notes[n].seq : 0);
    if (seq === 0) break;
    // A note made since the last rewind is in both lists.
    if (a >= 0 && applied[a] === seq) a--;
    if (n >= 0 && notes[n].seq === seq) n--;
    out.push(log[seq - 1]);
  }
  return out.reverse();
}

/** Views show two decimals: what a screen prints, and a fraction of the bytes over the wire. */
const r2 = (v: number) => Math.round(v * 100) / 100;
const roundedMetrics = (m: Record<AllianceMetric, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, r2(v)])) as Record<AllianceMetric, number>;
const roundedInfluence = (i: Record<CompetitorId, Record<Region, number>>) => ({
  russia: { east: r2(i.russia.east), south: r2(i.russia.south), global: r2(i.russia.global) },
  china: { east: r2(i.china.east), south: r2(i.china.south), global: r2(i.china.global) },
});

/** The three kinds of reader of the partners' list (`partnersFor`). */
type Reader = 'white' | 'nato' | 'none';

/**
 * What every role's view of one state shares: the state's facts each role sees alike, built
 * once when several roles' views are built together (`viewsFor`, the classroom server).
 * Partners come in three forms (the White Cell's with every weight, NATO's staff's with the
 * revealed ones, everyone else's without), so a role's view only ever holds its own form.
 */
interface Shared {
  s: Scenario;
  ex: ExerciseState;
  memo?: ViewMemo;
  /** The proposals as the roles that see them see them (built on first use). */
  proposals?: Proposal[];
  /** The partners a view lists (worked out on first use). */
  shown?: Scenario['partners'];
  /** What the injects' views are built from (`injectSources`), worked out once a state. */
  injectSources?: unknown[];
  /** The partners active this year (the core's list, the same object while the year's frameworks are). */
  active: readonly Scenario['partners'][number][];
  partners: Partial<Record<Reader, PartnerView[]>>;
  turns: TurnView[];
  review: ReviewView | null;
  waitingFor: RoleId[];
  held: RoleId[];
  alliance: Record<AllianceMetric, number>;
  influence: Record<CompetitorId, Record<Region, number>>;
  timer: TimerState | null;
  adjudications: Adjudication[];
  final: FinalView | null;
}

/**
 * Year records' views kept from one state to the next (the classroom server): a year's
 * record is never edited once a later state exists (the core copies the latest one before
 * changing it), so its view, keyed by the record itself, stays right, and a server
 * comparing views finds the same object unchanged. Only for views that are serialised and
 * never edited.
 */
export interface ViewMemo {
  turns: WeakMap<object, TurnView>;
  reviews: WeakMap<object, ReviewView>;
  /** Each role's previous view: a view whose parts are all the previous one's is that same object. */
  views: Map<RoleId, RoleView>;
  /** Parts built from the state's parts named in `from`, kept until one of those is another object (`part`), or kept while built again alike (`same`). */
  parts: Map<string, { from: readonly unknown[]; value: unknown }>;
  /** Views of a year record's items (its drivers and cards), by item: an edited record keeps its items. */
  items: WeakMap<object, object>;
  /** Each partner's state its kept views were built from, and those views by kind of reader (`partnersFor`). */
  partners: Map<string, { state: PartnerState; views: Partial<Record<Reader, PartnerView>> }>;
}
export const newViewMemo = (): ViewMemo => ({ turns: new WeakMap(), reviews: new WeakMap(), views: new Map(), parts: new Map(), items: new WeakMap(), partners: new Map() });

/**
 * A view's part from a memo, built again only when one of the things it is built `from`
 * (parts of the state, compared by identity; the engine replaces what a move changes rather
 * than editing it) is another; without a memo, built. What is built again is `keep`t
 * against the part before.
 */
function part<T>(memo: ViewMemo | undefined, name: string, from: readonly unknown[], build: () => T): T {
  if (!memo) return build();
  const before = memo.parts.get(name);
  if (before && sameItems(before.from, from)) return before.value as T;
  const value = keep(before?.value, build());
  memo.parts.set(name, { from, value });
  return value;
}

/** Whether two lists hold the same values or objects, in order. */
function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The memo's name of a role's (or a reader's) part, one string each made once: the names are
 * looked up several times a role at every move, and a string put together afresh each time
 * would be hashed afresh each time.
 */
const keys = new Map<string, Map<string, string>>();
function key(part: string, role: string): string {
  let byRole = keys.get(part);
  if (!byRole) keys.set(part, (byRole = new Map()));
  let name = byRole.get(role);
  if (name === undefined) byRole.set(role, (name = `${part} ${role}`));
  return name;
}

/** What a part kept by `same` is built from, as far as `part` is concerned: nothing it tracks. */
const NOTHING: readonly unknown[] = [];

/** What an append-only list of the state is, for `part`: its length and its latest item (items are never replaced). */
const tail = (list: readonly unknown[]): [number, unknown] => [list.length, list[list.length - 1]];

/**
 * `next`, or the value kept under `name` when the two are alike `depth` levels down (a
 * list's items, a record's fields, in the same order, the same values or objects): for the
 * lists and records the engine copies at every move whether they changed or not, built
 * again cheaply, so a view holds the same object while they stay the same and nothing has
 * to walk them. Without a memo, `next`.
 */
function same<T extends object>(memo: ViewMemo | undefined, name: string, next: T, depth = 1): T {
  if (!memo) return next;
  const before = memo.parts.get(name);
  if (before && alike(before.value, next, depth)) return before.value as T;
  memo.parts.set(name, { from: NOTHING, value: next });
  return next;
}

/**
 * Whether two values are the same value or object, or lists (records) whose items (fields,
 * in order) are alike, `depth` levels down (`Infinity`: equal as JSON, -0 and 0 alike).
 */
export function alike(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth <= 0 || !a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!alike(a[i], b[i], depth - 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || !alike((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]], depth - 1)) return false;
  return true;
}

/**
 * `next`, with every part equal to the same part of `prev` (as JSON, keys in the same order)
 * replaced by `prev`'s object: a view built afresh after a move holds the previous view's
 * objects wherever nothing changed, so whoever compares the two (the server's patches)
 * finds most parts identical at once, and what is kept from move to move is kept once.
 * Neither value is edited: a part holding a kept child is a copy.
 */
function keep<T>(prev: unknown, next: T): T {
  if (prev === next || !next || typeof next !== 'object') return next;
  let result: unknown = next;
  if (prev && typeof prev === 'object') {
    if (Array.isArray(next)) {
      if (Array.isArray(prev)) {
        // A list whose first items were dropped (a card answered, the latest moves moving on) keeps its other items.
        let from = 0;
        const first = next[0];
        if (next.length && prev.length && first && typeof first === 'object' && keep(prev[0], first) !== prev[0])
          for (let k = 1; k <= 3 && k < prev.length; k++)
            if (keep(prev[k], first) === prev[k]) {
              from = k;
              break;
            }
        let copy: unknown[] | null = null;
        let same = from === 0 && prev.length === next.length;
        for (let i = 0; i < next.length; i++) {
          const n = next[i];
          const p = prev[i + from];
          if (n === p) continue;
          const item = n && typeof n === 'object' ? keep(p, n) : n;
          if (item !== p) same = false;
          if (item !== n) (copy ??= next.slice())[i] = item;
        }
        result = same ? prev : (copy ?? next);
      }
    } else if (!Array.isArray(prev)) result = keepFields(prev as Record<string, unknown>, next as Record<string, unknown>);
  }
  return result as T;
}

/** `keep` of an object's fields: `a` if every field is kept as `a`'s, in the same order. */
function keepFields(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const kb = Object.keys(b);
  const ka = Object.keys(a);
  let same = ka.length === kb.length;
  let copy: Record<string, unknown> | null = null;
  for (let i = 0; i < kb.length; i++) {
    const k = kb[i];
    if (ka[i] !== k) same = false;
    const n = b[k];
    const p = a[k];
    if (n === p) continue;
    const field = n && typeof n === 'object' ? keep(p, n) : n;
    if (field !== p) same = false;
    if (field !== n) (copy ??= { ...b })[k] = field;
  }
  return same ? a : (copy ?? b);
}

function turnView(t: ExerciseState['game']['turns'][number]): TurnView {
  return {
    year: t.year,
    share: t.share,
    envelope: r2(t.envelope),
    upkeep: r2(t.upkeep),
    allocated: r2(t.allocated),
    alliance: roundedMetrics(t.alliance),
    influence: roundedInfluence(t.influence),
  };
}

function sharedParts(scenario: Scenario, ex: ExerciseState, memo?: ViewMemo): Shared {
  const s = playedScenario(scenario, ex.setup);
  const game = ex.game;
  const turns: TurnView[] = part(memo, 'turns', [game.turns], () =>
    same(
      memo,
      'turn list',
      game.turns.map((t) => {
        if (!memo) return turnView(t);
        let v = memo.turns.get(t);
        if (!v) memo.turns.set(t, (v = turnView(t)));
        return v;
      }),
    ),
  );
  const last = game.turns[game.turns.length - 1];
  // A record edited during its year is a copy with the same drivers and cards, and so are their views.
  const driverView = (d: Driver): Driver => {
    if (!memo) return { ...d, delta: r2(d.delta) };
    let v = memo.items.get(d) as Driver | undefined;
    if (!v) memo.items.set(d, (v = { ...d, delta: r2(d.delta) }));
    return v;
  };
  const eventRecord = (e: FiredEvent): FiredEvent => {
    if (!memo) return { ...e };
    let v = memo.items.get(e) as FiredEvent | undefined;
    if (!v) memo.items.set(e, (v = { ...e }));
    return v;
  };
  const reviewOf = (): ReviewView => ({
    ...turns[turns.length - 1],
    drivers: last.drivers.map(driverView),
    events: last.events.map(eventRecord),
    funding: Object.fromEntries(Object.entries(last.funding).map(([k, v]) => [k, r2(v)])),
    gapAnalyses: last.gapAnalyses.map((g) => ({ ...g })),
  });
  let review: ReviewView | null = null;
  if (last && memo) {
    review = memo.reviews.get(last) ?? null;
    if (!review) memo.reviews.set(last, (review = reviewOf()));
  } else if (last) review = reviewOf();
  return {
    s,
    ex,
    memo,
    active: activePartners(s, game),
    partners: {},
    turns,
    review,
    waitingFor: same(memo, 'waitingFor', waitingFor(s, ex)),
    held: part(memo, 'held', [s, ex.setup.seats], () => scenarioRoles(s).filter((r) => isHeld(ex.setup.seats, r))),
    alliance: part(memo, 'alliance', [game.alliance], () => roundedMetrics(game.alliance)),
    influence: part(memo, 'influence', [game.influence], () => roundedInfluence(game.influence)),
    timer: ex.timer ? part(memo, 'timer', [ex.timer], () => ({ ...ex.timer! })) : null,
    adjudications: part(memo, 'adjudications', [ex.turn.adjudications], () => [...ex.turn.adjudications]),
    final: ex.finished ? same(memo, 'final', finalView(s, ex), 3) : null,
  };
}

/**
 * The partners as one of the three kinds of reader sees them (built on first use). With a
 * memo, a partner's view is kept while every field a view shows is the same (the engine
 * copies every partner's state at every move), and the list while every partner's is.
 */
function partnersFor(sh: Shared, reader: Reader): PartnerView[] {
  const known = sh.partners[reader];
  if (known) return known;
  const game = sh.ex.game;
  const memo = sh.memo;
  // Built again only when a partner's state or the year's active partners are other objects.
  return (sh.partners[reader] = part(memo, key('partners', reader), [sh.s, game.partners, sh.active], () => {
    const active = new Set(sh.active.map((p) => p.id));
    const list = (sh.shown ??= sh.s.partners.filter((p) => active.has(p.id) || game.partners[p.id].member)).map((p) => {
      const ps = game.partners[p.id];
      if (!memo) return partnerView(p, ps, reader);
      let kept = memo.partners.get(p.id);
      if (!kept || !samePartner(kept.state, ps)) memo.partners.set(p.id, (kept = { state: ps, views: {} }));
      return (kept.views[reader] ??= partnerView(p, ps, reader));
    });
    return same(memo, key('partner list', reader), list);
  }));
}

/** One partner as a reader sees it: its strategic weight only for the White Cell, and for NATO's staff once revealed. */
function partnerView(p: Scenario['partners'][number], ps: PartnerState, reader: Reader): PartnerView {
  return {
    id: p.id,
    region: p.region,
    trust: r2(ps.trust),
    alignment: r2(ps.alignment),
    interoperability: r2(ps.interoperability),
    institutions: r2(ps.institutions),
    stability: r2(ps.stability),
    defence: r2(ps.defence),
    member: ps.member,
    revealed: ps.revealed,
    tier: ps.tier,
    satisfaction: r2(ps.satisfaction),
    lastFunding: r2(ps.lastFunding),
    ...(reader === 'white' || (reader === 'nato' && ps.revealed) ? { weight: p.strategicWeight } : {}),
  };
}

/** Whether a partner's view would be the same from both states (every field a view shows). */
function samePartner(a: PartnerState, b: PartnerState): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.trust === b.trust &&
      a.alignment === b.alignment &&
      a.interoperability === b.interoperability &&
      a.institutions === b.institutions &&
      a.stability === b.stability &&
      a.defence === b.defence &&
      a.member === b.member &&
      a.revealed === b.revealed &&
      a.tier === b.tier &&
      a.satisfaction === b.satisfaction &&
      a.lastFunding === b.lastFunding)
  );
}

/** The view of one role. Unknown roles get the observer's view. */
export function viewFor(scenario: Scenario, ex: ExerciseState, role: RoleId): RoleView {
  return roleView(sharedParts(scenario, ex), role);
}

/**
 * A role's view, or its previous one when every top-level part is the same value or object:
 * the parts are already kept from one move to the next (`part`, `same`), so nothing below
 * them needs walking here.
 */
function keepView(prev: RoleView | undefined, next: RoleView): RoleView {
  if (!prev) return next;
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  for (const k in b) if (a[k] !== b[k]) return next;
  return prev;
}

/**
 * The views of several roles of one state, each exactly `viewFor`'s, with the parts every
 * role sees alike built once and shared between them (and, with a memo, year records' views
 * shared from one state to the next, and whatever did not change since the role's previous
 * view kept as that view's object: `keep`). For a server that serialises views at once: never
 * edit one, as its parts may belong to other roles' views too.
 */
export function viewsFor(scenario: Scenario, ex: ExerciseState, roles: readonly RoleId[], memo?: ViewMemo): RoleView[] {
  const shared = sharedParts(scenario, ex, memo);
  if (!memo) return roles.map((role) => roleView(shared, role));
  return roles.map((role) => {
    const view = keepView(memo.views.get(role), roleView(shared, role));
    memo.views.set(role, view);
    return view;
  });
}

function roleView(sh: Shared, role: RoleId): RoleView {
  const { s, ex } = sh;
  const kind = roleKind(role);
  const subject = roleSubject(role);
  const game = ex.game;
  const white = kind === 'white';
  const nato = kind === 'nato';

  const partners = partnersFor(sh, white ? 'white' : nato ? 'nato' : 'none');

  // Which bluffs this role sees: its own (a red cell), all (the White Cell), or revealed partners' (NATO's staff).
  const sight = nato ? game.briefing.offers.map((o) => (game.partners[o.partner]?.revealed ? 1 : 0)).join('') : '';
  const b = game.briefing;
  const offers = part(sh.memo, key('offers', role), [b.offers, sight], () =>
    b.offers.map((o): OfferView => {
      const sees = white || (kind === 'red' && subject === o.competitor) || (nato && game.partners[o.partner]?.revealed);
      return { competitor: o.competitor, partner: o.partner, amount: o.amount, ...(sees ? { bluff: o.bluff } : {}) };
    }),
  );
  // Pushes and requests read alike for every role: built once when they change.
  const pushes = part(sh.memo, 'pushes', [b.pushes], () => b.pushes.map((p) => ({ ...p })));
  const requests = part(sh.memo, 'requests', [b.requests], () => b.requests.map((r) => ({ ...r })));
  const briefing = same(sh.memo, key('briefing', role), { offers, pushes, requests });

  const injects = part(sh.memo, key('injects', role), injectSources(sh), () => s.injects.filter((i) => injectFate(ex, String(i.serial)) === 'published' && reaches(i.audience, role)).map((i) => injectView(ex, i)));

  // Cards on the table are news for everyone, except an inject addressed to others.
  const pending = part(sh.memo, key('pending', role), [s, ex.phase, game.year, game.pendingEvents, ex.setup.seats], () =>
    ex.phase === 'events'
      ? game.pendingEvents.filter((p) => p.source === 'event' || reaches(s.injects.find((i) => String(i.serial) === p.id)?.audience ?? ['all'], role) || (nato && natoAnswers(s, p.id, p.source, ex.setup.seats))).flatMap((p) => cardView(sh, p) ?? [])
      : [],
  );

  const proposalsVisible = nato || white || kind === 'ally';

  return {
    role,
    scenarioId: s.id,
    lang: ex.setup.lang,
    year: game.year,
    phase: ex.phase,
    branch: ex.branch,
    paused: ex.paused,
    finished: ex.finished,
    waitingFor: sh.waitingFor,
    pacer: pacer(ex.setup),
    held: sh.held,
    timer: sh.timer,
    share: game.share,
    policy: game.policy,
    strategy: game.strategy,
    alliance: sh.alliance,
    influence: sh.influence,
    partners,
    briefing,
    pending,
    injects,
    proposals: proposalsVisible ? (sh.proposals ??= part(sh.memo, 'proposals', [ex.turn.proposals], () => ex.turn.proposals.map((p) => ({ ...p, responses: { ...p.responses } })))) : NO_PROPOSALS,
    agreed: ex.turn.agreed,
    results: ex.turn.results,
    adjudications: sh.adjudications,
    turns: sh.turns,
    review: reviewFor(sh, role),
    own: ownPart(s, ex, role, sh),
    final: sh.final,
  };
}

/**
 * The year's review as this role may read it: an inject fired that year is listed only for
 * the roles it was addressed to (as on the table), and for NATO's staff where it answered
 * it; each listed inject carries its title. Roles that may know the same injects share one
 * object (every role, when the year's injects went to all), so their patches share its text.
 */
function reviewFor(sh: Shared, role: RoleId): ReviewView | null {
  const review = sh.review;
  if (!review || !review.events.some((e) => e.source === 'inject')) return review;
  const known = review.events.filter((e) => {
    if (e.source !== 'inject') return false;
    if (role === 'white') return true;
    const inject = sh.s.injects.find((i) => String(i.serial) === e.id);
    return (inject ? reaches(inject.audience, role) : false) || (roleKind(role) === 'nato' && natoAnswers(sh.s, e.id, e.source, sh.ex.setup.seats));
  });
  return part(sh.memo, `review ${known.map((e) => e.id).join(' ')}`, [review], () => ({
    ...review,
    events: review.events.flatMap((e): ReviewEvent[] => {
      if (e.source !== 'inject') return [e];
      if (!known.includes(e)) return [];
      const inject = sh.s.injects.find((i) => String(i.serial) === e.id);
      return [{ ...e, ...(inject ? { title: inject.title } : {}) }];
    }),
  }));
}

/** A card on the table as everyone sees it; with a memo, one object per card and year (the card's view depends on nothing else). */
function cardView(sh: Shared, p: PendingEvent): EventView | undefined {
  const memo = sh.memo;
  if (!memo) return eventView(sh.s, sh.ex.game, p);
  const year = sh.ex.game.year;
  const known = memo.items.get(p) as { year: number; view: EventView | undefined } | undefined;
  if (known && known.year === year) return known.view;
  const view = eventView(sh.s, sh.ex.game, p);
  memo.items.set(p, { year, view });
  return view;
}

/** An inject as the roles it reaches see it. */
function injectView(ex: ExerciseState, i: Scenario['injects'][number]): InjectView {
  const serial = String(i.serial);
  const pub = ex.published.find((p) => p.serial === serial);
  return {
    serial,
    title: i.title,
    text: i.text,
    audience: [...i.audience],
    partners: [...i.partners],
    fate: injectFate(ex, serial),
    ...(i.year !== undefined ? { year: i.year } : {}),
    ...(pub ? { published: { year: pub.year, phase: pub.phase } } : {}),
  };
}

/** What injects' views are built from, for `part`: the scenario's injects and their marks (`injectMarks`). */
const injectSources = (sh: Shared): unknown[] => (sh.injectSources ??= [sh.s.injects, injectMarks(sh.ex, sh.s.injects)]);

const FATE_MARK: Record<InjectFate, string> = { published: 'u', skipped: 's', held: 'h', pending: 'p' };

/**
 * Each inject's fate and whether it has a publication record, two characters an inject:
 * all an inject's view reads of the state. The lists its fate is decided by (publications,
 * fired cards, the White Cell's holds) grow with every event card answered, while the
 * injects' fates change only now and then.
 */
function injectMarks(ex: ExerciseState, injects: Scenario['injects']): string {
  let marks = '';
  for (const i of injects) {
    const serial = String(i.serial);
    const fate = injectFate(ex, serial);
    // Only a published inject can have a publication record.
    marks += FATE_MARK[fate] + (fate === 'published' && ex.published.some((p) => p.serial === serial) ? '1' : '0');
  }
  return marks;
}

/**
 * What only this role sees, built again only when what it is built from is another object
 * (the White Cell's, whose latest moves change at every move, from parts kept alike).
 */
function ownPart(s: Scenario, ex: ExerciseState, role: RoleId, sh: Shared): OwnView {
  const memo = sh.memo;
  const game = ex.game;
  const t = ex.turn;
  const subject = roleSubject(role);
  switch (roleKind(role)) {
    case 'nato':
      return part(memo, key('own', role), [game.turns, game.log, game.enrolled, game.programmeStatus, game.reform, game.budgetFactor], () => ownView(s, ex, role, sh));
    case 'ally':
      return part(memo, key('own', role), [s, t.pushes[subject]], () => ownView(s, ex, role, sh));
    case 'partner':
      return part(memo, key('own', role), [s, t.agreed, t.demands, t.selfFinancing, t.gapAnswers], () => ownView(s, ex, role, sh));
    case 'red':
      return part(memo, key('own', role), [s, game.briefing.offers, t.commits[subject as CompetitorId]], () => ownView(s, ex, role, sh));
    case 'white':
      return same(memo, key('own', role), ownView(s, ex, role, sh));
    default:
      return part(memo, key('own', role), [], () => ownView(s, ex, role, sh));
  }
}

function ownView(scenario: Scenario, ex: ExerciseState, role: RoleId, sh: Shared): OwnView {
  const kind = roleKind(role);
  const subject = roleSubject(role);
  switch (kind) {
    case 'nato':
      return { kind: 'nato', desk: staffDesk(ex.game) };
    case 'ally': {
      const ally = scenario.allies.find((a) => a.id === subject);
      return { kind: 'ally', ally: subject, priorities: ally?.priorities ?? null, favourites: [...(ally?.favourites ?? [])], ...(ex.turn.pushes[subject] ? { pushed: ex.turn.pushes[subject] } : {}) };
    }
    case 'partner': {
      const team = partnerTeams(scenario).find((t) => t.id === subject);
      const mine = new Set(team?.partners ?? []);
      const pick = <T,>(rec: Record<string, T>) => Object.fromEntries(Object.entries(rec).filter(([p]) => mine.has(p)));
      const gapQuestions = (ex.turn.agreed?.actions ?? []).flatMap((a) => (a.type === 'gapAnalysis' && mine.has(a.partner) ? [a.partner] : []));
      return { kind: 'partner', team: subject, partners: [...mine], demandMenu: FOCUS, demands: pick(ex.turn.demands), selfFinancing: pick(ex.turn.selfFinancing), gapQuestions, gapAnswers: pick(ex.turn.gapAnswers) };
    }
    case 'red': {
      const c = subject as CompetitorId;
      const signals = ex.game.briefing.offers.filter((o) => o.competitor === c).map((o) => ({ partner: o.partner, amount: o.amount, bluff: o.bluff }));
      return { kind: 'red', competitor: c, signals, committed: ex.turn.commits[c] ?? null, budget: { ...scenario.competitors[c] } };
    }
    case 'white':
      return {
        kind: 'white',
        seed: ex.setup.seed,
        rng: ex.game.rng,
        setup: ex.setup,
        priorities: part(sh.memo, 'priorities', [scenario.allies], () => Object.fromEntries(scenario.allies.map((a) => [a.id, a.priorities ?? null]))),
        offers: part(sh.memo, 'offers', [ex.game.briefing.offers], () => ex.game.briefing.offers.map((o) => ({ ...o }))),
        weights: part(sh.memo, 'weights', [scenario.partners], () => Object.fromEntries(scenario.partners.map((p) => [p.id, p.strategicWeight]))),
        msel: part(sh.memo, 'msel', injectSources(sh), () => scenario.injects.map((i) => injectView(ex, i))),
        notes: part(sh.memo, 'notes', tail(ex.notes), () => [...ex.notes]),
        branches: part(sh.memo, 'branches', tail(ex.branches), () => [...ex.branches]),
        // The line's tail names it: its last seq is the move that made the state, notes and branches with it.
        recentLog: part(sh.memo, 'recent log', tail(ex.applied), () => lineTail(ex, RECENT_LOG)),
        logLength: ex.log.length,
        turnInputs: part(sh.memo, 'turn inputs', [ex.turn.gapAnswers, ex.turn.selfFinancing, ex.turn.demands], () => ({ gapAnswers: { ...ex.turn.gapAnswers }, selfFinancing: { ...ex.turn.selfFinancing }, demands: { ...ex.turn.demands } })),
        dealt: part(sh.memo, 'dealt', [ex.game.fired, ex.game.pendingEvents, ex.game.injectControl?.adhoc], () => [
          ...new Set([...ex.game.fired.filter((f) => f.source === 'event').map((f) => f.id), ...ex.game.pendingEvents.filter((p) => p.source === 'event').map((p) => p.id), ...(ex.game.injectControl?.adhoc ?? [])]),
        ]),
      };
    case 'observer':
      return { kind: 'observer' };
    default: {
      const never: never = kind;
      return never;
    }
  }
}
