/**
 * NATO's staff at the board (docs/exercise.md, "NATO's staff at the board"): in an exercise
 * the staff plans on the solo game's own board — the metrics, the budget column, the partner
 * list with tiers, the partner card with its lines, the actions — drawn by the same
 * `BoardView`, with the year's map of frameworks beside it and the exercise's phases in its
 * strip (the signals, the adjudication). The board's state is rebuilt from
 * the staff's view alone (`staffGame`), so the seat holds nothing hidden from it; the draft
 * is edited through the same `editDraft` the solo statechart uses and checked by the core;
 * Next sends it to the capitals as the staff's proposal (or moves the room on where the staff
 * paces it). What only the exercise has — the capitals' answers, the cards to answer, the
 * injects — stays in the panels around the board.
 */
import '../board/board.css';
import { partnerNameTextIn, type Scenario } from '../../core/scenario';
import type { GameState } from '../../core/state';
import { validateDecision, type Rejection, type TurnDecision } from '../../core/decision';
import { activePartners } from '../../core/state';
import { defaultDraft } from '../../flow/machine';
import { editDraft, isDraftEdit } from '../../flow/draftEdits';
import type { FlowEvent } from '../../flow/machine';
import type { SendResult } from '../bridge';
import { staffGame, staffScenario } from '../../exercise/staffDesk';
import type { RoleView } from '../../exercise/views';
import { PHASES, type Phase } from '../../exercise/types';
import { roleKind } from '../../exercise/roles';
import { BoardView, LAYOUT, type BoardHost, type BoardInput, type BoardPhase } from '../board/BoardView';
import { css, mapColours } from '../board/palette';
import { localized } from '../../i18n';
import { tr } from '../board/text';
import { WORLD_ATLAS_URL } from '../map/atlasAsset';
import { fetchWorldAtlas, hasWorldAtlas } from '../map/worldMap';
import { MAP_BORDER, worldSvg } from '../map/worldSvg';
import type { ActResult } from './client';
import type { ScreenContext } from './roleScreens';
import { h, phaseName, x } from './widgets';

/**
 * The board's five phases for the exercise's seven, for what the board draws and offers: the
 * signals are the briefing's news, adjudication the resolution's. Its phase strip names the
 * exercise's own phase (`ExerciseBoardView`).
 */
const BOARD_PHASE: Record<Phase, BoardPhase> = {
  briefing: 'briefing',
  signals: 'briefing',
  planning: 'planning',
  resolution: 'resolution',
  adjudication: 'resolution',
  events: 'events',
  review: 'review',
};

/** The phases of a year of this exercise: signals where a capital, partner team or red cell is held, adjudication where the White Cell is (as the engine's `nextPhase`). */
function yearPhases(view: RoleView): Phase[] {
  const kinds = new Set(view.held.map(roleKind));
  const signals = kinds.has('ally') || kinds.has('partner') || kinds.has('red');
  return PHASES.filter((p) => (p !== 'signals' || signals) && (p !== 'adjudication' || kinds.has('white')));
}

/**
 * The solo board with the exercise's phase strip. The board knows the solo game's five
 * phases, so its own strip read "Briefing" while the tables sent their signals and
 * "Resolution" while the White Cell adjudicated; the staff reads the phase the room is in,
 * by the exercise's names, as every other screen does. The strip is drawn again after each
 * of the board's renders, its own (a partner selected, an action chosen) included, in the
 * board's own list and classes, so its look and its narrow-width rule stay the board's.
 */
class ExerciseBoardView extends BoardView {
  constructor(
    host: BoardHost,
    private readonly current: () => RoleView | null,
  ) {
    super(host);
  }

  override render(input: BoardInput): void {
    super.render(input);
    const view = this.current();
    const strip = this.root.querySelector<HTMLElement>('.cs-top .cs-phases');
    if (!view || !strip) return;
    const phases = yearPhases(view);
    const at = phases.indexOf(view.phase);
    strip.classList.add('cx-year-phases');
    strip.replaceChildren(
      ...phases.map((p, i) =>
        h(
          'li',
          { class: i === at ? 'cs-current' : i < at ? 'cs-done' : undefined, attrs: { 'aria-current': i === at ? 'step' : undefined, 'data-testid': `phase-${p}` } },
          `${i + 1}. `,
          h('span', { class: 'cs-phase-name', text: phaseName(p) }),
        ),
      ),
    );
  }
}

const GAME_WIDTH = 1920;
const GAME_HEIGHT = 1080;
const LAND = '#2a3546';
const SELECTED = '#f5c542';

