/**
 * `npm run exercise -- ...`: the headless exercise runner for facilitators rehearsing a
 * scenario, and for tests (docs/exercise.md, docs/facilitator-guide.md).
 *
 *   --scenario <id|path> [--seed <n>] [--plan <plan.json>] [--msel <msel.json>] [--lang en|fr] --out <dir> [--force]
 *       plays an era (every role the engine's unless the plan seats people, whose scripted
 *       moves it plays) and writes exercise.json, aar.json, aar.csv and aar.html to <dir>.
 *   --replay <dir>/exercise.json [--to-turn <n>] [--scenario <id|path>]
 *       rebuilds the state from the log, checking every move again; prints its hash and score.
 *   --compare <a.json> <b.json> ... [--scenario <id|path>] --out <dir> [--force]
 *       the plenary's comparison of several syndicates' exercises of one scenario and seed.
 *   A record names its era by id only; --scenario says where an era that is not in
 *   scenarios/ (a facilitator's own file) is, and must be the era the record was played on.
 *
 * Bad input gets one message naming the file, the JSON path or the move's seq, and exit 2;
 * nothing half-written is left in --out (files are written to a temporary folder first).
 * --out is a new or empty folder: one holding files already (an earlier run's) is written
 * over only with --force, one inside scenarios/ is refused (its files would be read as
 * eras), and a name ending in .json that is no folder is taken for a file and refused.
 */
import { parseArgs } from 'node:util';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseJsonText } from '../core/load';
import { scoreEra } from '../core/score';
import type { Scenario } from '../core/scenario';
import { defaultSetup, recordOf, replayExercise, stateHash, type ExerciseState } from '../exercise/engine';
import { mselWarnings, parseMsel, parsePlan, playPlan } from '../exercise/plan';
import { parseRecord, rulesChanged } from '../exercise/moves';
import type { ExerciseRecord, ExerciseSetup } from '../exercise/types';
import { buildAar, aarJson, aarCsv } from '../exercise/aar';
import { aarHtml } from '../exercise/aarHtml';
import { compare, compareHtml } from '../exercise/compare';
import { formatProblems, insideScenarioDir, loadScenarioFile, resolveScenario, scenarioIds, stripBom, unknownScenario } from './files';
import { fail, integer, cliArgs, argsError, seedFlag, fileSystemReason } from './common';

const USAGE = [
  'usage:',
  '  npm run exercise -- --scenario <id|path> [--seed <n>, default 1994] [--plan <plan.json>] [--msel <msel.json>] [--lang en|fr] --out <dir> [--force]',
  '  npm run exercise -- --replay <dir>/exercise.json [--to-turn <n>] [--scenario <id|path>]',
  '  npm run exercise -- --compare <a.json> <b.json> ... [--scenario <id|path>] [--lang en|fr] --out <dir> [--force]',
  'With --replay and --compare, --scenario says where the era is when it is not in scenarios/ (your own era file).',
  '--out is a new or empty folder outside scenarios/; --force writes over the files of one that holds some already (an earlier run\'s).',
].join('\n');

