/**
 * `npm run classroom [-- --port <n>] [--lan] [--db <file>] [--redis <host:port>] [--rate <n>] [--max-exercises <n>] [--close-idle-days <n>] [--no-build] [--backup <file>] [--list] [--console <code>] [--help]`
 *
 * One command for a classroom (docs/facilitator-guide-network.md): builds the game if
 * `dist/` is missing or older than the sources, starts the classroom server on 127.0.0.1
 * (the LAN only with `--lan`, which prints the address to give the class, a warning, and a
 * demo exercise's join code and console link), and brings back every open exercise from the database.
 * With `--redis`, several processes on one host share rooms through Redis. `--backup` and
 * `--list` only read the database, for the college's IT staff, and exit; `--console` gives
 * an exercise's console a new key (a facilitator's laptop lost or broken) and prints the
 * link that opens it, and exits.
 */
import { parseArgs } from 'node:util';
import { argsError, cliArgs } from '../cli/common';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, scenarioFiles } from '../cli/files';
import { fail } from '../cli/common';
import type { Scenario } from '../core/scenario';
import { ClassroomServer, newToken } from './server';
import { ExerciseStore, hashToken } from './store';
import { consoleLink } from '../net/protocol';
import { classAddresses } from './lan';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const USAGE = 'usage: npm run classroom -- [--port <n>] [--lan [--address <ip>]] [--db <file>] [--redis <host:port>] [--rate <moves a second per seat>] [--max-exercises <n>] [--close-idle-days <n>] [--no-build] [--backup <file>] [--list] [--console <code>]';

/** `--help`: what each flag does and its default, for the college's IT staff (docs/facilitator-guide-network.md). */
const HELP = [
  USAGE,
  '',
  'Serves the game and holds the classroom\'s exercises (docs/facilitator-guide-network.md).',
  '',
  '  --port <n>             port to listen on (default 2567)',
  '  --lan                  listen on the local network too, not only on this computer;',
  '                         prints the address to give the class, a warning, and a demo exercise\'s join code and console link (an earlier start\'s again while unused)',
  '  --address <ip>         with --lan, the address to give the class when this computer has several',
  '                         (default: its Wi-Fi or Ethernet address before a container\'s or a VPN\'s)',
  '  --db <file>            SQLite file that keeps every exercise\'s log (default classroom.db in the game\'s folder)',
  '  --redis <host:port>    share exercises with other server processes through Redis (default: none, one process)',
  '  --rate <n>             moves a second each seat may send (default 8)',
  '  --max-exercises <n>    open exercises beyond which no new one is created (default 200)',
  '  --close-idle-days <n>  close exercises without a move for n days, at start and hourly;',
  '                         their records stay downloadable (default 14; 0: never)',
  '  --no-build             serve dist/ as it is, without building the game when its sources are newer',
  '  --backup <file>        copy the database (--db) to a new file (safe while a server runs), and exit',
  '  --list                 list the exercises in the database (open ones, then how many are closed), and exit',
  '  --console <code>       give that exercise\'s console a new key and print the link that opens it (the',
  '                         facilitator\'s laptop was lost or broke; the old key stops working), and exit',
  '  --help                 this text',
].join('\n');

