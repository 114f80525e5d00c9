/**
 * The board's play feel (issue 14.11): short animations that show the year's pulse where it
 * happens, each under a second and skipped by any key or click —
 *  - the metric tiles count from last year's value to this year's when the results land, and
 *    flash green or red by whether the change is good (Phaser number tweens drive the DOM text);
 *  - the map rings the partners the year's money reached, larger for more money, and, once the
 *    events are answered, the partners an event touched (Phaser tweens on canvas graphics);
 *  - the partner list's money figures flash as they change;
 *  - the year in the top bar turns over when a new year begins;
 *  - the selected partner's card slides in when another partner is picked (CSS, board.css).
 * None of it runs while motion is reduced (ui/motion.ts: the system's prefers-reduced-motion or
 * the player's setting); the board then shows the end state at once. The board's root counts
 * the animations started in `data-motion-runs`, for the browser tests and for debugging.
 * Holds no rules: every number shown is the one BoardView rendered.
 */
import type { GameObjects, Scene, Tweens } from 'phaser';
import type { Scenario } from '../../core/scenario';
import type { GameState } from '../../core/state';
import { ALLIANCE_METRICS, REGIONS } from '../../core/constants';
import { reducedMotion } from '../ui/motion';
import { requestRender } from '../ui/renderGate';
import { num } from './text';
import type { BoardPhase } from './BoardView';

/** What the map can tell: where a country sits on the canvas (MapLayer.anchorOf). */
export interface MapAnchors {
  anchorOf(iso3: string): [number, number] | null;
}

const COUNT_MS = 700;
const RING_MS = 900;
/** The most partners ringed at once, so a crowded year stays readable. */
const MAX_RINGS = 8;

/** The tiles' values as the board shows them: Allies' metrics, competitors' region-weighted influence. */
export function tileValues(scenario: Scenario, game: GameState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of ALLIANCE_METRICS) out[m] = game.alliance[m];
  const total = REGIONS.reduce((s, r) => s + scenario.regionWeight[r], 0) || 1;
  for (const c of ['russia', 'china'] as const) out[c] = REGIONS.reduce((s, r) => s + game.influence[c][r] * scenario.regionWeight[r], 0) / total;
  return out;
}

export class BoardMotion {
  private counters: Tweens.Tween[] = [];
  private rings: GameObjects.Graphics[] = [];
  private lastGame: GameState | null = null;
  private lastPhase: BoardPhase | null = null;
  private lastSelected: string | null = null;
  private runs = 0;
  private readonly skip = (): void => this.finishAll();

  constructor(private readonly scene: Scene, private readonly root: HTMLElement, private readonly map: () => MapAnchors | null) {
    // Any key or click skips what is running to its end.
    document.addEventListener('keydown', this.skip, true);
    root.addEventListener('pointerdown', this.skip, true);
    scene.events.once('shutdown', () => {
      document.removeEventListener('keydown', this.skip, true);
      root.removeEventListener('pointerdown', this.skip, true);
      this.finishAll();
    });
  }

  /** Called after the board rendered `game` in `phase`: animates what changed since the last render. */
  after(scenario: Scenario, game: GameState, phase: BoardPhase, selected: string | null): void {
    const prev = this.lastGame;
    const prevPhase = this.lastPhase;
    const prevSelected = this.lastSelected;
    this.lastGame = game;
    this.lastPhase = phase;
    this.lastSelected = selected;
    // A new render replaces the elements a running animation drew into: end those first.
    this.finishAll();
    if (!prev || reducedMotion()) return;
    if (game.year !== prev.year) this.css(this.root.querySelector('[data-testid="board-year"]'), 'cs-anim-year');
    if (game.turns.length > prev.turns.length && game.turns.length) {
      this.countTiles(tileValues(scenario, prev), tileValues(scenario, game), game);
      this.ringFunded(game);
      this.root.querySelectorAll<HTMLElement>('[data-testid^="partner-"] > [class$="-pmoney"]').forEach((el, i) => this.css(el, 'cs-anim-flash', Math.min(i * 25, 500)));
    }
    if (phase === 'review' && prevPhase === 'events') this.ringEvents(game);
    if (phase === 'planning' && prevPhase === 'planning' && selected !== prevSelected) this.cardArrives();
  }

  /** The player picked another partner (list or map): its card slides in. */
  selectionChanged(selected: string | null): void {
    if (selected === this.lastSelected) return;
    this.lastSelected = selected;
    if (this.lastPhase === 'planning' && !reducedMotion()) this.cardArrives();
  }

  private cardArrives(): void {
    this.css(this.root.querySelector('[data-testid="partner-card"]'), 'cs-anim-arrive');
  }

