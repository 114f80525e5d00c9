/**
 * The classroom server over real sockets on 127.0.0.1, as a college would meet it: a whole
 * era played by five seats, the White Cell and a projector; every security case (wrong
 * token, a player sending a White Cell control or moving as another role, junk, over-size
 * and too many messages, join codes tried by brute force, secrets over the wire); a drop
 * and rejoin in every phase; and SIGKILL mid-exercise with a real server process, after
 * which nothing acknowledged is lost and every seat rejoins with its token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassroomServer } from '../../src/server/server';
import { ClassroomClient, type Seat } from '../../src/net/client';
import { applyMove, createExercise, defaultSetup, recordOf, replayEntry, replayExercise, stateHash, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { standInMove } from '../../src/exercise/standIn';
import type { Move, RoleId } from '../../src/exercise/types';
import { era, withSentinels } from '../exercise/support';
import { freePort } from '../browser/setup';
import { listeningOn } from './listening';
import { CLOSE_CLOSED, CLOSE_RELEASED, CLOSE_REPLACED, leaveKind } from '../../src/net/protocol';
import { ExerciseStore, hashToken } from '../../src/server/store';
import { RULES_VERSION } from '../../src/core/rules';

const base = era('era4-after2022');
const scenario = withSentinels(base);
const root = join(__dirname, '../..');

let server: ClassroomServer;
let client: ClassroomClient;

beforeAll(async () => {
  server = new ClassroomServer({ port: 0, host: '127.0.0.1', db: ':memory:', scenarios: { [scenario.id]: scenario }, log: () => {} });
  await server.start();
  client = new ClassroomClient(`http://127.0.0.1:${server.address().port}`);
});
afterAll(async () => {
  await server?.stop();
});

const ally1 = `ally:${scenario.allies[0].id}` as RoleId;
const ally2 = `ally:${scenario.allies[1].id}` as RoleId;
const HELD: RoleId[] = ['nato', ally1, ally2, 'partner:ukraine' as RoleId, 'red:russia'];

/** A room with every held seat connected, the White Cell and a projector. */
async function room(held: RoleId[] = HELD, extra: Record<string, unknown> = {}) {
  const teamOk = held.filter((r) => !r.startsWith('partner:') || scenario.partnerTeams.some((t) => `partner:${t.id}` === r) || (!scenario.partnerTeams.length && ['partner:east', 'partner:south', 'partner:global'].includes(r)));
  const roles = teamOk.length === held.length ? held : [...teamOk, 'partner:east' as RoleId];
  const created = await client.createExercise({ scenario: scenario.id, seed: 44, held: roles, consensus: 'vote', ...extra });
  const seats: Partial<Record<RoleId, Seat>> = {};
  const tokens: Partial<Record<RoleId, string>> = {};
  for (const role of roles) {
    const joined = await client.join({ code: created.code, role, holder: `table-${role}` });
    tokens[role] = joined.seatToken;
    seats[role] = await client.connect(created.exerciseId, { token: joined.seatToken });
  }
  const white = await client.connect(created.exerciseId, { token: created.facilitatorToken });
  const projector = await client.connect(created.exerciseId, { code: created.code });
  const mirror = createExercise(scenario, defaultSetup(scenario, { seed: 44, seats: { ...Object.fromEntries(roles.map((r) => [r, { held: true }])), white: { held: true } }, consensus: 'vote' }));
  return { created, seats, tokens, white, projector, roles, mirror };
}

/** Sends a move through a seat and mirrors it locally when acknowledged (the server's state follows the same log). */
async function act(seat: Seat, mirror: { ex: ExerciseState }, move: Move): Promise<boolean> {
  let r = await seat.act(move, move.role);
  // A table that clicks faster than the server allows waits a moment, as a screen would.
  for (let i = 0; i < 20 && !r.ok && r.code === 'rate-limited'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    r = await seat.act(move, move.role);
  }
  if (r.ok) {
    const local = applyMove(scenario, mirror.ex, move);
    if (!local.ok) throw new Error(`mirror refused ${move.type}: ${local.reason}`);
    mirror.ex = local.state;
  }
  return r.ok;
}

