/**
 * One exercise's Colyseus room (docs/facilitator-guide-network.md): the authoritative shell
 * around the exercise engine. It checks who a client is (a seat token, the facilitator's
 * token, or the join code for an observer), validates every message with zod, asks the
 * engine, writes the move to SQLite before acknowledging it, and sends each client its
 * own role's view. No rule lives here.
 *
 * Views go out as messages rather than through Colyseus's schema state sync: schema sync
 * shares one state with every client and filters fields, while each role here must receive
 * a different projection (another role's secrets are never in its bytes), and the engine
 * already builds exactly that projection (`viewFor`). A connection gets its role's whole
 * view on joining and on coming back, then after each move only what changed in its own
 * role's view (`RoleFeed`, ./feed.ts), numbered, so a connection that missed a patch asks
 * for the whole view again (`resync`). Each role's message is encoded once, with Colyseus's
 * own framing (`getMessageBytes`), and the same bytes go to each connection of that role,
 * as Colyseus's `broadcast` does for a whole room.
 *
 * The White Cell may see everything, so its connections get the whole scenario and the
 * exercise record on joining, then each new log entry, and no views: the facilitator's
 * console replays the entries with the same engine (the state is the server's, move for
 * move) and builds any role's view from it, the after-action report and the state's
 * fingerprint without asking the server. The room so builds, compares and sends no view for
 * the White Cell, the largest of all, at each move. No other connection ever gets a record,
 * an entry or the scenario's hidden parts. NATO's staff may ask for a
 * draft proposal (`draft`), which only the server can make (it needs the whole state).
 */
import { getMessageBytes, Protocol, Room, ServerError, type Client } from '@colyseus/core';
import type { Scenario } from '../core/scenario';
import { applyMove, createExercise, replayExercise, recordOf, type ExerciseState } from '../exercise/engine';
import { shareUnchanged } from '../exercise/share';
import { newViewMemo, viewsFor } from '../exercise/views';
import { parseMove } from '../exercise/moves';
import { natoDraft } from '../exercise/draft';
import { POLICY_NAMES, type PolicyName } from '../core/policies';
import type { ExerciseSetup, LogEntry, RoleId } from '../exercise/types';
import { z } from 'zod';
import { hashToken, sameHash, type ExerciseStore, type StoredExercise } from './store';
import { MoveCache, RoleFeed } from './feed';
import type { GroupCommit } from './journal';
import { CLOSE_CLOSED, CLOSE_RELEASED, CLOSE_REPLACED } from '../net/protocol';

export interface RoomContext {
  store: ExerciseStore;
  /** Writes moves to the store, several rooms' together (./journal.ts). */
  journal: GroupCommit;
  scenarios: Record<string, Scenario>;
  log: (line: string) => void;
  /** Moves a second a seat may make (a burst of twice as many). */
  movesPerSecond: number;
}

/** The server's context, set once at start (Colyseus creates rooms by name, without arguments). */
let context: RoomContext | null = null;
export function setRoomContext(c: RoomContext): void {
  context = c;
}

/** Limits of a client's messages: size, and a token bucket of moves per second. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
export const DEFAULT_MOVES_PER_SECOND = 8;

interface Seat {
  role: RoleId;
  tokens: number;
  refilled: number;
  /** False while a dropped laptop's seat is held for its reconnection. */
  connected: boolean;
  /** The number of the role's view this connection holds (-1: none; it is sent the whole view). */
  sent: number;
  /** The White Cell's: the hash of the facilitator token it came with (a replaced key sends it away). */
  key?: string;
}

/**
 * Holds a connection's writes until the returned function is called, so that the messages
 * of one move to one connection leave in one write (on loopback, a write costs more than its
 * bytes). It reaches the socket under ws's WebSocket (a field ws does not document, read
 * defensively): a connection without one is written to as it comes.
 */
function cork(c: Client): () => void {
  const socket = (c as unknown as { ref?: { _socket?: { cork?: () => void; uncork?: () => void } } }).ref?._socket;
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return () => undefined;
  socket.cork();
  return () => socket.uncork!();
}

/** A request for the whole view again (a client that missed a patch): nothing to say. */
const ResyncRequest = z.union([z.undefined(), z.null(), z.strictObject({})]);

/** A draft request from NATO's staff: a policy, and the share to scale it to. */
const DraftRequest = z.strictObject({ policy: z.enum(POLICY_NAMES as [PolicyName, ...PolicyName[]]), share: z.number().min(0).max(10).optional() });

