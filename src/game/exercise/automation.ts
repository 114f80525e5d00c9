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
  create(options: { scenarioId: string; seed?: number; held?: RoleId[]; setup?: Partial<ExerciseSetup>; classroom?: boolean }): Promise<{ ok: true; roles: RoleId[]; code?: string } | { ok: false; reason: string }>;
  /**
   * Classroom mode: takes a seat in an exercise on the classroom server this page came from,
   * with its join code, and shows that seat's screen. Resolves with the role taken.
   */
  join(options: { code: string; role?: RoleId; holder: string; passphrase?: string }): Promise<{ ok: true; role: RoleId } | { ok: false; reason: string }>;
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
  // The shipped eras in the campaign's order, then an author's built in beside them (scenarios/), then the player's own eras opened from files.
  const order = [...catalogue.headings, ...catalogue.besideHeadings, ...catalogue.customHeadings.filter((h) => !h.broken)].map((h) => h.id);
  return order.filter((id) => all[id]).map((id) => all[id]);
}

const isCustom = (id: string) => getBridge().catalogue.isCustom(id);

/** What the exercise screens ask of the game: its eras, the campaign's order, the way back. */
const host = (close: () => void) => ({
  scenarios,
  isCustom,
  campaign: () => [...getBridge().catalogue.campaign],
  close: () => {
    for (const listener of [...closedListeners]) listener();
    close();
  },
});

const closedListeners = new Set<() => void>();

/** Hears the exercise's screens close, however they were opened (the title draws its menu again: an exercise kept or not). */
export function onExerciseClosed(listener: () => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

/** Opens the exercise set-up over the title screen (the screens' code is fetched now). */
export async function launchExercise(onClose?: () => void): Promise<ExerciseApp> {
  const mod = await import('./app');
  app = mod.openExercise(
    host(() => {
      app = null;
      onClose?.();
    }),
  );
  return app;
}

/** Once the era files are in (the title screen is up), opens the classroom's join page for a code. */
export async function launchJoin(code: string): Promise<ExerciseApp> {
  const opened = await launchWhenReady();
  opened.openJoin(code);
  return opened;
}

/** A reloaded facilitator's console (`?console=<code>`): back to the White Cell's seat this browser holds. */
export async function launchConsole(code: string): Promise<ExerciseApp> {
  const opened = await launchWhenReady();
  await opened.openConsole(code);
  return opened;
}

/** A reloaded page that ran an exercise on this laptop (`?exercise=local`): back to it, as this browser kept it. */
export async function launchKept(): Promise<ExerciseApp> {
  const opened = await launchWhenReady();
  opened.openKept();
  return opened;
}

/** The exercise app, once the game has left its loading screen. */
async function launchWhenReady(): Promise<ExerciseApp> {
  for (;;) {
    try {
      if (getBridge().phase() !== 'loading') break;
    } catch {
      // The bridge starts in the Preloader.
    }
    await new Promise((resolve) => window.setTimeout(resolve, 100));
  }
  return launchExercise();
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
      if (!app) app = mod.openExercise(host(() => (app = null)));
      if (options.classroom) {
        const { ClassroomExerciseClient, classroomApi } = await import('./classroom');
        try {
          const held = (options.held ?? ['nato', 'white']).filter((r) => r !== 'white' && r !== 'observer');
          const { seed, consensus, rounds, deadlock, lang, msel, timers } = setup;
          const client = await ClassroomExerciseClient.create(classroomApi(), { scenario: scenario.id, seed, held, consensus, rounds, deadlock, lang, ...(msel ? { msel: { scenario: scenario.id, injects: msel } } : {}), ...(timers ? { timers } : {}), ...(isCustom(scenario.id) ? { scenarioFile: scenario } : {}) }, scenario);
          app.run(client, 'white');
          return { ok: true, roles: client.roles(), code: client.session.code };
        } catch (e) {
          return { ok: false, reason: (e as Error).message };
        }
      }
      const client = new LocalExerciseClient(scenario, setup);
      app.run(client);
      return { ok: true, roles: client.roles() };
    },
    async join(options) {
      const { ClassroomExerciseClient, classroomApi, fetchPublicScenario } = await import('./classroom');
      const mod = await import('./app');
      try {
        const api = classroomApi();
        const found = await api.lookup({ code: options.code, ...(options.passphrase ? { passphrase: options.passphrase } : {}) });
        const scenario = scenarios().find((s) => s.id === found.scenarioId) ?? (await fetchPublicScenario(found.scenarioId));
        if (!scenario) return { ok: false, reason: `no scenario "${found.scenarioId}" in this build or on the server` };
        const role = options.role ?? found.seats.find((s) => s.free)?.role;
        if (!role) return { ok: false, reason: 'every seat is taken' };
        const client = await ClassroomExerciseClient.join(api, { ...found, code: options.code.toUpperCase() }, { role, holder: options.holder, ...(options.passphrase ? { passphrase: options.passphrase } : {}) }, scenario);
        if (!app) app = mod.openExercise(host(() => (app = null)));
        app.run(client, role);
        return { ok: true, role };
      } catch (e) {
        return { ok: false, reason: (e as Error).message };
      }
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
