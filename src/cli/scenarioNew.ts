/**
 * `npm run scenario:new -- --from <era-id> --id <new-id> [--era <n>] [--dir <folder>] [--force]`:
 * scaffolds a scenario author's own era in scenarios/<new-id>.json from an era in scenarios/
 * (its partners, programmes, frameworks, Allies and events to edit), with the id set, the
 * era number after the last shipped era, and its history emptied (a new era is hypothetical
 * until its author cites what happened). The file is validated before it is written
 * (`--dir` writes elsewhere, as the tests do); bad flags get a clear message, never a stack
 * trace. How authors use it: README.md, "Write your own era"; docs/scenario-authoring.md.
 *
 * Shipped eras are the campaign's (scenarios/campaign.json, as the game's catalogue lists
 * them); an author's own era files may sit beside them in scenarios/ (this tool puts them
 * there) and are not shipped: their ids are the author's to overwrite with --force, and they
 * do not move the next era's number (docs/scenario-authoring.md, "Shipped eras and your own").
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIO_DIR, scenarioIds, shippedEraIds, ownEraIds, loadScenarioFile, formatProblems, readText } from './files';
import { validateScenario } from '../core/scenario';

const USAGE = 'usage: npm run scenario:new -- --from <era-id> --id <new-id> [--era <number>] [--dir <folder>] [--force]';

function fail(message: string): never {
  console.error(`scenario:new: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The eras `--from` can start from, the shipped ones told from the author's own. */
function fromChoices(): string {
  const own = ownEraIds();
  return `a shipped era: ${shippedEraIds().join(', ')}${own.length ? `; or one of your own in scenarios/: ${own.join(', ')}` : ''}`;
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
  if (!flags.from) fail(`--from is required (${fromChoices()})`);
  if (!flags.id) fail('--id is required');
  // Only the campaign's eras are the game's: an author's own file in scenarios/ is theirs to
  // scaffold again, which the existing-file check below guards with --force.
  if (shippedEraIds().includes(flags.id)) fail(`--id "${flags.id}" is the id of an era that ships with the game; give your era its own id`);
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
if (!scenarioIds().includes(flags.from) || !existsSync(source)) fail(`--from "${flags.from}" is not a scenario in scenarios/ (${fromChoices()})`);
const target = join(flags.dir, `${flags.id}.json`);
if (existsSync(target) && !flags.force) fail(`${target} exists already (add --force to overwrite it)`);
const loaded = loadScenarioFile(source);
if (!loaded.ok) {
  console.error(formatProblems(source, loaded.problems));
  fail(`--from "${flags.from}" is not valid itself; fix it first`);
}
const data = JSON.parse(readText(source)) as Record<string, unknown> & { history: { entries: unknown[]; readyAspirants?: number }; title: { en: string; fr: string } };
// The number after the shipped eras only: an author's own eras are single eras outside the
// campaign, so a second one is another era after the campaign, not one after the first.
const maxEra = Math.max(0, ...shippedEraIds().map((id) => { const r = loadScenarioFile(join(SCENARIO_DIR, `${id}.json`)); return r.ok ? r.scenario.era : 0; }));
data.id = flags.id;
data.era = flags.era ?? maxEra + 1;
// Started from an own era still marked "edit me", the title keeps one mark, not two.
const MARK = { en: ' (custom era: edit me)', fr: ' (époque personnalisée\u00a0: à modifier)' };
data.title = { en: data.title.en.replace(MARK.en, '') + MARK.en, fr: data.title.fr.replace(MARK.fr, '') + MARK.fr };
data.history = { entries: [] };
const result = validateScenario(data);
if (!result.ok) {
  console.error(formatProblems(target, result.problems));
  process.exit(1);
}
writeFileSync(target, JSON.stringify(data, null, 2) + '\n');
console.log(`wrote ${target} (era ${String(data.era)}, from ${flags.from}); edit it, then run npm run scenario:check`);