/** A zod refusal as one line: where (the field's path, or "body") and what. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/** One row of the seat board the White Cell sees. */
export interface SeatRow {
  role: RoleId;
  holder: string | null;
  connected: boolean;
}

/** What a seat learns of the set-up: who is held and the rules of the room, never the seed or the MSEL. */
export function publicSetup(setup: ExerciseSetup): Omit<ExerciseSetup, 'seed' | 'msel'> {
  const { seed: _seed, msel: _msel, ...rest } = setup;
  return rest;
}

export class ExerciseRoom extends Room {
  override autoDispose = false;
  private stored!: StoredExercise;
  private scenario!: Scenario;
  /** The state after the last move on disk: what every view, export and draft is made from. */
  private exercise!: ExerciseState;
  /** The state after the last move played, on disk or still being written: what the next move is checked against. */
  private tip!: ExerciseState;
  private seatsByClient = new Map<string, Seat>();
  /** Each role's views on the wire, and what is kept of views from one move to the next. */
  private feeds = new Map<RoleId, RoleFeed>();
  private memo = newViewMemo();
  /** Moves applied in this room since it started: a feed built at another count is behind. */
  private moves = 0;

  override onCreate(options: { exerciseId: string }): void {
    if (!context) throw new Error('room context not set');
    const stored = context.store.exercise(options.exerciseId);
    if (!stored) throw new ServerError(404, 'no such exercise');
    const scenario = context.scenarios[stored.setup.scenarioId];
    if (!scenario) throw new ServerError(500, `scenario ${stored.setup.scenarioId} is not on this server`);
    this.roomId = stored.id;
    this.stored = stored;
    this.scenario = scenario;
    const log = context.store.log(stored.id);
    const replayed = replayExercise(scenario, { format: 'coopsec-exercise', version: 1, setup: stored.setup, log });
    if (!replayed.ok) {
      context.log(`exercise ${stored.id}: the stored log stops replaying at seq ${replayed.seq} (${replayed.rejection.reason}); continuing from the moves before it`);
      const good = log.filter((e) => e.seq < replayed.seq);
      const again = replayExercise(scenario, { format: 'coopsec-exercise', version: 1, setup: stored.setup, log: good });
      this.exercise = again.ok ? again.state : createExercise(scenario, stored.setup);
    } else this.exercise = replayed.state;
    this.tip = this.exercise;
    this.setMetadata({ code: stored.code, scenarioId: stored.setup.scenarioId });
    this.onMessage('move', (client, message) => this.onMove(client, message));
    this.onMessage('draft', (client, message) => this.onDraft(client, message));
    this.onMessage('resync', (client, message) => this.onResync(client, message));
    this.onMessage('*', (client, type) => client.send('error', { code: 'bad-message', reason: `unknown message type "${String(type)}"` }));
    // The phase timer is the server's clock: when it runs out, the White Cell's expiry move goes into the log.
    this.clock.setInterval(() => this.checkTimer(), 1000);
    // A console key replaced from the command line (`--console`) sends the old key's consoles away within seconds.
    this.clock.setInterval(() => this.dropReplacedConsoles(), 5000);
  }

  /** Who the client is: the facilitator, a seat, or an observer with the join code. */
  override onAuth(_client: Client, options: { token?: unknown; code?: unknown; passphrase?: unknown }): { role: RoleId; key?: string } {
    const store = context!.store;
    const stored = store.exercise(this.stored.id)!;
    if (stored.closedAt !== null) throw new ServerError(410, 'the facilitator closed this exercise; its record stays on the server');
    if (typeof options?.token === 'string' && options.token.length >= 16 && options.token.length <= 128) {
      const hash = hashToken(options.token);
      if (sameHash(hash, stored.facilitatorHash)) return { role: 'white', key: hash };
      const seat = store.seats(stored.id).find((s) => sameHash(s.tokenHash, hash));
      if (seat) return { role: seat.role };
      throw new ServerError(401, 'this token is not valid for this exercise (a released seat, or a console given a new key)');
    }
    if (typeof options?.code === 'string' && options.code.toUpperCase() === stored.code) {
      if (stored.passphraseHash && (typeof options.passphrase !== 'string' || !sameHash(hashToken(options.passphrase), stored.passphraseHash))) throw new ServerError(403, 'wrong passphrase');
      return { role: 'observer' };
    }
    throw new ServerError(401, 'join with a seat token, or with the join code as an observer');
  }

