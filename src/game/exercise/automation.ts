/**
 * The exercise's part of the automation API (docs/automation.md, "Facilitated exercise"):
 * `window.coopsec.exercise = { create, joinAs, act, view, record, stateHash, seat, close }`,
 * so scripts and tests can drive an exercise on the same screens a facilitator uses. Also
 * the title screen's way in (`launchExercise`). This module is small and loaded with the
 * game; the screens themselves come with a dynamic import, in their own chunk, so the solo
 * player never loads them.
 */
import { getBridge } from '../bridge';
// Already in the game's own bundle (the flow plays the solo game as an exercise).
import { defaultSetup } from '../../exercise/engine';
import type { Scenario } from '../../core/scenario';
import type { ExerciseRecord, ExerciseSetup, Move, RoleId } from '../../exercise/types';
import type { RoleView } from '../../exercise/views';
import type { ActResult } from './client';
import type { ExerciseApp } from './app';

export interface ExerciseAutomation {
  /**
   * Opens the exercise screens and starts a local exercise: `scenarioId` and `seed`, and
   * which roles people hold (`held`, e.g. ["nato", "ally:eastern-flank", "white"]); the
   * rest of the set-up as `defaultSetup` fills it. Resolves with the roles of the scenario.
   */
  create(options: { scenarioId: string; seed?: number; held?: RoleId[]; setup?: Partial<ExerciseSetup> }): Promise<{ ok: true; roles: RoleId[] } | { ok: false; reason: string }>;
  /** Shows the role's screen at the laptop (local mode: the seat switcher). */
  joinAs(role: RoleId): ActResult;
  /** Makes a move as its role, exactly as the screen's controls do. */
  act(move: Move): ActResult | Promise<ActResult>;
  /** The role's view (the observer's for the projector). */
  view(role: RoleId): RoleView | null;
  /** The role whose screen is shown. */
  seat(): RoleId | null;
  record(): ExerciseRecord | null;
  stateHash(): string | null;
  /** Closes the exercise screens (back to the title). */
  close(): void;
}

declare module '../automation' {
  interface CoopsecApi {
    /** Facilitated exercise (present once the game has started). */
    exercise?: ExerciseAutomation;
  }
}

let app: ExerciseApp | null = null;

function scenarios(): Scenario[] {
  const catalogue = getBridge().catalogue;
  const all = catalogue.scenarios;
  const order = catalogue.headings.map((h) => h.id);
  return order.filter((id) => all[id]).map((id) => all[id]);
}

/** Opens the exercise set-up over the title screen (the screens' code is fetched now). */
export async function launchExercise(onClose?: () => void): Promise<ExerciseApp> {
  const mod = await import('./app');
  app = mod.openExercise({
    scenarios,
    close: () => {
      app = null;
      onClose?.();
    },
  });
  return app;
}

/** Once the era files are in (the title screen is up), opens the classroom's join page for a code. */
export async function launchJoin(code: string): Promise<ExerciseApp> {
  for (;;) {
    try {
      if (getBridge().phase() !== 'loading') break;
    } catch {
      // The bridge starts in the Preloader.
    }
    await new Promise((resolve) => window.setTimeout(resolve, 100));
  }
  const opened = await launchExercise();
  opened.openJoin(code);
  return opened;
}

const noExercise = { ok: false as const, code: 'finished' as const, reason: 'no exercise is running: call coopsec.exercise.create first' };

export function installExerciseAutomation(): void {
  const api: ExerciseAutomation = {
    async create(options) {
      const list = scenarios();
      const scenario = list.find((s) => s.id === options.scenarioId);
      if (!scenario) return { ok: false, reason: `no scenario "${options.scenarioId}" (have: ${list.map((s) => s.id).join(', ')})` };
      const mod = await import('./app');
      const { LocalExerciseClient } = await import('./client');
      const seats: ExerciseSetup['seats'] = {};
      for (const role of options.held ?? ['nato', 'white']) seats[role] = { held: true };
      const setup = defaultSetup(scenario, { seed: options.seed ?? 1994, seats, ...options.setup, lang: options.setup?.lang ?? (document.documentElement.lang === 'fr' ? 'fr' : 'en') });
      if (!app) app = mod.openExercise({ scenarios, close: () => (app = null) });
      const client = new LocalExerciseClient(scenario, setup);
      app.run(client);
      return { ok: true, roles: client.roles() };
    },
    joinAs(role) {
      const client = app?.client;
      if (!app || !client) return noExercise;
      const joined = client.joinAs(role);
      if (joined.ok) app.setSeat(role);
      return joined;
    },
    act(move) {
      return app?.client ? app.send(move) : noExercise;
    },
    view(role) {
      return app?.client?.view(role) ?? null;
    },
    seat() {
      return app?.client ? app.currentSeat : null;
    },
    record() {
      return app?.client?.record() ?? null;
    },
    stateHash() {
      return app?.client?.stateHash() ?? null;
    },
    close() {
      app?.close();
    },
  };
  // window.coopsec is installed by the game's automation module (src/game/automation.ts) first.
  if (window.coopsec) window.coopsec.exercise = api;
}
