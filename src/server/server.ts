/**
 * The classroom server (docs/facilitator-guide-network.md): one Node HTTP server that
 * serves the built game, a small JSON API for the facilitator and the syndicates (create an
 * exercise, join a seat, release one, the seat board, downloads), and the Colyseus rooms
 * over WebSockets on the same port. Exercises live in SQLite; with Redis, several processes
 * share presence and the room directory, so any process can create or route to any room.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { Server, matchMaker, type Presence } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { WebSocket as WsSocket } from 'ws';
import { z } from 'zod';
import { validateScenario, type Scenario } from '../core/scenario';
import { POLICY_NAMES, type PolicyName } from '../core/policies';
import { defaultSetup, replayExercise } from '../exercise/engine';
import { isScenarioRole, scenarioRoles } from '../exercise/roles';
import { RULES_VERSION } from '../core/rules';
import { buildAar, aarCsv } from '../exercise/aar';
import { aarHtml } from '../exercise/aarHtml';
import { RoleIdSchema } from '../exercise/moves';
import { PHASES, type ExerciseRecord, type ExerciseSetup, type RoleId } from '../exercise/types';
import { parseMsel } from '../exercise/plan';
import { parseRecord } from '../exercise/moves';
import { compare, compareHtml } from '../exercise/compare';
import type { Inject } from '../core/scenario';
import { DEFAULT_MOVES_PER_SECOND, ExerciseRoom, firstIssue, MAX_MESSAGE_BYTES, setRoomContext, type RoomContext } from './room';
import { ExerciseStore, hashToken, sameHash } from './store';
import { GroupCommit } from './journal';

// Colyseus 0.18 checks a reconnecting client against the global `WebSocket.OPEN`, which Node 20
// lacks: without it every Colyseus reconnection fails with a ReferenceError and the seat has to
// fall back to a fresh join by token. The transport's own `ws` class has the same constants.
if (!('WebSocket' in globalThis)) {
  (globalThis as { WebSocket?: unknown }).WebSocket = WsSocket;
}

export interface ClassroomOptions {
  port: number;
  host: string;
  db: string;
  scenarios: Record<string, Scenario>;
  /** The built game to serve, if any. */
  dist?: string;
  presence?: Presence;
  driver?: matchMaker.MatchMakerDriver;
  /** This process's address as clients reach it, for rooms other processes route to (with Redis). */
  publicAddress?: string;
  /**
   * Where the class reaches this server (with `--lan`, its LAN address, e.g. `http://192.168.1.20:2567`):
   * a console opened on the server's own computer hands out join links at this address, not at 127.0.0.1.
   */
  classAddress?: string;
  /** Moves a second each seat may make (8 by default; a burst of twice as many). */
  movesPerSecond?: number;
  /** Exercises one address may create in a minute (60 by default): a script on the network cannot fill the server. */
  exercisesPerMinute?: number;
  /** Open exercises (rooms in memory) beyond which none is created (200 by default). */
  maxOpenExercises?: number;
  /** Days without a move after which an open exercise is closed, at start and every hour (14 by default; 0: never). */
  closeIdleDays?: number;
  log?: (line: string) => void;
}

/** Join codes: six characters without the ones people misread (0/O, 1/I/L, 2/Z, 5/S, 8/B). */
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A seat or facilitator token: 144 bits from the system's generator. */
export const newToken = () => randomBytes(18).toString('base64url');

const CreateBody = z.strictObject({
  scenario: z.string().max(80),
  seed: z.number().int().min(-2147483648).max(2147483647).optional(),
  held: z.array(RoleIdSchema).max(20).default([]),
  policy: z.enum(POLICY_NAMES as [PolicyName, ...PolicyName[]]).optional(),
  consensus: z.enum(['vote', 'abstract']).optional(),
  rounds: z.number().int().min(1).max(5).optional(),
  deadlock: z.enum(['statusQuo', 'white']).optional(),
  lang: z.enum(['en', 'fr']).optional(),
  passphrase: z.string().min(4).max(100).optional(),
  allowMultipleSeats: z.boolean().optional(),
  /** The facilitator's own MSEL file (as `npm run exercise -- --msel` reads it), checked against the scenario. */
  msel: z.unknown().optional(),
  /** A facilitator's own scenario file (a new era written with `npm run scenario:new`): checked, kept, and played. */
  scenarioFile: z.unknown().optional(),
  /** Seconds per phase. */
  timers: z.partialRecord(z.enum(PHASES), z.number().int().min(0).max(4 * 3600)).optional(),
});

