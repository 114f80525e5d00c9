/**
 * A turn's decisions (share, policy, allocation lines, policy actions) and their
 * validation. A decision that breaks a rule returns a typed rejection with a reason the
 * UI can show next to the control; nothing here throws or touches the state.
 */
import type { Scenario } from './scenario';
import type { AllocationLine, PolicyAction, TurnDecision } from './decisionTypes';
import { envelopeFor, indexOf, linePlaces, programmeActive, eligible, scaledLine, sealLines, sumLines, emptySums, yearView, type GameState, type LinePlaces, type LineSums, type YearView } from './state';
import { RULES } from './rules';
import { FOCUS_COUNT } from './constants';
import { overlapPairsOf, upkeepFor } from './upkeep';

export type { AllocationLine, PolicyAction, TurnDecision };

export type RejectionCode =
  | 'share-range'
  | 'over-envelope'
  | 'negative-amount'
  | 'unknown-partner'
  | 'inactive-partner'
  | 'unknown-programme'
  | 'inactive-programme'
  | 'not-eligible'
  | 'no-programme'
  | 'equal-treatment'
  | 'too-many-actions'
  | 'consensus'
  | 'duplicate-action'
  | 'gap-refused'
  | 'already-known'
  | 'strategic-done'
  | 'bad-tier'
  | 'bad-decision';

export interface Rejection {
  ok: false;
  code: RejectionCode;
  /** English, for logs and the CLI; the UI translates `code` with `params`. */
  reason: string;
  params: Record<string, string | number>;
  /** Which control the rejection is about, so the UI can show it there. */
  field: 'share' | 'allocation' | 'policy' | 'actions' | 'decision';
}

export type Result<T> = ({ ok: true } & T) | Rejection;

export function reject(
  code: RejectionCode,
  field: Rejection['field'],
  reason: string,
  params: Record<string, string | number> = {},
): Rejection {
  return { ok: false, code, field, reason, params };
}

const money = (v: number) => `€${v.toFixed(2)}m`;

export function actionCost(action: PolicyAction): number {
  if (action.type === 'rationalise') return RULES.costs[action.mode];
  return RULES.costs[action.type];
}

/** Consensus the decision spends up front (declaring priorities plus the actions). */
export function decisionCost(state: GameState, decision: TurnDecision): number {
  const declaring = decision.policy === 'priorities' && state.policy !== 'priorities';
  return (declaring ? RULES.costs.declarePriorities : 0) + decision.actions.reduce((s, a) => s + actionCost(a), 0);
}

/** Money per partner once lines are summed. */
export function fundingByPartner(decision: TurnDecision): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of decision.allocations) out.set(line.partner, (out.get(line.partner) ?? 0) + line.amount);
  return out;
}

function isDecisionShape(d: unknown): d is TurnDecision {
  if (!d || typeof d !== 'object') return false;
  const x = d as Record<string, unknown>;
  return (
    typeof x.share === 'number' &&
    (x.policy === 'equal' || x.policy === 'priorities') &&
    Array.isArray(x.allocations) &&
    Array.isArray(x.actions)
  );
}

/** Money per partner position for the equal-treatment check; reused across calls (they never nest). */
let fundScratch = new Float64Array(0);

/** `fundScratch` zeroed for `n` partners. */
function scratchFunding(n: number): Float64Array {
  if (fundScratch.length < n) fundScratch = new Float64Array(n);
  return fundScratch.fill(0, 0, n);
}

/**
 * What is known of a decision's lines and tiers, by partner position in the scenario,
 * vouched for by whoever made the decision, so the turn need not work it out again from
 * the lines' names and the tiers record: a bot that wrote the lines and tiers itself (for
 * the one turn it plays them), or `sealDecision` for a copy it checked (for every turn of
 * every seed it is replayed in). Facts must describe the decision exactly; the simulator's
 * tests check that they do.
 */
export interface DecisionFacts {
  /** Partner position and focus index of every line, all known. */
  places: LinePlaces;
  /**
   * Declared tier by partner position, 0 where the tiers leave the partner out; null without
   * tiers. A bot's move for a score-only run, whose decision is never logged, leaves the
   * tiers record out of the decision and gives the tiers here only.
   */
  tierAt: Uint8Array | null;
  /** The lines summed by partner position (read-only), when worked out already. */
  sums?: Readonly<LineSums>;
  /** The year view `pairs` was counted in: the overlapping programme pairs the lines use there. */
  view?: YearView;
  pairs?: number;
}