  override onJoin(client: Client, _options: unknown, auth: { role: RoleId; key?: string }): void {
    this.seatsByClient.set(client.sessionId, { role: auth.role, tokens: 2 * context!.movesPerSecond, refilled: Date.now(), connected: true, sent: -1, ...(auth.key ? { key: auth.key } : {}) });
    const white = auth.role === 'white';
    // A console opened with a new key: one still open with the old key goes.
    if (white) this.dropReplacedConsoles();
    client.send('seat', { role: auth.role, exerciseId: this.stored.id, scenarioId: this.stored.setup.scenarioId, setup: white ? this.exercise.setup : publicSetup(this.exercise.setup) });
    if (white) {
      client.send('scenario', this.scenario);
      client.send('record', recordOf(this.exercise));
      client.send('seats', this.seatBoard());
    } else this.sendViews([auth.role]);
    this.seatsChanged();
  }

  override async onLeave(client: Client, code?: number): Promise<void> {
    // A dropped laptop keeps its seat: Colyseus holds it for a minute; after that the seat token joins afresh.
    const seat = this.seatsByClient.get(client.sessionId);
    // Sent away for good (a released seat, a closed exercise) or gone by its own wish: no seat is held.
    if (code !== 4000 && code !== 1000 && code !== CLOSE_RELEASED && code !== CLOSE_CLOSED && code !== CLOSE_REPLACED && seat) {
      seat.connected = false;
      this.seatsChanged();
      try {
        // The view goes to the connection that came back, not the one that dropped.
        const back = await this.allowReconnection(client, 60);
        const again = this.seatsByClient.get(back.sessionId);
        if (again) {
          again.connected = true;
          again.sent = -1;
          this.catchUp(back, again);
        }
        this.seatsChanged();
        return;
      } catch {
        // The window closed.
      }
    }
    this.seatsByClient.delete(client.sessionId);
    this.seatsChanged();
  }

  /** The White Cell's connections whose facilitator token was replaced are sent away: their key no longer opens the console. */
  private dropReplacedConsoles(): void {
    const consoles = this.clients.filter((c) => this.seatsByClient.get(c.sessionId)?.key !== undefined);
    if (!consoles.length) return;
    const current = context!.store.facilitatorHash(this.stored.id);
    for (const c of consoles) {
      if (current !== undefined && sameHash(this.seatsByClient.get(c.sessionId)!.key!, current)) continue;
      context!.log(`exercise ${this.stored.id}: a console with a replaced key was sent away`);
      c.leave(CLOSE_REPLACED, 'this console\'s key was replaced: the console now opens with a new link');
    }
  }

  /** Who holds which seat and who is connected now. */
  seatBoard(): SeatRow[] {
    const connected = this.connected();
    const holders = context!.store.seats(this.stored.id);
    return Object.entries(this.exercise.setup.seats)
      .filter(([role, seat]) => seat?.held && role !== 'white')
      .map(([role]) => ({ role: role as RoleId, holder: holders.find((h) => h.role === role)?.holder ?? null, connected: connected.includes(role as RoleId) }));
  }

  /** Tells the White Cell's connections the seat board again (a join, a drop, a release, a seat taken). */
  seatsChanged(): void {
    const board = this.seatBoard();
    for (const c of this.clients) if (this.seatsByClient.get(c.sessionId)?.role === 'white') c.send('seats', board);
  }

  /** A token bucket per seat: the refusal when it is empty. */
  private spend(seat: Seat): { code: string; reason: string } | null {
    const now = Date.now();
    const rate = context!.movesPerSecond;
    seat.tokens = Math.min(2 * rate, seat.tokens + ((now - seat.refilled) / 1000) * rate);
    seat.refilled = now;
    if (seat.tokens < 1) return { code: 'rate-limited', reason: `at most ${rate} moves a second` };
    seat.tokens--;
    return null;
  }