describe('a whole era over the wire', () => {
  it('five seats, the White Cell and a projector play era 4 to its end; views match the engine; the projector never sees a secret', async () => {
    const { seats, white, projector, created, mirror: start } = await room();
    const projected: string[] = [];
    projector.onView((v) => projected.push(JSON.stringify(v)));
    const mirror = { ex: start };
    const all = { ...seats, white } as Record<RoleId, Seat>;
    for (let i = 0; i < 3000 && !mirror.ex.finished; i++) {
      const role = waitingFor(scenario, mirror.ex)[0];
      const move = i === 5 ? ({ role: 'white', type: 'white.note', text: 'the capitals argued' } as Move) : standInMove(scenario, mirror.ex, role);
      expect(await act(all[move.role], mirror, move), `${move.role} ${move.type} at ${mirror.ex.game.year} ${mirror.ex.phase}`).toBe(true);
    }
    expect(mirror.ex.finished).toBe(true);
    const last = await white.waitFor((v) => v.finished);
    expect(last.year).toBe(mirror.ex.game.year);
    const record = (await client.download(created.exerciseId, created.facilitatorToken, 'exercise.json')) as ReturnType<typeof recordOf>;
    const replayed = replayExercise(scenario, record);
    // The server's log carries wall times the local mirror has not; the games are the same.
    expect(replayed.ok && JSON.stringify(replayed.state.game)).toBe(JSON.stringify(mirror.ex.game));
    expect(projected.length).toBeGreaterThan(20);
    for (const text of projected) {
      for (const a of scenario.allies) expect(text).not.toContain(`SECRET-ALLY-${a.id}`);
      expect(text).not.toContain('"bluff"');
      expect(text).not.toContain('"seed"');
    }
    const html = (await client.download(created.exerciseId, created.facilitatorToken, 'aar.html')) as string;
    expect(html).toContain('the capitals argued');
    // Played on this build: the server's record names its rules, and the report does not warn of another version.
    expect(record.rules).toBe(RULES_VERSION);
    expect(html).not.toContain('Played under rules version');
    // The White Cell's console mirrors the exercise entry by entry; it ends on the server's state.
    expect(white.record!.log.length).toBe(record.log.length);
    const whiteMirror = replayExercise(white.scenario!, white.record!);
    expect(whiteMirror.ok && stateHash(whiteMirror.state)).toBe(replayed.ok && stateHash(replayed.state));
    // Nobody else ever got the record, an entry, the whole scenario or the seat board.
    for (const seat of [...Object.values(seats), projector] as Seat[]) {
      expect(seat.record, seat.role!).toBeNull();
      expect(seat.scenario, seat.role!).toBeNull();
      expect(seat.board, seat.role!).toEqual([]);
      expect(seat.setup && 'seed' in seat.setup, seat.role!).toBe(false);
      expect(seat.setup && 'msel' in seat.setup, seat.role!).toBe(false);
    }
  });
});

describe('the White Cell\'s console and NATO\'s drafts', () => {
  it('the White Cell follows the log entry by entry with the same engine, and sees the seat board change as laptops drop and come back', async () => {
    const { seats, white, mirror: start } = await room(['nato', ally1]);
    expect(white.setup?.seed).toBe(44);
    expect(white.scenario?.allies[0].priorities).toBeTruthy();
    const mirror = { ex: start };
    const all = { ...seats, white } as Record<RoleId, Seat>;
    let ex = replayExercise(white.scenario!, white.record!);
    white.onRecord((record, entry) => {
      if (!entry || !ex.ok) return;
      ex = replayEntry(white.scenario!, ex.state, entry);
    });
    for (let i = 0; i < 40; i++) {
      const role = waitingFor(scenario, mirror.ex)[0];
      await act(all[role], mirror, standInMove(scenario, mirror.ex, role));
    }
    await white.waitFor((v) => v.year === mirror.ex.game.year && v.phase === mirror.ex.phase);
    expect(ex.ok && JSON.stringify(ex.state.game)).toBe(JSON.stringify(mirror.ex.game));
    expect(white.board.map((r) => [r.role, r.holder, r.connected])).toEqual([['nato', 'table-nato', true], [ally1, `table-${ally1}`, true]]);
    const dropped = new Promise<void>((resolve) => white.onSeats((b) => b.find((r) => r.role === ally1)?.connected === false && resolve()));
    seats[ally1]!.drop();
    await dropped;
    const back = new Promise<void>((resolve) => white.onSeats((b) => b.find((r) => r.role === ally1)?.connected === true && resolve()));
    await seats[ally1]!.rejoin();
    await back;
  });

  it('NATO\'s staff gets a draft in planning; another seat, a bad policy or a share out of range is refused', async () => {
    const { seats, white, mirror: start } = await room(['nato', ally1]);
    const nato = seats.nato!;
    expect(await nato.draft('equal')).toMatchObject({ decision: null });
    const mirror = { ex: start };
    const all = { ...seats, white } as Record<RoleId, Seat>;
    while (mirror.ex.phase !== 'planning') {
      const role = waitingFor(scenario, mirror.ex)[0];
      await act(all[role], mirror, standInMove(scenario, mirror.ex, role));
    }
    await nato.waitFor((v) => v.phase === 'planning');
    const reply = await nato.draft('prioritise', 1.5);
    expect('decision' in reply && reply.decision?.share).toBe(1.5);
    expect('decision' in reply && reply.decision!.allocations.length).toBeGreaterThan(0);
    expect(await seats[ally1]!.draft('equal')).toMatchObject({ refused: { code: 'not-your-seat' } });
    expect(await nato.draft('cheat' as 'equal')).toMatchObject({ refused: { code: 'bad-move' } });
    expect(await nato.draft('equal', 99)).toMatchObject({ refused: { code: 'bad-move' } });
  });

  it('a facilitator\'s own MSEL goes with the exercise, checked against the scenario; a broken one is refused naming where', async () => {
    const injects = base.injects.filter((i) => !i.after).slice(0, 2).map((i, n) => ({ ...i, serial: 901 + n }));
    const made = await client.createExercise({ scenario: scenario.id, held: ['nato'], msel: { scenario: scenario.id, injects }, timers: { planning: 600 } });
    const white = await client.connect(made.exerciseId, { token: made.facilitatorToken });
    expect(white.setup?.msel?.map((i) => i.serial)).toEqual([901, 902]);
    expect(white.setup?.timers).toEqual({ planning: 600 });
    await expect(client.createExercise({ scenario: scenario.id, held: ['nato'], msel: { injects: [{ ...injects[0], audience: ['nobody'] }] } })).rejects.toThrow(/msel: .*injects/);
    await expect(client.createExercise({ scenario: scenario.id, held: ['nato'], timers: { lunch: 60 } as never })).rejects.toThrow(/timers/);
  });
});