/**
 * Decisions made by `sealDecision`: copies already known to pass every check that does
 * not depend on the game state, so validating one checks only what the state decides.
 * What their lines come to is worked out once too: the sums by partner (with the money
 * allocated), the tiers by position and, per year view (views are shared by every game in
 * the same year, members, enrolments and programmes, which is all the lines' checks depend
 * on), the first line the view refuses and the overlapping programme pairs the lines use.
 */
export interface SealedFacts extends DecisionFacts {
  scenario: Scenario;
  sums: Readonly<LineSums>;
  byView: WeakMap<YearView, { refusal: Rejection | null; pairs: number }>;
}
const sealedDecisions = new WeakMap<TurnDecision, SealedFacts>();

/** What is known of a decision sealed for `scenario` (see `sealDecision`); undefined for any other. */
export function sealedFactsOf(scenario: Scenario, decision: TurnDecision): SealedFacts | undefined {
  const facts = sealedDecisions.get(decision);
  return facts?.scenario === scenario ? facts : undefined;
}

/**
 * Records what `decision`'s lines come to. `like`: a sealed decision with the same tiers
 * whose lines differ only in amounts, each of them positive where this one's is and zero
 * where it is zero: its tiers and what each year view makes of its lines (the first line
 * refused, the overlapping pairs with money) hold for this one too, and are shared.
 */
function seal(scenario: Scenario, decision: TurnDecision, like?: SealedFacts): TurnDecision {
  const n = scenario.partners.length;
  // Lines like `like`'s name the same partners and focus areas: its places hold for these.
  const places = like ? like.places : linePlaces(scenario, decision.allocations);
  const sums = sumLines(decision.allocations, places, emptySums(n));
  let tierAt: Uint8Array | null = like ? like.tierAt : null;
  if (decision.tiers && !like) {
    const position = indexOf(scenario).position;
    tierAt = new Uint8Array(n);
    for (const id of Object.keys(decision.tiers)) tierAt[position.get(id)!] = decision.tiers[id];
  }
  sealedDecisions.set(decision, { scenario, places, sums, tierAt, byView: like ? like.byView : new WeakMap() });
  return decision;
}

/**
 * A copy of a decision that passed its state-independent checks, for a decision checked
 * against many states (a logged decision replayed over other seeds); else the rejection.
 * `factor` scales every amount (a positive factor keeps the checks true). The copy is the
 * caller's to read, never to change: what was checked is not checked again. (It is not
 * frozen: V8 reads frozen lines markedly slower, and this is the rerun's hot path.)
 */
export function sealDecision(scenario: Scenario, decision: TurnDecision, factor = 1): Result<{ decision: TurnDecision }> {
  if (!sealedFactsOf(scenario, decision)) {
    const form = checkForm(scenario, decision);
    if (!form.ok) return form;
  }
  if (!(factor > 0 && Number.isFinite(factor))) return reject('negative-amount', 'allocation', `cannot scale allocations by ${factor}`, {});
  const sealed: TurnDecision = {
    share: decision.share,
    policy: decision.policy,
    ...(decision.tiers ? { tiers: { ...decision.tiers } } : {}),
    allocations: sealLines(decision.allocations, factor),
    actions: decision.actions.map(copyAction),
  };
  return { ok: true, decision: seal(scenario, sealed) };
}

/** `decision` with only the actions kept by `keep`; sealed when `decision` was (a subset keeps its checks). */
export function withActions(decision: TurnDecision, keep: (action: PolicyAction) => boolean): TurnDecision {
  const actions = decision.actions.filter(keep);
  if (!sealedDecisions.has(decision)) return { ...decision, actions };
  // Same lines: the facts about them carry over.
  const narrowed: TurnDecision = { ...decision, actions };
  sealedDecisions.set(narrowed, sealedDecisions.get(decision)!);
  return narrowed;
}