  /** A draft request: answered with a `draft` message, carrying the draft or why there is none. */
  private onDraft(client: Client, message: unknown): void {
    const seat = this.seatsByClient.get(client.sessionId);
    if (!seat) return;
    const refuse = (code: string, reason: string) => client.send('draft', { refused: { code, reason } });
    const limited = this.spend(seat);
    if (limited) return refuse(limited.code, limited.reason);
    if (seat.role !== 'nato' && seat.role !== 'white') return refuse('not-your-seat', `only NATO's staff drafts a proposal; this seat plays ${seat.role}`);
    const parsed = DraftRequest.safeParse(message);
    if (!parsed.success) return refuse('bad-move', `draft: ${firstIssue(parsed.error)}`);
    const { policy, share } = parsed.data;
    client.send('draft', { policy, ...(share !== undefined ? { share } : {}), year: this.exercise.game.year, round: this.exercise.turn.proposals.length, decision: natoDraft(this.scenario, this.exercise, policy, share) });
  }

  /** A client that missed a patch asks for its role's whole view. */
  private onResync(client: Client, message: unknown): void {
    const seat = this.seatsByClient.get(client.sessionId);
    if (!seat) return;
    const limited = this.spend(seat);
    if (limited) return client.send('error', limited);
    const parsed = ResyncRequest.safeParse(message);
    if (!parsed.success) return client.send('error', { code: 'bad-message', reason: `resync takes no body (${firstIssue(parsed.error)})` });
    seat.sent = -1;
    this.catchUp(client, seat);
  }

  /** A connection back (or asking again) is brought up to date: the White Cell's with the record, a seat's with its role's whole view. */
  private catchUp(client: Client, seat: Seat): void {
    if (seat.role === 'white') client.send('record', recordOf(this.exercise));
    else this.sendViews([seat.role]);
  }

  /**
   * Brings every connection of these roles up to the role's current view: the patch from
   * the view it holds, or the whole view if it holds another (or none). Roles' views are
   * built together (their common parts once) and only when behind the room's moves.
   */
  private sendViews(roles: RoleId[]): void {
    const behind = roles.filter((r) => (this.feeds.get(r)?.at ?? -1) !== this.moves);
    const updates = behind.length ? this.patches(behind) : new Map<RoleId, { base: number; bytes: Buffer }>();
    const whole = new Map<RoleId, Buffer>();
    for (const c of this.clients) {
      const s = this.seatsByClient.get(c.sessionId);
      if (!s || !roles.includes(s.role)) continue;
      const feed = this.feeds.get(s.role)!;
      if (s.sent === feed.seq) continue;
      const u = updates.get(s.role);
      if (u && s.sent === u.base) c.enqueueRaw(u.bytes);
      else {
        let bytes = whole.get(s.role);
        if (!bytes) whole.set(s.role, (bytes = getMessageBytes.raw(Protocol.ROOM_DATA, 'view', feed.full())));
        c.enqueueRaw(bytes);
      }
      s.sent = feed.seq;
    }
  }

  /**
   * The new views of these roles (behind the room's moves), each as its patch from the role's
   * previous view, encoded; the feeds move on to the new views.
   */
  private patches(behind: RoleId[]): Map<RoleId, { base: number; bytes: Buffer }> {
    const updates = new Map<RoleId, { base: number; bytes: Buffer }>();
    const cache = new MoveCache();
    const views = viewsFor(this.scenario, this.exercise, behind, this.memo);
    // Roles whose patches read the same (most of the tables, at most moves) share one encoded
    // message. Found by comparing with the few patches encoded so far: a map would hash each
    // patch's whole text, which costs more than encoding it (measured).
    const encoded: { patch: string; bytes: Buffer }[] = [];
    behind.forEach((role, i) => {
      let feed = this.feeds.get(role);
      if (!feed) this.feeds.set(role, (feed = new RoleFeed()));
      const u = feed.update(views[i], cache, this.moves);
      let done = encoded.find((e) => e.patch.length === u.patch.length && e.patch === u.patch);
      if (!done) encoded.push((done = { patch: u.patch, bytes: getMessageBytes.raw(Protocol.ROOM_DATA, 'patch', u.patch) }));
      updates.set(role, { base: u.base, bytes: done.bytes });
    });
    return updates;
  }

