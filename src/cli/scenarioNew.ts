/**
 * `npm run scenario:new -- --from <era-id> --id <new-id> [--era <n>] [--dir <folder>] [--force]`:
 * scaffolds a scenario author's own era in scenarios/<new-id>.json from an era in scenarios/
 * (its partners, programmes, frameworks, Allies and events to edit), with the id set, the
 * era number after the last shipped era, and its history emptied (a new era is hypothetical
 * until its author cites what happened). The file is validated before it is written
 * (`--dir` writes elsewhere, as the tests do, with its `$schema` pointing from there to
 * scenarios/schema.json); bad flags, a --dir that is not a folder and a file that cannot be
 * written get a clear message and exit 2, never a stack trace. How authors use it:
 * README.md, "Write your own era"; docs/scenario-authoring.md.
 *
 * Shipped eras are the campaign's (scenarios/campaign.json, as the game's catalogue lists
 * them); an author's own era files may sit beside them in scenarios/ (this tool puts them
 * there) and are not shipped: their ids are the author's to overwrite with --force, and they
 * do not move the next era's number (docs/scenario-authoring.md, "Shipped eras and your own").
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCENARIO_DIR, scenarioIds, shippedEraIds, ownEraIds, loadScenarioFile, formatProblems, readText } from './files';
import { SCAFFOLD_MARK, validateScenario } from '../core/scenario';
import { fileSystemReason } from './common';

const USAGE = 'usage: npm run scenario:new -- --from <era-id> --id <new-id> [--era <number>] [--dir <folder>] [--force]';

function fail(message: string): never {
  console.error(`scenario:new: ${message}\n${USAGE}`);
  process.exit(2);
}

/** A refusal that is about the file system, not the flags: one line, no usage. */
function refuse(message: string): never {
  console.error(`scenario:new: ${message}`);
  process.exit(2);
}


/**
 * The `$schema` a scaffold written into `dir` gives editors: scenarios/schema.json as seen
 * from there ("./schema.json" beside the shipped eras), so that a file kept elsewhere still
 * autocompletes; a file URL when no relative path leads there (another drive on Windows).
 */
function schemaFrom(dir: string): string {
  const schema = join(SCENARIO_DIR, 'schema.json');
  const rel = relative(resolve(dir), schema);
  if (isAbsolute(rel)) return pathToFileURL(schema).href;
  const slashed = rel.split(sep).join('/');
  return slashed.startsWith('.') ? slashed : `./${slashed}`;
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
  // A file given as --dir would fail only at the write, as Node's ENOTDIR.
  if (flags.dir !== undefined && !statSync(flags.dir).isDirectory()) refuse(`--dir "${flags.dir}" is a file, not a folder; give the folder to write ${flags.id}.json into`);
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
const MARK = SCAFFOLD_MARK;
data.title = { en: data.title.en.replace(MARK.en, '') + MARK.en, fr: data.title.fr.replace(MARK.fr, '') + MARK.fr };
data.history = { entries: [] };
// "./schema.json" holds only beside scenarios/schema.json; first, as editors expect it.
const { $schema: _schema, ...rest } = data;
const scaffold = { $schema: schemaFrom(flags.dir), ...rest };
const result = validateScenario(scaffold);
if (!result.ok) {
  console.error(formatProblems(target, result.problems));
  process.exit(1);
}
try {
  writeFileSync(target, JSON.stringify(scaffold, null, 2) + '\n');
} catch (error) {
  refuse(`cannot write ${target}: ${fileSystemReason(error)}`);
}
console.log(`wrote ${target} (era ${String(data.era)}, from ${flags.from}); edit it, then run npm run scenario:check`);
