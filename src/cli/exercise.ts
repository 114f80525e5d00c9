/**
 * `npm run exercise -- ...`: the headless exercise runner for facilitators rehearsing a
 * scenario, and for tests (docs/exercise.md, docs/facilitator-guide.md).
 *
 *   --scenario <id|path> --seed <n> [--plan <plan.json>] [--msel <msel.json>] [--lang en|fr] --out <dir>
 *       plays an era (every role the engine's unless the plan seats people, whose scripted
 *       moves it plays) and writes exercise.json, aar.json, aar.csv and aar.html to <dir>.
 *   --replay <dir>/exercise.json [--to-turn <n>]
 *       rebuilds the state from the log, checking every move again; prints its hash and score.
 *   --compare <a.json> <b.json> ... --out <dir>
 *       the plenary's comparison of several syndicates' exercises of one scenario and seed.
 *
 * Bad input gets one message naming the file, the JSON path or the move's seq, and exit 2;
 * nothing half-written is left in --out (files are written to a temporary folder first).
 */
import { parseArgs } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseJsonText } from '../core/load';
import { scoreEra } from '../core/score';
import type { Scenario } from '../core/scenario';
import { defaultSetup, recordOf, replayExercise, stateHash, type ExerciseState } from '../exercise/engine';
import { parseMsel, parsePlan, playPlan } from '../exercise/plan';
import { parseRecord, rulesChanged } from '../exercise/moves';
import type { ExerciseRecord, ExerciseSetup } from '../exercise/types';
import { buildAar, aarJson, aarCsv } from '../exercise/aar';
import { aarHtml } from '../exercise/aarHtml';
import { compare, compareHtml } from '../exercise/compare';
import { formatProblems, loadScenarioFile, resolveScenario, scenarioIds } from './files';
import { fail, integer, cliArgs } from './common';

const USAGE = [
  'usage:',
  '  npm run exercise -- --scenario <id|path> --seed <n> [--plan <plan.json>] [--msel <msel.json>] [--lang en|fr] --out <dir>',
  '  npm run exercise -- --replay <dir>/exercise.json [--to-turn <n>]',
  '  npm run exercise -- --compare <a.json> <b.json> ... --out <dir>',
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
        lang: { type: 'string', default: 'en' },
        out: { type: 'string' },
        replay: { type: 'string' },
        'to-turn': { type: 'string' },
        compare: { type: 'boolean', default: false },
        seeds: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
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
  if (!file) fail(`unknown scenario "${idOrPath}"; valid scenarios: ${scenarioIds().join(', ')} (or a path to a .json file)`);
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) fail(formatProblems(loaded.file, loaded.problems));
  return loaded.scenario;
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
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(join(dirname(target), '.coopsec-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(temp, name), text);
    mkdirSync(target, { recursive: true });
    for (const name of Object.keys(files)) renameSync(join(temp, name), join(target, name));
  } finally {
    rmSync(temp, { recursive: true, force: true });
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
  if (args.lang !== 'en' && args.lang !== 'fr') fail(`--lang must be en or fr (got "${args.lang}")`);
  const lang = args.lang as 'en' | 'fr';

  if (args.replay) {
    if (args.scenario || args.plan || args.compare) fail(`--replay takes only --to-turn\n${USAGE}`);
    const record = loadRecord(args.replay);
    const scenario = loadScenario(record.setup.scenarioId);
    const toTurn = args['to-turn'] !== undefined ? integer('to-turn', args['to-turn'], 1) : undefined;
    const toYear = toTurn !== undefined ? scenario.start + toTurn - 1 : undefined;
    if (toYear !== undefined && toYear > scenario.end) fail(`--to-turn ${toTurn} is past the era's last turn (${scenario.end - scenario.start + 1})`);
    const replayed = replayExercise(scenario, record, toYear);
    if (!replayed.ok) fail(`${args.replay}: move seq ${replayed.seq} is refused on replay: ${replayed.rejection.reason}`);
    console.log(summary(scenario, replayed.state));
    return;
  }

  if (args.compare) {
    if (!args.out) fail(`--compare needs --out <dir>\n${USAGE}`);
    if (positionals.length < 2) fail(`--compare needs two exercise files or more\n${USAGE}`);
    const records = positionals.map((f) => loadRecord(f));
    const scenario = loadScenario(records[0].setup.scenarioId);
    const result = compare(scenario, records, lang);
    if (!result.ok) fail(result.reason);
    writeAll(args.out, { 'compare.json': JSON.stringify(result.comparison, null, 2), 'compare.html': compareHtml(result.comparison, lang) });
    console.log(`wrote compare.json and compare.html to ${args.out}`);
    return;
  }

  if (positionals.length) fail(`unexpected argument "${positionals[0]}"\n${USAGE}`);
  if (!args.scenario) fail(`--scenario is required\n${USAGE}`);
  if (!args.out) fail(`--out <dir> is required\n${USAGE}`);
  if (existsSync(args.out) && readdirSync(args.out).length && !existsSync(join(args.out, 'exercise.json'))) fail(`--out ${args.out} holds other files; give an empty folder or a previous exercise's`);
  const scenario = loadScenario(args.scenario);
  const seed = integer('seed', args.seed ?? '1994', -2147483648);
  const msel = args.msel ? parseMsel(scenario, readJson(args.msel, 'MSEL file')) : undefined;
  if (msel && !msel.ok) fail(formatProblems(args.msel!, msel.problems));
  const plan = args.plan ? parsePlan(scenario, readJson(args.plan, 'plan')) : undefined;
  if (plan && !plan.ok) fail(formatProblems(args.plan!, plan.problems));
  const setup: ExerciseSetup = plan?.ok
    ? { ...plan.value.setup, scenarioId: scenario.id, seed, lang, ...(msel?.ok ? { msel: msel.value } : {}) }
    : defaultSetup(scenario, { seed, lang, ...(msel?.ok ? { msel: msel.value } : {}) });
  const played = playPlan(scenario, setup, plan?.ok ? plan.value.moves : [], Date.now);
  if (!played.ok) fail(`${args.plan ?? '(no plan)'}: ${played.path}: ${played.message}`);
  const record = recordOf(played.state);
  const seeds = args.seeds !== undefined ? integer('seeds', args.seeds, 0) : 200;
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
