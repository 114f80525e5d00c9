/**
 * The typed client of the classroom server (docs/facilitator-guide-network.md), over
 * `@colyseus/sdk` and the server's JSON API: create an exercise, join a seat, connect as
 * that seat (or as the facilitator, or as an observer with the join code), act, receive the
 * role's views, and rejoin after a drop. No Phaser and no DOM beyond `fetch`, so the browser
 * screens, the tests and the load test all use it.
 *
 * On the wire a seat gets its role's whole view once, then patches (the top-level parts that
 * changed, numbered; src/server/feed.ts); a seat puts them together and hands its listeners
 * whole views only, and asks for the whole view again if a patch does not follow the view it
 * holds.
 *
 * The White Cell is sent no views: it gets the whole scenario and the record, then each new
 * log entry, and its seat replays them with the same engine (the state is the server's, move
 * for move), building its view from that state only when it is read or listened to. A console
 * can look over any role's shoulder from the same state.
 */
import { Client, MatchMakeError, type Room } from '@colyseus/sdk';
import type { ExerciseRecord, ExerciseSetup, LogEntry, MovePayload, RoleId } from '../exercise/types';
import { viewFor, type RoleView } from '../exercise/views';
import { createExercise, replayEntry, replayExercise, type ExerciseState } from '../exercise/engine';
import type { Scenario } from '../core/scenario';
import type { TurnDecision } from '../core/decision';
import type { PolicyName } from '../core/policies';

export interface CreateRequest {
  scenario: string;
  seed?: number;
  held?: RoleId[];
  policy?: 'equal' | 'prioritise' | 'random';
  consensus?: 'vote' | 'abstract';
  rounds?: number;
  deadlock?: 'statusQuo' | 'white';
  lang?: 'en' | 'fr';
  passphrase?: string;
  allowMultipleSeats?: boolean;
  /** A facilitator's MSEL file, as `npm run exercise -- --msel` reads it. */
  msel?: unknown;
  /** Seconds per phase. */
  timers?: Partial<Record<string, number>>;
  /** A facilitator's own scenario (its id is `scenario`), checked and kept by the server. */
  scenarioFile?: unknown;
}

/** What the join page learns from a code. */
export interface Lookup {
  exerciseId: string;
  scenarioId: string;
  passphrase: boolean;
  finished: boolean;
  seats: { role: RoleId; free: boolean }[];
}

/** One row of the White Cell's seat board. */
export interface SeatRow {
  role: RoleId;
  holder: string | null;
  connected: boolean;
}

/** What the server answers a draft request with. */
export type DraftReply = { policy: PolicyName; share?: number; year: number; round: number; decision: TurnDecision | null } | { refused: ServerRefusal };

export interface Created {
  exerciseId: string;
  code: string;
  facilitatorToken: string;
  roles: RoleId[];
}

export interface Joined {
  exerciseId: string;
  role: RoleId;
  seatToken: string;
}

export interface ServerRefusal {
  code: string;
  reason: string;
  detail?: string;
  /** For an illegal decision: the core rejection's figures and names (src/exercise/types.ts). */
  params?: Record<string, string | number>;
}

/**
 * What changed in a JSON value (src/server/feed.ts): an object's fields set whole, changed
 * in part, gone or taken from elsewhere in the value before; an array's items (after
 * dropping its first `from`) set whole or changed in part, and its new length.
 */
type Delta = { set: Record<string, unknown>; sub?: Record<string, Delta>; del?: string[]; ref?: Record<string, (string | number)[]> } | { from?: number; at: Record<string, unknown>; sub?: Record<string, Delta>; len: number };

/** A patch as the server sends it: from the view numbered `base` to the one numbered `seq`. */
export interface ViewPatch {
  seq: number;
  base: number;
  d: Delta;
}