function parse() {
  try {
    return parseArgs({
      args: cliArgs(),
      options: {
        scenario: { type: 'string' },
        seed: { type: 'string' },
        plan: { type: 'string' },
        msel: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
        replay: { type: 'string' },
        'to-turn': { type: 'string' },
        compare: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        seeds: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return fail(`${argsError(error)}\n${USAGE}`);
  }
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = stripBom(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(`${file}: ${code === 'ENOENT' ? `${what} not found` : `cannot read the ${what} (${code})`}`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return fail(`${file}: ${parsed.problem.path}: ${parsed.problem.message}`);
  return parsed.data;
}

function loadScenario(idOrPath: string): Scenario {
  const file = resolveScenario(idOrPath);
  if (!file) fail(unknownScenario(idOrPath));
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) fail(formatProblems(loaded.file, loaded.problems));
  return loaded.scenario;
}

/**
 * The era a record was played on. A record keeps the scenario's id only, so an era from a
 * facilitator's own file is found through `--scenario`, which must then be that very era:
 * replaying a log on another era would refuse its moves far from the real mistake.
 */
function scenarioOfRecord(recordFile: string, record: ExerciseRecord, given: string | undefined): Scenario {
  const id = record.setup.scenarioId;
  if (given !== undefined) {
    const scenario = loadScenario(given);
    if (scenario.id !== id) fail(`--scenario ${given} is the era "${scenario.id}", but ${recordFile} was played on "${id}"; give that era's file`);
    return scenario;
  }
  if (!resolveScenario(id)) fail(`${recordFile} was played on the era "${id}", which is not in scenarios/ (${scenarioIds().join(', ')}); pass --scenario <path> to its file`);
  return loadScenario(id);
}

/** Flags given on the command line (a boolean only when set), for refusing those a mode does not take. */
function givenFlags(values: Record<string, string | boolean | undefined>, allowed: readonly string[]): string[] {
  return Object.keys(values).filter((k) => values[k] !== undefined && values[k] !== false && !allowed.includes(k));
}

/** Why the file system refused, where --out's folder may not be made either. */
const reasonOf = (error: unknown): string => fileSystemReason(error, 'no such folder, and none can be made there');

/**
 * Checks, before the work, that --out can take the files: a folder (or none yet) that can
 * be written where it is. A bad --out found only after a long run would lose it, and Node's
 * own message ("ENOTDIR: not a directory, scandir") names neither the flag nor the fix.
 * Nor is an earlier run's folder written over without --force (a rehearsal's record and
 * report would be lost silently), nor a folder made inside scenarios/, where the tools and
 * the game's build read every .json file as an era; and `--out run.json`, which names no
 * folder yet, is taken for a file meant, not made a folder of that name.
 */
function checkOut(out: string, force: boolean, writes: string): void {
  const target = resolve(out);
  if (insideScenarioDir(target)) fail(`--out ${out} is inside scenarios/, where every .json file is read as an era; give a folder elsewhere`);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) fail(`--out: ${out} is a file, not a folder`);
    let held: string[] = [];
    try {
      held = readdirSync(target);
    } catch (error) {
      fail(`--out: cannot read ${out}: ${reasonOf(error)}`);
    }
    if (held.length && !force) fail(`--out ${out} holds files already (${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}); give a new or empty folder, or add --force to write ${writes} into it (replacing an earlier run's)`);
  } else if (/\.json$/i.test(out)) {
    fail(`--out ${out} looks like a file name, but --out is the folder the run writes ${writes} into; give a folder`);
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
    rmSync(mkdtempSync(join(dirname(target), '.coopsec-')), { recursive: true, force: true });
    if (existsSync(target)) accessSync(target, constants.W_OK);
  } catch (error) {
    fail(`--out: cannot create ${out}: ${reasonOf(error)}`);
  }
}

/** An exercise record from a file, checked for shape entry by entry. */
function loadRecord(file: string): ExerciseRecord {
  const checked = parseRecord(readJson(file, 'exercise file'));
  if (!checked.ok) fail(`${file}: ${checked.reason}`);
  const changed = rulesChanged(checked.record);
  if (changed) process.stderr.write(`note: ${file} was played under rules version ${changed.recorded}; this build replays it under version ${changed.current}, so its years may differ from those played\n`);
  return checked.record;
}

/** Writes files into `dir` all at once: into a temporary folder beside it, then moved in. */
function writeAll(dir: string, files: Record<string, string>): void {
  const target = resolve(dir);
  let temp: string | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true });
    temp = mkdtempSync(join(dirname(target), '.coopsec-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(temp, name), text);
    mkdirSync(target, { recursive: true });
    for (const name of Object.keys(files)) renameSync(join(temp, name), join(target, name));
  } catch (error) {
    // checkOut passed, so the disk filled up or the folder changed under the run.
    fail(`--out: cannot write to ${dir}: ${reasonOf(error)}`);
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

function summary(scenario: Scenario, ex: ExerciseState): string {
  const score = scoreEra(scenario, ex.game);
  return [
    `${scenario.id}, seed ${ex.setup.seed}: ${ex.finished ? 'finished' : `stopped at ${ex.game.year} ${ex.phase}`}, branch ${ex.branch}, ${ex.log.length} logged moves`,
    `state hash ${stateHash(ex)}`,
    `score ${score.score.toFixed(1)}`,
  ].join('\n');
}

function run(): void {
  const { values: args, positionals } = parse();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const lang = (args.lang ?? 'en') as 'en' | 'fr';
  if (lang !== 'en' && lang !== 'fr') fail(`--lang must be en or fr (got "${lang}")`);

  if (args.replay !== undefined) {
    // --replay prints and writes nothing, so an --out (or a plan) given with it would be silently dropped.
    const extra = givenFlags(args, ['replay', 'to-turn', 'scenario']);
    if (extra.length) fail(`--replay takes only --to-turn and --scenario (got --${extra[0]}); it prints the hash and score and writes no files\n${USAGE}`);
    if (positionals.length) fail(`unexpected argument "${positionals[0]}"\n${USAGE}`);
    const record = loadRecord(args.replay);
    const scenario = scenarioOfRecord(args.replay, record, args.scenario);
    const toTurn = args['to-turn'] !== undefined ? integer('to-turn', args['to-turn'], 1) : undefined;
    const toYear = toTurn !== undefined ? scenario.start + toTurn - 1 : undefined;
    if (toYear !== undefined && toYear > scenario.end) fail(`--to-turn ${toTurn} is past the era's last turn (${scenario.end - scenario.start + 1})`);
    const replayed = replayExercise(scenario, record, toYear);
    if (!replayed.ok) fail(`${args.replay}: move seq ${replayed.seq} is refused on replay: ${replayed.rejection.reason}`);
    console.log(summary(scenario, replayed.state));
    return;
  }

  if (args.compare) {
    const extra = givenFlags(args, ['compare', 'out', 'scenario', 'lang', 'force']);
    if (extra.length) fail(`--compare takes only --out, --force, --scenario and --lang (got --${extra[0]})\n${USAGE}`);
    if (!args.out) fail(`--compare needs --out <dir>\n${USAGE}`);
    if (positionals.length < 2) fail(`--compare needs two exercise files or more\n${USAGE}`);
    const records = positionals.map((f) => loadRecord(f));
    const scenario = scenarioOfRecord(positionals[0], records[0], args.scenario);
    checkOut(args.out, args.force, 'compare.json and compare.html');
    const result = compare(scenario, records, lang);
    if (!result.ok) fail(result.reason);
    writeAll(args.out, { 'compare.json': JSON.stringify(result.comparison, null, 2), 'compare.html': compareHtml(result.comparison, lang) });
    console.log(`wrote compare.json and compare.html to ${args.out}`);
    return;
  }

  if (positionals.length) fail(`unexpected argument "${positionals[0]}"\n${USAGE}`);
  if (!args.scenario) fail(`--scenario is required\n${USAGE}`);
  if (!args.out) fail(`--out <dir> is required\n${USAGE}`);
  if (args['to-turn'] !== undefined) fail(`--to-turn goes with --replay\n${USAGE}`);
  checkOut(args.out, args.force, 'exercise.json, aar.json, aar.csv and aar.html');
  const scenario = loadScenario(args.scenario);
  const seed = seedFlag(args.seed ?? '1994');
  const msel = args.msel ? parseMsel(scenario, readJson(args.msel, 'MSEL file')) : undefined;
  if (msel && !msel.ok) fail(formatProblems(args.msel!, msel.problems));
  if (msel?.ok) for (const w of mselWarnings(scenario, msel.value)) process.stderr.write(`warning: ${args.msel}: ${w.path}: ${w.message}\n`);
  const plan = args.plan ? parsePlan(scenario, readJson(args.plan, 'plan')) : undefined;
  if (plan && !plan.ok) fail(formatProblems(args.plan!, plan.problems));
  const seeds = args.seeds !== undefined ? integer('seeds', args.seeds, 0) : 200;
  const setup: ExerciseSetup = plan?.ok
    ? { ...plan.value.setup, scenarioId: scenario.id, seed, lang, ...(msel?.ok ? { msel: msel.value } : {}) }
    : defaultSetup(scenario, { seed, lang, ...(msel?.ok ? { msel: msel.value } : {}) });
  const played = playPlan(scenario, setup, plan?.ok ? plan.value.moves : [], Date.now);
  if (!played.ok) fail(`${args.plan ?? '(no plan)'}: ${played.path}: ${played.message}`);
  const record = recordOf(played.state);
  const aar = buildAar(scenario, record, { lang, seeds });
  const csv = aarCsv(aar);
  writeAll(args.out, {
    'exercise.json': JSON.stringify(record, null, 1),
    'aar.json': aarJson(aar),
    'aar.csv': csv,
    'aar.html': aarHtml(aar, lang),
  });
  console.log(summary(scenario, played.state));
  console.log(`wrote exercise.json, aar.json, aar.csv and aar.html to ${args.out}`);
}

run();
