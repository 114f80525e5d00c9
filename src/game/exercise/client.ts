/**
 * The one interface the exercise screens talk to (docs/exercise.md, docs/facilitator-guide.md):
 * create an exercise, join it as a role, make moves, and hear each role's view after every
 * move. Two implementations stand behind it:
 *
 * - `LocalExerciseClient` — the exercise runs in this browser (one laptop passed around the
 *   table); the projector window hears only the observer's view over a `BroadcastChannel`.
 * - `ClassroomExerciseClient` (classroom.ts) — over the classroom server (src/net): each
 *   laptop holds one seat; the screens use nothing but this interface.
 *
 * Views are the engine's `viewFor`, so a role's screen can never show another role's secret.
 */
import type { Scenario } from '../../core/scenario';
import { applyMove, createExercise, playedScenario, recordOf, stateHash, type ExerciseState } from '../../exercise/engine';
import { viewFor, type RoleView } from '../../exercise/views';
import { roleName, scenarioRoles } from '../../exercise/roles';
import type { ExerciseRecord, ExerciseSetup, Move, MoveRejection, RoleId } from '../../exercise/types';

export type ActResult = { ok: true } | MoveRejection;
export type ViewListener = (view: RoleView) => void;

/** A classroom laptop's link to the server: up, dropped and reconnecting, lost, or its seat released. */
export type ConnectionState = 'connected' | 'reconnecting' | 'lost' | 'released' | 'closed' | 'replaced';

/** What the White Cell's laptop can do in a classroom beyond moves: the join code, the seat board, downloads. */
export interface ClassroomControls {
  code: string;
  exerciseId: string;
  joinUrl: string;
  watchUrl: string;
  /** The link that opens this console on another laptop (it carries the facilitator's token: shown on request only). */
  consoleUrl: string;
  board(): { role: RoleId; holder: string | null; connected: boolean }[];
  release(role: RoleId): Promise<void>;
  /** Closes the exercise for everyone (its record stays on the server, downloadable). */
  close(): Promise<void>;
  download(file: 'exercise.json' | 'aar.json' | 'aar.csv' | 'aar.html'): Promise<unknown>;
}

export interface ExerciseClient {
  readonly mode: 'local' | 'classroom';
  readonly scenario: Scenario;
  readonly setup: ExerciseSetup;
  /** Classroom: the one role this laptop plays (local mode: none, the laptop is passed round). */
  readonly seat?: RoleId;
  /** Classroom, White Cell only: the join code, the seat board, downloads. */
  readonly classroom?: ClassroomControls;
  /** Classroom: the link to the server. */
  connectionState?(): ConnectionState;
  /** Every role of the scenario, in seat-board order. */
  roles(): RoleId[];
  /** Takes a seat: afterwards `act` may move as that role (local mode: any role, the laptop is passed round). */
  joinAs(role: RoleId): ActResult;
  /** Sends a move; a refused move comes back typed, and nothing changes (a server's answer comes later: a promise). */
  act(move: Move): ActResult | Promise<ActResult>;
  /** The role's view now. */
  view(role: RoleId): RoleView;
  /** Hears the role's view now and after every move; returns the unsubscribe function. */
  subscribe(role: RoleId, listener: ViewListener): () => void;
  /** The exercise record (setup and log): saved, replayed, fed to the after-action report. */
  record(): ExerciseRecord;
  stateHash(): string;
  close(): void;
}

/**
 * Who listens to which role's view: both clients keep their listeners here and tell them
 * the role's view now and after every change.
 */
export class ViewListeners {
  private byRole = new Map<RoleId, Set<ViewListener>>();

  constructor(private readonly viewOf: (role: RoleId) => RoleView) {}

  add(role: RoleId, listener: ViewListener): () => void {
    let set = this.byRole.get(role);
    if (!set) this.byRole.set(role, (set = new Set()));
    set.add(listener);
    listener(this.viewOf(role));
    return () => {
      set.delete(listener);
    };
  }