describe('security', () => {
  it('listens on 127.0.0.1 only unless told otherwise (--lan)', () => {
    expect(listeningOn(server.address().port)).toEqual(['127.0.0.1']);
  });

  it('refuses a wrong seat token, and a released seat\'s token', async () => {
    const { created, tokens, seats } = await room(['nato', ally1]);
    await expect(client.connect(created.exerciseId, { token: 'x'.repeat(24) })).rejects.toThrow(/not valid/);
    await expect(client.release(created.exerciseId, 'y'.repeat(24), ally1)).rejects.toMatchObject({ status: 403, code: 'facilitator-token' });
    const left = new Promise<number>((resolve) => seats[ally1]!.onLeave(resolve));
    await client.release(created.exerciseId, created.facilitatorToken, ally1);
    // The laptop is told its seat was released (not that the server went away: that seat would come back).
    const code = await left;
    expect(code).toBe(CLOSE_RELEASED);
    expect(leaveKind(code)).toBe('released');
    // A second console window releasing the same seat is told it was free already (its role named, for the screen).
    await expect(client.release(created.exerciseId, created.facilitatorToken, ally1)).rejects.toMatchObject({ status: 404, code: 'no-holder', params: { role: ally1 } });
    await expect(client.connect(created.exerciseId, { token: tokens[ally1]! })).rejects.toThrow(/not valid/);
    const again = await client.join({ code: created.code, role: ally1, holder: 'new laptop' });
    expect((await client.connect(created.exerciseId, { token: again.seatToken })).role).toBe(ally1);
  });

  it('a seat cannot act as another role, send White Cell controls or the clock\'s expiry; its view stays unchanged', async () => {
    const { seats } = await room(['nato', ally1]);
    const nato = seats.nato!;
    const before = JSON.stringify(nato.view);
    expect(await nato.act({ type: 'white.pause' }, 'white')).toMatchObject({ ok: false, code: 'not-your-seat' });
    expect(await nato.act({ type: 'white.pause' }, 'nato')).toMatchObject({ ok: false, code: 'wrong-role' });
    expect(await nato.act({ type: 'ally.approve' }, ally1)).toMatchObject({ ok: false, code: 'not-your-seat' });
    expect(await nato.act({ type: 'timer.expire' }, 'white')).toMatchObject({ ok: false, code: 'not-your-seat' });
    expect(await nato.act({ type: 'nato.propose', decision: { share: 1.5, policy: 'equal', allocations: [], actions: [] } })).toMatchObject({ ok: false, code: 'wrong-phase' });
    expect(JSON.stringify(nato.view)).toBe(before);
  });

  it('junk, over-size and too many messages get an error; the room keeps running for everyone else', async () => {
    const { seats, white } = await room(['nato', ally1]);
    const nato = seats.nato!;
    expect(await nato.sendRaw('move', { role: 'nato', type: 'nato.dance' })).toMatchObject({ ok: false, code: 'bad-move' });
    expect(await nato.sendRaw('move', 'hello')).toMatchObject({ ok: false, code: 'bad-move' });
    expect(await nato.sendRaw('move', { role: 'nato', type: 'white.note', text: 'x'.repeat(10_000) })).toMatchObject({ ok: false });
    const burst = await Promise.all(Array.from({ length: 30 }, () => nato.act({ type: 'phase.ready' })));
    expect(burst.some((r) => !r.ok && r.code === 'rate-limited')).toBe(true);
    expect(await white.act({ type: 'phase.advance' })).toMatchObject({ ok: true });
  });

  it('one person, one seat, unless the facilitator allows more; a passphrase guards the room', async () => {
    const created = await client.createExercise({ scenario: scenario.id, held: ['nato', ally1], passphrase: 'tallinn' });
    const other = new ClassroomClient(client.baseUrl);
    // Each refusal of a join carries its code (and what it names), for the join page to say in its language.
    await expect(other.join({ code: created.code, holder: 'bob' })).rejects.toMatchObject({ message: expect.stringMatching(/passphrase/), status: 403, code: 'wrong-passphrase' });
    await other.join({ code: created.code, holder: 'bob', passphrase: 'tallinn' });
    await expect(other.join({ code: created.code, holder: 'bob', passphrase: 'tallinn' })).rejects.toMatchObject({ message: expect.stringMatching(/holds a seat already/), status: 409, code: 'holder-has-seat', params: { holder: 'bob' } });
    await expect(other.join({ code: created.code, holder: 'carol', passphrase: 'tallinn', role: 'nato' })).rejects.toMatchObject({ status: 409, code: 'seat-not-free', params: { role: 'nato' } });
    await expect(other.lookup({ code: created.code === 'ZZZZZZ' ? 'ZZZZZY' : 'ZZZZZZ' })).rejects.toMatchObject({ status: 404, code: 'unknown-code' });
    await expect(other.connect(created.exerciseId, { code: created.code })).rejects.toThrow(/passphrase/);
  });
});

