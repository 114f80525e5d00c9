/**
 * Views on the wire (docs/facilitator-guide-network.md, "Views on the wire"): the server
 * sends each connection its role's whole view once, then patches of what changed in that
 * role's own view. These tests prove that the views built together for several roles are
 * each exactly `viewFor`'s; that a seat putting the patches together holds exactly
 * `viewFor(scenario, exercise, role)` after every move of a whole era, for every role, with
 * a drop, a missed patch and a rejoin in the middle; and that no patch for a role carries
 * anything but parts of that role's own view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { ClassroomServer } from '../../src/server/server';
import { applyPatch, ClassroomClient, type Seat, type ViewPatch } from '../../src/net/client';
import { MoveCache, RoleFeed } from '../../src/server/feed';
import { applyMove, createExercise, defaultSetup, waitingFor, type ExerciseState } from '../../src/exercise/engine';
import { newViewMemo, viewFor, viewsFor, type RoleView } from '../../src/exercise/views';
import { standInMove } from '../../src/exercise/standIn';
import { shareUnchanged } from '../../src/exercise/share';
import { scenarioRoles } from '../../src/exercise/roles';
import { Rng } from '../../src/core/rng';
import type { Move, RoleId } from '../../src/exercise/types';
import { era, eras, randomMove, withSentinels } from '../exercise/support';

/** A value as JSON carries it. */
const asJson = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('views built together', () => {
  it.each([
    ['the engine\'s own states', false],
    ['states sharing what a move left unchanged (shareUnchanged, as the server keeps them)', true],
  ])('each role\'s view from viewsFor (with its memo kept across moves) is viewFor\'s, text for text, over whole eras with random moves and White Cell controls: %s', (_label, share) => {
    for (const [n, base] of eras.entries()) {
      const scenario = withSentinels(base);
      const roles = scenarioRoles(scenario);
      const setup = defaultSetup(scenario, { seed: 7 + n, seats: Object.fromEntries(roles.filter((r) => r !== 'observer').map((r, i) => [r, { held: i % 2 === 0 || r === 'white' }])) });
      let ex = createExercise(scenario, setup);
      const memo = newViewMemo();
      const rng = new Rng(11 + n);
      let compared = 0;
      for (let step = 0; step < 5000 && !ex.finished; step++) {
        const waiting = waitingFor(scenario, ex);
        const role = rng.chance(0.2) ? rng.pick(roles.filter((r) => r !== 'observer')) : waiting[0];
        const move = rng.chance(0.2) ? randomMove(scenario, ex, role, rng) : standInMove(scenario, ex, role);
        let result = applyMove(scenario, ex, move, step * 1000);
        if (!result.ok) result = applyMove(scenario, ex, standInMove(scenario, ex, waiting[0]), step * 1000);
        if (!result.ok) break;
        ex = share ? shareUnchanged(ex, result.state) : result.state;
        const together = viewsFor(scenario, ex, roles, memo);
        roles.forEach((r, i) => expect(JSON.stringify(together[i]), `${scenario.id} ${r} step ${step}`).toBe(JSON.stringify(viewFor(scenario, ex, r))));
        compared++;
      }
      expect(ex.finished, scenario.id).toBe(true);
      expect(compared).toBeGreaterThan(50);
    }
  });

  it('a feed\'s patches (values set whole, changed in a few items or fields, or taken from where they were) rebuild each view; its whole view is the view; an unchanged view gives an empty patch', () => {
    const scenario = era('era4-after2022');
    // The capitals vote: a plan is proposed, then agreed.
    let ex = createExercise(scenario, defaultSetup(scenario, { seed: 3, seats: { nato: { held: true }, [`ally:${scenario.allies[0].id}`]: { held: true }, white: { held: true } }, consensus: 'vote' }));
    const feed = new RoleFeed();
    let held: RoleView | null = null;
    let seq = 0;
    let items = 0;
    let refs = 0;
    let steps = 0;
    for (let step = 0; step < 80 && !ex.finished; step++) {
      const view = viewFor(scenario, ex, 'white');
      const u = feed.update(view, new MoveCache(), step);
      const patch = JSON.parse(u.patch) as ViewPatch;
      expect(patch.base).toBe(seq);
      held = applyPatch(held ?? ({} as RoleView), patch);
      if (patch.d.sub) items++;
      if ('ref' in patch.d && patch.d.ref) refs++;
      steps++;
      seq = patch.seq;
      // JSON on the wire: a view's -0 (a rounded tiny loss) arrives as 0, as any JSON would carry it.
      expect(held).toEqual(asJson(view));
      expect(JSON.parse(feed.full())).toEqual({ seq, view: asJson(view) });
      if (step === 0) {
        const again = JSON.parse(feed.update(view, new MoveCache(), step).patch) as ViewPatch;
        expect(again.d).toEqual({ set: {} });
        seq = again.seq;
      }
      const r = applyMove(scenario, ex, standInMove(scenario, ex, waitingFor(scenario, ex)[0]));
      if (!r.ok) break;
      ex = r.state;
    }
    // Parts that changed in a few items went as those items; the agreed plan, the proposal approved, as where it was.
    expect(steps).toBe(80);
    expect(items).toBeGreaterThan(5);
    expect(refs).toBeGreaterThan(0);
  });
});

