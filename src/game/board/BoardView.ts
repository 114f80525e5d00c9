/**
 * The main board's DOM panels (everything but the map canvas): the top bar with the year,
 * the phase strip and Next; the metrics dashboard; the phase panel (briefing news, the
 * selected partner's card with its allocation lines, the resolution summary, the review's
 * drivers); the budget column (envelope, share, upkeep first, policy, actions, consensus);
 * and the partner list. It renders a `BoardInput` (the phase, the game as its player may know
 * it, the draft and its rejection) and sends events through `send`; every number it shows
 * comes from the rules core's read-only helpers, never from its own rules. The solo board
 * feeds it the flow's snapshot; NATO's staff in an exercise feeds it the staff's view
 * (docs/exercise.md, "NATO's staff at the board").
 */
import { ALLOCATION_TOLERANCE, actionCost, decisionCost, fundingByPartner, validateDecision, type PolicyAction, type Rejection, type TurnDecision } from '../../core/decision';
import { RULES } from '../../core/rules';
import { ALLIANCE_METRICS, FOCUS_AREAS, REGIONS } from '../../core/constants';
import type { AllianceMetric, FocusArea, Scenario } from '../../core/scenario';
import {
  activePartners,
  activeProgrammes,
  demandShares,
  frameworksOf,
  programmesFor,
  readiness,
  READINESS_THRESHOLD,
  type Driver,
  type GameState,
  type LogEntry,
  type Tier,
  type TurnRecord,
} from '../../core/state';
import { budgetFacts, gapAnalysisOdds, partnerActionBlock, shareFacts, shareWithinRules } from '../../core/planning';
import { t as tMenu } from '../../i18n';
import { explain, type GlossaryTerm } from '../ui/glossary';
import type { FlowEvent } from '../../flow/machine';
import type { FlowSnapshot, SendResult } from '../bridge';
import { flagClass } from '../flags';
import { playCue } from '../../audio/sound';
import { h, replaceKeepingFocus } from '../ui/dom';
import { css, FAMILY_COLOUR, mapColours, type FrameworkFamily } from './palette';
import { decimalInput, firstRefused } from '../ui/decimal';
import { acronym, allyName, causeText, localized, money, num, partnerName, percent, programmeName, rejectionText, signed, tr, trDynamic } from './text';

export const PHASES = ['briefing', 'planning', 'resolution', 'events', 'review'] as const;
export type BoardPhase = (typeof PHASES)[number];

/** Where panels sit in the 1920×1080 game space; the map rectangle is drawn by MapLayer. */
export const LAYOUT = {
  map: { x: 20, y: 88, width: 1010, height: 500 },
  metrics: { x: 20, y: 598, width: 1010, height: 118 },
  phase: { x: 20, y: 726, width: 1010, height: 340 },
  budget: { x: 1044, y: 88, width: 440, height: 978 },
  partners: { x: 1498, y: 88, width: 404, height: 978 },
} as const;

/** What the board draws: the phase, the game as its player may know it, the plan in hand. */
export interface BoardInput {
  phase: BoardPhase;
  game: GameState;
  /** The plan being drafted (planning), or the one ready for the year (briefing); null otherwise. */
  draft: TurnDecision | null;
  rejection: Rejection | null;
  /** The plan is shown, not edited (a proposal waiting for the capitals' answers). */
  locked?: boolean;
}

/** The solo board's input: the flow's snapshot, read once. Null outside a turn. */
export function boardInput(snap: FlowSnapshot): BoardInput | null {
  const game = snap.context.game;
  if (!game) return null;
  const value = snap.value as { turn?: string } | string;
  const inner = typeof value === 'object' && typeof value.turn === 'string' ? value.turn : 'briefing';
  const phase = (PHASES as readonly string[]).includes(inner) ? (inner as BoardPhase) : 'review';
  return { phase, game, draft: snap.context.draft, rejection: snap.context.rejection };
}

export interface BoardHost {
  send(event: FlowEvent): SendResult;
  scenario(): Scenario | null;
  /** The map and the board share the selected partner. */
  onSelect(id: string | null): void;
  /** Opens the game menu (Esc does the same); without it the board shows no Menu button. */
  openMenu?(view?: 'glossary' | 'quit'): void;
  /**
   * The Next button's label in this phase, or null for none (an exercise's seat that does
   * not move the room on). Without it, the solo board's labels and its hints ("press Next").
   */
  nextLabel?(phase: BoardPhase, lastYear: boolean): string | null;
  /** Whether Next asks before going on with money left (the solo board does). */
  confirmUnallocated?: boolean;
}

/**
 * The phase panel's heading (the partner's name on the planning card): where the keyboard
 * goes at a change of phase that took it away (focusFirst; the solo board, scenes/Board.ts).
 * Focused by script only, so out of the Tab order.
 */
const PHASE_HEADING = { tabindex: '-1', 'data-autofocus': 'true' } as const;

const place = (r: { x: number; y: number; width: number; height: number }) => ({
  left: `${r.x}px`,
  top: `${r.y}px`,
  width: `${r.width}px`,
  height: `${r.height}px`,
});

/** A compact button that plays the click cue (its caption appears as a toast). */
function sbtn(label: string | Node, onClick: () => void, attrs: Record<string, unknown> = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs, onclick: () => { playCue('click'); onClick(); } }, label);
}

export class BoardView {
  readonly root: HTMLElement;
  private readonly top = h('header', { class: 'cs-top cs-live', 'data-tut': 'top' });
  private readonly legend = h('div', { class: 'cs-legend cs-live', 'aria-label': 'legend' });
  private readonly hover = h('div', { class: 'cs-hover', style: { display: 'none' } });
  private readonly metrics = h('section', { class: 'cs-pane cs-metrics cs-live', style: place(LAYOUT.metrics), 'data-tut': 'metrics' });
  // Scrolling panels scroll an inner, transparent body: an opaque scroller gets its own
  // composited layer, which Chromium misplaces (a white block over the map) when Scale.FIT
  // shrinks the DOM container, e.g. at 1366×768.
  private readonly phaseBody = h('div', { class: 'cs-body cs-scroller', tabindex: '0' }); // scrolls, so keyboard-reachable (axe)
  private readonly phasePanel = h('section', { class: 'cs-pane cs-scrollpanel cs-phasepanel cs-live', style: place(LAYOUT.phase), 'data-tut': 'phase' }, this.phaseBody);
  // Scrolls when the declared-priorities text makes it taller than its column (French, at
  // any size): keyboard-reachable, so the allied consensus at its foot can be scrolled to.
  private readonly budgetBody = h('div', { class: 'cs-body cs-scroller', tabindex: '0' });
  private readonly budget = h('aside', { class: 'cs-pane cs-scrollpanel cs-budget cs-live', style: place(LAYOUT.budget), 'data-tut': 'budget' }, this.budgetBody);
  private readonly partners = h('aside', { class: 'cs-pane cs-partners cs-live', style: { ...place(LAYOUT.partners), display: 'flex', flexDirection: 'column' }, 'data-tut': 'partners' });
  private readonly partnerList = h('ul', { class: 'cs-plist cs-scroller', style: { flex: '1', minHeight: '0' } });
  private listScroll = 0;
  private readonly partnerHead = h('div', {});
  private selected: string | null = null;
  private input: BoardInput | null = null;
  private locked = false;
  private actionType: 'gapAnalysis' | 'intelligence' | 'managerial' | 'strategic' = 'gapAnalysis';
  private actionRetire = '';