describe('a server that does not answer', () => {
  it('is told apart from a refusal: the client\'s error says so, with its own code, for the screen to say in its language', async () => {
    const gone = new ClassroomClient(`http://127.0.0.1:${await freePort()}`);
    await expect(gone.lookup({ code: 'ABCDEF' })).rejects.toMatchObject({ status: 0, code: 'unreachable', message: expect.stringMatching(/does not answer/) });
    await expect(gone.download('x', 'y'.repeat(24), 'exercise.json')).rejects.toMatchObject({ code: 'unreachable' });
    // Joining a room goes through Colyseus's own client, whose network error is told apart too.
    await expect(gone.connect('ex-1', { token: 'y'.repeat(24) })).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });
});

describe('a move the database cannot take', () => {
  it('is refused as not saved, never played nor shown to anyone; once the database takes moves again, play goes on', async () => {
    const { seats, white } = await room(['nato']);
    const nato = seats.nato!;
    const before = JSON.stringify(nato.view);
    const append = server.store.appendMoves;
    server.store.appendMoves = () => {
      throw new Error('database or disk is full');
    };
    try {
      expect(await white.act({ type: 'phase.advance' })).toMatchObject({ ok: false, code: 'not-saved' });
    } finally {
      server.store.appendMoves = append;
    }
    expect(JSON.stringify(nato.view)).toBe(before);
    expect(await white.act({ type: 'phase.advance' })).toMatchObject({ ok: true });
    expect((await nato.waitFor((v) => v.phase === 'planning')).year).toBe(nato.view!.year);
  });
});

describe('a move on the wire', () => {
  it('an illegal proposal\'s refusal carries the rule and its figures, for the screen to say in its language', async () => {
    const { seats, white } = await room(['nato']);
    const nato = seats.nato!;
    for (let i = 0; i < 6 && nato.view!.phase !== 'planning'; i++) {
      const phase = nato.view!.phase;
      expect(await white.act({ type: 'phase.advance' })).toMatchObject({ ok: true });
      await nato.waitFor((v) => v.phase !== phase);
    }
    expect(nato.view!.phase).toBe('planning');
    expect(await nato.act({ type: 'nato.propose', decision: { share: 3, policy: 'equal', allocations: [], actions: [] } })).toMatchObject({ ok: false, code: 'illegal-decision', detail: 'share-range', params: { share: 3 } });
  });

  it('reaches each connection in one write: the mover\'s acknowledgement with its patch, the White Cell\'s log entry with its patch', async () => {
    const { seats, white, projector } = await room(['nato']);
    await white.act({ type: 'phase.advance' });
    await Promise.all([seats.nato!, white, projector].map((s) => s.waitFor((v) => v.phase !== 'briefing')));
    // Writes of the server's own sockets (those it accepted), counted from here.
    const { Socket } = await import('node:net');
    const writes = new Map<object, number>();
    type Write = (this: InstanceType<typeof Socket>, ...args: unknown[]) => void;
    const original = { writev: Socket.prototype._writev as Write, write: Socket.prototype._write as Write };
    const count = (socket: object) => writes.set(socket, (writes.get(socket) ?? 0) + 1);
    Socket.prototype._writev = function (this: InstanceType<typeof Socket> & { _server?: unknown }, ...args: unknown[]) {
      if (this._server) count(this);
      return original.writev.apply(this, args);
    };
    Socket.prototype._write = function (this: InstanceType<typeof Socket> & { _server?: unknown }, ...args: unknown[]) {
      if (this._server) count(this);
      return original.write.apply(this, args);
    };
    try {
      const year = seats.nato!.view!.year;
      const phase = white.view!.phase;
      const views = Promise.all([seats.nato!, white, projector].map((s) => s.waitFor((v) => v.phase !== phase)));
      expect(await white.act({ type: 'phase.advance' })).toMatchObject({ ok: true });
      await views;
      expect(seats.nato!.view!.year).toBe(year);
    } finally {
      Socket.prototype._writev = original.writev;
      Socket.prototype._write = original.write;
    }
    // Three connections (NATO, the White Cell, the projector), one write each.
    expect([...writes.values()]).toEqual([1, 1, 1]);
  });
});