export class StaffBoard {
  /** The board, scaled to the page's width at the game's 16:9. */
  readonly element: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly map: HTMLElement;
  private readonly board: BoardView;
  private ctx: ScreenContext;
  private view: RoleView | null = null;
  private scenario: Scenario | null = null;
  private scenarioFrom: Scenario | null = null;
  private knownWeights = '';
  private game: GameState | null = null;
  private draft: TurnDecision | null = null;
  /** The year and proposal round the draft is for: a new year starts from the board's own draft. */
  private draftYear = -1;
  private rejection: Rejection | null = null;
  private mapKey = '';

  constructor(ctx: ScreenContext) {
    this.ctx = ctx;
    this.board = new ExerciseBoardView(
      {
        send: (event) => this.onBoardEvent(event),
        scenario: () => this.scenario,
        onSelect: (id) => this.drawSelection(id),
        nextLabel: (phase) => this.nextLabel(phase),
        // The capitals answer a proposal: nothing is spent until they agree, so no question first.
        confirmUnallocated: false,
      },
      () => this.view,
    );
    this.map = h('div', { class: 'cx-staff-map', attrs: { 'aria-hidden': 'true', style: `position:absolute;left:${LAYOUT.map.x}px;top:${LAYOUT.map.y}px;width:${LAYOUT.map.width}px;height:${LAYOUT.map.height}px;` } });
    this.map.addEventListener('click', (e) => {
      const id = (e.target as Element | null)?.getAttribute?.('data-partner');
      if (id) this.board.select(id);
    });
    this.stage = h('div', { class: 'cx-staff-stage' }, this.map, this.board.root);
    this.element = h('div', { class: 'cx-staff-board', attrs: { 'data-testid': 'cx-staff-board', role: 'region', 'aria-label': x('exercise.nato.boardLabel') } }, this.stage);
    document.addEventListener('keydown', onKey(this.board, this.element));
    if (typeof ResizeObserver !== 'undefined') {
      // Told the width after each layout that changed it: reading it here would force one.
      new ResizeObserver((entries) => this.fit(entries[entries.length - 1].contentRect.width)).observe(this.element);
    }
  }

  /** Draws the board for the staff's latest view. */
  update(ctx: ScreenContext, view: RoleView): void {
    this.ctx = ctx;
    this.view = view;
    // The same scenario object while the weights the staff knows stand: the core's per-scenario
    // caches (the year's partners and programmes) then carry from one view to the next.
    const known = view.partners.flatMap((p) => (p.weight !== undefined ? [`${p.id}:${p.weight}`] : [])).join(',');
    if (!this.scenario || ctx.scenario !== this.scenarioFrom || known !== this.knownWeights) {
      this.scenario = staffScenario(ctx.scenario, view);
      this.scenarioFrom = ctx.scenario;
      this.knownWeights = known;
    }
    const game = (this.game = staffGame(this.scenario, view));
    const phase = BOARD_PHASE[view.phase];
    // The staff's own planning turn; while the White Cell has paused the room, its draft stays
    // on the board, locked, as it was left (not last year's column).
    const ownTurn = phase === 'planning' && this.ownsPlanning(view);
    const planning = ownTurn && !view.paused;
    if (ownTurn) {
      if (this.draftYear !== view.year || !this.draft) {
        this.draft = defaultDraft(this.scenario, game);
        this.draftYear = view.year;
      }
      const check = validateDecision(this.scenario, game, this.draft);
      this.rejection = check.ok ? null : check;
    }
    // Outside the staff's own planning the board shows the plan on the table, locked: the
    // proposal the capitals are answering, or the year agreed.
    const onTable = view.agreed ?? view.proposals[view.proposals.length - 1]?.decision ?? null;
    this.board.render(planning ? { phase, game, draft: this.draft, rejection: this.rejection } : ownTurn ? { phase, game, draft: this.draft, rejection: this.rejection, locked: true } : { phase, game, draft: onTable, rejection: null, locked: true });
    this.drawMap(game);
  }

  /** The staff may plan: its own planning turn (`ownsPlanning`), the room not paused. */
  private mayPlan(view: RoleView): boolean {
    return this.ownsPlanning(view) && !view.paused;
  }

  /** The staff's planning turn: its own seat, planning, no proposal waiting for answers, the year not yet agreed. */
  private ownsPlanning(view: RoleView): boolean {
    return !this.ctx.readonly && view.held.includes('nato') && view.waitingFor.includes('nato') && !view.finished && view.phase === 'planning' && !view.agreed;
  }