  constructor(private readonly host: BoardHost) {
    const frame = h('div', { class: 'cs-mapframe', style: place(LAYOUT.map) }, this.legend);
    this.root = h('div', { class: 'cs-board', 'data-testid': 'board' }, this.top, frame, this.hover, this.metrics, this.phasePanel, this.budget, this.partners);
    this.partnerList.addEventListener('scroll', () => (this.listScroll = this.partnerList.scrollTop), { passive: true });
  }

  get selectedPartner(): string | null {
    return this.selected;
  }

  select(id: string | null): void {
    if (id === this.selected) return;
    this.selected = id;
    if (this.input) this.render(this.input);
  }

  /** Shows the hovered country's name near the pointer (game coordinates). */
  showHover(text: string | null, x = 0, y = 0): void {
    if (!text) {
      this.hover.style.display = 'none';
      return;
    }
    this.hover.textContent = text;
    this.hover.style.display = 'block';
    this.hover.style.left = `${Math.min(x + 16, LAYOUT.map.x + LAYOUT.map.width - 260)}px`;
    this.hover.style.top = `${Math.max(LAYOUT.map.y + 4, y - 40)}px`;
  }

  render(input: BoardInput): void {
    this.input = input;
    this.locked = !!input.locked;
    const scenario = this.host.scenario();
    const { game, phase } = input;
    if (!scenario) return;
    const active = activePartners(scenario, game);
    if (!this.selected || !active.some((p) => p.id === this.selected)) {
      this.selected = active[0]?.id ?? null;
      this.host.onSelect(this.selected);
    }
    const draft = phase === 'planning' ? input.draft : null;
    const rejection = phase === 'planning' ? input.rejection : null;
    replaceKeepingFocus(this.top, ...this.topBar(scenario, game, phase, rejection));
    replaceKeepingFocus(this.legend, ...this.legendRows(scenario, game));
    replaceKeepingFocus(this.metrics, ...this.metricTiles(scenario, game));
    replaceKeepingFocus(this.budgetBody, ...this.budgetColumn(scenario, game, draft, rejection, phase));
    this.renderPartners(scenario, game, draft, phase);
    replaceKeepingFocus(this.phaseBody, ...this.phaseContent(scenario, game, draft, rejection, phase));
  }

  /** The phase last drawn. */
  get phase(): BoardPhase {
    return this.input?.phase ?? 'briefing';
  }

  // ---------- top bar ----------

  private topBar(scenario: Scenario, game: GameState, phase: BoardPhase, rejection: Rejection | null): (Node | null)[] {
    const current = PHASES.indexOf(phase);
    const strip = h(
      'ol',
      { class: 'cs-phases', 'aria-label': tr('board.phaseStrip') },
      PHASES.map((p, i) =>
        h(
          'li',
          { class: i === current ? 'cs-current' : i < current ? 'cs-done' : '', 'aria-current': i === current ? 'step' : undefined, 'data-testid': `phase-${p}` },
          // The name apart, so that a strip squeezed by a message beside Next can show the other phases by number only.
          `${i + 1}. `,
          h('span', { class: 'cs-phase-name' }, trDynamic(`phase.${p}`, {}, p)),
        ),
      ),
    );
    const last = game.year >= scenario.end && phase === 'review';
    const label = this.host.nextLabel
      ? this.host.nextLabel(phase, last)
      : phase === 'planning' ? tr('board.next.resolve') : phase === 'review' ? (last ? tr('board.next.debrief') : tr('board.next.nextYear')) : tr('board.next.continue');
    const next = label === null
      ? null
      : h(
          'button',
          { type: 'button', class: 'cs-btn cs-btn-primary cs-next', 'data-testid': 'board-next', 'data-focus': 'next', 'data-tut': 'next', onclick: () => this.advance() },
          label,
          h('kbd', {}, 'N'),
        );
    const decisionError = rejection && rejection.field === 'decision' ? h('div', { class: 'cs-error', role: 'alert' }, rejectionText(scenario, rejection, game.year)) : null;
    const blocked = phase === 'planning' && rejection ? h('div', { class: 'cs-error', role: 'alert', 'data-testid': 'next-blocked' }, tr('board.next.blocked')) : null;
    const openMenu = this.host.openMenu?.bind(this.host);
    const menu = openMenu ? h('button', { type: 'button', class: 'cs-btn cs-btn-ghost cs-menu-btn', 'data-testid': 'open-menu', 'data-focus': 'menu', title: tMenu('menu.openHint'), 'aria-keyshortcuts': 'Escape', onclick: () => openMenu() }, tMenu('menu.open')) : null;
    return [
      menu,
      h('div', { class: 'cs-era', title: localized(scenario.title) }, localized(scenario.title)),
      h('div', { class: 'cs-year', 'data-testid': 'board-year', 'aria-label': tr('board.yearLabel', { year: game.year }) }, String(game.year)),
      h('div', { class: 'cs-subtle cs-fine' }, tr('board.yearOf', { n: game.year - scenario.start + 1, total: scenario.end - scenario.start + 1 })),
      strip,
      h('div', { class: 'cs-next-wrap' }, decisionError ?? blocked, next),
    ];
  }

  /** Next: in planning the flow refuses an invalid draft and the reason shows by its control. */
  advance(confirmed = false): void {
    // An amount typed just before (a click on Next leaves the field) counts in this plan.
    this.commitTyped();
    const phase = this.phase;
    // An amount the card refused ("1,2,3") would leave the year with the one before: Next goes back to it instead.
    if (phase === 'planning' && firstRefused(this.root)) return;
    if (phase === 'planning' && !confirmed && this.host.confirmUnallocated !== false) {
      const left = this.unallocated();
      if (left > 0) {
        this.askConfirm(left);
        return;
      }
    }
    this.dismissConfirm();
    this.host.send({ type: 'phase.advance' });
    if (phase === 'review') playCue('turnEnd');
  }

  /** Money of the planning draft allocated to nobody (0 when none, not planning, or the draft breaks a rule). */
  private unallocated(): number {
    const input = this.input;
    const scenario = this.host.scenario();
    const draft = input?.draft;
    if (!input || !scenario || !draft || input.phase !== 'planning') return 0;
    const game = input.game;
    // A plan that breaks a rule is not resolved at all: Next says why rather than ask about the money left.
    if (!validateDecision(scenario, game, draft).ok) return 0;
    const facts = budgetFacts(scenario, game, draft);
    return facts.unallocated ? facts.left : 0;
  }

  private confirmBox: HTMLElement | null = null;