/** The value a delta makes of the one before it (left unchanged); null if the delta does not fit it. */
function applyDelta(before: unknown, d: Delta): unknown {
  if (!before || typeof before !== 'object') return null;
  if ('len' in d) {
    if (!Array.isArray(before)) return null;
    const from = d.from ?? 0;
    const items = before.slice(from, from + d.len);
    for (const i in d.at) items[Number(i)] = d.at[i];
    for (const i in d.sub ?? {}) {
      const item = applyDelta(items[Number(i)], d.sub![i]);
      if (item === null) return null;
      items[Number(i)] = item;
    }
    return items;
  }
  if (Array.isArray(before)) return null;
  const fields: Record<string, unknown> = { ...(before as Record<string, unknown>), ...d.set };
  // A part taken from where it was in the value before (the same object, not a copy of it).
  for (const k in d.ref ?? {}) {
    const value = d.ref![k].reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), before);
    if (value === undefined) return null;
    fields[k] = value;
  }
  for (const k in d.sub ?? {}) {
    const field = applyDelta(fields[k], d.sub![k]);
    if (field === null) return null;
    fields[k] = field;
  }
  for (const k of d.del ?? []) delete fields[k];
  return fields;
}

/** The view a patch makes of the one before it (left unchanged); null if the patch does not fit it. */
export function applyPatch(before: RoleView, m: ViewPatch): RoleView | null {
  return applyDelta(before, m.d) as RoleView | null;
}

export type ActResult = { ok: true; seq: number } | ({ ok: false } & ServerRefusal);

/** Colyseus's answer to a join of a room no process holds (its `MATCHMAKE_INVALID_ROOM_ID`). */
const ROOM_NOT_FOUND = 522;

/** An error the server answered with, carrying its HTTP status. */
export class ClassroomError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Why, for a screen to say in its own language (the join calls'; docs/facilitator-guide-network.md). */
    readonly code?: string,
    readonly params?: Record<string, string>,
  ) {
    super(message);
  }
}

/** A refusal's `ClassroomError` from the server's answer. */
const refusal = (data: { error?: string; code?: string; params?: Record<string, string> }, status: number) => new ClassroomError(data.error ?? `the server answered ${status}`, status, data.code, data.params);

export class ClassroomClient {
  private sdk: Client;

  constructor(readonly baseUrl: string) {
    this.sdk = new Client(baseUrl);
  }

