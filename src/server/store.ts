/**
 * The classroom server's storage (docs/facilitator-guide-network.md): every exercise's
 * setup, seats and log in SQLite (better-sqlite3, WAL mode). A move is one row, written
 * before the move is acknowledged (moves that arrive together are written in one
 * transaction: ./journal.ts), so killing the server loses nothing a seat was told had
 * happened; on start the server reads back every exercise still open and rebuilds it by
 * replay. A closed exercise (by its facilitator, or archived after days without a move)
 * keeps its rows — its record, exports and comparisons — but is no longer loaded. Tokens
 * are stored as SHA-256 hashes only: the database never holds a credential.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ExerciseSetup, LogEntry, RoleId } from '../exercise/types';

export interface StoredExercise {
  id: string;
  code: string;
  setup: ExerciseSetup;
  facilitatorHash: string;
  passphraseHash: string | null;
  allowMultipleSeats: boolean;
  finished: boolean;
  createdAt: number;
  /** When the facilitator closed it, or the server archived it idle (ms); null while open. */
  closedAt: number | null;
  /** The demo exercise a `--lan` start offers (taken up again by the next start while nobody has used it). */
  demo?: boolean;
}

export interface StoredSeat {
  role: RoleId;
  tokenHash: string;
  holder: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Equal-time comparison of two hex digests (a token's hash against a stored one). */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export class ExerciseStore {
  private db: Database.Database;

  constructor(file: string) {
    try {
      this.db = ExerciseStore.open(file);
    } catch (error) {
      // The facilitator is told which file, and why, rather than the driver's bare message.
      throw new Error(`the exercise database ${file} cannot be opened: ${(error as Error).message}`);
    }
  }

  /** The database and its tables; closed again when it is not one this server can use (another kind of file). */
  private static open(file: string): Database.Database {
    const db = new Database(file);
    try {
      ExerciseStore.prepare(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private static prepare(db: Database.Database): void {
    db.pragma('journal_mode = WAL');
    // An acknowledged move must survive a killed server: in WAL mode every commit is in the
    // log file (the operating system's cache) before the move is acknowledged, which a killed
    // process cannot undo. NORMAL leaves the flush to disk to checkpoints: a power cut may
    // lose the last moment's moves, but no move waits for the disk (FULL made every move
    // wait for one and the whole server with it, as the driver is synchronous).
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS exercises (
        id TEXT PRIMARY KEY, code TEXT UNIQUE NOT NULL, setup TEXT NOT NULL,
        facilitator_hash TEXT NOT NULL, passphrase_hash TEXT, allow_multiple INTEGER NOT NULL DEFAULT 0,
        finished INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS seats (
        exercise_id TEXT NOT NULL, role TEXT NOT NULL, token_hash TEXT NOT NULL, holder TEXT NOT NULL,
        PRIMARY KEY (exercise_id, role)
      );
      CREATE TABLE IF NOT EXISTS scenarios (
        id TEXT PRIMARY KEY, data TEXT NOT NULL, created_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS moves (
        exercise_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL,
        PRIMARY KEY (exercise_id, seq)
      );
    `);
    // Databases from before exercises could be closed gain the column (every exercise in them open).
    const columns = (db.pragma('table_info(exercises)') as { name: string }[]).map((c) => c.name);
    if (!columns.includes('closed_at')) db.exec('ALTER TABLE exercises ADD COLUMN closed_at INTEGER');
    // Likewise for the demo mark: an older database's exercises are none of them the demo.
    if (!columns.includes('demo')) db.exec('ALTER TABLE exercises ADD COLUMN demo INTEGER NOT NULL DEFAULT 0');
  }

  createExercise(e: StoredExercise): void {
    this.db
      .prepare('INSERT INTO exercises (id, code, setup, facilitator_hash, passphrase_hash, allow_multiple, finished, created_at, demo) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)')
      .run(e.id, e.code, JSON.stringify(e.setup), e.facilitatorHash, e.passphraseHash, e.allowMultipleSeats ? 1 : 0, e.createdAt, e.demo ? 1 : 0);
  }

  private row(r: Record<string, unknown> | undefined): StoredExercise | undefined {
    if (!r) return undefined;
    return {
      id: String(r.id),
      code: String(r.code),
      setup: JSON.parse(String(r.setup)),
      facilitatorHash: String(r.facilitator_hash),
      passphraseHash: r.passphrase_hash ? String(r.passphrase_hash) : null,
      allowMultipleSeats: r.allow_multiple === 1,
      finished: r.finished === 1,
      createdAt: Number(r.created_at),
      closedAt: r.closed_at === null || r.closed_at === undefined ? null : Number(r.closed_at),
      ...(r.demo === 1 ? { demo: true } : {}),
    };
  }

  exercise(id: string): StoredExercise | undefined {
    return this.row(this.db.prepare('SELECT * FROM exercises WHERE id = ?').get(id) as Record<string, unknown> | undefined);
  }

  /** A facilitator's own scenario, kept so that its exercises come back after a restart. */
  saveScenario(id: string, data: string): void {
    this.db.prepare('INSERT OR REPLACE INTO scenarios (id, data, created_at) VALUES (?, ?, ?)').run(id, data, Date.now());
  }

  /** Every facilitator's scenario kept here (their JSON text), oldest first. */
  scenarios(): { id: string; data: string }[] {
    return this.db.prepare('SELECT id, data FROM scenarios ORDER BY created_at').all() as { id: string; data: string }[];
  }

  /** Whether a facilitator token's hash belongs to any exercise here. */
  anyFacilitator(hash: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM exercises WHERE facilitator_hash = ?').get(hash);
  }

  exerciseByCode(code: string): StoredExercise | undefined {
    return this.row(this.db.prepare('SELECT * FROM exercises WHERE code = ?').get(code) as Record<string, unknown> | undefined);
  }

  /** Exercises not closed, finished or not, oldest first: the rooms a starting server brings back. */
  open(): StoredExercise[] {
    return (this.db.prepare('SELECT * FROM exercises WHERE closed_at IS NULL ORDER BY created_at').all() as Record<string, unknown>[]).map((r) => this.row(r)!);
  }

  /** How many exercises are open (their rooms held in memory). */
  openCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM exercises WHERE closed_at IS NULL').get() as { n: number }).n;
  }

  /** Closes an exercise: it is no longer loaded; its rows stay. False if it was closed already. */
  closeExercise(id: string, at = Date.now()): boolean {
    return this.db.prepare('UPDATE exercises SET closed_at = ? WHERE id = ? AND closed_at IS NULL').run(at, id).changes === 1;
  }

  /** An exercise's latest move, or null before its first. */
  private lastEntry(id: string): LogEntry | null {
    const row = (this.latest ??= this.db.prepare('SELECT entry FROM moves WHERE exercise_id = ? ORDER BY seq DESC LIMIT 1')).get(id) as { entry: string } | undefined;
    return row ? (JSON.parse(row.entry) as LogEntry) : null;
  }
  private latest: Database.Statement | undefined;

  /** Every exercise, oldest first, with its move count and latest move: what `--list` prints. */
  summaries(): { exercise: StoredExercise; moves: number; last: LogEntry | null }[] {
    const rows = this.db.prepare('SELECT * FROM exercises ORDER BY created_at').all() as Record<string, unknown>[];
    const count = this.db.prepare('SELECT COUNT(*) AS n FROM moves WHERE exercise_id = ?');
    return rows.map((r) => {
      const exercise = this.row(r)!;
      return { exercise, moves: (count.get(exercise.id) as { n: number }).n, last: this.lastEntry(exercise.id) };
    });
  }

  /** Open exercises with no move since `before` (ms), nor created since: the ones a server archives as idle. */
  idleSince(before: number): StoredExercise[] {
    return this.open().filter((e) => Math.max(e.createdAt, this.lastEntry(e.id)?.at ?? 0) < before);
  }

  /** The latest demo exercise still open that nobody has used (no seat taken, no move): a `--lan` start offers it again. */
  unusedDemo(): StoredExercise | undefined {
    const r = this.db
      .prepare('SELECT * FROM exercises e WHERE demo = 1 AND closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM moves WHERE exercise_id = e.id) AND NOT EXISTS (SELECT 1 FROM seats WHERE exercise_id = e.id) ORDER BY created_at DESC LIMIT 1')
      .get() as Record<string, unknown> | undefined;
    return this.row(r);
  }

  /** Gives an exercise a new facilitator token's hash: the old token no longer opens its console. */
  replaceFacilitator(id: string, hash: string): void {
    this.db.prepare('UPDATE exercises SET facilitator_hash = ? WHERE id = ?').run(hash, id);
  }

  /** An exercise's facilitator token hash as it stands now (a running room checks it for a replaced console key). */
  facilitatorHash(id: string): string | undefined {
    const row = (this.facilitatorQuery ??= this.db.prepare('SELECT facilitator_hash FROM exercises WHERE id = ?')).get(id) as { facilitator_hash: string } | undefined;
    return row?.facilitator_hash;
  }
  private facilitatorQuery: Database.Statement | undefined;

  markFinished(id: string): void {
    this.db.prepare('UPDATE exercises SET finished = 1 WHERE id = ?').run(id);
  }

  seats(exerciseId: string): StoredSeat[] {
    return (this.db.prepare('SELECT role, token_hash, holder FROM seats WHERE exercise_id = ?').all(exerciseId) as Record<string, string>[]).map((r) => ({ role: r.role as RoleId, tokenHash: r.token_hash, holder: r.holder }));
  }

  takeSeat(exerciseId: string, seat: StoredSeat): boolean {
    const r = this.db.prepare('INSERT OR IGNORE INTO seats (exercise_id, role, token_hash, holder) VALUES (?, ?, ?, ?)').run(exerciseId, seat.role, seat.tokenHash, seat.holder);
    return r.changes === 1;
  }

  releaseSeat(exerciseId: string, role: RoleId): boolean {
    return this.db.prepare('DELETE FROM seats WHERE exercise_id = ? AND role = ?').run(exerciseId, role).changes === 1;
  }

  /**
   * Appends moves, of any exercises, in one transaction: all are written through before
   * this returns (they may then be acknowledged), or none is (it throws).
   */
  appendMoves(rows: readonly { exerciseId: string; entry: LogEntry }[]): void {
    (this.insertMoves ??= this.prepareInsertMoves())(rows);
  }
  private insertMoves: ((rows: readonly { exerciseId: string; entry: LogEntry }[]) => void) | undefined;

  /** Prepared once: every move of every exercise goes through this one statement and transaction. */
  private prepareInsertMoves(): (rows: readonly { exerciseId: string; entry: LogEntry }[]) => void {
    const insert = this.db.prepare('INSERT INTO moves (exercise_id, seq, entry) VALUES (?, ?, ?)');
    return this.db.transaction((rows: readonly { exerciseId: string; entry: LogEntry }[]) => {
      for (const r of rows) insert.run(r.exerciseId, r.entry.seq, JSON.stringify(r.entry));
    });
  }

  log(exerciseId: string): LogEntry[] {
    return (this.db.prepare('SELECT entry FROM moves WHERE exercise_id = ? ORDER BY seq').all(exerciseId) as { entry: string }[]).map((r) => JSON.parse(r.entry));
  }

  close(): void {
    this.db.close();
  }

  /** Throws, naming the file, when there is no database there to read (the commands that only read never make one). */
  static mustExist(file: string): void {
    if (!existsSync(file)) throw new Error(`there is no exercise database at ${file} (--db names it)`);
  }

  /**
   * Copies a database to a new file with SQLite's online backup, safe while a server writes to
   * it (a plain copy of the file could miss what is still in its write-ahead log). Refuses a
   * missing database, a target that exists (nothing is overwritten) or a folder that does not.
   */
  static async backup(from: string, to: string): Promise<{ exercises: number; moves: number }> {
    ExerciseStore.mustExist(from);
    if (existsSync(to)) throw new Error(`${to} exists already; give the backup a new file name`);
    if (!existsSync(dirname(resolve(to)))) throw new Error(`the folder of ${to} does not exist`);
    let db: Database.Database;
    try {
      db = new Database(from, { readonly: true, fileMustExist: true });
      db.prepare('SELECT 1 FROM exercises LIMIT 1').get();
    } catch (error) {
      throw new Error(`the exercise database ${from} cannot be read: ${(error as Error).message}`);
    }
    try {
      await db.backup(to);
      const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      return { exercises: count('exercises'), moves: count('moves') };
    } finally {
      db.close();
    }
  }
}
