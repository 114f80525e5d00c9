/**
 * `npm run classroom` with bad flags or a machine that is not ready
 * (docs/facilitator-guide-network.md): each case is refused with one line that names what
 * is wrong and where, exit code 2, and no stack trace, before anything is served or written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../browser/setup';
import { ExerciseStore, hashToken } from '../../src/server/store';
import { readConsoleLink } from '../../src/net/protocol';
import { classAddresses } from '../../src/server/lan';
import { defaultSetup } from '../../src/exercise/engine';
import { era } from '../exercise/support';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'coopsec-cli-'));
const busy: Server[] = [];

afterAll(() => {
  for (const s of busy) s.close();
});

/** Runs the classroom command with these flags until it exits (or 20 s): its exit code and what it printed. */
function classroom(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--no-build', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (err += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** A refusal as a user meets it: exit 2, one `error:` line naming the problem, no stack trace, nothing served. */
function expectRefused(r: { code: number | null; out: string; err: string }, says: RegExp): void {
  expect(r.code, r.err).toBe(2);
  expect(r.err).toMatch(/^error: /m);
  expect(r.err).toMatch(says);
  expect(r.err + r.out).not.toMatch(/^\s+at /m);
  expect(r.out).not.toContain('classroom server on');
}

describe('npm run classroom -- --help', () => {
  it('says what every flag does, with its default, and starts nothing', async () => {
    const r = await classroom(['--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^usage: npm run classroom/);
    for (const [flag, says] of [
      ['--port <n>', /default 2567/],
      ['--lan', /local network/],
      ['--address <ip>', /with --lan, the address to give the class/],
      ['--db <file>', /SQLite .*default classroom\.db/],
      ['--redis <host:port>', /Redis/],
      ['--rate <n>', /default 8/],
      ['--max-exercises <n>', /default 200/],
      ['--close-idle-days <n>', /close exercises without a move for n days/],
      ['--no-build', /dist\//],
      ['--backup <file>', /copy the database .*safe while a server runs/],
      ['--list', /list the exercises/],
      ['--console <code>', /new key and print the link that opens it/],
    ] as const)
      expect(r.out.split('\n').find((l) => l.trimStart().startsWith(flag)), flag).toMatch(says);
    expect(r.out).not.toContain('classroom server on');
  }, 30_000);
});

describe('npm run classroom -- --backup', () => {
  it('copies the exercises and their moves to a new file; refuses a missing database or a file that exists, naming it', async () => {
    const from = join(dir, 'live.db');
    const store = new ExerciseStore(from);
    store.createExercise({ id: 'ex-1', code: 'ACDEFG', setup: defaultSetup(era('era1-enlargement'), { seed: 3 }), facilitatorHash: 'h', passphraseHash: null, allowMultipleSeats: false, finished: false, createdAt: Date.now(), closedAt: null });
    store.appendMoves([{ exerciseId: 'ex-1', entry: { seq: 1, branch: 0, year: 1994, phase: 'briefing', role: 'white', move: { type: 'white.note', text: 'kept' } } }]);
    // The store stays open, as a running server's does: its last write may still be in the write-ahead log.
    const to = join(dir, 'backup.db');
    const r = await classroom(['--db', from, '--backup', to]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`copied to ${to}: 1 exercise, 1 move`);
    const copy = new ExerciseStore(to);
    expect(copy.log('ex-1').map((e) => e.move)).toEqual([{ type: 'white.note', text: 'kept' }]);
    copy.close();
    store.close();
    expectRefused(await classroom(['--db', from, '--backup', to]), /backup\.db exists already; give the backup a new file name/);
    expectRefused(await classroom(['--db', join(dir, 'nowhere.db'), '--backup', join(dir, 'b2.db')]), /there is no exercise database at .*nowhere\.db/);
  }, 60_000);
});

describe('npm run classroom -- --list', () => {
  it('lists the open exercises with their join code, scenario, times, moves and where they stand, then how many are closed', async () => {
    const db = join(dir, 'listed.db');
    const store = new ExerciseStore(db);
    const setup = defaultSetup(era('era1-enlargement'), { seed: 3 });
    const at = Date.UTC(2026, 11, 1, 9, 30);
    const add = (id: string, code: string) => store.createExercise({ id, code, setup, facilitatorHash: 'h', passphraseHash: null, allowMultipleSeats: false, finished: false, createdAt: at, closedAt: null });
    add('ex-a', 'ACDEFG');
    add('ex-b', 'HJKMNP');
    add('ex-c', 'QRTUVW');
    store.appendMoves([{ exerciseId: 'ex-a', entry: { seq: 1, branch: 0, year: 1995, phase: 'planning', role: 'white', move: { type: 'white.note', text: 'x' }, at: at + 3600_000 } }]);
    store.closeExercise('ex-c');
    store.close();
    const r = await classroom(['--db', db, '--list']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`2 open exercises in ${db}, and 1 closed (their records kept):`);
    expect(lines[1].split(/\s{2,}/)).toEqual(['code', 'scenario', 'created (UTC)', 'last move (UTC)', 'moves', 'state']);
    expect(lines[2].split(/\s{2,}/)).toEqual(['ACDEFG', 'era1-enlargement', '2026-12-01 09:30', '2026-12-01 10:30', '1', '1995 planning']);
    expect(lines[3].split(/\s{2,}/)).toEqual(['HJKMNP', 'era1-enlargement', '2026-12-01 09:30', '-', '0', 'not started']);
    expect(r.out).not.toContain('QRTUVW');
    expectRefused(await classroom(['--db', join(dir, 'nowhere.db'), '--list']), /there is no exercise database at .*nowhere\.db/);
  }, 60_000);
});

describe('npm run classroom -- --console', () => {
  it('gives an open exercise\'s console a new key and prints the link that opens it; refuses an unknown code or a closed exercise, naming it', async () => {
    const db = join(dir, 'console.db');
    const store = new ExerciseStore(db);
    const setup = defaultSetup(era('era1-enlargement'), { seed: 3 });
    const add = (id: string, code: string) => store.createExercise({ id, code, setup, facilitatorHash: hashToken('the old facilitator token'), passphraseHash: null, allowMultipleSeats: false, finished: false, createdAt: Date.now(), closedAt: null });
    add('ex-a', 'ACDEFG');
    add('ex-c', 'QRTUVW');
    store.closeExercise('ex-c');
    store.close();
    // The code as someone reads it off the projector: lower case, a space around it.
    const r = await classroom(['--db', db, '--port', '2999', '--console', ' acdefg ']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Exercise ACDEFG \(era1-enlargement\) has a new console key: the old one no longer opens its console/);
    expect(r.out).toMatch(/give it to the facilitator only/);
    const link = /Open the console on this computer: (\S+)/.exec(r.out)![1];
    const url = new URL(link);
    expect(url.origin).toBe('http://127.0.0.1:2999');
    const key = readConsoleLink(url.search, url.hash)!;
    expect(key).toMatchObject({ code: 'ACDEFG', exerciseId: 'ex-a', scenarioId: 'era1-enlargement' });
    expect(key.token.length).toBeGreaterThanOrEqual(24);
    const after = new ExerciseStore(db);
    expect(after.exercise('ex-a')!.facilitatorHash).toBe(hashToken(key.token));
    after.close();
    // A second run gives yet another key: the first link stops working too.
    const again = await classroom(['--db', db, '--console', 'ACDEFG']);
    expect(again.out).not.toContain(key.token);
    expectRefused(await classroom(['--db', db, '--console', 'ZZZZZZ']), /--console: no exercise in .*console\.db has the join code "ZZZZZZ" \(--list shows the open ones\)/);
    expectRefused(await classroom(['--db', db, '--console', 'QRTUVW']), /--console: the exercise QRTUVW is closed/);
    expectRefused(await classroom(['--db', join(dir, 'nowhere.db'), '--console', 'ACDEFG']), /there is no exercise database at .*nowhere\.db/);
  }, 60_000);
});

describe('npm run classroom refuses bad input with a clear message', () => {
  it('a port that is not a number', async () => {
    expectRefused(await classroom(['--port', 'abc', '--db', join(dir, 'a.db')]), /--port must be a port number from 1 to 65535 \(got "abc"\)/);
  }, 30_000);

  it('a negative port or rate, named as such rather than in the option parser\'s words', async () => {
    expectRefused(await classroom(['--port', '-1', '--db', join(dir, 'a.db')]), /--port must be a port number from 1 to 65535 \(got "-1"\)/);
    expectRefused(await classroom(['--rate', '-3', '--db', join(dir, 'a.db')]), /--rate must be a whole number of moves a second, 1 or more \(got "-3"\)/);
  }, 30_000);

  it('an unknown flag, with the usage line', async () => {
    const r = await classroom(['--bogus']);
    expectRefused(r, /Unknown option '--bogus'/);
    expect(r.err).toContain('usage: npm run classroom');
  }, 30_000);

  it('a rate below one move a second', async () => {
    expectRefused(await classroom(['--rate', '0', '--db', join(dir, 'b.db')]), /--rate must be a whole number of moves a second, 1 or more \(got "0"\)/);
  }, 30_000);

  it('a limit of open exercises below one, or idle days that are not a number', async () => {
    expectRefused(await classroom(['--max-exercises', '0', '--db', join(dir, 'e.db')]), /--max-exercises must be a whole number, 1 or more \(got "0"\)/);
    expectRefused(await classroom(['--close-idle-days', 'soon', '--db', join(dir, 'f.db')]), /--close-idle-days must be a whole number of days, 0 to never close \(got "soon"\)/);
  }, 30_000);

  it('a port another program holds', async () => {
    const port = await freePort();
    const holder = createServer();
    busy.push(holder);
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    expectRefused(await classroom(['--port', String(port), '--db', join(dir, 'c.db')]), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use .*choose another with --port`));
  }, 30_000);

  it('a database in a folder that does not exist, or a file that is not a database', async () => {
    const missing = join(dir, 'no-such-folder', 'classroom.db');
    expectRefused(await classroom(['--port', String(await freePort()), '--db', missing]), new RegExp(`the exercise database ${missing.replace(/[.]/g, '\\.')} cannot be opened: .*directory does not exist`));
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'these are the facilitator\'s notes, not a database\n'.repeat(200));
    expectRefused(await classroom(['--port', String(await freePort()), '--db', text]), /the exercise database .*notes\.db cannot be opened: file is not a database/);
    // The file is left as it was: nothing is lost.
    expect(existsSync(text)).toBe(true);
  }, 30_000);

  it('a Redis address that is malformed, or where no Redis answers', async () => {
    expectRefused(await classroom(['--port', String(await freePort()), '--db', join(dir, 'd.db'), '--redis', 'localhost:port']), /--redis must be host:port, e\.g\. 127\.0\.0\.1:6379 \(got "localhost:port"\)/);
    const nobody = await freePort();
    const r = await classroom(['--port', String(await freePort()), '--db', join(dir, 'e.db'), '--redis', `127.0.0.1:${nobody}`]);
    expectRefused(r, new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${nobody} \\(connection refused\\); start redis-server there`));
    // Once, not a retry loop's worth of lines.
    expect(r.err.trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it("an --address that is not one of this computer's, or without --lan", async () => {
    // Documentation addresses (TEST-NET-1 and -2), the first this computer does not hold.
    const foreign = ['192.0.2.250', '198.51.100.250'].find((a) => !classAddresses(networkInterfaces()).includes(a))!;
    const r = await classroom(['--port', String(await freePort()), '--db', join(dir, 'f.db'), '--lan', '--address', foreign]);
    expectRefused(r, new RegExp(`--address ${foreign.replace(/\./g, '\\.')} is not one of this computer's network addresses \\(`));
    expectRefused(await classroom(['--port', String(await freePort()), '--db', join(dir, 'g.db'), '--address', foreign]), /--address names the LAN address to give the class: give --lan too/);
  }, 30_000);
});