  /** Ends every running animation at its final state. */
  finishAll(): void {
    for (const tween of this.counters.splice(0)) if (tween.isPlaying() || tween.isPaused()) tween.complete();
    for (const ring of this.rings.splice(0)) {
      this.scene.tweens.killTweensOf(ring);
      ring.destroy();
    }
    // The board's CSS animations end by losing their class (each class is named as its keyframes).
    for (const animation of this.root.getAnimations?.({ subtree: true }) ?? []) {
      const name = (animation as CSSAnimation).animationName;
      const target = (animation.effect as KeyframeEffect | null)?.target;
      if (!name?.startsWith('cs-anim-') || !(target instanceof HTMLElement)) continue;
      target.classList.remove(name);
      target.style.animationDelay = '';
    }
    this.setBusy();
    requestRender();
  }

  private started(): void {
    this.runs++;
    this.root.dataset.motionRuns = String(this.runs);
  }

  /** Counting tiles mark the metrics panel busy (aria-busy, and for the tests). */
  private setBusy(): void {
    const panel = this.root.querySelector<HTMLElement>('[data-tut="metrics"]');
    if (!panel) return;
    if (this.counters.length) panel.setAttribute('aria-busy', 'true');
    else panel.removeAttribute('aria-busy');
  }

  private css(el: Element | null, cls: string, delay = 0): void {
    if (!(el instanceof HTMLElement)) return;
    el.classList.remove(cls);
    // Reflow, so a class added again restarts its animation.
    void el.offsetWidth;
    if (delay) el.style.animationDelay = `${delay}ms`;
    el.classList.add(cls);
    el.addEventListener('animationend', () => {
      el.classList.remove(cls);
      el.style.animationDelay = '';
    }, { once: true });
    this.started();
  }

  private countTiles(before: Record<string, number>, after: Record<string, number>, game: GameState): void {
    for (const [key, to] of Object.entries(after)) {
      const from = before[key];
      if (from === undefined || Math.abs(to - from) < 0.05) continue;
      const tile = this.root.querySelector<HTMLElement>(`[data-testid="metric-${key}"]`);
      const value = tile?.querySelector<HTMLElement>('[class$="-value"]');
      if (!tile || !value) continue;
      const bar = tile.querySelector<HTMLElement>('[class$="-bar"] > span');
      const good = key === 'russia' || key === 'china' ? to < from : to > from;
      const show = (v: number) => {
        value.textContent = num(v);
        if (bar) bar.style.width = `${Math.max(0, Math.min(100, v))}%`;
      };
      show(from);
      this.css(tile, good ? 'cs-anim-good' : 'cs-anim-bad');
      const tween = this.scene.tweens.addCounter({
        from,
        to,
        duration: COUNT_MS,
        ease: 'Cubic.easeOut',
        onUpdate: (t) => show(t.getValue() ?? to),
        onComplete: () => {
          show(to);
          this.counters = this.counters.filter((c) => c !== tween);
          this.setBusy();
        },
      });
      this.counters.push(tween);
      this.started();
    }
    this.setBusy();
    void game;
  }

  /** Rings on the map at the partners the year's money reached, the largest sums first. */
  private ringFunded(game: GameState): void {
    const rec = game.turns[game.turns.length - 1];
    const funded = Object.entries(rec.funding).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, MAX_RINGS);
    const most = funded[0]?.[1] ?? 0;
    funded.forEach(([id, amount], i) => this.ring(id, 0xc9a04a, 16 + 30 * Math.sqrt(amount / (most || 1)), i * 90));
  }

  /** Rings at the partners this year's events moved (their trust or alignment). */
  private ringEvents(game: GameState): void {
    const rec = game.turns[game.turns.length - 1];
    if (!rec?.events.length) return;
    const events = new Set(rec.events.map((e) => e.id));
    const touched = new Set<string>();
    for (const d of rec.drivers) {
      const [field, id] = d.metric.split(':');
      if ((field === 'trust' || field === 'alignment') && id && d.subject && events.has(d.subject)) touched.add(id);
    }
    [...touched].slice(0, MAX_RINGS).forEach((id, i) => this.ring(id, 0xef7a6f, 34, i * 90));
  }

  private ring(iso3: string, colour: number, radius: number, delay: number): void {
    const at = this.map()?.anchorOf(iso3);
    if (!at) return;
    const ring = this.scene.add.graphics({ x: at[0], y: at[1] });
    ring.lineStyle(4, colour, 1);
    ring.strokeCircle(0, 0, radius);
    ring.setScale(0.2).setAlpha(0);
    this.rings.push(ring);
    this.scene.tweens.add({
      targets: ring,
      scale: { from: 0.2, to: 1.4 },
      alpha: { from: 0.95, to: 0 },
      duration: RING_MS,
      delay,
      ease: 'Sine.easeOut',
      onComplete: () => {
        this.rings = this.rings.filter((r) => r !== ring);
        ring.destroy();
        requestRender();
      },
    });
    this.started();
  }
}