function parse() {
  try {
    return parseArgs({
      // "--port -1" is read as a value, not as a flag "-1", so it is refused for what it is.
      args: cliArgs(),
      options: {
        port: { type: 'string', default: '2567' },
        lan: { type: 'boolean', default: false },
        db: { type: 'string', default: join(root, 'classroom.db') },
        redis: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        rate: { type: 'string', default: '8' },
        'max-exercises': { type: 'string', default: '200' },
        'close-idle-days': { type: 'string', default: '14' },
        backup: { type: 'string' },
        list: { type: 'boolean', default: false },
        console: { type: 'string' },
        address: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${argsError(error)}\n${USAGE}`);
  }
}

/** The newest modification time of the files the game is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const dir of ['src', 'scenarios', 'assets']) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of ['index.html', 'vite.config.ts', 'package.json']) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** `--redis`'s `host:port` (either may be left out: 127.0.0.1, 6379), or a message naming the flag. */
function redisAddress(text: string): { host: string; port: number } {
  const m = /^([A-Za-z0-9.-]*)(?::(\d{1,5}))?$/.exec(text);
  if (!m || (m[2] !== undefined && Number(m[2]) > 65535)) return fail(`--redis must be host:port, e.g. 127.0.0.1:6379 (got "${text}")`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2] ?? 6379) };
}

/** Null when a TCP connection to host:port opens within two seconds, else why not. */
function reachable(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('no answer within 2 s');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'connection refused' : error.code === 'ENOTFOUND' ? 'no such host' : error.message));
  });
}

/**
 * Redis's clients, watched: a lost connection is told once, as a warning, and its return
 * once, however many clients retry how often (left to themselves they print every retry
 * with a stack trace). Rooms already open keep playing; what needs Redis waits for it.
 */
function redisWatch(where: string): <C extends { on(event: string, listener: (...args: never[]) => void): unknown }>(client: C) => C {
  let lost = false;
  return (client) => {
    client.on('error', (error: NodeJS.ErrnoException) => {
      if (lost) return;
      lost = true;
      console.error(`warning: lost Redis at ${where} (${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}); trying again. Exercises being played go on; creating or joining one waits until Redis is back.`);
    });
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      console.log(`Redis at ${where} is back.`);
    });
    return client;
  };
}

/**
 * `--list`: the open exercises as a table for the college's IT staff (join code, scenario,
 * when created and last played, moves, where it stands), then how many are closed.
 */
function listing(rows: ReturnType<ExerciseStore['summaries']>, db: string): string {
  const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const open = rows.filter((r) => r.exercise.closedAt === null);
  const closed = rows.length - open.length;
  const table = [
    ['code', 'scenario', 'created (UTC)', 'last move (UTC)', 'moves', 'state'],
    ...open.map(({ exercise: e, moves, last }) => [
      e.code,
      e.setup.scenarioId,
      when(e.createdAt),
      last?.at !== undefined ? when(last.at) : '-',
      String(moves),
      `${e.finished ? 'finished' : last ? `${last.year} ${last.phase}` : 'not started'}${e.demo ? ' (the --lan demo)' : ''}`,
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const lines = table.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  const head = `${open.length} open exercise${open.length === 1 ? '' : 's'} in ${db}${closed ? `, and ${closed} closed (their records kept)` : ''}`;
  return open.length ? `${head}:\n${lines.join('\n')}` : head;
}

/**
 * The LAN addresses to give the class, the one the console's links use first: `--address`
 * when given (one of this computer's), else the likeliest (./lan.ts). A wrong `--address` is
 * said in one line, naming the addresses there are.
 */
function lanAddresses(chosen: string | undefined, lan: boolean): string[] {
  const addresses = classAddresses(networkInterfaces());
  if (chosen === undefined) return addresses;
  if (!lan) return fail('--address names the LAN address to give the class: give --lan too');
  if (!addresses.includes(chosen)) return fail(`--address ${chosen} is not one of this computer's network addresses (${addresses.join(', ') || 'none found'})`);
  return [chosen, ...addresses.filter((a) => a !== chosen)];
}

/** The database, for the flags that read or mend it without serving; a missing or foreign file is said in one line. */
function openStore(db: string): ExerciseStore {
  try {
    ExerciseStore.mustExist(db);
    return new ExerciseStore(db);
  } catch (error) {
    return fail((error as Error).message);
  }
}

/**
 * `--console <code>`: a new facilitator token for that exercise, and the links that open its
 * console with it. The old token stops opening the console and the facilitator's calls at
 * once; a console still connected with it is sent away by the running server within seconds.
 */
function newConsoleKey(db: string, code: string, port: string, addresses: string[]): string {
  const store = openStore(db);
  try {
    const stored = store.exerciseByCode(code.trim().toUpperCase());
    if (!stored) return fail(`--console: no exercise in ${db} has the join code "${code}" (--list shows the open ones)`);
    if (stored.closedAt !== null) return fail(`--console: the exercise ${stored.code} is closed; its record stays on the server, and it has no console to open`);
    const token = newToken();
    store.replaceFacilitator(stored.id, hashToken(token));
    const key = { code: stored.code, exerciseId: stored.id, scenarioId: stored.setup.scenarioId, token };
    const lanLinks = addresses.map((address) => consoleLink(`http://${address}:${port}`, key));
    return [
      `Exercise ${stored.code} (${stored.setup.scenarioId}) has a new console key: the old one no longer opens its console, and a console still open with it is sent away.`,
      `Open the console on this computer: ${consoleLink(`http://127.0.0.1:${port}`, key)}`,
      ...(lanLinks.length ? ['or on another laptop, when the server runs with --lan:', ...lanLinks.map((l) => `  ${l}`)] : []),
      'Anyone with this link runs the exercise: give it to the facilitator only.',
    ].join('\n');
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    console.log(HELP);
    return;
  }
  if (args.backup !== undefined) {
    const copied = await ExerciseStore.backup(args.db, args.backup).catch((error: Error) => fail(error.message));
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    console.log(`${args.db} copied to ${args.backup}: ${plural(copied.exercises, 'exercise')}, ${plural(copied.moves, 'move')}`);
    return;
  }
  if (args.list) {
    const store = openStore(args.db);
    console.log(listing(store.summaries(), args.db));
    store.close();
    return;
  }
  if (!/^\d+$/.test(args.port) || Number(args.port) < 1 || Number(args.port) > 65535) fail(`--port must be a port number from 1 to 65535 (got "${args.port}")`);
  if (args.console !== undefined) {
    console.log(newConsoleKey(args.db, args.console, args.port, lanAddresses(args.address, true)));
    return;
  }
  if (!/^\d+$/.test(args.rate) || Number(args.rate) < 1) fail(`--rate must be a whole number of moves a second, 1 or more (got "${args.rate}")`);
  if (!/^\d+$/.test(args['max-exercises']) || Number(args['max-exercises']) < 1) fail(`--max-exercises must be a whole number, 1 or more (got "${args['max-exercises']}")`);
  if (!/^\d+$/.test(args['close-idle-days'])) fail(`--close-idle-days must be a whole number of days, 0 to never close (got "${args['close-idle-days']}")`);
  const dist = join(root, 'dist');
  const stale = () => !existsSync(join(dist, 'index.html')) || statSync(join(dist, 'index.html')).mtimeMs < newestSource();
  if (!args['no-build'] && stale()) {
    console.log('building the game into dist/ …');
    const { build } = await import('vite');
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  } else if (args['no-build'] && existsSync(join(dist, 'index.html')) && stale()) {
    // An old build refuses what the sources now accept (an era written for newer rules): said once, at start.
    // Printed with the server's start lines (stdout): a refusal's one error line stays the only line on stderr.
    console.log('warning: dist/ is older than the game\'s sources or eras, and --no-build serves it as it is; start without --no-build to build it again');
  }
  const scenarios: Record<string, Scenario> = {};
  for (const file of scenarioFiles()) {
    const loaded = loadScenarioFile(file);
    if (loaded.ok) scenarios[loaded.scenario.id] = loaded.scenario;
    else console.warn(`warning: ${file} is not a valid scenario and is left out (npm run scenario:check says why)`);
  }
  let presence;
  let driver;
  if (args.redis) {
    const options = redisAddress(args.redis);
    // Redis's client would retry for ever, printing each failure; the facilitator is told once.
    const unreachable = await reachable(options.host, options.port);
    if (unreachable) fail(`cannot reach Redis at ${options.host}:${options.port} (${unreachable}); start redis-server there, or leave out --redis to run one process`);
    const { Redis } = await import('ioredis');
    const { RedisPresence } = await import('@colyseus/redis-presence');
    const { RedisDriver } = await import('@colyseus/redis-driver');
    const watched = redisWatch(`${options.host}:${options.port}`);
    presence = new RedisPresence(watched(new Redis(options)));
    driver = new RedisDriver(watched(new Redis(options)));
  }
  const host = args.lan ? '0.0.0.0' : '127.0.0.1';
  const addresses = lanAddresses(args.address, args.lan);
  const lanAddress = addresses[0];
  // With Redis, a client may ask any process for a room another one holds; it is sent to this address.
  const publicAddress = args.redis ? `${args.lan && lanAddress ? lanAddress : '127.0.0.1'}:${args.port}` : undefined;
  // A console opened on this computer (127.0.0.1) hands the class links at the LAN address.
  const classAddress = args.lan && lanAddress && args.port !== '0' ? `http://${lanAddress}:${args.port}` : undefined;
  const server = new ClassroomServer({ port: Number(args.port), host, db: args.db, scenarios, dist, ...(presence ? { presence } : {}), ...(driver ? { driver } : {}), ...(publicAddress ? { publicAddress } : {}), ...(classAddress ? { classAddress } : {}), movesPerSecond: Number(args.rate), maxOpenExercises: Number(args['max-exercises']), closeIdleDays: Number(args['close-idle-days']) });
  await server.start();
  const port = server.address().port;
  console.log(`Cooperative Security classroom server on http://127.0.0.1:${port}/ (exercises kept in ${args.db})`);
  if (args.lan) {
    console.log(`On the LAN, give the class: ${lanAddress ? `http://${lanAddress}:${port}/` : '(no LAN address found)'}`);
    // A second network (a container's, a VPN's) is named, in case the class is on that one.
    if (addresses.length > 1) console.log(`This computer has other network addresses too (${addresses.slice(1).join(', ')}); the console's links use ${lanAddress}: to give the class another, start again with --address <one of them>`);
    console.log('warning: anyone on this network can now reach the server; use an exercise passphrase on a shared network.');
    try {
      const demo = await server.demoExercise(Object.keys(scenarios)[0]);
      // Its console's link, rather than a bare token that no screen asks for.
      if (demo.facilitatorToken === null) console.log(`Demo exercise: join code ${demo.code}, offered by another server process sharing this database; its console's link is in that process's window.`);
      else {
        const link = consoleLink(classAddress ?? `http://127.0.0.1:${port}`, { code: demo.code, exerciseId: demo.exerciseId, scenarioId: Object.keys(scenarios)[0], token: demo.facilitatorToken });
        console.log(`Demo exercise: join code ${demo.code}${demo.again ? ' (the one an earlier start offered, still unused; its console has a new link)' : ''}; its console: ${link}`);
      }
    } catch (error) {
      console.log(`No demo exercise: ${(error as Error).message}`);
    }
  }
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => fail((error as Error).message));
