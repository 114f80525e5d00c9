/**
 * Save files: the flow actor's persisted snapshot wrapped in a versioned envelope, and
 * every migration between envelope versions in one place (as Unciv keeps its backward
 * compatibility in one module). Reading a save never throws: a corrupted or foreign file
 * comes back as a reason the title screen can show, and the caller keeps the raw text.
 */
import type { FlowContext } from './machine';
import { STATE_VERSION } from '../core/state';

export const SAVE_FORMAT = 'coopsec-save';
export const SAVE_VERSION = 1;

export interface SaveEnvelope {
  format: typeof SAVE_FORMAT;
  version: number;
  savedAt: string;
  /** For the title screen's Continue label, without opening the snapshot. */
  summary: { scenarioId: string | null; year: number | null; phase: string };
  /** The player's name for a save slot (absent for the autosave and exported files). */
  name?: string;
  snapshot: PersistedFlow;
}

/** What XState's getPersistedSnapshot() returns for the flow machine, reduced to what we rely on. */
export interface PersistedFlow {
  status: string;
  value: unknown;
  context: FlowContext;
  [key: string]: unknown;
}

/** Why a save could not be read; the UI translates the code, the CLI and logs use `reason`. */
export type SaveProblem =
  | 'empty'
  | 'not-json'
  | 'foreign'
  | 'no-version'
  | 'newer'
  | 'no-migration'
  | 'no-snapshot'
  | 'not-running'
  | 'no-status'
  | 'incomplete'
  | 'damaged'
  | 'newer-state'
  | 'no-state-migration';

export type LoadedSave =
  | { ok: true; envelope: SaveEnvelope }
  | { ok: false; code: SaveProblem; reason: string; params?: Record<string, number> };

const problem = (code: SaveProblem, reason: string, params?: Record<string, number>): LoadedSave => ({ ok: false, code, reason, params });

export function makeEnvelope(snapshot: PersistedFlow, phase: string, now = new Date(), name?: string): SaveEnvelope {
  return {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    savedAt: now.toISOString(),
    summary: { scenarioId: snapshot.context.scenarioId, year: snapshot.context.game?.year ?? null, phase },
    ...(name ? { name } : {}),
    snapshot,
  };
}

/**
 * Migrations of the game state (src/core/state.ts, `STATE_VERSION`) from version N to N+1,
 * keyed by N, applied to every game state a save holds (the flow's and its exercise's).
 * The state is at version 1 and none exists yet; when `STATE_VERSION` rises, add
 * `1: (old) => new` here and a test for it in test/flow/save.test.ts (one per version).
 */
export const STATE_MIGRATIONS: Record<number, (state: Record<string, unknown>) => Record<string, unknown>> = {};

/** Brings one game state up to `target`; a reason when it cannot. */
export function migrateState(raw: Record<string, unknown>, target = STATE_VERSION): { ok: true; state: Record<string, unknown> } | Extract<LoadedSave, { ok: false }> {
  let state = raw;
  let version = Number(state.version);
  if (!Number.isInteger(version) || version < 1) return problem('damaged', "the save's game state has no valid version number") as Extract<LoadedSave, { ok: false }>;
  if (version > target) {
    return problem('newer-state', `the game state was made by a newer version of the game (state version ${version}, this game reads up to ${target})`, { version, target }) as Extract<LoadedSave, { ok: false }>;
  }
  while (version < target) {
    const step = STATE_MIGRATIONS[version];
    if (!step) return problem('no-state-migration', `no migration from game state version ${version}`, { version }) as Extract<LoadedSave, { ok: false }>;
    state = step(state);
    version = Number(state.version);
  }
  return { ok: true, state };
}

/**
 * Migrations from version N to N+1, keyed by N. Version 2 does not exist yet; when it does,
 * add `1: (old) => new` here and a test for it in save.test.ts.
 */
export const MIGRATIONS: Record<number, (envelope: Record<string, unknown>) => Record<string, unknown>> = {};

/** Brings an envelope up to `target` (the current version; tests pass another to exercise a chain). */
export function migrate(raw: Record<string, unknown>, target = SAVE_VERSION): LoadedSave {
  let envelope = raw;
  let version = Number(envelope.version);
  if (!Number.isInteger(version) || version < 1) return problem('no-version', 'the save has no valid version number');
  if (version > target) return problem('newer', `the save was made by a newer version of the game (save version ${version}, this game reads up to ${target})`, { version, target });
  while (version < target) {
    const step = MIGRATIONS[version];
    if (!step) return problem('no-migration', `no migration from save version ${version}`, { version });
    envelope = step(envelope);
    version = Number(envelope.version);
  }
  return checkShape(envelope);
}

function checkShape(e: Record<string, unknown>): LoadedSave {
  const snapshot = e.snapshot as PersistedFlow | undefined;
  if (!snapshot || typeof snapshot !== 'object') return problem('no-snapshot', 'the save holds no game snapshot');
  // Only a snapshot that says it is done had ended; one without a status (or with another)
  // is damaged, and saying "ended" would send the player looking for the wrong fault.
  if (snapshot.status === 'done') return problem('not-running', 'the saved game had already ended');
  if (snapshot.status !== 'active') return problem('no-status', "the save is damaged: its game has no running or ended status");
  const context = snapshot.context as FlowContext | undefined;
  if (!context || typeof context !== 'object' || !('game' in context) || !('seed' in context)) {
    return problem('incomplete', "the save's game state is incomplete");
  }
  const game = context.game;
  if (game && (typeof game.year !== 'number' || typeof game.partners !== 'object' || typeof game.alliance !== 'object')) {
    return problem('damaged', "the save's game state is damaged");
  }
  // The game state carries its own version (STATE_VERSION): bring each copy of it up to date.
  let migrated = context;
  if (game) {
    const state = migrateState(game as unknown as Record<string, unknown>);
    if (!state.ok) return state;
    migrated = { ...migrated, game: state.state as unknown as FlowContext['game'] };
  }
  const exercise = context.exercise as unknown as { game?: Record<string, unknown> } | undefined;
  if (exercise && exercise.game && typeof exercise.game === 'object') {
    const state = migrateState(exercise.game);
    if (!state.ok) return state;
    migrated = { ...migrated, exercise: { ...exercise, game: state.state } as unknown as FlowContext['exercise'] };
  }
  const envelope = migrated === context ? e : { ...e, snapshot: { ...snapshot, context: migrated } };
  return { ok: true, envelope: envelope as unknown as SaveEnvelope };
}

/** Parses save text (from storage or an imported file). */
export function readSave(text: string | null | undefined): LoadedSave {
  if (text == null || text === '') return problem('empty', 'there is no saved game');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return problem('not-json', 'the save is not valid JSON (the file is damaged or is not a save)');
  }
  if (!raw || typeof raw !== 'object' || (raw as Record<string, unknown>).format !== SAVE_FORMAT) {
    return problem('foreign', 'this file is not a Cooperative Security save');
  }
  return migrate(raw as Record<string, unknown>);
}