const scenario = withSentinels(era('era4-after2022'));
let server: ClassroomServer;
let client: ClassroomClient;

beforeAll(async () => {
  server = new ClassroomServer({ port: 0, host: '127.0.0.1', db: ':memory:', scenarios: { [scenario.id]: scenario }, log: () => {}, movesPerSecond: 1000 });
  await server.start();
  client = new ClassroomClient(`http://127.0.0.1:${server.address().port}`);
});
afterAll(async () => {
  await server?.stop();
});

/** What went over the wire to one seat: every view and patch, as the text it came as (on each connection it wires, rejoins too). */
function tap(seat: Seat): { texts: { type: 'view' | 'patch'; text: string }[] } {
  const log = { texts: [] as { type: 'view' | 'patch'; text: string }[] };
  const watch = (room: Room) => {
    room.onMessage('view', (text: string) => log.texts.push({ type: 'view', text }));
    room.onMessage('patch', (text: string) => log.texts.push({ type: 'patch', text }));
  };
  const inner = seat as unknown as { room: Room; wire: (room: Room) => void };
  watch(inner.room);
  const wire = inner.wire.bind(seat);
  inner.wire = (room: Room) => {
    wire(room);
    watch(room);
  };
  return log;
}

/** Secrets a role's bytes must never carry (planted by withSentinels). */
function secretsFor(role: RoleId): string[] {
  if (role === 'white') return [];
  return ['"seed"', '"rng"', ...scenario.allies.filter((a) => role !== `ally:${a.id}`).map((a) => `SECRET-ALLY-${a.id}`)];
}