  private onMove(client: Client, message: unknown): void {
    const seat = this.seatsByClient.get(client.sessionId);
    if (!seat) return;
    const limited = this.spend(seat);
    if (limited) {
      client.send('error', limited);
      return;
    }
    let size = 0;
    try {
      size = JSON.stringify(message ?? null).length;
    } catch {
      size = Infinity;
    }
    if (size > MAX_MESSAGE_BYTES) {
      client.send('error', { code: 'too-large', reason: `a move is at most ${MAX_MESSAGE_BYTES} bytes` });
      return;
    }
    const parsed = parseMove(message);
    if (!parsed.ok) {
      client.send('error', { code: 'bad-move', reason: parsed.reason });
      return;
    }
    const move = parsed.move;
    if (move.role !== seat.role || move.type === 'timer.expire') {
      context!.log(`exercise ${this.stored.id}: ${seat.role} tried to move as ${move.role} (${move.type}); refused`);
      client.send('error', { code: 'not-your-seat', reason: `this seat plays ${seat.role}, not ${move.role}` });
      return;
    }
    this.play(move, client);
  }

  /**
   * Applies a move and hands it to the journal; once it is on disk, tells everyone
   * (`saved`). Moves that arrive before it is written are checked against the state it
   * leaves (`tip`).
   */
  private play(move: Parameters<typeof applyMove>[2], client?: Client): void {
    const result = applyMove(this.scenario, this.tip, move, Date.now());
    if (!result.ok) {
      client?.send('error', { code: result.code, reason: result.reason, ...(result.detail ? { detail: result.detail } : {}), ...(result.params ? { params: result.params } : {}) });
      return;
    }
    // What the move left as it was stays the state before's own objects: views built from it are kept at a glance.
    const state = shareUnchanged(this.tip, result.state);
    this.tip = state;
    context!.journal.add(this.stored.id, result.entry, (error) => {
      if (!error) return this.saved(state, result.entry, client);
      // A move not on disk is not played (a full disk, a database another program locked): nobody is told it happened.
      this.tip = this.exercise;
      context!.log(`exercise ${this.stored.id}: ${move.role}'s ${move.type} (seq ${result.entry.seq}) could not be saved, so it was not played: ${error.message}`);
      client?.send('error', { code: 'not-saved', reason: 'the server could not save this move, so it was not played; the facilitator can read why in the server window' });
    });
  }

  /** A move is on disk: it is acknowledged, and every connection is brought up to the state it leaves. */
  private saved(state: ExerciseState, entry: LogEntry, client?: Client): void {
    this.exercise = state;
    this.moves++;
    if (state.finished) {
      try {
        context!.store.markFinished(this.stored.id);
      } catch (error) {
        // The last move is saved: a restarted server replays the log to the same end.
        context!.log(`exercise ${this.stored.id}: its end could not be noted in the database: ${(error as Error).message}`);
      }
    }
    // A connection's messages of this move (an acknowledgement, a log entry, a patch) leave in one write.
    const release = this.clients.map(cork);
    try {
      client?.send('ack', { seq: entry.seq });
      const roles = new Set<RoleId>();
      let bytes: Buffer | null = null;
      for (const c of this.clients) {
        const s = this.seatsByClient.get(c.sessionId);
        if (!s) continue;
        if (s.role === 'white') c.enqueueRaw((bytes ??= getMessageBytes.raw(Protocol.ROOM_DATA, 'entry', entry)));
        else roles.add(s.role);
      }
      // One view per role, however many connections hold it (a projector and a second screen).
      if (roles.size) this.sendViews([...roles]);
    } finally {
      for (const uncork of release) uncork();
    }
  }

  private checkTimer(): void {
    const t = this.tip.timer;
    if (!t || t.startedAt === undefined || this.tip.paused || this.tip.finished) return;
    if (Date.now() >= t.startedAt + (t.seconds + t.extra) * 1000) this.play({ role: 'white', type: 'timer.expire' });
  }

  /** The record, for the facilitator's downloads (called through the matchmaker from any process). */
  record(): ReturnType<typeof recordOf> {
    return recordOf(this.exercise);
  }

  /** Which roles are connected now, for the seat board. */
  connected(): RoleId[] {
    return [...new Set([...this.seatsByClient.values()].filter((s) => s.connected).map((s) => s.role))];
  }

  /** A released seat's clients are sent away: their token no longer opens the room. */
  releaseSeat(role: RoleId): void {
    for (const c of this.clients) if (this.seatsByClient.get(c.sessionId)?.role === role) c.leave(CLOSE_RELEASED, 'the facilitator released this seat');
    this.seatsChanged();
  }

  /** The exercise is closed (its row says so already): every connection is sent away for good and the room goes. */
  async closeExercise(): Promise<void> {
    await this.disconnect(CLOSE_CLOSED);
  }
}