  /**
   * `fetch`, with a server that does not answer (stopped, or this laptop off its network) as a
   * `ClassroomError` of its own code: not a refusal, and a screen says so.
   */
  private async fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(new URL(path, this.baseUrl), init);
    } catch (error) {
      throw new ClassroomError(`the classroom server at ${this.baseUrl} does not answer (${(error as Error).message})`, 0, 'unreachable');
    }
  }

  private async post<T>(path: string, body: unknown, token?: string): Promise<T> {
    const res = await this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const data = (await res.json().catch(() => ({}))) as { error?: string };
    if (!res.ok) throw refusal(data, res.status);
    return data as T;
  }

  private async get<T>(path: string, token: string): Promise<T> {
    const res = await this.fetch(path, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) {
      throw refusal((await res.json().catch(() => ({}))) as object, res.status);
    }
    return (res.headers.get('content-type')?.includes('json') ? res.json() : res.text()) as Promise<T>;
  }

  /** The facilitator creates an exercise: a join code for the room and a token for the White Cell. */
  createExercise(request: CreateRequest): Promise<Created> {
    return this.post('/api/exercises', request);
  }

  /** A participant takes a seat with the join code: the seat token alone then acts as that role. */
  join(request: { code: string; role?: RoleId; holder: string; passphrase?: string }): Promise<Joined> {
    return this.post('/api/join', request);
  }

  /** What a join code opens: the exercise, its scenario and which seats are free (behind a passphrase, only with it). */
  lookup(request: { code: string; passphrase?: string }): Promise<Lookup> {
    return this.post('/api/lookup', request);
  }

  /**
   * The plenary: several exercises of one scenario and seed side by side — exercises on this
   * server with their facilitator tokens, and exercise files brought along (which need a
   * facilitator token of this server, `token`).
   */
  compare(request: { exercises?: { id: string; token: string; label?: string }[]; records?: { label: string; record: unknown }[]; lang?: 'en' | 'fr' }, token?: string): Promise<{ comparison: unknown; html: string }> {
    return this.post('/api/compare', request, token);
  }

  release(exerciseId: string, facilitatorToken: string, role: RoleId): Promise<{ released: RoleId }> {
    return this.post(`/api/exercises/${exerciseId}/release`, { role }, facilitatorToken);
  }

  /** The facilitator closes the exercise: every seat is sent away for good; its record stays downloadable. */
  close(exerciseId: string, facilitatorToken: string): Promise<{ closed: true }> {
    return this.post(`/api/exercises/${exerciseId}/close`, {}, facilitatorToken);
  }

  seats(exerciseId: string, facilitatorToken: string): Promise<{ code: string; seats: SeatRow[] }> {
    return this.get(`/api/exercises/${exerciseId}/seats`, facilitatorToken);
  }

  download(exerciseId: string, facilitatorToken: string, file: 'exercise.json' | 'aar.json' | 'aar.csv' | 'aar.html'): Promise<unknown> {
    return this.get(`/api/exercises/${exerciseId}/export?file=${file}`, facilitatorToken);
  }

  /** Connects a seat (seat or facilitator token), or an observer (join code). */
  async connect(exerciseId: string, credentials: { token: string } | { code: string; passphrase?: string }): Promise<Seat> {
    let room: Room;
    try {
      room = await this.sdk.joinById(exerciseId, credentials);
    } catch (error) {
      // A closed exercise: its room refuses (410), or is gone from the server (Colyseus's "invalid room id").
      const code = (error as { code?: number }).code;
      if (code === 410 || code === ROOM_NOT_FOUND) throw new ClassroomError(`the exercise ${exerciseId} is closed: ${(error as Error).message}`, 410, 'exercise-closed');
      // No answer at all: the SDK turns the platform's failed fetch into a matchmaking error
      // with the system's code (ECONNREFUSED) or none, where a server's answer has a number.
      if (typeof code !== 'number' && error instanceof MatchMakeError) throw new ClassroomError(`the classroom server at ${this.baseUrl} does not answer (${error.message})`, 0, 'unreachable');
      throw error;
    }
    return Seat.attach(this.sdk, room, exerciseId, credentials);
  }
}

/**
 * One connected seat: its views, its moves, its reconnection. The White Cell's seat also
 * holds the whole scenario, the exercise record (kept up to date entry by entry) and the
 * seat board; no other seat is ever sent those.
 */
export class Seat {
  role: RoleId | null = null;
  /** The latest view put together from the wire (a seat's), or built from the replica when read (the White Cell's). */
  private received: RoleView | null = null;
  /** White Cell only: the state the record replays to, and how many of its entries are in it (entries are replayed when it is read). */
  private replica: { state: ExerciseState; entries: number; view: RoleView | null } | null = null;
  /** The set-up as this seat may know it (without the seed and the MSEL, except for the White Cell). */
  setup: Partial<ExerciseSetup> | null = null;
  /** White Cell only: the whole scenario and the record. */
  scenario: Scenario | null = null;
  record: ExerciseRecord | null = null;
  board: SeatRow[] = [];
  private listeners = new Set<(view: RoleView) => void>();
  private recordListeners = new Set<(record: ExerciseRecord, entry: LogEntry | null) => void>();
  private boardListeners = new Set<(board: SeatRow[]) => void>();
  private drafts: ((reply: DraftReply) => void)[] = [];
  private dropListeners = new Set<() => void>();
  private reconnectListeners = new Set<() => void>();
  private leaveListeners = new Set<(code: number) => void>();
  private pending: ((result: ActResult) => void)[] = [];
  /** The number of the view this seat holds on the wire (-1: none). */
  private seq = -1;
  /** Patches that did not follow the view held, each answered by asking for the whole view. */
  resyncs = 0;
  /** The room let this seat go (`onLeave`): leaving again would write to a closed socket. */
  private left = false;
  private firstView: Promise<RoleView>;
  private resolveFirst!: (v: RoleView) => void;
  /** Whether this connection's first view was handed over (the White Cell builds it only when someone waits). */
  private firstSettled = false;
  readonly errors: ServerRefusal[] = [];