  /** Each listened-to role's view, built once, to its listeners. */
  notify(): void {
    for (const [role, set] of this.byRole) {
      if (!set.size) continue;
      const view = this.viewOf(role);
      for (const listener of [...set]) listener(view);
    }
  }

  clear(): void {
    this.byRole.clear();
  }
}

/** The channel name a projector window listens on (`?projector=<id>`). */
export const projectorChannel = (id: string) => `coopsec-projector-${id}`;

/** What goes over the projector channel: the observer's view only, never another role's. */
export type ProjectorMessage = { type: 'view'; view: RoleView; scenarioId: string; lang: 'en' | 'fr'; names: Record<string, string>; title: string } | { type: 'hello' } | { type: 'closed' };

/** The exercise in this browser. */
export class LocalExerciseClient implements ExerciseClient {
  readonly mode = 'local' as const;
  private ex: ExerciseState;
  private listeners = new ViewListeners((role) => this.view(role));
  private channel: BroadcastChannel | null = null;
  private joined = new Set<RoleId>();
  /** The id a projector window joins with. */
  readonly projectorId: string;

  constructor(
    readonly scenario: Scenario,
    setup: ExerciseSetup,
    /** `state`: the exercise replayed from its record (taken up again); else a new one from `setup`. */
    options: { state?: ExerciseState; projectorId?: string; clock?: () => number } = {},
  ) {
    this.clock = options.clock ?? (() => Date.now());
    this.ex = options.state ?? createExercise(scenario, setup);
    this.projectorId = options.projectorId ?? Math.random().toString(36).slice(2, 10);
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(projectorChannel(this.projectorId));
      // A projector opened late says hello; it gets the observer's view at once.
      this.channel.onmessage = (e: MessageEvent<ProjectorMessage>) => {
        if (e.data?.type === 'hello') this.broadcast();
      };
    }
  }

  private readonly clock: () => number;
  /** The language the projector shows (the facilitator's current one). */
  lang: () => 'en' | 'fr' = () => this.ex.setup.lang;

  /** Sends the observer's view again (after a language switch). */
  rebroadcast(): void {
    this.broadcast();
  }

  get setup(): ExerciseSetup {
    return this.ex.setup;
  }

  roles(): RoleId[] {
    return scenarioRoles(playedScenario(this.scenario, this.ex.setup));
  }

  joinAs(role: RoleId): ActResult {
    if (!this.roles().includes(role)) return { ok: false, code: 'unknown-role', reason: `no role "${role}" in this scenario` };
    this.joined.add(role);
    return { ok: true };
  }

  act(move: Move): ActResult {
    const result = applyMove(this.scenario, this.ex, move, this.clock());
    if (!result.ok) return result;
    this.ex = result.state;
    this.notify();
    return { ok: true };
  }

  view(role: RoleId): RoleView {
    return viewFor(this.scenario, this.ex, role);
  }

  subscribe(role: RoleId, listener: ViewListener): () => void {
    return this.listeners.add(role, listener);
  }

  record(): ExerciseRecord {
    return recordOf(this.ex);
  }

  stateHash(): string {
    return stateHash(this.ex);
  }

  /** Ends the exercise in this page; `announce`: the projector window is told it closed (not when the next era takes it over). */
  close(announce = true): void {
    if (announce) this.channel?.postMessage({ type: 'closed' } satisfies ProjectorMessage);
    this.channel?.close();
    this.channel = null;
    this.listeners.clear();
  }

  private notify(): void {
    this.listeners.notify();
    this.broadcast();
  }

  private broadcast(): void {
    if (!this.channel) return;
    // Role names are public (the seat board's); the language is the room's current one.
    const lang = this.lang();
    const names = Object.fromEntries(this.roles().map((r) => [r, roleName(this.scenario, r, lang)]));
    this.channel.postMessage({ type: 'view', view: this.view('observer'), scenarioId: this.scenario.id, lang, names, title: this.scenario.title[lang] } satisfies ProjectorMessage);
  }
}
