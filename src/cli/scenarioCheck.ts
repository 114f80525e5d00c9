/**
 * `npm run scenario:check [-- <files...>]`: validates scenario files (all of scenarios/ when
 * none are named) and the campaign that chains them. Exit 0 when every file is valid.
 */
import { existsSync } from 'node:fs';
import { join, basename, resolve, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { fail, argsError } from './common';
import { scenarioIds, scenarioFiles, loadScenarioFile, formatProblems, readText, SCENARIO_DIR } from './files';
import { schemas } from '../core/scenario';
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
/** Ids of the eras that ship with the game (the files in scenarios/, as the game's catalogue counts them). */
const shippedIds = new Set(scenarioIds());
const files = args.length ? args : scenarioFiles();
let failed = 0;
let warned = 0;
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
    console.log(`ok  ${basename(file)}  era ${s.era}, ${s.start}–${s.end}, ${s.partners.length} partners, ${s.programmes.length} programmes, ${s.events.length} events, ${s.injects.length} injects`);
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
if (warned) console.warn(`${warned} warning${warned === 1 ? '' : 's'} (events or injects resting on press sources only)`);
if (!files.length) console.error('no scenario files found in scenarios/');
process.exit(failed || !files.length ? 1 : 0);