  private constructor(
    private sdk: Client,
    private room: Room,
    readonly exerciseId: string,
    private credentials: { token: string } | { code: string; passphrase?: string },
  ) {
    this.firstView = new Promise((resolve) => (this.resolveFirst = resolve));
    this.wire(room);
  }

  static async attach(sdk: Client, room: Room, exerciseId: string, credentials: { token: string } | { code: string; passphrase?: string }): Promise<Seat> {
    const seat = new Seat(sdk, room, exerciseId, credentials);
    await seat.firstView;
    return seat;
  }

  private wire(room: Room): void {
    this.room = room;
    room.onMessage('seat', (m: { role: RoleId; setup?: Partial<ExerciseSetup> }) => {
      this.role = m.role;
      this.setup = m.setup ?? null;
    });
    room.onMessage('scenario', (s: Scenario) => (this.scenario = s));
    room.onMessage('record', (r: ExerciseRecord) => {
      this.record = r;
      this.replica = null;
      for (const l of this.recordListeners) l(r, null);
      this.followRecord();
    });
    room.onMessage('entry', (e: LogEntry) => {
      if (!this.record) return;
      this.record.log.push(e);
      for (const l of this.recordListeners) l(this.record, e);
      this.followRecord();
    });
    room.onMessage('seats', (b: SeatRow[]) => {
      this.board = b;
      for (const l of this.boardListeners) l(b);
    });
    room.onMessage('draft', (d: DraftReply) => this.drafts.shift()?.(d));
    room.onDrop(() => {
      for (const l of this.dropListeners) l();
    });
    room.onReconnect(() => {
      for (const l of this.reconnectListeners) l();
    });
    room.onLeave((code) => {
      this.left = true;
      for (const l of this.leaveListeners) l(code);
    });
    room.onMessage('view', (text: string) => {
      const m = JSON.parse(text) as { seq: number; view: RoleView };
      this.seq = m.seq;
      this.show(m.view);
    });
    room.onMessage('patch', (text: string) => {
      const m = JSON.parse(text) as ViewPatch;
      const view = this.view && m.base === this.seq ? applyPatch(this.view, m) : null;
      if (!view) {
        // A patch of a view this seat does not hold: the whole view comes back instead.
        this.seq = -1;
        this.resyncs++;
        room.send('resync');
        return;
      }
      this.seq = m.seq;
      this.show(view);
    });
    room.onMessage('ack', (m: { seq: number }) => this.pending.shift()?.({ ok: true, seq: m.seq }));
    room.onMessage('error', (e: ServerRefusal) => {
      this.errors.push(e);
      this.pending.shift()?.({ ok: false, ...e });
    });
  }

  private show(view: RoleView): void {
    this.received = view;
    this.resolveFirst(view);
    for (const l of this.listeners) l(view);
  }

  /** The role's current view: as the wire brought it, or (the White Cell's) built from the replayed record. */
  get view(): RoleView | null {
    if (this.role !== 'white') return this.received;
    const replica = this.replicate();
    if (!replica || !this.scenario) return null;
    return (replica.view ??= viewFor(this.scenario, replica.state, 'white'));
  }

  /** White Cell only: the exercise's whole state, the record replayed (null for any other seat). */
  get state(): ExerciseState | null {
    return this.replicate()?.state ?? null;
  }

  /** The replica brought up to the record's last entry: one entry at a time, or the whole record again if an entry does not follow. */
  private replicate(): Seat['replica'] {
    const record = this.record;
    const scenario = this.scenario;
    if (this.role !== 'white' || !record || !scenario) return null;
    let replica = this.replica;
    while (replica && replica.entries < record.log.length) {
      const next = replayEntry(scenario, replica.state, record.log[replica.entries]);
      replica = next.ok ? { state: next.state, entries: replica.entries + 1, view: null } : null;
    }
    if (!replica) {
      const replayed = replayExercise(scenario, record);
      replica = { state: replayed.ok ? replayed.state : createExercise(scenario, record.setup), entries: record.log.length, view: null };
    }
    return (this.replica = replica);
  }

