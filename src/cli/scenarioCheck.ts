/**
 * `npm run scenario:check [-- <files...>]`: validates scenario files (all of scenarios/ when
 * none are named) and the campaign that chains them. Exit 0 when every file is valid;
 * warnings (sources resting on press only, and `scenarioWarnings`: choices nobody at the
 * table can make, an untouched scaffold) are printed and do not fail the check. The
 * format it checks: README.md, "Scenario format"; what it says of an author's own era and of
 * the campaign named as a file: docs/scenario-authoring.md; the source registry it applies:
 * docs/sources-audit.md.
 */
import { existsSync } from 'node:fs';
import { join, basename, resolve, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { fail, argsError } from './common';
import { shippedEraIds, scenarioFiles, loadScenarioFile, formatProblems, readText, shownPath, SCENARIO_DIR } from './files';
import { schemas, scenarioWarnings } from '../core/scenario';
import { SourceRegistrySchema, checkSources, type SourceRegistry } from '../core/sources';

/** The source registry, or the problems that make it unusable (then every file fails). */
function loadRegistry(): { ok: true; registry: SourceRegistry } | { ok: false; problems: string[] } {
  const file = join(SCENARIO_DIR, 'sources.json');
  if (!existsSync(file)) return { ok: false, problems: [`${file}: missing (the source registry: see docs/sources-audit.md)`] };
  try {
    const parsed = SourceRegistrySchema.safeParse(JSON.parse(readText(file)));
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${file}: $.${i.path.join('.')}: ${i.message}`) };
    const both = parsed.data.deny.filter((h) => h in parsed.data.kinds);
    if (both.length) return { ok: false, problems: both.map((h) => `${file}: host "${h}" is both classified and denied`) };
    return { ok: true, registry: parsed.data };
  } catch (error) {
    return { ok: false, problems: [`${file}: not valid JSON: ${(error as Error).message}`] };
  }
}

function checkCampaign(ids: Set<string>): string[] {
  const file = join(SCENARIO_DIR, 'campaign.json');
  if (!existsSync(file)) return [`${file}: missing`];
  try {
    const parsed = schemas().Campaign.safeParse(JSON.parse(readText(file)));
    if (!parsed.success) return parsed.error.issues.map((i) => `${file}: $.${i.path.join('.')}: ${i.message}`);
    return parsed.data.eras.filter((e) => !ids.has(e)).map((e) => `${file}: unknown era scenario "${e}"`);
  } catch (error) {
    return [`${file}: not valid JSON: ${(error as Error).message}`];
  }
}

const USAGE = 'usage: npm run scenario:check [-- <scenario.json> ...]';
let args: string[] = [];
try {
  const parsed = parseArgs({ options: { help: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  args = parsed.positionals;
} catch (error) {
  // Node adds advice on '--' for positionals; argsError keeps what the facilitator needs.
  fail(`${argsError(error)}\n${USAGE}`);
}
/**
 * Ids of the eras that ship with the game: the campaign's, as the game's catalogue lists them.
 * An author's own era file beside them in scenarios/ is not one, so a copy of it elsewhere
 * (a draft, a colleague's) is checked as the author's era, not refused as a shipped one.
 */
const shippedIds = new Set(shippedEraIds());
const files = args.length ? args : scenarioFiles();
let failed = 0;
/** Warnings on sources (press only) and on the era's authoring (scenarioWarnings), counted apart for the last line. */
let warned = 0;
let authoringWarned = 0;
const ids = new Set<string>();
const registry = loadRegistry();
if (!registry.ok) {
  failed += registry.problems.length;
  for (const problem of registry.problems) console.error(problem);
}
for (const file of files) {
  const result = loadScenarioFile(file);
  if (result.ok) ids.add(result.scenario.id);
  if (result.ok && registry.ok) {
    const findings = checkSources(registry.registry, JSON.parse(readText(file)));
    const errors = findings.filter((f) => f.level === 'error');
    for (const w of findings.filter((f) => f.level === 'warning')) {
      warned++;
      console.warn(`${file}: warning: ${w.path}: ${w.message}`);
    }
    if (errors.length) {
      failed++;
      console.error([`${file}: ${errors.length} source problem${errors.length === 1 ? '' : 's'}`, ...errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n'));
      continue;
    }
  }
  if (result.ok) {
    ids.add(result.scenario.id);
    // The game refuses a player's file taking a shipped era's id (src/game/catalogue.ts); so does the check.
    if (shippedIds.has(result.scenario.id) && resolve(dirname(file)) !== SCENARIO_DIR) {
      failed++;
      console.error(`${file}: the id "${result.scenario.id}" is the id of an era that ships with the game; give your era its own id (npm run scenario:new -- --from ${result.scenario.id} --id <new-id>)`);
      continue;
    }
    if (result.scenario.id !== basename(file, '.json') && !args.length) {
      failed++;
      console.error(`${file}: the id "${result.scenario.id}" must match the file name`);
      continue;
    }
    const s = result.scenario;
    for (const w of scenarioWarnings(s)) {
      authoringWarned++;
      console.warn(`${file}: warning: ${w.path}: ${w.message}`);
    }
    // An author's own era in scenarios/ passes like a shipped one; saying it is not in the
    // campaign tells it from the game's eras (the game plays it as a single era).
    const own = !shippedIds.has(s.id) ? '  (your own era: not in the campaign)' : '';
    console.log(`ok  ${basename(file)}  era ${s.era}, ${s.start}–${s.end}, ${s.partners.length} partners, ${s.programmes.length} programmes, ${s.events.length} events, ${s.injects.length} injects${own}`);
  } else if (result.campaignEras) {
    // The campaign named as a file to check: one line saying what it is and what to check
    // instead, not the scenario schema's complaint about each key an era has and it lacks.
    failed++;
    const eras = result.campaignEras.map(shownPath).join(', ');
    console.error(`${file} is the campaign's list of eras, not a scenario; ${eras ? `check the era files it lists instead: ${eras}` : 'it lists no era files to check'} (npm run scenario:check with no files checks every era and the campaign itself)`);
  } else {
    failed++;
    console.error(formatProblems(file, result.problems));
  }
}
if (!args.length) {
  for (const problem of checkCampaign(ids)) {
    failed++;
    console.error(problem);
  }
}
const kinds = [
  ...(warned ? [`${warned} on events or injects resting on press sources only`] : []),
  ...(authoringWarned ? [`${authoringWarned} on the era's authoring, each saying what to change`] : []),
];
const total = warned + authoringWarned;
if (total) console.warn(`${total} warning${total === 1 ? '' : 's'} (${kinds.join('; ')})`);
if (!files.length) console.error('no scenario files found in scenarios/');
process.exit(failed || !files.length ? 1 : 0);