describe('the plenary', () => {
  it('compares exercises of one scenario and seed with their facilitator tokens, and files brought along with any facilitator token; refuses otherwise, naming why', async () => {
    const a = await room(['nato']);
    const b = await room(['nato']);
    for (const t of [a, b]) for (let i = 0; i < 3; i++) expect(await t.white.act({ type: 'phase.advance' })).toMatchObject({ ok: true });
    const made = await client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken, label: 'Syndicate Blue' }, { id: b.created.exerciseId, token: b.created.facilitatorToken, label: 'Syndicate Gold' }] });
    expect(made.html).toContain('Syndicate Blue');
    expect(made.html).toContain('Syndicate Gold');
    await expect(client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken }, { id: b.created.exerciseId, token: b.seats.nato ? 'x'.repeat(24) : '' }] })).rejects.toThrow(/exercises\[1\]: the facilitator token/);
    const file = await client.download(b.created.exerciseId, b.created.facilitatorToken, 'exercise.json');
    await expect(client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken }], records: [{ label: 'brought', record: file }] })).rejects.toThrow(/needs a facilitator token/);
    const mixed = await client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken }], records: [{ label: 'brought', record: file }] }, a.created.facilitatorToken);
    expect(mixed.html).toContain('brought');
    await expect(client.compare({ records: [{ label: 'junk', record: { format: 'coopsec-exercise', version: 1, setup: { scenarioId: scenario.id, seed: 44 }, log: [{ seq: 'one' }] } }, { label: 'brought', record: file }] }, a.created.facilitatorToken)).rejects.toThrow(/records\[0\] \(junk\): \$\.log\[0\]/);
    const other = await client.createExercise({ scenario: scenario.id, seed: 45, held: ['nato'] });
    await expect(client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken }, { id: other.exerciseId, token: other.facilitatorToken }] })).rejects.toMatchObject({ message: expect.stringMatching(/seed/), code: 'not-comparable', params: { reason: expect.stringMatching(/seed/) } });
    // In the request's language: the screen shows it as it comes.
    await expect(client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken }, { id: other.exerciseId, token: other.facilitatorToken }], lang: 'fr' })).rejects.toMatchObject({ params: { reason: expect.stringMatching(/graine/) } });
    // An exercise the server no longer has (a replaced database) is named, not blamed on its token.
    await expect(client.compare({ exercises: [{ id: a.created.exerciseId, token: a.created.facilitatorToken }, { id: 'gone-exercise', token: 'z'.repeat(24), label: 'Syndicate Red' }] })).rejects.toMatchObject({ status: 404, code: 'exercise-gone', params: { label: 'Syndicate Red' } });
  });
});