/** `decision` with every amount times `factor` (> 0); sealed when `decision` was. */
export function scaleAllocations(scenario: Scenario, decision: TurnDecision, factor: number): TurnDecision {
  const sealed = sealedFactsOf(scenario, decision);
  if (sealed && factor > 0 && Number.isFinite(factor)) {
    const lines = sealLines(decision.allocations, factor);
    // A positive factor keeps every line's money positive or zero as it was, unless an
    // amount is so small that it rounds to zero: then the year views look at it afresh.
    let same = true;
    for (let i = 0; i < lines.length && same; i++) same = (lines[i].amount > 0) === (decision.allocations[i].amount > 0);
    return seal(scenario, { ...decision, allocations: lines }, same ? sealed : undefined);
  }
  return { ...decision, allocations: decision.allocations.map((l) => ({ ...l, amount: l.amount * factor })) };
}

/** How many times, at most, a decision over the envelope is scaled down to fit it (see `fitFactor`). */
export const FIT_ROUNDS = 3;

/**
 * The factor that scales allocations of `allocated` down to fit `available`: their ratio
 * in cents, as an over-envelope rejection gives them, less a margin of 0.1 %.
 */
export function fitFactor(allocated: number, available: number): number {
  return (Number(available.toFixed(2)) / Number(allocated.toFixed(2))) * 0.999;
}

/** A decision for one turn, what is known of it and its check against that turn's state. */
export interface CheckedMove {
  decision: TurnDecision;
  facts: DecisionFacts;
  check: Result<object>;
}

/**
 * For the luck-vs-skill rerun, which plays a sealed decision in one seed's game after
 * another: `validateDecision` of it in `state` and, when it is over the envelope, of copies
 * scaled as `adapt` (game.ts) scales them, by `fitFactor`, at most FIT_ROUNDS times. Undefined
 * where `adapt` must do more (its actions to drop; an amount that scaling rounds to zero,
 * which the year views must look at afresh) or for a decision not sealed for `scenario`.
 * The same game as `adapt` then `validateDecision`, without the rejections in words on the
 * way: the envelope and upkeep are worked out once, and a scaled copy's lines stand where
 * its original's stood (each line's money stays positive or zero), so they are judged as
 * the original's, and only its money is summed again. Those sums are written into
 * `scratch`'s money arrays (zeroed here; long enough for the scenario's partners): the caller plays the
 * copy before it calls again. The copy is not sealed, as it is played once.
 */
export function fitSealed(scenario: Scenario, state: GameState, decision: TurnDecision, scratch: Pick<LineSums, 'fund' | 'row'>): CheckedMove | undefined {
  const facts = sealedFactsOf(scenario, decision);
  if (!facts) return undefined;
  const view = yearView(scenario, state);
  const known = knownInView(scenario, state, view, decision, facts);
  if (known.refusal) return { decision, facts, check: known.refusal };
  const available = availableFor(scenario, state, view, decision.share, known.pairs);
  let allocated = facts.sums.allocated;
  if (!(allocated > available + ALLOCATION_TOLERANCE)) {
    const check = checkTreatmentAndActions(scenario, state, decision, view, facts.places, allocated, facts.sums.fund);
    return !check.ok && check.field === 'actions' ? undefined : { decision, facts, check };
  }
  const n = scenario.partners.length;
  const { at, focus } = facts.places;
  const { fund, row } = scratch;
  let lines = decision.allocations;
  for (let round = 0; round < FIT_ROUNDS && allocated > available + ALLOCATION_TOLERANCE; round++) {
    const factor = fitFactor(allocated, available);
    // Each line copied and summed as `sealLines` and `sumLines` would, in line order.
    const scaled = new Array<AllocationLine>(lines.length);
    fund.fill(0, 0, n);
    row.fill(0, 0, n * FOCUS_COUNT);
    allocated = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = scaledLine(lines[i], factor);
      const amount = line.amount;
      if ((amount > 0) !== (lines[i].amount > 0)) return undefined;
      scaled[i] = line;
      fund[at[i]] += amount;
      allocated += amount;
      if (amount > 0) row[at[i] * FOCUS_COUNT + focus[i]] += amount;
    }
    lines = scaled;
  }
  // Which partners have lines and money on a focus, and in what order, is the original's.
  const sums: LineSums = { fund, row, seen: facts.sums.seen, fundedInOrder: facts.sums.fundedInOrder, allocated };
  const copy: TurnDecision = { share: decision.share, policy: decision.policy, tiers: decision.tiers, allocations: lines, actions: decision.actions };
  const check = allocated > available + ALLOCATION_TOLERANCE ? overEnvelope(allocated, available) : checkTreatmentAndActions(scenario, state, copy, view, facts.places, allocated, fund);
  return { decision: copy, facts: { places: facts.places, tierAt: facts.tierAt, sums, view, pairs: known.pairs }, check };
}