  /** Asks before resolving a year with money left; Esc or "Go back" keeps planning. */
  private askConfirm(left: number): void {
    this.dismissConfirm();
    const back = h('button', { type: 'button', class: 'cs-btn cs-btn-secondary', 'data-testid': 'confirm-back', onclick: () => this.dismissConfirm() }, tMenu('planning.confirmBack'));
    const go = h('button', { type: 'button', class: 'cs-btn cs-btn-primary', 'data-testid': 'confirm-resolve', onclick: () => this.advance(true) }, tMenu('planning.confirmResolve'));
    const titleId = 'cs-confirm-title';
    const box = h('div', { class: 'cs-confirm cs-live', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'data-testid': 'confirm-unallocated' },
      h('div', { class: 'cs-confirm-box' },
        h('h2', { id: titleId }, tMenu('planning.confirmTitle')),
        h('p', {}, tMenu('planning.confirmText', { amount: money(left, 2) })),
        h('div', { class: 'cs-inline' }, back, go),
      ),
    );
    // Tab stays inside the question.
    box.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const first = back;
      const last = go;
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    });
    this.confirmOpener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.root.append(box);
    this.confirmBox = box;
    back.focus();
  }

  private confirmOpener: HTMLElement | null = null;

  /** An amount typed on the partner card, waiting for the next tick to be committed (partnerCard). */
  private typed: (() => void) | null = null;

  private commitTyped(): void {
    const commit = this.typed;
    this.typed = null;
    commit?.();
  }

  /** Closes the money-left question if open; true when it was. */
  dismissConfirm(): boolean {
    if (!this.confirmBox) return false;
    this.confirmBox.remove();
    this.confirmBox = null;
    const opener = this.confirmOpener;
    this.confirmOpener = null;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
    else this.root.querySelector<HTMLElement>('[data-focus="next"]')?.focus({ preventScroll: true });
    return true;
  }

  private legendRows(scenario: Scenario, game: GameState): (Node | null)[] {
    const { families } = mapColours(scenario, game);
    const order: FrameworkFamily[] = ['map', 'pfp', 'md', 'ici', 'global', 'other', 'member'];
    return [
      h('div', { class: 'cs-subtle' }, tr('board.legend.title')),
      ...order.filter((f) => families.has(f)).map((f) => h('div', {}, h('span', { class: 'cs-swatch', style: { background: css(FAMILY_COLOUR[f]) } }), tr(`board.legend.${f}`))),
    ];
  }

  // ---------- metrics ----------

  private metricTiles(scenario: Scenario, game: GameState): (Node | null)[] {
    const prevRecord = game.turns.length >= 2 ? game.turns[game.turns.length - 2] : null;
    const previous: Record<string, number> = { ...(prevRecord?.alliance ?? scenario.initial) } as Record<string, number>;
    const weighted = (rec: Record<string, number>) => {
      const total = REGIONS.reduce((s, r) => s + scenario.regionWeight[r], 0) || 1;
      return REGIONS.reduce((s, r) => s + rec[r] * scenario.regionWeight[r], 0) / total;
    };
    const prevInfluence = prevRecord?.influence ?? scenario.initial.influence;
    const tiles: { key: string; label: string; value: number; delta: number; lowerIsBetter?: boolean; title?: string }[] = ALLIANCE_METRICS.map((m) => ({
      key: m,
      label: tr(`board.metric.${m}`),
      value: game.alliance[m],
      delta: game.turns.length ? game.alliance[m] - previous[m] : 0,
      title: explain(m as GlossaryTerm),
    }));
    for (const c of ['russia', 'china'] as const) {
      tiles.push({
        key: c,
        label: tr(`board.metric.${c}`),
        value: weighted(game.influence[c]),
        delta: game.turns.length ? weighted(game.influence[c]) - weighted(prevInfluence[c]) : 0,
        lowerIsBetter: true,
        title: `${explain('influence')}\n${REGIONS.map((r) => `${tr(`board.region.${r}`)} ${num(game.influence[c][r])}`).join(' · ')}`,
      });
    }
    return tiles.map((tile) => {
      const good = tile.lowerIsBetter ? tile.delta < 0 : tile.delta > 0;
      const delta = Math.abs(tile.delta) >= 0.05 ? h('span', { class: `cs-delta ${good ? 'cs-tone-good' : 'cs-tone-bad'}` }, signed(tile.delta)) : null;
      return h(
        'div',
        { class: 'cs-metric', 'data-testid': `metric-${tile.key}`, title: tile.title ?? tile.label },
        h('div', { class: 'cs-tile-label' }, tile.label),
        h('div', {}, h('span', { class: 'cs-value' }, num(tile.value)), delta),
        h('div', { class: 'cs-bar' }, h('span', { style: { width: `${Math.max(0, Math.min(100, tile.value))}%`, background: tile.lowerIsBetter ? '#c46a5f' : '#5f8fc4' } })),
      );
    });
  }

  // ---------- budget column ----------

  private budgetColumn(scenario: Scenario, game: GameState, draft: TurnDecision | null, rejection: Rejection | null, phase: BoardPhase): (Node | null)[] {
    const planning = phase === 'planning' && !!draft && !this.locked;
    // After resolution the column shows what the year actually cost; before, the plan in hand.
    const rec = game.turns[game.turns.length - 1];
    const resolved = phase !== 'briefing' && phase !== 'planning' && rec && rec.year === game.year ? rec : null;
    const plan = draft ?? (phase === 'briefing' ? this.input?.draft ?? null : null);
    // Every figure of the column is the core's (src/core/planning.ts); this only formats them.
    const facts = budgetFacts(scenario, game, plan, resolved ?? null);
    const { share, envelope, upkeep, overlapCost, overlapPairs, allocated, left } = facts;
    const shareControl = shareFacts(share);
    const unallocatedWarning = planning && facts.unallocated
      ? h('div', { class: 'cs-warn', role: 'status', 'data-testid': 'unallocated-warning' }, tMenu('planning.unallocated', { amount: money(left, 2) }))
      : null;
    const errorFor = (field: Rejection['field']) =>
      rejection && rejection.field === field ? h('div', { class: 'cs-error', role: 'alert', 'data-testid': `rejection-${field}` }, rejectionText(scenario, rejection, game.year)) : null;

    const shareCost = shareControl.consensusPerTurn;
    const setShare = (v: number) => this.host.send({ type: 'share.set', share: shareWithinRules(v) });
    const range = h('input', {
      type: 'range', min: shareControl.min, max: shareControl.max, step: shareControl.step, value: share, disabled: !planning,
      'aria-label': tr('board.share.label'), 'data-testid': 'share-range', 'data-focus': 'share-range',
      onchange: (e: Event) => setShare(Number((e.target as HTMLInputElement).value)),
    });
    const upkeepLines = facts.programmes.map(({ programme: p, percent: rate, cost }) =>
      h('li', { title: localized(p.name) }, h('span', {}, acronym(p.acronym), h('span', { class: 'cs-subtle' }, ` · ${percent(rate, 1)}`)), h('span', {}, money(cost, 2))),
    );

    const nodes: (Node | null)[] = [
      h('h2', {}, tr('board.budget.title')),
      h('div', { 'data-tut': 'envelope' },
        h('div', { class: 'cs-spread', title: explain('envelope') }, h('span', {}, tr('board.budget.envelope', { year: game.year })), h('span', { class: 'cs-envelope', 'data-testid': 'envelope' }, money(envelope))),
        h('div', { class: 'cs-subtle cs-fine', 'data-testid': 'envelope-help' },
          // NATO's budget is the scenario's sourced figure; what an event takes from (or adds to) the envelope is said apart.
          Math.abs(facts.budgetFactor - 1) < 5e-4
            ? tr('board.budget.envelopeHelp', { share: num(share, 1), common: money(facts.commonBudget, 0) })
            : tr('board.budget.envelopeHelpEvents', { share: num(share, 1), common: money(facts.commonBudget, 0), change: `${facts.budgetFactor > 1 ? '+' : '−'}${percent(Math.abs(facts.budgetFactor - 1) * 100, 1)}` })),
      ),
      h('div', { class: 'cs-section', 'data-tut': 'share' },
        h('div', { class: 'cs-spread', title: explain('share') }, h('strong', {}, tr('board.share.label')), h('span', { class: 'cs-fine cs-subtle' }, tr('board.share.cost', { cost: num(shareCost, 1) }))),
        h('div', { class: 'cs-share' },
          sbtn('−', () => setShare(share - shareControl.step), { 'aria-label': tr('board.share.down'), disabled: !planning || !shareControl.canLower, 'data-testid': 'share-down', 'data-focus': 'share-down' }),
          h('output', { 'data-testid': 'share-value' }, percent(share, 1)),
          sbtn('+', () => setShare(share + shareControl.step), { 'aria-label': tr('board.share.up'), disabled: !planning || !shareControl.canRaise, 'data-testid': 'share-up', 'data-focus': 'share-up' }),
          range,
        ),
        errorFor('share'),
      ),
      h('div', { class: 'cs-section', 'data-tut': 'upkeep' },
        h('div', { class: 'cs-spread', title: explain('upkeep') }, h('strong', {}, tr('board.budget.upkeepFirst')), h('span', { class: 'cs-fine cs-subtle' }, tr('board.budget.programmes', { n: upkeepLines.length }))),
        h('ul', { class: 'cs-lines', 'data-testid': 'upkeep-lines' }, upkeepLines),
        h('ul', { class: 'cs-lines' },
          h('li', { title: explain('overlap') }, h('span', {}, tr('board.budget.overlap', { n: overlapPairs })), h('span', {}, money(overlapCost, 2))),
          h('li', {}, h('span', {}, tr('board.budget.upkeepTotal')), h('span', {}, money(upkeep + overlapCost, 2))),
          h('li', {}, h('span', {}, tr('board.budget.allocated')), h('span', {}, money(allocated, 2))),
          h('li', { class: 'cs-total' }, h('span', {}, tr('board.budget.left')), h('span', { class: left < -ALLOCATION_TOLERANCE ? 'cs-tone-bad' : 'cs-tone-good', 'data-testid': 'money-left' }, money(left, 2))),
        ),
        unallocatedWarning,
        errorFor('allocation'),
      ),
    ];

    // Policy: equal treatment vs declared priorities.
    const policy = draft?.policy ?? game.policy;
    const declaring = policy === 'priorities' && game.policy !== 'priorities';
    nodes.push(
      h('div', { class: 'cs-section', 'data-tut': 'policy' },
        h('strong', {}, tr('board.policy.title')),
        h('div', { class: 'cs-seg', role: 'group', 'aria-label': tr('board.policy.title'), style: { margin: '6px 0' } },
          sbtn(tr('board.policy.equal'), () => this.host.send({ type: 'policy.set', policy: 'equal' }), { title: explain('equal'), 'aria-pressed': String(policy === 'equal'), disabled: !planning, 'data-testid': 'policy-equal', 'data-focus': 'policy-equal' }),
          sbtn(tr('board.policy.priorities'), () => this.host.send({ type: 'policy.set', policy: 'priorities' }), { title: explain('priorities'), 'aria-pressed': String(policy === 'priorities'), disabled: !planning, 'data-testid': 'policy-priorities', 'data-focus': 'policy-priorities' }),
        ),
        h('div', { class: 'cs-fine cs-subtle' },
          policy === 'equal'
            ? tr('board.policy.equalHelp', { band: num(RULES.equalBand * 100) })
            : game.policy === 'priorities'
              ? tr('board.policy.prioritiesKept')
              : tr('board.policy.prioritiesHelp', { cost: RULES.costs.declarePriorities, loss: num(RULES.declaredTrustLoss) }),
        ),
        declaring ? h('div', { class: 'cs-fine', style: { color: 'var(--cs-board-warn)' } }, tr('board.policy.declaringNow', { cost: RULES.costs.declarePriorities })) : null,
        // Folded (a native <details>, keyboard-operable) so the policy actions below stay in
        // view at 1920×1080 in the longest case (French, era 4's eight programmes, priorities).
        planning ? h('details', { class: 'cs-fine cs-note', 'data-testid': 'policy-note' }, h('summary', {}, tMenu('planning.policyNoteMore')), tMenu('planning.policyNote'), ' ', tMenu('planning.yearNote')) : null,
        errorFor('policy'),
      ),
    );

    nodes.push(this.actionsSection(scenario, game, draft, planning, errorFor('actions')));

    // Consensus meter: what the Allies have, what this plan spends now, and the bilateral line.
    const spend = draft ? decisionCost(game, draft) : 0;
    const consensus = game.alliance.consensus;
    nodes.push(
      h('div', { class: 'cs-section', 'data-tut': 'consensus' },
        h('div', { class: 'cs-spread', title: explain('consensus') }, h('strong', {}, tr('board.consensus.title')), h('span', { 'data-testid': 'consensus-value' }, num(consensus))),
        h('div', { class: 'cs-meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(consensus), 'aria-label': tr('board.consensus.title') },
          h('div', { class: 'cs-fill', style: { width: `${Math.max(0, consensus - spend)}%` } }),
          spend > 0 ? h('div', { class: 'cs-spend', style: { left: `${Math.max(0, consensus - spend)}%`, width: `${Math.min(spend, consensus)}%` } }) : null,
          h('div', { class: 'cs-mark', style: { left: `${RULES.bilateralThreshold}%` }, title: tr('board.consensus.bilateral') }),
        ),
        h('div', { class: 'cs-fine cs-subtle' },
          spend > 0 ? tr('board.consensus.spend', { cost: num(spend, 1), left: num(consensus - spend) }) + ' ' : '',
          tr('board.consensus.perTurn', { cost: num(shareCost, 1) }),
        ),
      ),
    );
    return nodes;
  }

  private actionsSection(scenario: Scenario, game: GameState, draft: TurnDecision | null, planning: boolean, error: Node | null): Node {
    // Once the plan is played the draft is gone: the year's actions are those its decision took (in the game's log).
    const taken = draft ? undefined : game.log.find((e): e is Extract<LogEntry, { kind: 'decision' }> => e.kind === 'decision' && e.year === game.year)?.decision.actions;
    const actions = draft?.actions ?? taken ?? [];
    const list = actions.map((a, i) =>
      h('div', { class: 'cs-action', 'data-testid': `action-${i}` },
        h('span', {}, this.actionLabel(scenario, game, a), h('span', { class: 'cs-subtle' }, ` · ${tr('board.actions.cost', { cost: actionCost(a) })}`)),
        sbtn('✕', () => this.host.send({ type: 'action.remove', index: i }), { 'aria-label': tr('board.actions.remove', { action: this.actionLabel(scenario, game, a) }), disabled: !planning, 'data-focus': `action-remove-${i}` }),
      ),
    );
    const partnerOptions = activePartners(scenario, game).map((p) => h('option', { value: p.id, selected: p.id === this.selected }, partnerName(scenario, p.id, game.year)));
    const needsPartner = this.actionType === 'gapAnalysis' || this.actionType === 'intelligence';
    const typeSelect = h('select', {
      'aria-label': tr('board.actions.type'), 'data-testid': 'action-type', 'data-focus': 'action-type', disabled: !planning,
      onchange: (e: Event) => { this.actionType = (e.target as HTMLSelectElement).value as typeof this.actionType; if (this.input) this.render(this.input); },
    }, (['gapAnalysis', 'intelligence', 'managerial', 'strategic'] as const).map((type) =>
      h('option', { value: type, selected: type === this.actionType }, `${tr(`board.actions.${type}`)} (${type === 'managerial' || type === 'strategic' ? RULES.costs[type] : RULES.costs[type]})`)));
    const partnerSelect = h('select', {
      'aria-label': tr('board.actions.partner'), 'data-testid': 'action-partner', 'data-focus': 'action-partner', disabled: !planning,
      onchange: (e: Event) => this.select((e.target as HTMLSelectElement).value),
    }, partnerOptions);
    const retireSelect = h('select', {
      'aria-label': tr('board.actions.retire'), 'data-testid': 'action-retire', 'data-focus': 'action-retire', disabled: !planning,
      onchange: (e: Event) => { this.actionRetire = (e.target as HTMLSelectElement).value; },
    }, h('option', { value: '' }, tr('board.actions.retireNone')), activeProgrammes(scenario, game).map((p) => h('option', { value: p.id, selected: p.id === this.actionRetire }, tr('board.actions.retireOne', { programme: acronym(p.acronym) }))));
    // The partner's card says why an action on it cannot be taken; the list's Add says the same, and does not add it.
    const chosen = partnerSelect.value || this.selected;
    const blocked = needsPartner && draft && chosen ? partnerActionBlock(game, draft, this.actionType as 'gapAnalysis' | 'intelligence', chosen) : null;
    const add = sbtn(tr('board.actions.add'), () => {
      const partner = partnerSelect.value || this.selected;
      let action: PolicyAction;
      if (this.actionType === 'gapAnalysis' || this.actionType === 'intelligence') {
        if (!partner) return;
        action = { type: this.actionType, partner };
      } else {
        action = { type: 'rationalise', mode: this.actionType, retire: this.actionRetire ? [this.actionRetire] : [] };
      }
      this.host.send({ type: 'action.add', action });
    }, { class: 'cs-primary', disabled: !planning || actions.length >= RULES.maxActions || blocked !== null, 'data-testid': 'action-add', 'data-focus': 'action-add', 'aria-describedby': blocked ? 'action-add-blocked' : undefined });
    return h('div', { class: 'cs-section', 'data-tut': 'actions' },
      h('div', { class: 'cs-spread' }, h('strong', {}, tr('board.actions.title')), h('span', { class: 'cs-fine cs-subtle' }, tr('board.actions.count', { n: actions.length, max: RULES.maxActions }))),
      list.length ? list : h('div', { class: 'cs-fine cs-subtle' }, tr(taken || (!draft && !planning) ? 'board.actions.noneTaken' : 'board.actions.none')),
      planning && actions.length < RULES.maxActions
        ? h('div', { class: 'cs-add-action', style: { marginTop: '6px' } }, typeSelect, needsPartner ? partnerSelect : retireSelect, h('div', { class: 'cs-fine cs-subtle', style: { gridColumn: 'span 1', alignSelf: 'center' }, title: explain(this.actionType) }, tr(`board.actions.help.${this.actionType}`), this.actionType === 'gapAnalysis' && draft && this.selected ? h('strong', { class: 'cs-odds', 'data-testid': 'action-gap-odds' }, ' ', this.oddsText(scenario, game, draft, this.selected)) : null, blocked ? h('span', { class: 'cs-fine cs-tone-bad', id: 'action-add-blocked', 'data-testid': 'action-add-blocked' }, ' ', tMenu(`planning.gapBlocked.${blocked}`)) : null), add)
        : null,
      error,
    );
  }

  /** "42 % chance it is accepted", from the core's formula (the same as the resolution's roll). */
  private oddsText(scenario: Scenario, game: GameState, draft: TurnDecision, partner: string): string {
    const odds = gapAnalysisOdds(scenario, game, draft, partner);
    return odds === null ? '' : tMenu('planning.gapOdds', { percent: num(odds * 100) });
  }

  private actionLabel(scenario: Scenario, game: GameState, a: PolicyAction): string {
    if (a.type === 'rationalise') {
      const retire = a.retire.length ? ` − ${a.retire.map((id) => programmeName(scenario, id)).join(', ')}` : '';
      return `${tr(`board.actions.${a.mode}`)}${retire}`;
    }
    return tr('board.fmt.labelled', { label: tr(`board.actions.${a.type}`), text: partnerName(scenario, a.partner, game.year) });
  }

  // ---------- partners column ----------

  private renderPartners(scenario: Scenario, game: GameState, draft: TurnDecision | null, phase: BoardPhase): void {
    const planning = phase === 'planning' && !!draft && !this.locked;
    // A plan shown locked before the year resolves (a proposal on the table, a paused room's
    // draft) is read in its own money; from resolution on, what the partners were paid.
    const planned = planning || (this.locked && !!draft && phase === 'planning');
    const funding = draft ? fundingByPartner(draft) : new Map<string, number>();
    const active = activePartners(scenario, game);
    const priorities = (draft?.policy ?? game.policy) === 'priorities';
    const tiers = draft?.tiers ?? {};
    const rows = active.map((p) => {
      const ps = game.partners[p.id];
      const amount = planned ? funding.get(p.id) ?? 0 : ps.lastFunding;
      const tier = (tiers[p.id] ?? ps.tier ?? 3) as Tier;
      const tierSelect = priorities
        ? h('select', {
            'aria-label': tr('board.partners.tierOf', { partner: partnerName(scenario, p.id, game.year) }), 'data-testid': `tier-${p.id}`, 'data-focus': `tier-${p.id}`, disabled: !planning,
            title: `${explain('tiers')} ${tMenu('planning.tierNote')}`,
            onchange: (e: Event) => {
              // A tier moves money at once (re-spread by tier), as a player expects of it; the note by the list says so.
              this.host.send({ type: 'tier.set', partner: p.id, tier: Number((e.target as HTMLSelectElement).value) as Tier });
              this.host.send({ type: 'allocation.spread', mode: 'prioritise' });
            },
          }, ([1, 2, 3] as Tier[]).map((t) => h('option', { value: t, selected: t === tier }, tr('board.partners.tier', { tier: t }))))
        : null;
      return h('li', { class: p.id === this.selected ? 'cs-selected' : '' },
        h('button', {
          type: 'button', class: 'cs-pbtn', title: partnerName(scenario, p.id, game.year), 'data-testid': `partner-${p.id}`, 'data-focus': `partner-${p.id}`, 'aria-pressed': String(p.id === this.selected),
          onclick: () => { this.select(p.id); this.host.onSelect(p.id); },
        },
          h('span', { class: `cs-flag ${flagClass(p.id)}`, 'aria-hidden': 'true' }),
          h('span', { class: 'cs-pname' }, partnerName(scenario, p.id, game.year)),
          h('span', { class: 'cs-pmoney' }, money(amount)),
        ),
        tierSelect,
      );
    });
    const head = h('div', {},
      h('h2', {}, tr('board.partners.title', { n: active.length })),
      h('div', { class: 'cs-inline', style: { marginBottom: '6px', flexWrap: 'wrap' } },
        sbtn(tr('board.partners.spreadEqual'), () => this.host.send({ type: 'allocation.spread', mode: 'equal' }), { disabled: !planning, 'data-testid': 'spread-equal', 'data-focus': 'spread-equal', style: { flex: '1' } }),
        sbtn(tr('board.partners.spreadPriorities'), () => this.host.send({ type: 'allocation.spread', mode: 'prioritise' }), { disabled: !planning, 'data-testid': 'spread-priorities', 'data-focus': 'spread-priorities', style: { flex: '1' } }),
      ),
      planning && priorities ? h('div', { class: 'cs-fine cs-note', 'data-testid': 'tier-note' }, tMenu('planning.tierNote')) : null,
      // Once the year has resolved (its record is written), lastFunding is this year's money, not last year's.
      h('div', { class: 'cs-fine cs-subtle cs-spread' }, h('span', {}, tr('board.partners.name')), h('span', { 'data-testid': 'partner-money-when' }, planned || game.turns[game.turns.length - 1]?.year === game.year ? tr('board.partners.thisTurn') : tr('board.partners.lastTurn'))),
    );
    // The list and its heading stay in the page and only their contents change: taking the list
    // out, even for a moment, would drop keyboard focus from a row to the top (Enter on a row).
    if (this.partnerList.parentElement !== this.partners) this.partners.replaceChildren(this.partnerHead, this.partnerList);
    replaceKeepingFocus(this.partnerHead, head);
    replaceKeepingFocus(this.partnerList, rows);
    // Where the list was scrolled to, known from its scroll events: reading scrollTop here
    // would force a layout of the half-rebuilt board on every render.
    if (this.listScroll > 0) this.partnerList.scrollTop = this.listScroll;
  }

  // ---------- phase panel ----------

  private phaseContent(scenario: Scenario, game: GameState, draft: TurnDecision | null, rejection: Rejection | null, phase: BoardPhase): (Node | null)[] {
    switch (phase) {
      case 'briefing':
        return this.briefing(scenario, game);
      case 'planning':
        return this.partnerCard(scenario, game, draft, rejection);
      case 'resolution':
        return this.resolution(scenario, game);
      default:
        return this.review(scenario, game);
    }
  }

  private briefing(scenario: Scenario, game: GameState): (Node | null)[] {
    const b = game.briefing;
    const offers = b.offers.map((o) => h('li', {}, tr('board.briefing.offer', { competitor: tr(`board.competitor.${o.competitor}`), partner: partnerName(scenario, o.partner, game.year), amount: money(o.amount) })));
    const pushes = b.pushes.map((p) => h('li', {}, tr('board.briefing.push', { ally: allyName(scenario, p.ally), partner: partnerName(scenario, p.partner, game.year) })));
    const requests = b.requests.map((r) => h('li', {}, h('span', { class: `cs-flag ${flagClass(r.partner)}`, style: { width: '20px', height: '15px', marginRight: '6px' } }), tr('board.briefing.request', { partner: partnerName(scenario, r.partner, game.year), focus: tr(`board.focus.${r.focus}`) })));
    const none = (key: 'board.briefing.noOffers' | 'board.briefing.noPushes' | 'board.briefing.noRequests') => h('li', { class: 'cs-subtle' }, tr(key));
    const history = scenario.history.entries.filter((e) => e.year === game.year);
    return [
      h('h2', PHASE_HEADING, h('span', {}, tr('board.briefing.title', { year: game.year })), this.host.nextLabel ? null : h('span', { class: 'cs-fine' }, tr('board.briefing.hint'))),
      history.length ? h('p', { class: 'cs-fine', style: { margin: '0 0 8px' } }, localized(history[0].text)) : null,
      h('div', { class: 'cs-cols', 'data-testid': 'briefing' },
        h('div', {}, h('h3', {}, tr('board.briefing.offers')), h('ul', {}, offers.length ? offers : none('board.briefing.noOffers')), h('div', { class: 'cs-fine cs-subtle', style: { marginTop: '4px' } }, tr('board.briefing.bluff'))),
        h('div', {}, h('h3', {}, tr('board.briefing.pushes')), h('ul', {}, pushes.length ? pushes : none('board.briefing.noPushes')), h('div', { class: 'cs-fine cs-subtle', style: { marginTop: '4px' } }, tr('board.briefing.pushHelp'))),
        h('div', {}, h('h3', {}, tr('board.briefing.requests')), h('ul', {}, requests.length ? requests : none('board.briefing.noRequests'))),
      ),
    ];
  }

  private partnerCard(scenario: Scenario, game: GameState, draft: TurnDecision | null, rejection: Rejection | null): (Node | null)[] {
    const p = scenario.partners.find((x) => x.id === this.selected);
    if (!p || !draft) return [h('p', { class: 'cs-subtle' }, tr('board.card.pick'))];
    const ps = game.partners[p.id];
    const fw = [...frameworksOf(scenario, game, p.id)].map((id) => acronym(scenario.frameworks.find((f) => f.id === id)?.acronym ?? id));
    const demand = demandShares(p);
    const requests = game.briefing.requests.filter((r) => r.partner === p.id).map((r) => r.focus);
    const offers = game.briefing.offers.filter((o) => o.partner === p.id);
    const pushes = game.briefing.pushes.filter((x) => x.partner === p.id);
    const line = (f: FocusArea) => draft.allocations.filter((l) => l.partner === p.id && l.focus === f).reduce((s, l) => s + l.amount, 0);
    const stat = (label: string, value: string, testId?: string, term?: GlossaryTerm) => h('div', { 'data-testid': testId, title: term ? explain(term) : undefined }, h('span', { class: 'cs-subtle' }, label), h('strong', {}, value));
    const weight = ps.revealed ? num(p.strategicWeight * 100) : tr('board.card.unknown');
    const rows = FOCUS_AREAS.map((f) => {
      const programmes = programmesFor(scenario, game, p.id, f);
      const amount = line(f);
      const set = (v: number) => this.host.send({ type: 'allocation.set', partner: p.id, focus: f, amount: Math.max(0, Math.round(v * 100) / 100) });
      const disabled = programmes.length === 0 || this.locked;
      return h('tr', {},
        // The partner's request tag sits on the programmes' line: a long domain name (in French) keeps the row two lines high.
        h('th', { scope: 'row' }, tr(`board.focus.${f}`),
          h('span', { class: 'cs-via' }, disabled ? tr('board.card.noProgramme') : `${tr('board.card.through')} ${programmes.map((x) => acronym(x.acronym)).join(', ')}`, requests.includes(f) ? h('span', { class: 'cs-tag cs-req', style: { marginLeft: '6px' } }, tr('board.card.requested')) : null)),
        h('td', { class: 'cs-demand' }, h('div', { class: 'cs-bar', title: percent(demand[f] * 100) }, h('span', { style: { width: `${demand[f] * 100}%`, background: '#c9a04a' } }))),
        h('td', { class: 'cs-ctl' },
          sbtn('−', () => set(amount - 0.1), { class: 'cs-step', disabled: disabled || amount <= 0, 'aria-label': tr('board.card.less', { focus: tr(`board.focus.${f}`) }), 'data-focus': `less-${p.id}-${f}` }),
          // Typed with a point or a comma, whatever the browser's language (ui/decimal.ts).
          // Committed on the next tick: leaving the field with Tab commits it while the browser
          // is still moving the focus, and drawing the card again then would drop the focus to
          // the page's body instead of on the control after the field (replaceKeepingFocus).
          decimalInput(amount, 2, {
            disabled,
            'aria-label': tr('board.card.amount', { focus: tr(`board.focus.${f}`), partner: partnerName(scenario, p.id, game.year) }),
            'data-testid': `alloc-${p.id}-${f}`, 'data-focus': `alloc-${p.id}-${f}`,
          }, (v) => {
            this.typed = () => set(v);
            window.setTimeout(() => this.commitTyped(), 0);
          }),
          sbtn('+', () => set(amount + 0.1), { class: 'cs-step', disabled, 'aria-label': tr('board.card.more', { focus: tr(`board.focus.${f}`) }), 'data-focus': `more-${p.id}-${f}` }),
        ),
      );
    });
    const total = FOCUS_AREAS.reduce((s, f) => s + line(f), 0);
    const quick = (type: 'gapAnalysis' | 'intelligence') => {
      const block = partnerActionBlock(game, draft, type, p.id);
      const odds = type === 'gapAnalysis' ? gapAnalysisOdds(scenario, game, draft, p.id) : null;
      const label = `${tr(`board.actions.${type}`)} (${RULES.costs[type]})`;
      return h('span', { class: 'cs-quick' },
        sbtn(label, () => this.host.send({ type: 'action.add', action: { type, partner: p.id } }), {
          disabled: block !== null || this.locked, title: explain(type),
          'aria-describedby': block || odds !== null ? `card-${type}-note` : undefined,
          'data-testid': `card-${type}`, 'data-focus': `card-${type}`,
        }),
        block
          ? h('span', { class: 'cs-fine cs-subtle', id: `card-${type}-note` }, tMenu(`planning.gapBlocked.${block}`))
          : odds !== null ? h('span', { class: 'cs-fine cs-odds', id: `card-${type}-note`, 'data-testid': 'card-gap-odds' }, tMenu('planning.gapOdds', { percent: num(odds * 100) })) : null,
      );
    };
    const err = rejection && rejection.field === 'allocation' ? h('div', { class: 'cs-error', role: 'alert' }, rejectionText(scenario, rejection, game.year)) : null;
    return [
      h('div', { class: 'cs-card', 'data-testid': 'partner-card', 'data-tut': 'card' },
        h('div', {},
          h('div', { class: 'cs-head' },
            h('span', { class: `cs-flag cs-flag-lg ${flagClass(p.id)}`, 'aria-hidden': 'true' }),
            h('div', {}, h('div', { class: 'cs-card-title', ...PHASE_HEADING }, partnerName(scenario, p.id, game.year)), h('div', { class: 'cs-fine cs-subtle' }, `${tr(`board.region.${p.region}`)} · ${fw.join(', ')}`)),
          ),
          h('div', { class: 'cs-stats' },
            stat(tr('board.card.capability'), tr(`board.capability.${p.capability}`)),
            stat(tr('board.card.trust'), num(ps.trust), undefined, 'trust'),
            stat(tr('board.card.alignment'), num(ps.alignment), undefined, 'alignment'),
            p.aspirant ? stat(tr('board.card.readiness'), `${num(readiness(ps))} / ${READINESS_THRESHOLD}`, undefined, 'readiness') : stat(tr('board.card.aspirant'), tr('board.card.no'), undefined, 'readiness'),
            stat(tr('board.card.weight'), weight, 'strategic-weight', 'strategicWeight'),
            stat(tr('board.card.selfFinancing'), percent(p.selfFinancing * 100), undefined, 'selfFinancing'),
          ),
          h('div', { class: 'cs-inline', style: { marginTop: '8px', gap: '6px', alignItems: 'flex-start' } }, quick('gapAnalysis'), quick('intelligence')),
        ),
        h('div', {},
          h('table', { class: 'cs-alloc' },
            h('thead', {}, h('tr', {}, h('th', {}, tr('board.card.focus')), h('th', {}, tr('board.card.demand')), h('th', { style: { textAlign: 'right' } }, tr('board.card.amountHead')))),
            h('tbody', {}, rows),
          ),
          h('div', { class: 'cs-spread', style: { marginTop: '6px' } }, h('span', { class: 'cs-subtle' }, tr('board.card.total')), h('strong', { 'data-testid': 'card-total' }, money(total, 2))),
          // Who else courts the partner and who pushes for it, beside the money (the left column holds the facts and the actions).
          h('div', { class: 'cs-fine', style: { marginTop: '6px' } },
            offers.map((o) => h('div', { class: 'cs-tone-bad' }, tr('board.card.offer', { competitor: tr(`board.competitor.${o.competitor}`), amount: money(o.amount) }))),
            pushes.map((x) => h('div', { style: { color: 'var(--cs-board-accent)' } }, tr('board.card.pushed', { ally: allyName(scenario, x.ally) }))),
            ps.targeting > 0 ? h('div', { class: 'cs-tone-good' }, tr('board.card.targeting', { n: ps.targeting })) : null,
            ps.gapRefused ? h('div', { class: 'cs-tone-bad' }, tr('board.card.refused')) : null,
          ),
          err,
        ),
      ),
    ];
  }

  private resolution(scenario: Scenario, game: GameState): (Node | null)[] {
    const rec = game.turns[game.turns.length - 1];
    if (!rec) return [h('p', {}, tr('board.resolution.none'))];
    const item = (label: string, value: string) => h('li', { class: 'cs-spread' }, h('span', {}, label), h('strong', {}, value));
    const gaps = rec.gapAnalyses.map((g) => h('li', { class: g.accepted ? 'cs-tone-good' : 'cs-tone-bad' }, tr(g.accepted ? 'board.resolution.gapAccepted' : 'board.resolution.gapRefused', { partner: partnerName(scenario, g.partner, rec.year) })));
    const changes = this.allianceChanges(game, rec).slice(0, 6);
    return [
      h('h2', PHASE_HEADING, h('span', {}, tr('board.resolution.title', { year: rec.year })), this.host.nextLabel ? null : h('span', { class: 'cs-fine' }, tr('board.resolution.hint'))),
      h('div', { class: 'cs-cols', 'data-testid': 'resolution' },
        h('div', {}, h('h3', {}, tr('board.resolution.money')), h('ul', {},
          item(tr('board.resolution.envelope'), money(rec.envelope)),
          item(tr('board.resolution.upkeep'), money(rec.upkeep + rec.overlapCost)),
          item(tr('board.resolution.allocated'), money(rec.allocated)),
          item(tr('board.resolution.demandDriven'), percent((rec.demandDriven / Math.max(rec.allocated, 1e-9)) * 100)),
          item(tr('board.resolution.unmet'), money(rec.unmetNeed)),
        )),
        h('div', {}, h('h3', {}, tr('board.resolution.outcomes')), h('ul', {},
          item(tr('board.resolution.outbid'), `${rec.offersOutbid} / ${rec.offersTotal}`),
          item(tr('board.resolution.ready'), String(rec.readyAspirants)),
          item(tr('board.resolution.trust'), num(rec.avgTrust)),
          item(tr('board.resolution.alignment'), num(rec.avgAlignment)),
          ...gaps,
        )),
        h('div', {}, h('h3', {}, tr('board.resolution.changes')), h('ul', {},
          changes.length ? changes.map((c) => h('li', { class: 'cs-spread' }, h('span', {}, tr(`board.metric.${c.metric}`)), h('strong', { class: c.delta > 0 ? 'cs-tone-good' : 'cs-tone-bad' }, signed(c.delta)))) : h('li', { class: 'cs-subtle' }, tr('board.review.noChange')),
        )),
      ),
    ];
  }

  /** Net change of each alliance metric over the last turn, largest first. */
  private allianceChanges(game: GameState, rec: TurnRecord): { metric: AllianceMetric; delta: number; drivers: Driver[] }[] {
    const out = ALLIANCE_METRICS.map((metric) => {
      const drivers = rec.drivers.filter((d) => d.metric === metric);
      return { metric, delta: drivers.reduce((s, d) => s + d.delta, 0), drivers };
    });
    void game;
    return out.filter((c) => Math.abs(c.delta) >= 0.05).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  }

  /**
   * The review's explained changes (issue 14.2): for each metric tile that moved, the tile's own
   * delta (same baseline as `metricTiles`) and every cause recorded in `TurnRecord.drivers`,
   * grouped by cause and subject, largest first. Competitors' influence is the region-weighted
   * sum of its regional drivers, as the tile is. Whatever the record does not explain is shown
   * as an honest "unexplained" remainder, so the shown lines always sum to the tile's delta.
   */
  reviewChanges(scenario: Scenario, game: GameState): { key: string; delta: number; lowerIsBetter: boolean; causes: { label: string; delta: number; kind: 'cause' | 'other' | 'unexplained' }[] }[] {
    const rec = game.turns[game.turns.length - 1];
    if (!rec) return [];
    const prevRecord = game.turns.length >= 2 ? game.turns[game.turns.length - 2] : null;
    const prevAlliance = (prevRecord?.alliance ?? scenario.initial) as Record<string, number>;
    const prevInfluence = prevRecord?.influence ?? scenario.initial.influence;
    const weightTotal = REGIONS.reduce((s, r) => s + scenario.regionWeight[r], 0) || 1;
    const weighted = (v: Record<string, number>) => REGIONS.reduce((s, r) => s + v[r] * scenario.regionWeight[r], 0) / weightTotal;
    const SHOWN = 4;
    const explainMetric = (key: string, delta: number, lowerIsBetter: boolean, parts: { d: Driver; weight: number }[]) => {
      const groups = new Map<string, { d: Driver; delta: number }>();
      for (const { d, weight } of parts) {
        const id = `${d.cause}|${d.subject ?? ''}`;
        const g = groups.get(id) ?? { d, delta: 0 };
        g.delta += d.delta * weight;
        groups.set(id, g);
      }
      const sorted = [...groups.values()].filter((g) => g.delta !== 0).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
      const causes: { label: string; delta: number; kind: 'cause' | 'other' | 'unexplained' }[] = sorted.slice(0, sorted.length > SHOWN + 1 ? SHOWN : SHOWN + 1).map((g) => ({ label: this.causeText(scenario, g.d, rec.year), delta: g.delta, kind: 'cause' }));
      const rest = sorted.length > SHOWN + 1 ? sorted.slice(SHOWN) : [];
      if (rest.length) causes.push({ label: trDynamic('board.review.other', { count: rest.length }), delta: rest.reduce((s, g) => s + g.delta, 0), kind: 'other' });
      const remainder = delta - causes.reduce((s, c) => s + c.delta, 0);
      if (Math.abs(remainder) > 1e-9) causes.push({ label: tr('board.review.unexplained'), delta: remainder, kind: 'unexplained' });
      return { key, delta, lowerIsBetter, causes };
    };
    const out = ALLIANCE_METRICS.map((m) => explainMetric(m, game.alliance[m] - prevAlliance[m], false, rec.drivers.filter((d) => d.metric === m).map((d) => ({ d, weight: 1 }))));
    for (const c of ['russia', 'china'] as const) {
      const parts = rec.drivers.flatMap((d) => {
        const [kind, who, region] = d.metric.split(':');
        return kind === 'influence' && who === c && region in scenario.regionWeight ? [{ d, weight: scenario.regionWeight[region as (typeof REGIONS)[number]] / weightTotal }] : [];
      });
      out.push(explainMetric(c, weighted(game.influence[c]) - weighted(prevInfluence[c]), true, parts));
    }
    return out.filter((c) => Math.abs(c.delta) >= 0.05 || c.causes.some((x) => Math.abs(x.delta) >= 0.05)).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  }

  private review(scenario: Scenario, game: GameState): (Node | null)[] {
    const rec = game.turns[game.turns.length - 1];
    if (!rec) return [h('p', {}, tr('board.resolution.none'))];
    const changes = this.reviewChanges(scenario, game);
    const partnerDrivers = rec.drivers.filter((d) => d.metric.startsWith('trust:') || d.metric.startsWith('alignment:')).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, 4);
    const events = rec.events.map((e) => e.id);
    const tone = (delta: number, lowerIsBetter: boolean) => (Math.abs(delta) < 0.005 ? 'cs-subtle' : (lowerIsBetter ? delta < 0 : delta > 0) ? 'cs-tone-good' : 'cs-tone-bad');
    const blocks = changes.map((c) =>
      h('div', { class: 'cs-driver', 'data-testid': `review-${c.key}`, 'data-delta': String(c.delta) },
        h('h4', {}, h('span', {}, trDynamic(`board.metric.${c.key}`)), h('span', { class: tone(c.delta, c.lowerIsBetter) }, signed(c.delta))),
        h('ul', {}, c.causes.map((x) =>
          h('li', { class: `cs-spread cs-cause-${x.kind}`, 'data-testid': 'review-cause', 'data-delta': String(x.delta) },
            h('span', { class: x.kind === 'cause' ? '' : 'cs-subtle' }, x.label),
            h('strong', { class: tone(x.delta, c.lowerIsBetter) }, signed(x.delta, 2)),
          ))),
      ),
    );
    if (partnerDrivers.length) {
      blocks.push(h('div', { class: 'cs-driver' },
        h('h4', {}, h('span', {}, tr('board.review.partners'))),
        h('ul', {}, partnerDrivers.map((d) => {
          const [field, id] = d.metric.split(':');
          return h('li', {}, `${partnerName(scenario, id, rec.year)}: ${tr(field === 'trust' ? 'board.card.trust' : 'board.card.alignment')} ${signed(d.delta)} — ${this.causeText(scenario, d, rec.year)}`);
        })),
      ));
    }
    return [
      h('h2', PHASE_HEADING, h('span', {}, tr('board.review.title', { year: rec.year })), this.host.nextLabel ? null : h('span', { class: 'cs-fine' }, tr('board.review.hint'))),
      events.length ? h('p', { class: 'cs-fine cs-subtle', style: { margin: '0 0 6px' } }, trDynamic('board.review.events', { count: events.length })) : null,
      // tabindex + label: the list scrolls, so keyboard users must be able to reach it (axe scrollable-region-focusable).
      h('div', { class: 'cs-drivers', 'data-testid': 'review', tabindex: '0', role: 'region', 'aria-label': tr('board.review.title', { year: rec.year }) }, blocks.length ? blocks : h('p', { class: 'cs-subtle' }, tr('board.review.noChange'))),
    ];
  }

  /** A driver's cause in words, naming its subject (a partner as named in `year`). */
  causeText(scenario: Scenario, d: Driver, year: number): string {
    return causeText(scenario, d, year);
  }
}

/** The board's map colours for a game (exported for the scene). */
export { mapColours };
