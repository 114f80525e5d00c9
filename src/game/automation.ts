/**
 * The automation API, `window.coopsec`: a small, stable surface for the browser tests and
 * for facilitators' scripts. It reads the flow through the bridge and sends events to it
 * exactly as the scenes do, so a script can play any era from the title screen to its
 * debrief (`game.start`, then `phase.advance` until the phase is `debrief`).
 * Documented in docs/automation.md.
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
  /** The game state as plain JSON (a copy), or null on the title screen. */
  state(): GameState | null;
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
      const game = hasBridge() ? getBridge().snapshot().context.game : null;
      return game ? (JSON.parse(JSON.stringify(game)) as GameState) : null;
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
  window.coopsec = api;
  return api;
}

/** Called by the Title scene once it takes input. */
export function markReady(): void {
  if (typeof window !== 'undefined' && window.coopsec) window.coopsec.ready = true;
}