function copyAction(action: PolicyAction): PolicyAction {
  return action.type === 'rationalise' ? { ...action, retire: [...(action.retire ?? [])] } : { ...action };
}

/** Checks a decision against every rule; `{ ok: true }` means `resolveTurn` will accept it. */
export function validateDecision(scenario: Scenario, state: GameState, decision: TurnDecision): Result<object> {
  const sealed = sealedFactsOf(scenario, decision);
  if (sealed) return checkInState(scenario, state, decision, sealed.places, sealed);
  const form = checkForm(scenario, decision);
  return form.ok ? checkInState(scenario, state, decision, form.places) : form;
}

/**
 * `validateDecision` for a decision whose maker vouches for `facts` (a bot's move, in the
 * simulator): every rule is checked, but the lines' and tiers' names are not looked up again.
 */
export function validateWithFacts(scenario: Scenario, state: GameState, decision: TurnDecision, facts: DecisionFacts): Result<object> {
  if (isDecisionShape(decision)) {
    // Every check of a single line, of its form and against the year alike, in one pass
    // that sums the money too. Passed, the line checks cannot decide the first rejection,
    // so the other checks follow in their usual order; else the full checks below find
    // the rejection they always have.
    // Lines whose sums the maker knows are not summed again.
    const view = yearView(scenario, state);
    const sums = facts.sums;
    const funding = sums ? null : decision.policy === 'equal' ? scratchFunding(scenario.partners.length) : null;
    let allocated = sumPlainLines(view, decision.allocations, facts.places, funding, !sums);
    if (allocated >= 0) {
      if (sums) allocated = sums.allocated;
      const form = checkShare(decision) ?? checkTiersAndActions(scenario, decision, facts);
      if (form) return form;
      const pairs = facts.view === view ? facts.pairs! : overlapPairsOf(scenario, view, decision.allocations, facts.places);
      return checkMoneyAndActions(scenario, state, decision, view, facts.places, pairs, allocated, sums ? sums.fund : funding);
    }
  }
  const form = checkForm(scenario, decision, facts);
  return form.ok ? checkInState(scenario, state, decision, facts.places, facts) : form;
}

/**
 * The money of lines that pass every check of a single line (a known partner active this
 * year, a known focus on offer to it, a finite amount of zero or more, no programme named),
 * summed line by line (0 when not `summing`), with each partner's money added into
 * `funding` (by position) when given; −1 as soon as a line fails or names a programme
 * (those are left to the full checks).
 */
function sumPlainLines(view: YearView, lines: readonly AllocationLine[], places: LinePlaces, funding: Float64Array | null, summing: boolean): number {
  const { isActive, offerMask } = view;
  let allocated = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.programme !== undefined) return -1;
    const amount = line.amount;
    const at = places.at[i];
    const focus = places.focus[i];
    if (typeof amount !== 'number' || !(amount >= 0 && amount < Infinity) || at < 0 || focus < 0 || !isActive[at]) return -1;
    if (amount > 0 && !(offerMask[at] & (1 << focus))) return -1;
    if (summing) allocated += amount;
    if (funding) funding[at] += amount;
  }
  return allocated;
}

/** The share's range check of `checkForm`, or null. */
function checkShare(decision: TurnDecision): Rejection | null {
  if (!(decision.share >= RULES.shareMin - 1e-9 && decision.share <= RULES.shareMax + 1e-9)) {
    return reject('share-range', 'share', `the share must be between ${RULES.shareMin.toFixed(1)} % and ${RULES.shareMax.toFixed(1)} % (got ${decision.share} %)`, {
      share: decision.share,
      min: RULES.shareMin,
      max: RULES.shareMax,
    });
  }
  return null;
}

/**
 * The checks no game state can change: the decision's shape, the share's range, amounts,
 * the names of partners, focus areas and programmes, tiers, and the form of the actions.
 */