/** A create request may carry a whole MSEL file; every other request is small. */
const MAX_CREATE_BYTES = 512 * 1024;

const JoinBody = z.strictObject({
  code: z.string().min(6).max(6),
  role: RoleIdSchema.optional(),
  /** A name or device id for the seat board; one holder, one seat unless the facilitator allows more. */
  holder: z.string().min(1).max(60),
  passphrase: z.string().max(100).optional(),
});

const LookupBody = z.strictObject({ code: z.string().min(6).max(6), passphrase: z.string().max(100).optional() });

const CompareBody = z.strictObject({
  exercises: z.array(z.strictObject({ id: z.string().max(40), token: z.string().max(128), label: z.string().min(1).max(60).optional() })).max(12).default([]),
  records: z.array(z.strictObject({ label: z.string().min(1).max(60), record: z.unknown() })).max(12).default([]),
  lang: z.enum(['en', 'fr']).default('en'),
});

/** A comparison may carry several whole exercise files. */
const MAX_COMPARE_BYTES = 8 * 1024 * 1024;

const ReleaseBody = z.strictObject({ token: z.string().max(128), role: RoleIdSchema });

/** The answer to a join or a lookup of a closed exercise. */
const CLOSED = { error: 'the facilitator closed this exercise', code: 'exercise-closed' };

/** What participants may read of a scenario file: without the Allies' briefs, hidden weights, the MSEL or the bluff rate. */
export function publicScenario(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data, injects: [] };
  if (Array.isArray(data.allies)) out.allies = data.allies.map((a: Record<string, unknown>) => ({ ...a, priorities: undefined }));
  if (Array.isArray(data.partners)) out.partners = data.partners.map((p: Record<string, unknown>) => ({ ...p, strategicWeight: 0.5 }));
  if (data.competitors && typeof data.competitors === 'object') out.competitors = { ...(data.competitors as object), bluff: 0 };
  return out;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ogg': 'audio/ogg', '.mp3': 'audio/mpeg', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.webp': 'image/webp' };

/** Failed join attempts per address and minute before joins are refused (codes cannot be tried cheaply). */
const JOIN_ATTEMPTS = 20;

/** Exercises one address may create in a minute, by default: a college's syndicates and campaigns, many times over. */
const EXERCISES_PER_MINUTE = 60;

const MINUTE_MS = 60_000;

/**
 * Open exercises a server holds by default: each keeps its state and its views in memory
 * (about 2 MB on the load benchmark), so 200 stay well under half a gigabyte, and a college
 * runs a few dozen at once.
 */
const MAX_OPEN_EXERCISES = 200;

/** Days without a move after which an exercise is closed by default: a course's week, twice. */
const CLOSE_IDLE_DAYS = 14;
const DAY_MS = 24 * 3600_000;

/** How many times each address did something in its current minute (failed joins, exercises created). */
class PerMinute {
  private counts = new Map<string, { count: number; since: number }>();
  constructor(private limit: number) {}

  /** Whether this address has reached the limit in its current minute. */
  full(req: IncomingMessage): boolean {
    const a = this.counts.get(req.socket.remoteAddress ?? '?');
    return !!a && Date.now() - a.since <= MINUTE_MS && a.count >= this.limit;
  }

  add(req: IncomingMessage): void {
    const key = req.socket.remoteAddress ?? '?';
    const now = Date.now();
    // Addresses whose minute is over are forgotten now and then: the map stays as small as the class.
    if (this.counts.size > 1000) for (const [k, v] of this.counts) if (now - v.since > MINUTE_MS) this.counts.delete(k);
    const a = this.counts.get(key);
    if (!a || now - a.since > MINUTE_MS) this.counts.set(key, { count: 1, since: now });
    else a.count++;
  }
}

/**
 * Colyseus's own log lines, as the server's other lines: errors and warnings on one line
 * each, without a stack trace (a facilitator reads them, not a debugger; `DEBUG=colyseus:*`
 * still prints Colyseus's whole errors), the same line at most once a minute, and nothing
 * of its chatter. A listening error is
 * left to `start`, which says what to do about it.
 */