  /** The White Cell's view listeners (and a connection's first view) hear the record's new state. */
  private followRecord(): void {
    if (this.role !== 'white' || !this.scenario) return;
    if (!this.listeners.size && this.firstSettled) return;
    this.firstSettled = true;
    this.show(this.view!);
  }

  onView(listener: (view: RoleView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The connection dropped (the SDK tries to reconnect by itself within the server's window). */
  onDrop(listener: () => void): () => void {
    this.dropListeners.add(listener);
    return () => this.dropListeners.delete(listener);
  }

  /** The SDK reconnected after a drop. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** The room is gone for this seat: the window closed, the server stopped, or the facilitator released the seat or closed the exercise (`leaveKind`, ./protocol.ts). */
  onLeave(listener: (code: number) => void): () => void {
    this.leaveListeners.add(listener);
    return () => this.leaveListeners.delete(listener);
  }

  /** White Cell: hears the record when it comes whole (on joining) and after each new entry. */
  onRecord(listener: (record: ExerciseRecord, entry: LogEntry | null) => void): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  /** White Cell: hears the seat board when someone joins, drops, comes back or is released. */
  onSeats(listener: (board: SeatRow[]) => void): () => void {
    this.boardListeners.add(listener);
    return () => this.boardListeners.delete(listener);
  }

  /** NATO's staff (or the White Cell): a bot policy's proposal for this year, at a share. */
  draft(policy: PolicyName, share?: number): Promise<DraftReply> {
    return new Promise((resolve) => {
      this.drafts.push(resolve);
      this.room.send('draft', { policy, ...(share !== undefined ? { share } : {}) });
    });
  }

  /** Waits for a view that satisfies `test` (the current one included). */
  waitFor(test: (view: RoleView) => boolean, timeoutMs = 10_000): Promise<RoleView> {
    if (this.view && test(this.view)) return Promise.resolve(this.view);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no such view within ${timeoutMs} ms (last: ${this.view?.year} ${this.view?.phase})`));
      }, timeoutMs);
      const off = this.onView((v) => {
        if (!test(v)) return;
        clearTimeout(timer);
        off();
        resolve(v);
      });
    });
  }

  /** Sends a move as this seat's role; resolves with the server's acknowledgement or refusal. */
  act(move: MovePayload, as: RoleId | null = this.role): Promise<ActResult> {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.room.send('move', { role: as, ...move });
    });
  }

  /** Sends anything at all (for tests of the server's defences). */
  sendRaw(type: string, payload: unknown): Promise<ActResult> {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.room.send(type, payload);
    });
  }

  get reconnectionToken(): string {
    return this.room.reconnectionToken;
  }

  /** Drops the connection without leaving (a laptop off the Wi-Fi). */
  drop(): void {
    (this.room as unknown as { connection: { close: (code?: number) => void } }).connection.close(4999);
  }

  /** How the last rejoin came back: Colyseus reconnection within its window, or a fresh join by seat token. */
  rejoinedBy: 'reconnection' | 'token' | null = null;

  /** Comes back: Colyseus reconnection within the window, else a fresh join with the same credentials. */
  async rejoin(): Promise<void> {
    const first = new Promise<RoleView>((resolve) => (this.resolveFirst = resolve));
    this.received = null;
    this.firstSettled = false;
    this.seq = -1;
    try {
      this.wire(await this.sdk.reconnect(this.room.reconnectionToken));
      this.rejoinedBy = 'reconnection';
    } catch {
      this.wire(await this.sdk.joinById(this.exerciseId, this.credentials));
      this.rejoinedBy = 'token';
    }
    await first;
  }

  leave(): Promise<unknown> {
    // A room that has already let this seat go (released, closed, the server gone) has no socket left to say goodbye on.
    if (this.left) return Promise.resolve();
    return this.room.leave(true);
  }
}