function checkForm(scenario: Scenario, decision: TurnDecision, facts?: DecisionFacts): Result<{ places: LinePlaces }> {
  if (!isDecisionShape(decision)) return reject('bad-decision', 'decision', 'a decision needs share, policy, allocations and actions');
  // The lines' places, looked up once here and handed on to the checks against the state.
  const places = facts?.places ?? linePlaces(scenario, decision.allocations);
  const share = checkShare(decision);
  if (share) return share;
  const index = indexOf(scenario);
  for (let i = 0; i < decision.allocations.length; i++) {
    const line = decision.allocations[i];
    if (!line || typeof line.amount !== 'number' || !Number.isFinite(line.amount) || line.amount < 0) {
      return reject('negative-amount', 'allocation', `an allocation must be a positive amount (${line?.partner ?? '?'})`, { partner: line?.partner ?? '?' });
    }
    if (places.at[i] < 0) return reject('unknown-partner', 'allocation', `unknown partner "${line.partner}"`, { partner: line.partner });
    if (places.focus[i] < 0) return reject('bad-decision', 'allocation', `unknown focus area "${line.focus}"`, { focus: String(line.focus) });
    if (line.programme !== undefined) {
      const programme = index.programme.get(line.programme);
      if (!programme) return reject('unknown-programme', 'allocation', `unknown programme "${line.programme}"`, { programme: line.programme });
      if (!programme.focus.includes(line.focus)) {
        return reject('not-eligible', 'allocation', `${programme.acronym} does not offer ${line.focus}`, { partner: line.partner, programme: line.programme, focus: line.focus });
      }
    }
  }
  return checkTiersAndActions(scenario, decision, facts) ?? { ok: true, places };
}

/** The checks of `checkForm` after the lines': the tiers' names and tiers, and the actions' form; or null. */
function checkTiersAndActions(scenario: Scenario, decision: TurnDecision, facts?: DecisionFacts): Rejection | null {
  const index = indexOf(scenario);
  // Tiers the decision's maker has already read by position name known partners and tiers.
  if (decision.tiers && !facts?.tierAt) {
    const tiers = decision.tiers;
    for (const id of Object.keys(tiers)) {
      const tier = tiers[id];
      if (!index.partner.has(id)) return reject('unknown-partner', 'policy', `unknown partner "${id}" in the tiers`, { partner: id });
      if (tier !== 1 && tier !== 2 && tier !== 3) return reject('bad-tier', 'policy', `tier of ${id} must be 1, 2 or 3`, { partner: id });
    }
  }
  if (decision.actions.length > RULES.maxActions) {
    return reject('too-many-actions', 'actions', `at most ${RULES.maxActions} policy actions a turn`, { max: RULES.maxActions });
  }
  const seen = new Set<string>();
  for (const action of decision.actions) {
    if (!action || (action.type !== 'gapAnalysis' && action.type !== 'intelligence' && action.type !== 'rationalise')) {
      return reject('bad-decision', 'actions', `unknown policy action "${(action as { type?: string } | null)?.type}"`, {});
    }
    const key = action.type === 'rationalise' ? 'rationalise' : `${action.type}:${action.partner}`;
    if (seen.has(key)) return reject('duplicate-action', 'actions', `the same action twice in one turn (${key})`, { action: key });
    seen.add(key);
    if (action.type === 'rationalise') {
      if (action.mode !== 'managerial' && action.mode !== 'strategic') return reject('bad-decision', 'actions', `unknown reform "${String(action.mode)}"`, {});
      for (const id of action.retire ?? []) {
        if (!index.programme.has(id)) return reject('unknown-programme', 'actions', `unknown programme "${id}"`, { programme: id });
      }
    }
  }
  return null;
}

/** `overlapPairsOf` the decision's lines, known at once when its facts counted them in this view. */
export function overlapPairsFor(scenario: Scenario, view: YearView, decision: TurnDecision, places: LinePlaces, facts?: DecisionFacts | SealedFacts): number {
  if (facts?.view === view) return facts.pairs!;
  const known = facts && 'byView' in facts ? facts.byView.get(view) : undefined;
  return known?.pairs ?? overlapPairsOf(scenario, view, decision.allocations, places);
}