describe('a facilitator\'s own era', () => {
  it('goes up with the exercise (checked, never replacing a shipped era), its public part is served, and it comes back after a restart', async () => {
    const raw = JSON.parse(readFileSync(join(root, 'scenarios/era4-after2022.json'), 'utf8')) as Record<string, unknown>;
    const era5: Record<string, unknown> = { ...raw, id: 'era5-blacksea', era: 5, title: { en: 'The Black Sea, 2026–2030', fr: 'La mer Noire, 2026-2030' } };
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-era5-')), 'classroom.db');
    const port = await freePort();
    let child = await serverProcess(port, db);
    const api = new ClassroomClient(`http://127.0.0.1:${port}`);
    try {
      const { partners: _gone, ...broken } = era5;
      await expect(api.createExercise({ scenario: 'era5-blacksea', held: ['nato'], scenarioFile: broken })).rejects.toThrow(/scenarioFile: \$\.partners/);
      await expect(api.createExercise({ scenario: 'era4-after2022', held: ['nato'], scenarioFile: { ...raw, title: { en: 'Mine', fr: 'Le mien' } } })).rejects.toMatchObject({ message: expect.stringMatching(/shipped era's id/), code: 'scenario-shipped', params: { id: 'era4-after2022' } });
      await expect(api.createExercise({ scenario: 'era9-nowhere', held: ['nato'] })).rejects.toMatchObject({ status: 404, code: 'unknown-scenario', params: { id: 'era9-nowhere' } });
      const made = await api.createExercise({ scenario: 'era5-blacksea', seed: 3, held: ['nato'], scenarioFile: era5 });
      const white = await api.connect(made.exerciseId, { token: made.facilitatorToken });
      expect(white.scenario?.id).toBe('era5-blacksea');
      expect(await white.act({ type: 'phase.advance' })).toMatchObject({ ok: true });
      // The same file again is welcome; a different one under the same id is not.
      await api.createExercise({ scenario: 'era5-blacksea', held: ['nato'], scenarioFile: era5 });
      await expect(api.createExercise({ scenario: 'era5-blacksea', held: ['nato'], scenarioFile: { ...era5, title: { en: 'Other', fr: 'Autre' } } })).rejects.toMatchObject({ message: expect.stringMatching(/another scenario/), code: 'scenario-id-taken', params: { id: 'era5-blacksea' } });
      const pub = (await (await fetch(`${api.baseUrl}/api/scenarios/era5-blacksea`)).json()) as { injects: unknown[]; allies: { priorities?: unknown }[] };
      expect(pub.injects).toEqual([]);
      expect(pub.allies.every((a) => a.priorities === undefined)).toBe(true);
      await white.leave();
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      child = await serverProcess(port, db);
      const list = (await (await fetch(`${api.baseUrl}/api/scenarios`)).json()) as { id: string }[];
      expect(list.map((s) => s.id)).toContain('era5-blacksea');
      // The exercise on it came back with its move.
      const again = await api.connect(made.exerciseId, { token: made.facilitatorToken });
      expect(again.record?.log).toHaveLength(1);
      await again.leave();
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('drops', () => {
  it('a seat dropped in every phase rejoins to the same view; the White Cell, dropped while a move is made, comes back with it in its state', async () => {
    const { seats, white, mirror: start } = await room(['nato', ally1, 'red:russia']);
    const mirror = { ex: start };
    const all = { ...seats, white } as Record<RoleId, Seat>;
    const phases = new Set<string>();
    const whiteAway = new Set<string>();
    for (let i = 0; i < 400 && mirror.ex.game.year === scenario.start; i++) {
      const phase = mirror.ex.phase;
      const awaited = waitingFor(scenario, mirror.ex)[0];
      if (!whiteAway.has(phase) && awaited !== 'white') {
        // The console's laptop is off the Wi-Fi while a seat moves: it misses that entry, and is sent the record again.
        whiteAway.add(phase);
        white.drop();
        await new Promise((r) => setTimeout(r, 50));
        await act(all[awaited], mirror, standInMove(scenario, mirror.ex, awaited));
        await white.rejoin();
        expect(white.rejoinedBy).toBe('reconnection');
        expect(white.state!.log.length).toBe(mirror.ex.log.length);
        expect([white.view!.year, white.view!.phase, white.view!.waitingFor]).toEqual([mirror.ex.game.year, mirror.ex.phase, waitingFor(scenario, mirror.ex)]);
        continue;
      }
      if (!phases.has(phase)) {
        phases.add(phase);
        const nato = seats.nato!;
        nato.drop();
        await new Promise((r) => setTimeout(r, 50));
        await nato.rejoin();
        // Within the window it is Colyseus's own reconnection, not the fallback by token.
        expect(nato.rejoinedBy).toBe('reconnection');
        expect(nato.view!.phase).toBe(phase);
      }
      const role = waitingFor(scenario, mirror.ex)[0];
      await act(all[role], mirror, standInMove(scenario, mirror.ex, role));
    }
    expect([...phases].sort()).toEqual(['adjudication', 'briefing', 'events', 'planning', 'resolution', 'review', 'signals']);
    expect(whiteAway.size).toBeGreaterThanOrEqual(3);
  });
});

/** A classroom server in its own process (`npm run classroom` without the build), as a college runs it. */
function serverProcess(port: number, db: string): Promise<ChildProcess> {
  // Node itself with tsx's loader (not the tsx wrapper), so SIGKILL reaches the server process.
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(port), '--db', db, '--no-build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<ChildProcess>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('classroom server on')) resolve(child);
    });
    child.stderr!.on('data', (d) => (out += String(d)));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

describe('a console given a new key (a facilitator\'s laptop lost or broken)', () => {
  it('the old key stops opening the console and the facilitator\'s calls; a console still open with it is sent away for good, at once when the new one joins, else within seconds', async () => {
    const { created, seats, white, projector } = await room(['nato']);
    const others: number[] = [];
    for (const other of [seats.nato!, projector]) other.onLeave((code) => others.push(code));
    // As `npm run classroom -- --console <code>` does, on the same database.
    server.store.replaceFacilitator(created.exerciseId, hashToken('the new facilitator token'));
    const gone = new Promise<number>((resolve) => white.onLeave(resolve));
    const second = await client.connect(created.exerciseId, { token: 'the new facilitator token' });
    expect(second.role).toBe('white');
    expect(await gone).toBe(CLOSE_REPLACED);
    expect(leaveKind(CLOSE_REPLACED)).toBe('replaced');
    await expect(client.connect(created.exerciseId, { token: created.facilitatorToken })).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/not valid .*a console given a new key/) });
    await expect(client.download(created.exerciseId, created.facilitatorToken, 'exercise.json')).rejects.toMatchObject({ status: 403, code: 'facilitator-token' });
    expect(await client.download(created.exerciseId, 'the new facilitator token', 'exercise.json')).toMatchObject({ format: 'coopsec-exercise' });
    // The new console runs the exercise; the seats and the projector never noticed.
    expect((await second.act({ type: 'white.note', text: 'from the spare laptop' })).ok).toBe(true);
    await second.waitFor((v) => v.waitingFor.length > 0);
    expect(others).toEqual([]);
    // A key replaced with no new console joining: the old one is sent away by the room's own check.
    const lone = await room(['nato']);
    const t0 = Date.now();
    const away = new Promise<number>((resolve) => lone.white.onLeave(resolve));
    server.store.replaceFacilitator(lone.created.exerciseId, hashToken('yet another token'));
    expect(await away).toBe(CLOSE_REPLACED);
    expect(Date.now() - t0).toBeLessThan(7000);
  }, 30_000);
});

describe('closing an exercise', () => {
  it('sends every laptop away for good, stops its join code and seat tokens, and keeps its record downloadable', async () => {
    const { created, seats, tokens, white, projector } = await room(['nato', ally1]);
    expect((await white.act({ type: 'white.note', text: 'before closing' })).ok).toBe(true);
    const open = server.store.openCount();
    await expect(client.close(created.exerciseId, 'z'.repeat(24))).rejects.toMatchObject({ status: 403, code: 'facilitator-token' });
    const codes = [seats.nato!, white, projector].map((seat) => new Promise<number>((resolve) => seat.onLeave(resolve)));
    expect(await client.close(created.exerciseId, created.facilitatorToken)).toEqual({ closed: true });
    expect(await Promise.all(codes)).toEqual([CLOSE_CLOSED, CLOSE_CLOSED, CLOSE_CLOSED]);
    expect(server.store.openCount()).toBe(open - 1);
    // Closing twice (a second console window) is no error.
    expect(await client.close(created.exerciseId, created.facilitatorToken)).toEqual({ closed: true });
    await expect(client.lookup({ code: created.code })).rejects.toMatchObject({ status: 410, code: 'exercise-closed' });
    await expect(client.join({ code: created.code, holder: 'late table' })).rejects.toMatchObject({ status: 410, code: 'exercise-closed' });
    await expect(client.connect(created.exerciseId, { token: tokens.nato! })).rejects.toMatchObject({ status: 410, code: 'exercise-closed' });
    await expect(client.connect(created.exerciseId, { code: created.code })).rejects.toMatchObject({ code: 'exercise-closed' });
    const record = (await client.download(created.exerciseId, created.facilitatorToken, 'exercise.json')) as ReturnType<typeof recordOf>;
    expect(record.log.map((e) => e.move.type)).toEqual(['white.note']);
    expect(server.store.open().some((e) => e.id === created.exerciseId)).toBe(false);
  });

  it('a server holding its limit of open exercises refuses a new one, naming the limit; closing one makes room', async () => {
    const options = (server as unknown as { options: { maxOpenExercises?: number } }).options;
    const made = await client.createExercise({ scenario: scenario.id, held: ['nato'] });
    options.maxOpenExercises = server.store.openCount();
    try {
      await expect(client.createExercise({ scenario: scenario.id, held: ['nato'] })).rejects.toMatchObject({ status: 503, code: 'server-full', params: { max: String(options.maxOpenExercises) } });
      await client.close(made.exerciseId, made.facilitatorToken);
      expect((await client.createExercise({ scenario: scenario.id, held: ['nato'] })).code).toMatch(/^[A-Z0-9]{6}$/);
    } finally {
      delete options.maxOpenExercises;
    }
  });

  it('the store: open exercises are the ones not closed, finished or not; an exercise is idle from its last move, or its creation', () => {
    const store = new ExerciseStore(':memory:');
    const setup = defaultSetup(scenario, { seed: 1 });
    const day = 24 * 3600_000;
    const now = Date.now();
    const add = (id: string, createdAt: number) => store.createExercise({ id, code: id.toUpperCase().padEnd(6, 'X'), setup, facilitatorHash: 'h', passphraseHash: null, allowMultipleSeats: false, finished: false, createdAt, closedAt: null });
    add('old', now - 30 * day);
    add('played', now - 30 * day);
    add('ended', now - day);
    store.appendMoves([{ exerciseId: 'played', entry: { seq: 1, branch: 0, year: 2022, phase: 'briefing', role: 'white', move: { type: 'white.note', text: 'x' }, at: now - day } }]);
    store.markFinished('ended');
    expect(store.open().map((e) => e.id)).toEqual(['old', 'played', 'ended']);
    expect(store.idleSince(now - 14 * day).map((e) => e.id)).toEqual(['old']);
    expect(store.closeExercise('old', now)).toBe(true);
    expect(store.closeExercise('old', now)).toBe(false);
    expect(store.exercise('old')?.closedAt).toBe(now);
    expect(store.open().map((e) => e.id)).toEqual(['played', 'ended']);
    expect(store.openCount()).toBe(2);
    store.close();
  });
});

describe('a killed server', () => {
  it('SIGKILL mid-exercise loses no acknowledged move; every seat rejoins with its token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coopsec-classroom-'));
    const db = join(dir, 'classroom.db');
    const port = await freePort();
    const startServer = () => serverProcess(port, db);
    let child = await startServer();
    const remote = new ClassroomClient(`http://127.0.0.1:${port}`);
    const created = await remote.createExercise({ scenario: base.id, seed: 9, held: ['nato', `ally:${base.allies[0].id}` as RoleId] });
    const join1 = await remote.join({ code: created.code, role: 'nato', holder: 'staff' });
    let nato = await remote.connect(created.exerciseId, { token: join1.seatToken });
    let white = await remote.connect(created.exerciseId, { token: created.facilitatorToken });
    let acked = 0;
    for (let i = 0; i < 6; i++) if ((await white.act({ type: 'white.note', text: `note ${i}` })).ok) acked++;
    expect((await white.act({ type: 'phase.advance' })).ok).toBe(true);
    acked++;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    child = await startServer();
    try {
      nato = await remote.connect(created.exerciseId, { token: join1.seatToken });
      white = await remote.connect(created.exerciseId, { token: created.facilitatorToken });
      expect(nato.role).toBe('nato');
      const record = (await remote.download(created.exerciseId, created.facilitatorToken, 'exercise.json')) as ReturnType<typeof recordOf>;
      expect(record.log).toHaveLength(acked);
      const replayed = replayExercise(base, record);
      expect(replayed.ok).toBe(true);
      expect(white.view!.phase).toBe(replayed.ok ? replayed.state.phase : '');
      expect((await white.act({ type: 'white.note', text: 'after the restart' })).ok).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('a server stopped and started again', () => {
  it('Ctrl-C: every seat is told the server went away (not released), and takes its seat back with its token; at start, exercises idle for 14 days are closed', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'coopsec-stop-')), 'classroom.db');
    // An exercise abandoned a month ago, in the database the server starts on.
    const store = new ExerciseStore(db);
    store.createExercise({ id: 'ex-abandoned', code: 'AAAAAA', setup: defaultSetup(base, { seed: 1 }), facilitatorHash: 'h', passphraseHash: null, allowMultipleSeats: false, finished: false, createdAt: Date.now() - 30 * 24 * 3600_000, closedAt: null });
    store.close();
    const port = await freePort();
    let child = await serverProcess(port, db);
    const api = new ClassroomClient(`http://127.0.0.1:${port}`);
    try {
      await expect(api.lookup({ code: 'AAAAAA' })).rejects.toMatchObject({ status: 410, code: 'exercise-closed' });
      const made = await api.createExercise({ scenario: base.id, seed: 5, held: ['nato'] });
      const joined = await api.join({ code: made.code, role: 'nato', holder: 'staff' });
      const nato = await api.connect(made.exerciseId, { token: joined.seatToken });
      const left = new Promise<number>((resolve) => nato.onLeave(resolve));
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
      expect(leaveKind(await left)).toBe('lost');
      child = await serverProcess(port, db);
      const back = await api.connect(made.exerciseId, { token: joined.seatToken });
      expect(back.role).toBe('nato');
      await back.leave();
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('brute force (last: it spends this address\'s failed attempts)', () => {
  it('join codes cannot be tried cheaply: failed attempts are limited per address', async () => {
    let limited = false;
    for (let i = 0; i < 30 && !limited; i++) {
      try {
        await client.join({ code: 'AAAAAA', holder: `guess-${i}` });
      } catch (error) {
        limited = (error as { status?: number }).status === 429;
      }
    }
    expect(limited).toBe(true);
  });
});

describe('a flood of exercises (last: it spends this address\'s creations)', () => {
  it('one address creates at most 60 exercises a minute: a script on the network cannot fill the server; the refusal carries its code', async () => {
    const before = server.store.openCount();
    let refused: unknown = null;
    for (let i = 0; i < 61 && !refused; i++) await client.createExercise({ scenario: scenario.id, held: ['nato'] }).catch((e: unknown) => (refused = e));
    expect(refused).toMatchObject({ status: 429, code: 'too-many-exercises' });
    // Refused means not made: at most the minute's 60 were.
    expect(server.store.openCount() - before).toBeLessThanOrEqual(60);
  });
});
