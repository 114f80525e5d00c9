/**
 * The main board, for the briefing, planning, resolution and review phases (the event card
 * opens over it). The world map is canvas (MapLayer, baked once per colour change); every
 * control is a real DOM element in BoardView. The scene re-renders only when the flow's
 * snapshot changes, never per frame, and holds no rules: it shows the snapshot and sends
 * the player's events through the bridge.
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';
import { playMusic, type Era } from '../../audio/sound';
import { localized } from '../../i18n';
import { activePartners } from '../../core/state';
import { partnerNameTextIn } from '../../core/scenario';
import { getBridge, type FlowSnapshot } from '../bridge';
import { openGameMenu } from '../sceneRegistry';
import { applyMotion } from '../ui/motion';
import { MapLayer } from '../map/MapLayer';
import { focusIfLost, mountScreen, type Screen } from '../ui/dom';
import { BoardView, boardInput, LAYOUT } from '../board/BoardView';
import { mapColours } from '../board/palette';
import { Tutorial } from '../board/tutorial';
import { BoardMotion } from '../board/boardMotion';
import { tr } from '../board/text';
import '../board/board.css';

export class Board extends Scene {
  private view: BoardView | null = null;
  private map: MapLayer | null = null;
  private screen: Screen | null = null;
  private tutorial: Tutorial | null = null;
  private motion: BoardMotion | null = null;
  private lastContext: unknown = null;
  private lastValue = '';
  private colourKey = '';
  /** The phase the keyboard was last placed for (null: none yet, the board just opened). */
  private focusedPhase: string | null = null;

  constructor() {
    super(SCENE.Board);
  }

  init(): void {
    this.view = null;
    this.map = null;
    this.screen = null;
    this.tutorial = null;
    this.motion = null;
    this.lastContext = null;
    this.lastValue = '';
    this.colourKey = '';
    this.focusedPhase = null;
  }

  preload(): void {
    // Usually a no-op: the title screen has fetched the map data in the background.
    MapLayer.preload(this);
  }

  create(): void {
    const bridge = getBridge();
    const view = new BoardView({
      send: (event) => bridge.send(event),
      scenario: () => bridge.scenario(),
      onSelect: (id) => {
        this.map?.setSelected(id);
        this.motion?.selectionChanged(id);
      },
      openMenu: (view) => openGameMenu(this.game, view),
    });
    this.view = view;
    // The year's pulse: counting tiles, rings on the map, a card sliding in (none with reduced motion).
    this.motion = new BoardMotion(this, view.root, () => this.map);

    this.map = new MapLayer(this, {
      ...LAYOUT.map,
      onHover: (iso3) => {
        const scenario = bridge.scenario();
        const partner = iso3 ? scenario?.partners.find((p) => p.id === iso3) : undefined;
        const pointer = this.input.activePointer;
        // Named as in the year on the board (README.md, "Partner names over time").
        const year = bridge.snapshot().context.game?.year ?? scenario?.start ?? 0;
        view.showHover(partner ? localized(partnerNameTextIn(partner, year)) : null, pointer.x, pointer.y);
      },
      onSelect: (iso3) => {
        const scenario = bridge.scenario();
        if (scenario?.partners.some((p) => p.id === iso3)) {
          view.select(iso3);
          this.motion?.selectionChanged(iso3);
        }
      },
    });

    this.screen = mountScreen(
      this,
      (root) => {
        root.style.padding = '0';
        root.style.display = 'block';
        root.append(view.root);
        this.refresh(bridge.snapshot(), true);
      },
      // Esc closes the board's own question first (money left?), else opens the game menu.
      { label: tr('board.phaseStrip'), next: () => this.next(), back: () => { if (!view.dismissConfirm()) openGameMenu(this.game); } },
    );
    // The full-size root lets clicks through to the map; panels take them back (.cs-live).
    this.screen.element.pointerEvents = 'none';

    const unsubscribe = bridge.subscribe((snap) => this.refresh(snap));
    applyMotion();
    // Sound captions move over the map while the board is up (theme.css), clear of the partner list.
    document.body.classList.add('cs-on-board');
    this.events.once('shutdown', () => {
      document.body.classList.remove('cs-on-board');
      unsubscribe();
      this.tutorial?.finish();
      this.map?.destroy();
      this.map = null;
    });

    const scenario = bridge.scenario();
    if (scenario) playMusic(Math.min(4, Math.max(1, scenario.era)) as Era);
  }

  private next(): void {
    // While the event card is open it owns the keyboard; N is handled there.
    if (getBridge().phase() === 'turn.events') return;
    this.view?.advance();
  }

  /** Renders when the snapshot changed (or always after a language switch). */
  private refresh(snap: FlowSnapshot, force = false): void {
    const view = this.view;
    const game = snap.context.game;
    if (!view || !game) return;
    const value = JSON.stringify(snap.value);
    if (!value.includes('turn')) return;
    if (!force && snap.context === this.lastContext && value === this.lastValue) return;
    this.lastContext = snap.context;
    this.lastValue = value;

    const input = boardInput(snap);
    if (!input) return;
    view.render(input);
    const scenario = getBridge().scenario();
    if (scenario && this.map) {
      // Frame the partners at the table this year; MapLayer re-projects only when they change.
      this.map.setFocus(activePartners(scenario, game).map((p) => p.id));
      const { colours } = mapColours(scenario, game);
      const key = JSON.stringify(colours);
      if (key !== this.colourKey) {
        this.colourKey = key;
        this.map.setColours(colours);
      }
      this.map.setSelected(view.selectedPartner);
    }

    const phase = input.phase;
    if (scenario) this.motion?.after(scenario, game, phase, view.selectedPartner);
    const wantsTutorial = snap.context.mode === 'tutorial' && game.turns.length <= 1 && (scenario?.era ?? 1) === 1;
    if (wantsTutorial && !this.tutorial) this.tutorial = new Tutorial(view.root, () => undefined);
    if (this.tutorial?.active) {
      // The year's first review ends the guided turn.
      if (game.turns.length === 1 && phase === 'briefing') this.tutorial.finish();
      else this.tutorial.update(phase);
    }
    // A new phase (or the board just opened from the era briefing) rebuilt the panel that
    // held the focus: the keyboard goes to the phase's heading, unless the tutorial's tip or
    // a control that is still there (Next) has it (docs/accessibility.md, "Keyboard").
    if (phase !== this.focusedPhase) {
      this.focusedPhase = phase;
      focusIfLost(view.root);
    }
  }
}