describe('patches over the wire', () => {
  it('every role holds exactly viewFor after every move of era 4 (the White Cell from the record it replays, sent no view), with a drop, a missed patch and a rejoin in the middle; no patch carries anything but its own role\'s view', async () => {
    const ally1 = `ally:${scenario.allies[0].id}` as RoleId;
    const ally2 = `ally:${scenario.allies[1].id}` as RoleId;
    const team = (scenario.partnerTeams.length ? `partner:${scenario.partnerTeams[0].id}` : 'partner:east') as RoleId;
    const held: RoleId[] = ['nato', ally1, ally2, team, 'red:russia'];
    const created = await client.createExercise({ scenario: scenario.id, seed: 21, held, consensus: 'vote' });
    const seats = {} as Record<RoleId, Seat>;
    const tokens = {} as Record<RoleId, string>;
    for (const role of held) {
      const j = await client.join({ code: created.code, role, holder: `wire-${role}` });
      tokens[role] = j.seatToken;
      seats[role] = await client.connect(created.exerciseId, { token: j.seatToken });
    }
    seats.white = await client.connect(created.exerciseId, { token: created.facilitatorToken });
    seats.observer = await client.connect(created.exerciseId, { code: created.code });
    const roles = Object.keys(seats) as RoleId[];
    const wires = Object.fromEntries(roles.map((r) => [r, tap(seats[r])])) as Record<RoleId, ReturnType<typeof tap>>;
    let mirror: ExerciseState = createExercise(scenario, defaultSetup(scenario, { seed: 21, seats: { ...Object.fromEntries(held.map((r) => [r, { held: true }])), white: { held: true } }, consensus: 'vote' }));
    for (const r of roles) expect(seats[r].view, r).toEqual(asJson(viewFor(scenario, mirror, r)));

    /** Every seat's view equals viewFor once the move's messages are in. */
    const settled = async (who: RoleId[]) => {
      for (const r of who) {
        const want = JSON.stringify(viewFor(scenario, mirror, r));
        await seats[r].waitFor((v) => JSON.stringify(v) === want, 5000).catch(() => undefined);
        expect(seats[r].view, `${r} at ${mirror.game.year} ${mirror.phase}`).toEqual(asJson(viewFor(scenario, mirror, r)));
      }
    };
    const play = async (move: Move) => {
      const r = await seats[move.role].act(move, move.role);
      expect(r.ok, `${move.role} ${move.type}: ${r.ok ? '' : r.reason}`).toBe(true);
      if (!r.ok) return;
      // The server stamps the move with its clock; the White Cell's record has the stamp.
      await new Promise<void>((resolve) => {
        const done = () => seats.white.record!.log.some((e) => e.seq === r.seq);
        if (done()) return resolve();
        const off = seats.white.onRecord(() => done() && (off(), resolve()));
      });
      const at = seats.white.record!.log.find((e) => e.seq === r.seq)!.at;
      const local = applyMove(scenario, mirror, move, at);
      if (!local.ok) throw new Error(`mirror refused ${move.type}: ${local.reason}`);
      mirror = local.state;
    };

    let moves = 0;
    let dropped = false;
    for (let i = 0; i < 3000 && !mirror.finished; i++) {
      const role = waitingFor(scenario, mirror)[0];
      if (!dropped && moves > 40 && role !== 'nato' && role !== ally1) {
        // Two laptops drop; a move is made while they are away (they miss its patch); they come back.
        dropped = true;
        seats.nato.drop();
        seats[ally1].drop();
        await new Promise((r) => setTimeout(r, 50));
        await play(standInMove(scenario, mirror, role));
        moves++;
        await settled(roles.filter((r) => r !== 'nato' && r !== ally1));
        for (const r of ['nato', ally1] as RoleId[]) await seats[r].rejoin();
        await settled(roles);
        // A seat whose numbering is off (as if a patch were lost) asks for the whole view and gets it.
        (seats[ally2] as unknown as { seq: number }).seq = 99_999;
        continue;
      }
      await play(standInMove(scenario, mirror, role));
      moves++;
      await settled(roles);
    }
    expect(mirror.finished).toBe(true);
    expect(dropped).toBe(true);
    expect(seats[ally2].resyncs).toBe(1);
    for (const r of roles) expect(seats[r].errors, r).toEqual([]);

    // The White Cell is sent no view at all: its seat builds its views from the record it replays (checked equal to viewFor above, move by move).
    expect(wires.white.texts).toEqual([]);
    // After the first whole view (before the tap), a seat gets patches: a whole view again only on rejoining or asking.
    for (const r of roles.filter((r) => r !== 'white')) {
      const kinds = wires[r].texts.map((t) => t.type);
      expect(kinds.filter((k) => k === 'view').length, r).toBe(r === 'nato' || r === ally1 || r === ally2 ? 1 : 0);
      expect(kinds.filter((k) => k === 'patch').length, r).toBeGreaterThan(moves - 3);
    }

    // Every value a role was sent, at the place it was sent for, is that place's value in one
    // of that role's own views at some moment of the exercise (replayed from the record):
    // never a value found only in another role's view.
    const sent = Object.fromEntries(roles.map((r) => [r, new Map<string, Set<string>>()])) as Record<RoleId, Map<string, Set<string>>>;
    const found = Object.fromEntries(roles.map((r) => [r, new Set<string>()])) as Record<RoleId, Set<string>>;
    const carry = (r: RoleId, path: string[], value: unknown) => {
      const key = JSON.stringify(path);
      const texts = sent[r].get(key) ?? new Set<string>();
      texts.add(JSON.stringify(value));
      sent[r].set(key, texts);
    };
    type D = { set?: Record<string, unknown>; at?: Record<string, unknown>; sub?: Record<string, D>; ref?: Record<string, unknown> };
    let refs = 0;
    const walk = (r: RoleId, path: string[], d: D): number => {
      let subs = 0;
      // A part taken from the role's own view before carries no value: nothing of another role's can be in it.
      refs += Object.keys(d.ref ?? {}).length;
      for (const [k, v] of Object.entries(d.set ?? d.at ?? {})) carry(r, [...path, k], v);
      for (const [k, inner] of Object.entries(d.sub ?? {})) subs += 1 + walk(r, [...path, k], inner);
      return subs;
    };
    let subs = 0;
    for (const r of roles) {
      for (const { type, text } of wires[r].texts) {
        for (const secret of secretsFor(r)) expect(text.includes(secret), `${r} got ${secret}`).toBe(false);
        const m = JSON.parse(text) as { view?: Record<string, unknown>; d?: D };
        if (type === 'view') for (const [k, v] of Object.entries(m.view!)) carry(r, [k], v);
        else subs += walk(r, [], m.d!);
      }
    }
    const at = (value: unknown, path: string[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
    let replay = createExercise(scenario, mirror.setup);
    const note = () => {
      for (const r of roles) {
        const view = viewFor(scenario, replay, r);
        for (const [key, texts] of sent[r]) {
          const text = JSON.stringify(at(view, JSON.parse(key) as string[]));
          if (texts.has(text)) found[r].add(`${key}=${text}`);
        }
      }
    };
    note();
    for (const entry of seats.white.record!.log) {
      const next = applyMove(scenario, replay, { role: entry.role, ...entry.move } as Move, entry.at);
      if (!next.ok) throw new Error(next.reason);
      replay = next.state;
      note();
    }
    for (const r of roles)
      for (const [key, texts] of sent[r]) for (const text of texts) expect(found[r].has(`${key}=${text}`), `${r} was sent ${key} = ${text.slice(0, 80)}, in none of its own views`).toBe(true);
    // Patches went deep (a part changed in a few of its items, a field of a part), not whole views.
    expect(subs).toBeGreaterThan(100);
    // The agreed plan went as where the approved proposal was, to each role that saw the proposal.
    expect(refs).toBeGreaterThan(5);
    // The check can fail: the observer's own sent values are not all in NATO's views.
    const observerSent = [...sent.observer].flatMap(([key, texts]) => [...texts].map((t) => `${key}=${t}`));
    expect(observerSent.some((p) => !found.nato.has(p))).toBe(true);
  }, 120_000);

  it('resync takes no body: anything else is refused with a message, and the room plays on', async () => {
    const created = await client.createExercise({ scenario: scenario.id, seed: 5, held: ['nato'] });
    const j = await client.join({ code: created.code, role: 'nato', holder: 'resync' });
    const nato = await client.connect(created.exerciseId, { token: j.seatToken });
    const r = await nato.sendRaw('resync', { give: 'me everything' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('bad-message');
    expect(!r.ok && r.reason).toMatch(/resync takes no body/);
    const white = await client.connect(created.exerciseId, { token: created.facilitatorToken });
    expect((await white.act({ type: 'white.note', text: 'still here' })).ok).toBe(true);
  });
});