/** The first line the year refuses (a partner or programme not active, not eligible, nothing on offer), or null. */
function checkLines(scenario: Scenario, state: GameState, view: YearView, lines: readonly AllocationLine[], places: LinePlaces): Rejection | null {
  const index = indexOf(scenario);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const at = places.at[i];
    if (!view.isActive[at]) {
      return reject('inactive-partner', 'allocation', `${line.partner} is not a partner in ${state.year}`, { partner: line.partner, year: state.year });
    }
    if (line.programme !== undefined) {
      const programme = index.programme.get(line.programme)!;
      if (!programmeActive(scenario, state, programme)) {
        return reject('inactive-programme', 'allocation', `${programme.acronym} is not running in ${state.year}`, { programme: line.programme, year: state.year });
      }
      if (!eligible(scenario, state, programme, line.partner)) {
        return reject('not-eligible', 'allocation', `${line.partner} is not eligible for ${programme.acronym} in ${state.year}`, {
          partner: line.partner,
          programme: line.programme,
          year: state.year,
        });
      }
    } else if (line.amount > 0 && !(view.offerMask[at] & (1 << places.focus[i]))) {
      return reject('no-programme', 'allocation', `no programme offers ${line.focus} to ${line.partner} in ${state.year}`, {
        partner: line.partner,
        focus: line.focus,
        year: state.year,
      });
    }
  }
  return null;
}

/** What `view` makes of a sealed decision's lines (the first line refused, the overlapping pairs), worked out once per view. */
function knownInView(scenario: Scenario, state: GameState, view: YearView, decision: TurnDecision, facts: SealedFacts): { refusal: Rejection | null; pairs: number } {
  let known = facts.byView.get(view);
  if (!known) {
    known = { refusal: checkLines(scenario, state, view, decision.allocations, facts.places), pairs: overlapPairsOf(scenario, view, decision.allocations, facts.places) };
    facts.byView.set(view, known);
  }
  return known;
}

/** The checks the year's game decides: who and what is active, the envelope, equal treatment, the actions' targets and their consensus. */
function checkInState(scenario: Scenario, state: GameState, decision: TurnDecision, places: LinePlaces, facts?: DecisionFacts | SealedFacts): Result<object> {
  const view = yearView(scenario, state);
  let allocated = 0;
  let pairs: number;
  let funding: Float64Array | undefined;
  if (facts && 'byView' in facts) {
    const known = knownInView(scenario, state, view, decision, facts);
    if (known.refusal) return known.refusal;
    pairs = known.pairs;
    allocated = facts.sums.allocated;
    // Summed line by line as the equal-treatment check sums them.
    funding = facts.sums.fund;
  } else {
    const refusal = checkLines(scenario, state, view, decision.allocations, places);
    if (refusal) return refusal;
    pairs = facts?.view === view ? facts.pairs! : overlapPairsOf(scenario, view, decision.allocations, places);
    const lines = decision.allocations;
    if (decision.policy === 'equal') {
      // Money per partner position for the equal-treatment check below, summed in the same pass.
      funding = scratchFunding(scenario.partners.length);
      for (let i = 0; i < lines.length; i++) {
        funding[places.at[i]] += lines[i].amount;
        allocated += lines[i].amount;
      }
    } else {
      for (let i = 0; i < lines.length; i++) allocated += lines[i].amount;
    }
  }

  return checkMoneyAndActions(scenario, state, decision, view, places, pairs, allocated, funding ?? null);
}

/**
 * The checks of `checkInState` after the lines': the envelope, equal treatment, the
 * actions' targets and their consensus, for lines (at `places`) that use `pairs`
 * overlapping pairs and come to `allocated` in all; `funding` is the money per partner
 * position when summed already (for an equal-treatment decision), else null.
 */
function checkMoneyAndActions(
  scenario: Scenario,
  state: GameState,
  decision: TurnDecision,
  view: YearView,
  places: LinePlaces,
  pairs: number,
  allocated: number,
  funding: Float64Array | null,
): Result<object> {
  const available = availableFor(scenario, state, view, decision.share, pairs);
  if (allocated > available + ALLOCATION_TOLERANCE) return overEnvelope(allocated, available);
  return checkTreatmentAndActions(scenario, state, decision, view, places, allocated, funding);
}

/**
 * How far allocations may exceed the money left before they are refused: half a hundredth
 * of a million euros, what a field showing two decimals can hide. A player who types back
 * the 0.28 a field showed for 0.2799 adds €0.0001m; that must not break the plan. Looser
 * than before, so every decision accepted before still is (recorded games replay as they
 * were); the board's money left turns red past the same margin.
 */