function colyseusLogger(log: (line: string) => void) {
  const line = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a)).split('\n')[0]).join(' ').trim();
  // A line said again within a minute (a lost connection's every retry) is said once.
  const lastSaid = new Map<string, number>();
  const said = (...args: unknown[]) => {
    const text = line(args);
    if (!text || /^Error: listen E[A-Z]+/.test(text)) return;
    const now = Date.now();
    if (now - (lastSaid.get(text) ?? -Infinity) < 60_000) return;
    if (lastSaid.size > 1000) lastSaid.clear();
    lastSaid.set(text, now);
    log(`colyseus: ${text}`);
  };
  const quiet = () => undefined;
  return { error: said, warn: said, info: quiet, debug: quiet, trace: quiet };
}

/** An exercise's seats: the roles in `held` and the White Cell held by people, the rest by the engine (NATO's with `policy`, if given). */
function seatsOf(scenario: Scenario, held: readonly string[], policy?: PolicyName) {
  return Object.fromEntries(scenarioRoles(scenario).filter((r) => r !== 'observer').map((r) => [r, { held: held.includes(r) || r === 'white', ...(r === 'nato' && policy ? { policy } : {}) }]));
}

export class ClassroomServer {
  readonly store: ExerciseStore;
  private journal: GroupCommit;
  private http: HttpServer;
  private game: Server;
  /** Failed join attempts per address: only failures count, as a whole class behind one school router joins from one address. */
  private failedJoins = new PerMinute(JOIN_ATTEMPTS);
  private creations: PerMinute;
  /** Facilitators' own scenarios on this server: id → the JSON text they were added with. */
  private custom = new Map<string, string>();
  private log: (line: string) => void;
  private idleTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private options: ClassroomOptions) {
    this.log = options.log ?? ((line) => console.log(line));
    this.creations = new PerMinute(options.exercisesPerMinute ?? EXERCISES_PER_MINUTE);
    this.store = new ExerciseStore(options.db);
    // Facilitators' own scenarios come back with the database (the options' own map is not changed).
    this.options = { ...options, scenarios: { ...options.scenarios } };
    for (const kept of this.store.scenarios()) {
      const checked = validateScenario(JSON.parse(kept.data));
      if (checked.ok && !(kept.id in options.scenarios)) {
        this.options.scenarios[kept.id] = checked.scenario;
        this.custom.set(kept.id, kept.data);
      }
    }
    // The store is looked up at each write, as tests stand a failing one in.
    this.journal = new GroupCommit((rows) => this.store.appendMoves(rows), this.log);
    const ctx: RoomContext = { store: this.store, journal: this.journal, scenarios: this.options.scenarios, log: this.log, movesPerSecond: options.movesPerSecond ?? DEFAULT_MOVES_PER_SECOND };
    setRoomContext(ctx);
    this.http = createServer();
    this.game = new Server({
      transport: new WebSocketTransport({ server: this.http, maxPayload: MAX_MESSAGE_BYTES }),
      greet: false,
      logger: colyseusLogger(this.log),
      // The process's signals are the command's to handle (src/server/main.ts): it shuts Colyseus down and closes the database, once.
      gracefullyShutdown: false,
      ...(options.presence ? { presence: options.presence } : {}),
      ...(options.driver ? { driver: options.driver } : {}),
      ...(options.publicAddress ? { publicAddress: options.publicAddress } : {}),
    });
    this.game.define('exercise', ExerciseRoom);
  }

  /** Starts listening, closes the exercises idle too long, then brings back every open one whose room no process holds. */
  async start(): Promise<void> {
    // Colyseus logs a listening error and waits for ever; a facilitator needs to be told.
    await new Promise<void>((resolve, reject) => {
      const refused = (error: NodeJS.ErrnoException) =>
        reject(new Error(error.code === 'EADDRINUSE' ? `port ${this.options.port} on ${this.options.host} is in use (is another classroom server running?); choose another with --port` : error.message));
      this.http.once('error', refused);
      this.game.listen(this.options.port, this.options.host).then(() => {
        this.http.off('error', refused);
        resolve();
      }, reject);
    });
    // Colyseus answers its matchmaking routes (and 404s the rest); the API and the game are ours.
    const colyseus = this.http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    this.http.removeAllListeners('request');
    this.http.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path.startsWith('/matchmake') || path === '/__healthcheck') {
        for (const listener of colyseus) listener(req, res);
        return;
      }
      this.handle(req, res).catch((error) => {
        this.log(`request ${req.method} ${req.url} failed: ${(error as Error).message}`);
        if (!res.headersSent) this.json(res, 500, { error: 'the server could not answer this request', code: 'server-error' });
      });
    });
    this.closeIdle();
    for (const e of this.store.open()) await this.ensureRoom(e.id);
    if ((this.options.closeIdleDays ?? CLOSE_IDLE_DAYS) > 0) (this.idleTimer = setInterval(() => this.closeIdle(), 3600_000)).unref();
  }

  /**
   * The demo exercise a `--lan` start offers the class: the one an earlier start offered, if
   * nobody has used it since (no seat taken, no move), with a new console key (its token is
   * kept only as a hash, so the old link cannot be printed again, and stops opening the
   * console); otherwise a new one, held by NATO's seat, in the first scenario. So restarting
   * the server does not pile up open exercises that count against its limit. A demo whose
   * room another running process holds (several processes with Redis) is left as it is (no
   * token: its console's link is the one that process printed).
   */
  async demoExercise(scenarioId: string): Promise<{ exerciseId: string; code: string; facilitatorToken: string | null; again: boolean }> {
    const unused = this.store.unusedDemo();
    // Held by another running process (--redis), which printed its console's link: that link stays good.
    const holder = unused ? (await matchMaker.query({ roomId: unused.id }))[0]?.processId : undefined;
    if (unused && holder !== undefined && holder !== matchMaker.processId) return { exerciseId: unused.id, code: unused.code, facilitatorToken: null, again: true };
    if (unused) {
      const facilitatorToken = newToken();
      this.store.replaceFacilitator(unused.id, hashToken(facilitatorToken));
      await this.ensureRoom(unused.id);
      return { exerciseId: unused.id, code: unused.code, facilitatorToken, again: true };
    }
    if (this.store.openCount() >= (this.options.maxOpenExercises ?? MAX_OPEN_EXERCISES)) throw new Error('the server is at its limit of open exercises');
    const scenario = this.options.scenarios[scenarioId];
    if (!scenario) throw new Error(`unknown scenario "${scenarioId}"`);
    const created = await this.newExercise(defaultSetup(scenario, { seed: randomInt(1, 1_000_000), seats: seatsOf(scenario, ['nato']), lang: 'en' }), { demo: true });
    return { exerciseId: created.id, code: created.code, facilitatorToken: created.facilitatorToken, again: false };
  }

  /** Stores a new exercise with a fresh join code and facilitator token, and opens its room. */
  private async newExercise(setup: ExerciseSetup, options: { passphrase?: string; allowMultipleSeats?: boolean; demo?: boolean }): Promise<{ id: string; code: string; facilitatorToken: string }> {
    const facilitatorToken = newToken();
    let code = newJoinCode();
    while (this.store.exerciseByCode(code)) code = newJoinCode();
    const id = `ex-${randomBytes(8).toString('hex')}`;
    this.store.createExercise({ id, code, setup, facilitatorHash: hashToken(facilitatorToken), passphraseHash: options.passphrase ? hashToken(options.passphrase) : null, allowMultipleSeats: !!options.allowMultipleSeats, finished: false, createdAt: Date.now(), closedAt: null, ...(options.demo ? { demo: true } : {}) });
    await this.ensureRoom(id);
    this.log(`exercise ${id} created${options.demo ? ' (the demo)' : ''}: ${setup.scenarioId}, join code ${code}`);
    return { id, code, facilitatorToken };
  }

  /**
   * Closes the exercises without a move for the set number of days (none when it is 0): an
   * exercise abandoned half-way, whose facilitator token is lost, would otherwise be loaded
   * at every start and count against the server's limit for ever.
   */
  private closeIdle(): void {
    const days = this.options.closeIdleDays ?? CLOSE_IDLE_DAYS;
    if (days <= 0) return;
    for (const e of this.store.idleSince(Date.now() - days * DAY_MS)) {
      void this.close(e.id);
      this.log(`exercise ${e.id} (join code ${e.code}) closed: no move for ${days} days; its record stays downloadable`);
    }
  }

  /** Closes an exercise and sends its connections away, wherever its room is. */
  private async close(id: string): Promise<boolean> {
    const closed = this.store.closeExercise(id);
    await matchMaker.remoteRoomCall(id, 'closeExercise').catch(() => undefined);
    return closed;
  }

  async stop(): Promise<void> {
    clearInterval(this.idleTimer);
    // Moves played in the last moment are written and told while their seats are connected, and any after, before the database closes.
    this.journal.flush();
    await this.game.gracefullyShutdown(false);
    this.journal.flush();
    this.store.close();
  }

  address(): { port: number } {
    const a = this.http.address();
    return { port: typeof a === 'object' && a ? a.port : this.options.port };
  }

  private async ensureRoom(id: string): Promise<void> {
    const found = await matchMaker.query({ roomId: id });
    if (!found.length) await matchMaker.createRoom('exercise', { exerciseId: id });
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }

  /**
   * A stored exercise's record, as its console's download writes it: the log the server
   * replays under this build's rules (it rebuilt the room by that replay), so the record
   * names them and the report does not warn of another version.
   */
  private recordOf(stored: { setup: ExerciseSetup; id: string }): ExerciseRecord {
    return { format: 'coopsec-exercise', version: 1, rules: RULES_VERSION, setup: stored.setup, log: this.store.log(stored.id) };
  }

  private async body(req: IncomingMessage, max = MAX_MESSAGE_BYTES): Promise<unknown> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > max) throw Object.assign(new Error('too large'), { status: 413, max });
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    } catch {
      throw Object.assign(new Error('not JSON'), { status: 400 });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      try {
        await this.api(req, res, url);
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status) this.json(res, status, { error: status === 413 ? `a request is at most ${(error as { max?: number }).max ?? MAX_MESSAGE_BYTES} bytes` : 'the request body is not JSON' });
        else throw error;
      }
      return;
    }
    this.serveStatic(url.pathname, res);
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && parts[0] === 'api' && parts[1] === 'scenarios' && parts[2] && !parts[3]) {
      // The public part of a scenario (a facilitator's own: the page's build does not have it).
      const scenario = this.options.scenarios[decodeURIComponent(parts[2])];
      if (!scenario) return this.json(res, 404, { error: `no scenario "${parts[2]}" on this server`, code: 'unknown-scenario', params: { id: decodeURIComponent(parts[2]) } });
      return this.json(res, 200, publicScenario(JSON.parse(JSON.stringify(scenario)) as Record<string, unknown>));
    }
    if (req.method === 'GET' && url.pathname === '/api/scenarios') {
      this.json(res, 200, Object.values(this.options.scenarios).map((s) => ({ id: s.id, era: s.era, title: s.title, start: s.start, end: s.end, roles: scenarioRoles(s) })));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/exercises') {
      if (this.creations.full(req)) return this.json(res, 429, { error: 'too many exercises created from this address; wait a minute', code: 'too-many-exercises' });
      const max = this.options.maxOpenExercises ?? MAX_OPEN_EXERCISES;
      if (this.store.openCount() >= max) return this.json(res, 503, { error: `this server is at its limit of open exercises (${max}); close finished ones from their consoles, or start the server with a higher --max-exercises`, code: 'server-full', params: { max: String(max) } });
      const parsed = CreateBody.safeParse(await this.body(req, MAX_CREATE_BYTES));
      if (!parsed.success) return this.json(res, 400, { error: firstIssue(parsed.error) });
      const b = parsed.data;
      if (b.scenarioFile !== undefined) {
        const added = this.addScenario(b.scenarioFile);
        if (!added.ok) return this.json(res, added.status, { error: added.error, ...(added.code ? { code: added.code, params: { id: added.id } } : {}), ...(added.problems ? { problems: added.problems } : {}) });
        if (added.id !== b.scenario) return this.json(res, 400, { error: `scenario: the file's id is "${added.id}", not "${b.scenario}"` });
      }
      const scenario = this.options.scenarios[b.scenario];
      if (!scenario) return this.json(res, 404, { error: `unknown scenario "${b.scenario}"; scenarios: ${Object.keys(this.options.scenarios).join(', ')}`, code: 'unknown-scenario', params: { id: b.scenario } });
      const bad = b.held.find((r) => !isScenarioRole(scenario, r) || r === 'observer');
      if (bad) return this.json(res, 400, { error: `held: no role "${bad}" in ${scenario.id}` });
      let msel: Inject[] | undefined;
      if (b.msel !== undefined) {
        const checked = parseMsel(scenario, b.msel);
        if (!checked.ok) return this.json(res, 400, { error: `msel: ${checked.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems: checked.problems.slice(0, 50) });
        msel = checked.value;
      }
      const setup = defaultSetup(scenario, { seed: b.seed ?? randomInt(1, 1_000_000), seats: seatsOf(scenario, b.held, b.policy), ...(b.consensus ? { consensus: b.consensus } : {}), ...(b.rounds ? { rounds: b.rounds } : {}), ...(b.deadlock ? { deadlock: b.deadlock } : {}), ...(msel ? { msel } : {}), ...(b.timers && Object.keys(b.timers).length ? { timers: b.timers } : {}), lang: b.lang ?? 'en' });
      const { id, code, facilitatorToken } = await this.newExercise(setup, { passphrase: b.passphrase, allowMultipleSeats: !!b.allowMultipleSeats });
      this.creations.add(req);
      return this.json(res, 201, { exerciseId: id, code, facilitatorToken, roles: scenarioRoles(scenario).filter((r) => setup.seats[r]?.held && r !== 'white') });
    }
    if (req.method === 'POST' && url.pathname === '/api/compare') {
      return this.compareApi(req, res);
    }
    if (req.method === 'POST' && url.pathname === '/api/lookup') {
      // The join page's first step: which exercise a code opens and which seats are free.
      if (this.failedJoins.full(req)) return this.json(res, 429, { error: 'too many join attempts from this address; wait a minute', code: 'too-many-attempts' });
      const parsed = LookupBody.safeParse(await this.body(req));
      if (!parsed.success) return this.json(res, 400, { error: firstIssue(parsed.error) });
      const stored = this.store.exerciseByCode(parsed.data.code.toUpperCase());
      if (!stored) {
        this.failedJoins.add(req);
        return this.json(res, 404, { error: 'no exercise has this join code', code: 'unknown-code' });
      }
      if (stored.closedAt !== null) return this.json(res, 410, CLOSED);
      if (stored.passphraseHash && parsed.data.passphrase !== undefined && !sameHash(hashToken(parsed.data.passphrase), stored.passphraseHash)) {
        this.failedJoins.add(req);
        return this.json(res, 403, { error: 'wrong passphrase', code: 'wrong-passphrase' });
      }
      const scenario = this.options.scenarios[stored.setup.scenarioId];
      const taken = this.store.seats(stored.id);
      const open = !stored.passphraseHash || parsed.data.passphrase !== undefined;
      return this.json(res, 200, {
        exerciseId: stored.id,
        scenarioId: stored.setup.scenarioId,
        passphrase: !!stored.passphraseHash,
        finished: stored.finished,
        // Behind a passphrase, the seats are listed only to someone who knows it.
        seats: open ? scenarioRoles(scenario).filter((r) => r !== 'white' && r !== 'observer' && stored.setup.seats[r]?.held).map((role) => ({ role, free: !taken.some((t) => t.role === role) })) : [],
      });
    }
    if (req.method === 'POST' && url.pathname === '/api/join') {
      if (this.failedJoins.full(req)) return this.json(res, 429, { error: 'too many join attempts from this address; wait a minute', code: 'too-many-attempts' });
      const parsed = JoinBody.safeParse(await this.body(req));
      if (!parsed.success) return this.json(res, 400, { error: firstIssue(parsed.error) });
      const b = parsed.data;
      const stored = this.store.exerciseByCode(b.code.toUpperCase());
      if (!stored) {
        this.failedJoins.add(req);
        return this.json(res, 404, { error: 'no exercise has this join code', code: 'unknown-code' });
      }
      if (stored.closedAt !== null) return this.json(res, 410, CLOSED);
      if (stored.passphraseHash && (!b.passphrase || !sameHash(hashToken(b.passphrase), stored.passphraseHash))) {
        this.failedJoins.add(req);
        return this.json(res, 403, { error: 'wrong passphrase', code: 'wrong-passphrase' });
      }
      const taken = this.store.seats(stored.id);
      const free = scenarioRoles(this.options.scenarios[stored.setup.scenarioId]).filter((r) => r !== 'white' && r !== 'observer' && stored.setup.seats[r]?.held && !taken.some((s) => s.role === r));
      if (!stored.allowMultipleSeats && taken.some((s) => s.holder === b.holder)) return this.json(res, 409, { error: `${b.holder} holds a seat already; the facilitator can allow one person several seats`, code: 'holder-has-seat', params: { holder: b.holder } });
      const role = (b.role ?? free[0]) as RoleId | undefined;
      if (!role) return this.json(res, 409, { error: 'every seat is taken', code: 'no-free-seat' });
      if (!free.includes(role)) return this.json(res, 409, { error: `${role} is not a free seat; free: ${free.join(', ') || 'none'}`, code: 'seat-not-free', params: { role } });
      const seatToken = newToken();
      if (!this.store.takeSeat(stored.id, { role, tokenHash: hashToken(seatToken), holder: b.holder })) return this.json(res, 409, { error: `${role} was just taken`, code: 'seat-not-free', params: { role } });
      this.log(`exercise ${stored.id}: ${b.holder} took ${role}`);
      await matchMaker.remoteRoomCall(stored.id, 'seatsChanged').catch(() => undefined);
      return this.json(res, 201, { exerciseId: stored.id, role, seatToken });
    }
    if (parts[0] === 'api' && parts[1] === 'exercises' && parts[2]) {
      const stored = this.store.exercise(parts[2]);
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token') ?? '';
      if (!stored || !sameHash(hashToken(token), stored.facilitatorHash)) return this.json(res, 403, { error: 'the facilitator token is needed for this', code: 'facilitator-token' });
      const action = parts[3];
      if (req.method === 'POST' && action === 'release') {
        const parsed = ReleaseBody.safeParse({ token, ...((await this.body(req)) as object) });
        if (!parsed.success) return this.json(res, 400, { error: 'release needs { role }' });
        const released = this.store.releaseSeat(stored.id, parsed.data.role as RoleId);
        await matchMaker.remoteRoomCall(stored.id, 'releaseSeat', [parsed.data.role]).catch(() => undefined);
        return this.json(res, released ? 200 : 404, released ? { released: parsed.data.role } : { error: `${parsed.data.role} has no holder`, code: 'no-holder', params: { role: parsed.data.role } });
      }
      if (req.method === 'POST' && action === 'close') {
        const closed = await this.close(stored.id);
        if (closed) this.log(`exercise ${stored.id} (join code ${stored.code}) closed by its facilitator`);
        return this.json(res, 200, { closed: true });
      }
      if (req.method === 'GET' && action === 'seats') {
        const connected = ((await matchMaker.remoteRoomCall(stored.id, 'connected').catch(() => [])) ?? []) as RoleId[];
        const scenario = this.options.scenarios[stored.setup.scenarioId];
        return this.json(res, 200, { code: stored.code, seats: scenarioRoles(scenario).filter((r) => stored.setup.seats[r]?.held).map((role) => ({ role, holder: this.store.seats(stored.id).find((s) => s.role === role)?.holder ?? null, connected: connected.includes(role) })) });
      }
      if (req.method === 'GET' && action === 'export') {
        const record = this.recordOf(stored);
        const file = url.searchParams.get('file') ?? 'exercise.json';
        const scenario = this.options.scenarios[stored.setup.scenarioId];
        if (file === 'exercise.json') return this.download(res, file, 'application/json', JSON.stringify(record, null, 1));
        if (!replayExercise(scenario, record).ok) return this.json(res, 500, { error: 'the stored log does not replay' });
        const aar = buildAar(scenario, record, { lang: stored.setup.lang, seeds: 100 });
        if (file === 'aar.json') return this.download(res, file, 'application/json', JSON.stringify(aar, null, 2));
        if (file === 'aar.csv') return this.download(res, file, 'text/csv; charset=utf-8', aarCsv(aar));
        if (file === 'aar.html') return this.download(res, file, 'text/html; charset=utf-8', aarHtml(aar, stored.setup.lang));
        return this.json(res, 404, { error: 'file is exercise.json, aar.json, aar.csv or aar.html' });
      }
    }
    this.json(res, 404, { error: 'no such API' });
  }

  /**
   * Takes a facilitator's own scenario: checked as `npm run scenario:check` checks one,
   * refused when it would replace a shipped era or another facilitator's different file of
   * the same id (exercises running on it would change under their players), kept in the
   * database so that its exercises come back after a restart.
   */
  private addScenario(data: unknown): { ok: true; id: string } | { ok: false; status: number; error: string; code?: 'scenario-shipped' | 'scenario-id-taken'; id?: string; problems?: { path: string; message: string }[] } {
    const checked = validateScenario(data);
    if (!checked.ok) return { ok: false, status: 400, error: `scenarioFile: ${checked.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems: checked.problems.slice(0, 50).map((p) => ({ path: p.path, message: p.message })) };
    const scenario = checked.scenario;
    const text = JSON.stringify(data);
    const known = this.options.scenarios[scenario.id];
    if (known && !this.custom.has(scenario.id)) return { ok: false, status: 409, error: `scenarioFile: "${scenario.id}" is a shipped era's id; give your era its own (npm run scenario:new -- --from ${scenario.id} --id <new id>)`, code: 'scenario-shipped', id: scenario.id };
    if (known && this.custom.get(scenario.id) !== text) return { ok: false, status: 409, error: `scenarioFile: another scenario "${scenario.id}" is on this server already; give yours its own id`, code: 'scenario-id-taken', id: scenario.id };
    if (!known) {
      this.options.scenarios[scenario.id] = scenario;
      this.custom.set(scenario.id, text);
      this.store.saveScenario(scenario.id, text);
      this.log(`scenario ${scenario.id} added by a facilitator`);
    }
    return { ok: true, id: scenario.id };
  }

  /**
   * The plenary's comparison of several exercises of one scenario and seed: exercises on this
   * server (each with its facilitator token) and exercise files a facilitator brought (with
   * any facilitator token of this server: the comparison replays them on the whole scenario,
   * which only facilitators may learn from).
   */
  private async compareApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = CompareBody.safeParse(await this.body(req, MAX_COMPARE_BYTES));
    if (!parsed.success) return this.json(res, 400, { error: firstIssue(parsed.error) });
    const b = parsed.data;
    const records: ExerciseRecord[] = [];
    const labels: string[] = [];
    for (const [i, e] of b.exercises.entries()) {
      const stored = this.store.exercise(e.id);
      // An exercise this server no longer has (its database was replaced) is named as such: no token would help.
      if (!stored) return this.json(res, 404, { error: `exercises[${i}]: no exercise ${e.id} on this server`, code: 'exercise-gone', params: { label: e.label ?? e.id } });
      if (!sameHash(hashToken(e.token), stored.facilitatorHash)) return this.json(res, 403, { error: `exercises[${i}]: the facilitator token of ${e.id} is needed`, code: 'facilitator-token' });
      records.push(this.recordOf(stored));
      labels.push(e.label ?? stored.code);
    }
    if (b.records.length) {
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!token || !this.store.anyFacilitator(hashToken(token))) return this.json(res, 403, { error: 'comparing exercise files needs a facilitator token of this server', code: 'facilitator-token' });
      for (const [i, r] of b.records.entries()) {
        const checked = parseRecord(r.record);
        if (!checked.ok) return this.json(res, 400, { error: `records[${i}] (${r.label}): ${b.lang === 'fr' ? checked.fr : checked.reason}` });
        records.push(checked.record);
        labels.push(r.label);
      }
    }
    const scenario = records[0] ? this.options.scenarios[records[0].setup.scenarioId] : undefined;
    if (!scenario) return this.json(res, 400, { error: records[0] ? `unknown scenario "${records[0].setup.scenarioId}"` : 'nothing to compare' });
    const result = compare(scenario, records, b.lang, labels);
    // The reason is in the request's language already.
    if (!result.ok) return this.json(res, 400, { error: result.reason, code: 'not-comparable', params: { reason: result.reason } });
    return this.json(res, 200, { comparison: result.comparison, html: compareHtml(result.comparison, b.lang) });
  }

  private download(res: ServerResponse, name: string, type: string, body: string): void {
    res.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' });
    res.end(body);
  }

  /** The built game; scenario files with their secrets stripped. */
  private serveStatic(pathname: string, res: ServerResponse): void {
    const root = this.options.dist;
    if (!root || !existsSync(root)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The game is not built on this server (npm run classroom builds it).');
      return;
    }
    const file = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(resolve(root)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    let body: Buffer | string = readFileSync(file);
    // The page says it comes from a classroom server, so the game offers the classroom without probing for one.
    // With the address the class reaches it at, for a console opened on this computer.
    if (file === resolve(root, 'index.html')) body = body.toString('utf8').replace('<head>', `<head><meta name="coopsec-classroom" content="1"${this.options.classAddress ? ` data-class-address="${encodeURI(this.options.classAddress)}"` : ''}>`);
    if (extname(file) === '.json' && /era[^/]*\.json$/.test(file)) {
      try {
        body = JSON.stringify(publicScenario(JSON.parse(body.toString('utf8'))));
      } catch {
        // A file that is not JSON goes out as it is: the game names it on its title screen.
      }
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  }
}
