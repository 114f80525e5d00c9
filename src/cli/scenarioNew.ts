/**
 * `npm run scenario:new -- --from <era-id> --id <new-id> [--era <n>]`: scaffolds a custom
 * era in scenarios/<new-id>.json from an existing one (its partners, programmes, frameworks
 * and Allies to edit), with the id set, the era number after the last shipped one, and its
 * history emptied (a new era is hypothetical until its author cites what happened). The
 * file is validated before it is written (`--dir` writes elsewhere, as the tests do); bad flags get a clear message, never a stack trace.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_DIR, scenarioIds, loadScenarioFile, formatProblems, readText } from './files';
import { validateScenario } from '../core/scenario';

const USAGE = 'usage: npm run scenario:new -- --from <era-id> --id <new-id> [--era <number>] [--dir <folder>] [--force]';

function fail(message: string): never {
  console.error(`scenario:new: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseFlags(argv: string[]): { from: string; id: string; era?: number; dir: string; force: boolean } {
  const flags: Record<string, string> = {};
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') force = true;
    else if (a === '--from' || a === '--id' || a === '--era' || a === '--dir') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) fail(`${a} needs a value`);
      flags[a.slice(2)] = v;
      i++;
    } else fail(`unknown argument "${a}"`);
  }
  if (!flags.from) fail('--from is required (one of: ' + scenarioIds().join(', ') + ')');
  if (!flags.id) fail('--id is required');
  if (scenarioIds().includes(flags.id)) fail(`--id "${flags.id}" is the id of an era that ships with the game; give your era its own id`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(flags.id)) fail(`--id "${flags.id}" must be lower-case letters, digits and hyphens, such as era5-arctic`);
  let era: number | undefined;
  if (flags.era !== undefined) {
    era = Number(flags.era);
    if (!Number.isInteger(era) || era < 1 || era > 99) fail(`--era "${flags.era}" must be a whole number from 1 to 99`);
  }
  if (flags.dir !== undefined && !existsSync(flags.dir)) fail(`--dir "${flags.dir}" does not exist`);
  return { from: flags.from, id: flags.id, era, dir: flags.dir ?? SCENARIO_DIR, force };
}

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const flags = parseFlags(args);
const source = join(SCENARIO_DIR, `${flags.from}.json`);
if (!scenarioIds().includes(flags.from) || !existsSync(source)) fail(`--from "${flags.from}" is not a scenario in scenarios/ (one of: ${scenarioIds().join(', ')})`);
const target = join(flags.dir, `${flags.id}.json`);
if (existsSync(target) && !flags.force) fail(`${target} exists already (add --force to overwrite it)`);
const loaded = loadScenarioFile(source);
if (!loaded.ok) {
  console.error(formatProblems(source, loaded.problems));
  fail(`--from "${flags.from}" is not valid itself; fix it first`);
}
const data = JSON.parse(readText(source)) as Record<string, unknown> & { history: { entries: unknown[]; readyAspirants?: number }; title: { en: string; fr: string } };
const maxEra = Math.max(...scenarioIds().map((id) => { const r = loadScenarioFile(join(SCENARIO_DIR, `${id}.json`)); return r.ok ? r.scenario.era : 0; }));
data.id = flags.id;
data.era = flags.era ?? maxEra + 1;
data.title = { en: `${data.title.en} (custom era: edit me)`, fr: `${data.title.fr} (époque personnalisée\u00a0: à modifier)` };
data.history = { entries: [] };
const result = validateScenario(data);
if (!result.ok) {
  console.error(formatProblems(target, result.problems));
  process.exit(1);
}
writeFileSync(target, JSON.stringify(data, null, 2) + '\n');
console.log(`wrote ${target} (era ${String(data.era)}, from ${flags.from}); edit it, then run npm run scenario:check`);