  private nextLabel(phase: BoardPhase): string | null {
    const view = this.view;
    if (!view || this.ctx.readonly || !view.held.includes('nato') || view.finished || view.paused) return null;
    if (phase === 'planning') return this.mayPlan(view) ? x('exercise.nato.propose') : null;
    // Without a White Cell the staff moves the room on, once nobody else is waited for.
    if (view.pacer !== 'nato' || view.waitingFor.some((r) => r !== 'nato')) return null;
    if (view.phase === 'events' && view.pending.length) return null;
    return phase === 'review' ? tr('board.next.nextYear') : tr('board.next.continue');
  }

  private onBoardEvent(event: FlowEvent): SendResult {
    const view = this.view;
    const scenario = this.scenario;
    const game = this.game;
    if (!view || !scenario || !game) return { ok: false, reason: 'no view yet' };
    if (isDraftEdit(event)) {
      if (!this.draft || !this.mayPlan(view)) return { ok: false, reason: 'not planning' };
      const next = editDraft(scenario, game, this.draft, event);
      if (next) {
        this.draft = next;
        this.update(this.ctx, view);
      }
      return { ok: true };
    }
    if (event.type === 'phase.advance') {
      if (view.phase === 'planning') {
        if (!this.draft) return { ok: false, reason: 'no draft' };
        if (this.rejection) {
          this.update(this.ctx, view);
          return { ok: false, reason: this.rejection.reason };
        }
        return this.settle(this.ctx.send({ role: 'nato', type: 'nato.propose', decision: this.draft }));
      }
      return this.settle(this.ctx.send({ role: 'nato', type: 'phase.advance' }));
    }
    if (event.type === 'event.choose') return this.settle(this.ctx.send({ role: 'nato', type: 'event.choose', eventId: event.eventId, choiceId: event.choiceId }));
    return { ok: false, reason: `${event.type} is not a move of NATO's staff here` };
  }

  /** The board reads a result at once; over the classroom the engine's answer comes later and the screen shows a refusal itself. */
  private settle(result: ActResult | Promise<ActResult>): SendResult {
    if (result instanceof Promise) return { ok: true };
    return result.ok ? { ok: true } : { ok: false, reason: result.reason };
  }

  /** Scales the 1920×1080 board to the width it is given. */
  private fit(width: number): void {
    if (!width) return;
    const scale = width / GAME_WIDTH;
    this.stage.style.transform = `scale(${scale})`;
    this.element.style.height = `${Math.round(GAME_HEIGHT * scale)}px`;
  }

  /** The year's partners on the board's projection, coloured by framework family as on the solo board; drawn again only when they change. */
  private drawMap(game: GameState): void {
    const scenario = this.scenario!;
    const active = activePartners(scenario, game).map((p) => p.id);
    const { colours } = mapColours(scenario, game);
    // Partners are named as in the year shown (a renamed one changes its hover title, so the key holds the names).
    const names = new Map(scenario.partners.map((p) => [p.id, localized(partnerNameTextIn(p, game.year))]));
    const key = JSON.stringify([active, colours, [...names.values()]]);
    if (key === this.mapKey) return;
    const draw = () => {
      this.mapKey = key;
      const svg = worldSvg({
        ...LAYOUT.map,
        partners: active,
        fill: (iso3) => (colours[iso3] === undefined ? undefined : css(colours[iso3])),
        land: LAND,
        markerRadius: 6,
        title: (iso3) => names.get(iso3) ?? iso3,
        sized: true,
      });
      this.map.replaceChildren(svg);
      this.drawSelection(this.board.selectedPartner);
    };
    if (hasWorldAtlas()) draw();
    else void fetchWorldAtlas(WORLD_ATLAS_URL).then((ok) => ok && draw());
  }

  /** Outlines the selected partner on the map, as the solo board does. */
  private drawSelection(id: string | null): void {
    for (const node of this.map.querySelectorAll<SVGElement>('[data-partner]')) {
      const on = node.getAttribute('data-partner') === id;
      node.setAttribute('stroke', on ? SELECTED : node.tagName === 'circle' ? '#fff' : MAP_BORDER);
      node.setAttribute('stroke-width', on ? '2.5' : node.tagName === 'circle' ? '1' : '0.6');
    }
  }

}

/** N moves on from the staff's board, as on the solo board, unless a field has the keyboard. */
function onKey(board: BoardView, element: HTMLElement) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'n' && e.key !== 'N') return;
    if (e.ctrlKey || e.metaKey || e.altKey || !element.isConnected) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
    const next = element.querySelector<HTMLButtonElement>('[data-testid="board-next"]');
    if (!next || next.disabled) return;
    e.preventDefault();
    board.advance();
  };
}
