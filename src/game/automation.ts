/**
 * The automation API, `window.coopsec`: a small, stable surface for the browser tests and
 * for facilitators' scripts. It reads the flow through the bridge and sends events to it
 * exactly as the scenes do, so a script can play any era from the title screen to its
 * debrief (`game.start`, then `phase.advance` until the phase is `debrief`).
 * `state()` shows what a player may know: no seed or dice state, no competitor's bluff
 * flag, no strategic weight before it is revealed. The whole state is on a separate,
 * explicit debug path (`window.coopsec.debug.state()`), present only when the page is
 * opened with `?debug` or in a development build. Documented in docs/automation.md.
 */
import type { Game } from 'phaser';
import type { GameState } from '../core/state';
import type { FlowEvent } from '../flow/machine';
import { getBridge, hasBridge, type SendResult } from './bridge';

export interface CoopsecApi {
  /** True once the title screen takes input. */
  ready: boolean;
  /** The flow state as a dotted string, e.g. "turn.planning" ("loading" before the title screen). */
  phase(): string;
  /** What the player may know of the game state, as plain JSON (a copy), or null on the title screen. */
  state(): PlayerState | null;
  /** Event types the flow accepts now. */
  actions(): string[];
  /** Sends a flow event; `{ ok: false, reason }` when refused. */
  send(event: FlowEvent): SendResult;
  /** The current game as save-file text. */
  exportSave(): string;
  /** Restores a game from save-file text (as Load on the title screen does). */
  load(text: string): SendResult;
  /** Keys of the Phaser scenes now running, top last (e.g. ["Board", "EventCard"]). */
  scenes(): string[];
  /** Only with `?debug` in the page's URL (or a development build): the whole state, secrets included. */
  debug?: { state(): GameState | null };
}

/**
 * The game state without what is hidden from the player: the seed and dice state are
 * gone, competitors' offers carry no bluff flag, and each partner's strategic weight
 * (a scenario fact, given here as `partnerWeights`) is listed only once revealed.
 */
export type PlayerState = Omit<GameState, 'seed' | 'rng' | 'briefing'> & {
  briefing: Omit<GameState['briefing'], 'offers'> & { offers: Omit<GameState['briefing']['offers'][number], 'bluff'>[] };
  /** Strategic weights the player has learnt (gap analysis or intelligence), by partner id. */
  partnerWeights: Record<string, number>;
};

/** The player's view of `game` (a fresh copy; `weights`: the scenario's strategic weights). */
export function playerState(game: GameState, weights: Readonly<Record<string, number>>): PlayerState {
  const copy = JSON.parse(JSON.stringify(game)) as GameState;
  const { seed: _seed, rng: _rng, briefing, ...rest } = copy;
  void _seed;
  void _rng;
  const partnerWeights: Record<string, number> = {};
  for (const [id, ps] of Object.entries(copy.partners)) if (ps.revealed && id in weights) partnerWeights[id] = weights[id];
  return {
    ...rest,
    briefing: { ...briefing, offers: briefing.offers.map(({ bluff: _bluff, ...offer }) => offer) },
    partnerWeights,
  };
}

/** The debug path is explicit: `?debug` in the URL, or a development build (`npm start`). */
export function debugEnabled(): boolean {
  // The dev server (npm start); not DEV, which a build run under Vitest (NODE_ENV=test) also sets.
  if (import.meta.env?.MODE === 'development') return true;
  try {
    return typeof location !== 'undefined' && new URLSearchParams(location.search).has('debug');
  } catch {
    return false;
  }
}

declare global {
  interface Window {
    coopsec: CoopsecApi;
  }
}

export function installAutomation(game: Game): CoopsecApi {
  // The bridge exists once the Preloader has the scenarios: look it up on every call.
  const api: CoopsecApi = {
    ready: false,
    phase: () => (hasBridge() ? getBridge().phase() : 'loading'),
    state: () => {
      if (!hasBridge()) return null;
      const bridge = getBridge();
      const game = bridge.snapshot().context.game;
      if (!game) return null;
      const weights = Object.fromEntries((bridge.scenario()?.partners ?? []).map((p) => [p.id, p.strategicWeight]));
      return playerState(game, weights);
    },
    actions: () => (hasBridge() ? getBridge().actions() : []),
    send: (event) => (hasBridge() ? getBridge().send(event) : { ok: false, reason: 'the game is still loading' }),
    exportSave: () => getBridge().exportSave(),
    load: (text) => {
      if (!hasBridge()) return { ok: false, reason: 'the game is still loading' };
      return typeof text === 'string' ? getBridge().load(text) : { ok: false, reason: 'load() needs the save text' };
    },
    scenes: () => game.scene.getScenes(true).map((scene) => scene.sys.settings.key),
  };
  if (debugEnabled()) {
    api.debug = {
      state: () => {
        const game = hasBridge() ? getBridge().snapshot().context.game : null;
        return game ? (JSON.parse(JSON.stringify(game)) as GameState) : null;
      },
    };
  }
  window.coopsec = api;
  return api;
}

/** Called by the Title scene once it takes input. */
export function markReady(): void {
  if (typeof window !== 'undefined' && window.coopsec) window.coopsec.ready = true;
}