export const ALLOCATION_TOLERANCE = 0.005;

/** The money lines may use in `state` at `share`: the envelope less upkeep with `pairs` overlapping pairs. */
export function availableFor(scenario: Scenario, state: GameState, view: YearView, share: number, pairs: number): number {
  const envelope = envelopeFor(scenario, state, share);
  const { upkeep, overlapCost } = upkeepFor(view, state, envelope, pairs);
  return envelope - upkeep - overlapCost;
}

function overEnvelope(allocated: number, available: number): Rejection {
  // As many decimals as it takes for the two to read differently: an excess of a few
  // thousand euros would otherwise read "€23.59m exceed the €23.59m left".
  let d = 2;
  while (d < 6 && allocated.toFixed(d) === available.toFixed(d)) d++;
  return reject('over-envelope', 'allocation', `allocations of €${allocated.toFixed(d)}m exceed the €${available.toFixed(d)}m left after upkeep`, {
    allocated: Number(allocated.toFixed(d)),
    available: Number(available.toFixed(d)),
  });
}

/** The checks of `checkMoneyAndActions` after the envelope's: equal treatment, the actions' targets and their consensus. */
function checkTreatmentAndActions(
  scenario: Scenario,
  state: GameState,
  decision: TurnDecision,
  view: YearView,
  places: LinePlaces,
  allocated: number,
  funding: Float64Array | null,
): Result<object> {
  const index = indexOf(scenario);
  if (decision.policy === 'equal' && allocated > 0) {
    // Money per partner position, summed line by line as `fundingByPartner` does.
    if (!funding) {
      funding = scratchFunding(scenario.partners.length);
      for (let i = 0; i < decision.allocations.length; i++) funding[places.at[i]] += decision.allocations[i].amount;
    }
    const active = view.active;
    const order = view.order;
    const equal = allocated / active.length;
    for (let k = 0; k < active.length; k++) {
      const id = active[k].id;
      const got = funding[order[k]];
      if (Math.abs(got - equal) > RULES.equalBand * equal + 1e-6) {
        const min = equal * (1 - RULES.equalBand);
        const max = equal * (1 + RULES.equalBand);
        return reject('equal-treatment', 'allocation', `under equal treatment ${id} must get ${money(min)}–${money(max)} (gets ${money(got)}); declare priorities to fund partners unequally`, {
          partner: id,
          got: Number(got.toFixed(2)),
          min: Number(min.toFixed(2)),
          max: Number(max.toFixed(2)),
        });
      }
    }
  }

  for (const action of decision.actions) {
    if (action.type === 'gapAnalysis' || action.type === 'intelligence') {
      const at = index.position.get(action.partner);
      if (at === undefined || !view.isActive[at]) return reject('inactive-partner', 'actions', `${action.partner} is not a partner in ${state.year}`, { partner: action.partner, year: state.year });
      const p = state.partners[action.partner];
      if (action.type === 'gapAnalysis' && p.gapRefused) {
        return reject('gap-refused', 'actions', `${action.partner} refused a gap analysis this era`, { partner: action.partner });
      }
      if (action.type === 'gapAnalysis' && p.targeting > 0) {
        return reject('already-known', 'actions', `a gap analysis of ${action.partner} is still in force`, { partner: action.partner });
      }
      if (action.type === 'intelligence' && p.revealed) {
        return reject('already-known', 'actions', `${action.partner}'s strategic weight is already known`, { partner: action.partner });
      }
    } else {
      if (action.mode === 'strategic' && state.reform.strategic) {
        return reject('strategic-done', 'actions', 'a strategic reform was already made this era', {});
      }
      for (const id of action.retire ?? []) {
        const programme = index.programme.get(id)!;
        if (!programmeActive(scenario, state, programme)) return reject('inactive-programme', 'actions', `${programme.acronym} is not running`, { programme: id, year: state.year });
      }
    }
  }
  const cost = decisionCost(state, decision);
  if (cost > state.alliance.consensus + 1e-9) {
    return reject('consensus', 'actions', `these choices cost ${cost} consensus; the Allies have ${Math.floor(state.alliance.consensus)}`, {
      cost,
      consensus: Math.floor(state.alliance.consensus),
    });
  }
  return { ok: true };
}
