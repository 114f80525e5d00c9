/**
 * Keeps the Phaser scenes in step with the flow statechart: it listens to the bridge and
 * runs the scene that matches the current phase (title → Title, eraIntro → EraIntro, the
 * turn's phases → Board, with EventCard over it during events, debrief → Debrief,
 * campaignEnd → CampaignEnd). Scenes are found by key only. The board, event card and
 * debrief are loaded on demand (their code is not needed for the title screen); if one is
 * missing from the build, the router says so and leaves the current screen up.
 */
import { Scenes, type Game, type Scene } from 'phaser';
import { getBridge } from './bridge';
import { t } from '../i18n';
import { announce } from './ui/dom';
import { followLuckSkill } from './debrief/luckSkill';
import { ensureScene, openGameMenu } from './sceneRegistry';
import { FLOW_SCENES, SCENE } from './sceneKeys';
import { setFallbackBack } from './ui/keyboard';

type SceneClass = new () => Scene;


// Scene key → lazy module; a file that does not exist yet simply is not in the map.
const LAZY: Record<string, () => Promise<unknown>> = Object.fromEntries(
  Object.entries(import.meta.glob(['./scenes/Board.ts', './scenes/EventCard.ts', './scenes/Debrief.ts'])).map(([path, loader]) => [
    path.replace(/^.*\//, '').replace(/\.ts$/, ''),
    loader,
  ]),
);

/** The scenes that should run for a phase, bottom first. */
export function scenesFor(phase: string): string[] {
  if (phase === 'turn.events') return [SCENE.Board, SCENE.EventCard];
  if (phase.startsWith('turn.')) return [SCENE.Board];
  switch (phase) {
    case 'title':
      return [SCENE.Title];
    case 'eraIntro':
      return [SCENE.EraIntro];
    case 'debrief':
      return [SCENE.Debrief];
    case 'campaignEnd':
      return [SCENE.CampaignEnd];
    default:
      return [];
  }
}

/** Started and not shut down (a registered, never-started scene is also in status INIT, but inactive). */
function isOn(game: Game, key: string): boolean {
  const settings = game.scene.getScene(key)?.sys.settings;
  return !!settings && settings.active && settings.status < Scenes.SHUTDOWN;
}

function sceneClassFrom(module: unknown, key: string): SceneClass | null {
  const exports = module as Record<string, unknown>;
  const candidate = exports[key] ?? exports.default;
  return typeof candidate === 'function' ? (candidate as SceneClass) : null;
}

export class Router {
  private loading = new Map<string, Promise<boolean>>();
  private warned = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private lastAnnounced = '';

  constructor(private readonly game: Game) {}

  /** Starts following the flow (called by the Preloader once assets are in). */
  start(): void {
    if (this.unsubscribe) return;
    // Esc never does nothing: on an in-game screen without a back action of its own (the
    // debrief, the event card), it opens the game menu.
    setFallbackBack(() => {
      const phase = getBridge().phase();
      if (phase !== 'title' && phase !== 'loading') openGameMenu(this.game);
    });
    this.unsubscribe = getBridge().subscribe(() => this.sync());
    this.sync();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Loads the on-demand scenes in the background, so the first turn opens without a pause. */
  prefetch(): void {
    for (const key of Object.keys(LAZY)) void this.ensure(key);
  }

  /** True when the game has the scene (registering it now if it is one registered when first wanted). */
  private has(key: string): boolean {
    return ensureScene(this.game, key);
  }

  /** Registers a lazily loaded scene; resolves false when it cannot be had. */
  private ensure(key: string): Promise<boolean> {
    if (this.has(key)) return Promise.resolve(true);
    const loader = LAZY[key];
    if (!loader) return Promise.resolve(false);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = loader()
        .then((module) => {
          const cls = sceneClassFrom(module, key);
          if (!cls) return false;
          if (!this.has(key)) this.game.scene.add(key, cls, false);
          return true;
        })
        .catch((error: unknown) => {
          console.warn(`scene ${key} could not be loaded`, error);
          return false;
        });
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Brings the running scenes in line with the current phase. */
  sync(): void {
    const bridge = getBridge();
    const phase = bridge.phase();
    const wanted = scenesFor(phase);
    // The luck-vs-skill workers replay the other seeds' games as this one is played (see luckSkill.ts).
    const scenario = bridge.scenario();
    const game = bridge.snapshot().context.game;
    if (scenario && game && (phase.startsWith('turn.') || phase === 'debrief')) followLuckSkill(scenario, game);
    const missing = wanted.filter((key) => !this.has(key));
    if (missing.length) {
      void Promise.all(missing.map((key) => this.ensure(key))).then((results) => {
        if (results.every(Boolean)) {
          if (getBridge().phase() === phase) this.sync();
          return;
        }
        missing.forEach((key, i) => {
          if (results[i] || this.warned.has(key)) return;
          this.warned.add(key);
          console.warn(`router: no scene "${key}" for phase ${phase}`);
          announce(t('shell.screenUnavailable', { scene: key }));
        });
        this.apply(phase, wanted.filter((key) => this.has(key)));
      });
      return;
    }
    this.apply(phase, wanted);
  }

  private apply(phase: string, wanted: string[]): void {
    const scenes = this.game.scene;
    if (!wanted.length) return;
    for (const key of FLOW_SCENES) {
      if (!wanted.includes(key) && isOn(this.game, key)) scenes.stop(key);
    }
    for (const key of wanted) {
      if (!isOn(this.game, key)) scenes.start(key);
    }
    // Overlays of the flow (the event card) sit above the scene they cover.
    for (const key of wanted.slice(1)) scenes.bringToTop(key);
    this.announcePhase(phase);
  }

  private announcePhase(phase: string): void {
    const bridge = getBridge();
    const year = bridge.snapshot().context.game?.year;
    const message =
      phase === 'title'
        ? t('shell.announce.title')
        : phase === 'campaignEnd'
          ? t(getBridge().snapshot().context.mode === 'campaign' ? 'shell.announce.campaignEnd' : 'shell.announce.eraEnd')
          : t('shell.announce.phase', { phase: phaseLabel(phase), year: year ?? '' });
    const key = `${phase}:${year ?? ''}:${bridge.snapshot().context.scenarioId ?? ''}`;
    if (key === this.lastAnnounced) return;
    this.lastAnnounced = key;
    announce(message);
  }
}

/** A phase's name for players, e.g. "planning" for "turn.planning". */
export function phaseLabel(phase: string): string {
  const last = phase.split('.').pop() ?? phase;
  const known = ['title', 'eraIntro', 'briefing', 'planning', 'resolution', 'events', 'review', 'debrief', 'campaignEnd'];
  return known.includes(last) ? t(`shell.phaseName.${last}` as 'shell.phaseName.title') : last;
}

let router: Router | null = null;

export function createRouter(game: Game): Router {
  router?.stop();
  router = new Router(game);
  return router;
}

export function getRouter(): Router | null {
  return router;
}
