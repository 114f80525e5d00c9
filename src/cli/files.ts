/**
 * File helpers for the command-line tools: where the scenarios live, which of them ship with
 * the game and which are a scenario author's own, loading one by id or path with every
 * failure turned into a readable message instead of a stack trace (the campaign's list of
 * eras, given where an era was expected, is named as such), and reading any JSON file the
 * tools take (a leading byte-order mark dropped). Shipped eras against an author's own, and
 * the campaign: docs/scenario-authoring.md; the tools: README.md, "Command-line tools".
 */
import { readFileSync, readdirSync, existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, basename, relative, isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJsonText, parseScenarioText } from '../core/load';
import type { Scenario, ScenarioProblem } from '../core/scenario';

/**
 * The scenarios folder. `COOPSEC_SCENARIO_DIR` points the tools at another copy of it: the
 * CLI tests use one to play an author's own file placed beside the shipped eras without
 * writing into the real folder, which other tests read at the same time.
 */
export const SCENARIO_DIR = process.env.COOPSEC_SCENARIO_DIR
  ? resolve(process.env.COOPSEC_SCENARIO_DIR)
  : resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

/** The repository's own scenarios/ folder, whatever `COOPSEC_SCENARIO_DIR` says. */
const REPOSITORY_SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

/**
 * Whether a path lies in scenarios/ (the tools' folder or the repository's), links
 * followed, whether or not it exists yet: the tools and the game's build read the JSON files
 * there as eras, so a tool's output must not go there.
 */
export function insideScenarioDir(path: string): boolean {
  const target = realPath(path);
  return [SCENARIO_DIR, REPOSITORY_SCENARIO_DIR].some((dir) => {
    const rel = relative(realPath(dir), target);
    return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
  });
}

/** A path with its existing part's links resolved (the rest, not made yet, as given). */
function realPath(path: string): string {
  let head = resolve(path);
  const tail: string[] = [];
  while (!existsSync(head) && dirname(head) !== head) {
    tail.unshift(basename(head));
    head = dirname(head);
  }
  try {
    return join(realpathSync(head), ...tail);
  } catch {
    return resolve(path);
  }
}

/** Scenario files in scenarios/ (not the campaign or the JSON Schemas). */
export function scenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json') && !f.startsWith('campaign') && !f.includes('schema') && f !== 'sources.json')
    .sort()
    .map((f) => join(SCENARIO_DIR, f));
}

export function scenarioIds(): string[] {
  return scenarioFiles().map((f) => basename(f, '.json'));
}

/**
 * Ids of the eras that ship with the game: the ones scenarios/campaign.json lists, which is
 * how the game's catalogue lists the shipped eras (src/game/catalogue.ts; a scenario author's
 * own era never joins the campaign). Every era file in scenarios/ when the campaign lists
 * none, as the catalogue falls back too; `npm run scenario:check` reports the broken campaign.
 */
export function shippedEraIds(): string[] {
  const eras = campaignErasIn(join(SCENARIO_DIR, 'campaign.json'));
  return eras && eras.length ? eras : scenarioIds();
}

/** Era files an author placed in scenarios/ beside the shipped ones (not in the campaign). */
export function ownEraIds(): string[] {
  const shipped = new Set(shippedEraIds());
  return scenarioIds().filter((id) => !shipped.has(id));
}

/**
 * The era ids a campaign file lists, or null when the file is not a campaign. A campaign is
 * told by its `eras` list (or its `$schema`) and the lack of a scenario's `partners`, so a
 * copy under another name is recognised as well; the list may be broken, and is then taken
 * as far as it names eras.
 */
export function campaignErasOf(data: unknown): string[] | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const { eras, partners, $schema } = data as Record<string, unknown>;
  const marked = typeof $schema === 'string' && /campaign\.schema\.json$/.test($schema);
  if (partners !== undefined || (!Array.isArray(eras) && !marked)) return null;
  return Array.isArray(eras) ? eras.filter((e): e is string => typeof e === 'string') : [];
}

function campaignErasIn(file: string): string[] | null {
  try {
    const parsed = parseJsonText(readText(file));
    return parsed.ok ? campaignErasOf(parsed.data) : null;
  } catch {
    return null;
  }
}

export type LoadResult =
  | { ok: true; scenario: Scenario; file: string }
  /** `campaignEras`: the file is a campaign, not an era; the paths of the era files it lists (beside it). */
  | { ok: false; file: string; problems: ScenarioProblem[]; campaignEras?: string[] };

/**
 * A text file as UTF-8, less a leading byte-order mark: Windows editors often save one,
 * and JSON.parse would refuse the file over an invisible character.
 */
export function readText(file: string): string {
  return stripBom(readFileSync(file, 'utf8'));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function loadScenarioFile(file: string): LoadResult {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, file, problems: [{ path: '(file)', message: code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})` }] };
  }
  const result = parseScenarioText(text);
  if (result.ok) return { ok: true, scenario: result.scenario, file };
  // The campaign fails every key of the scenario schema; one line saying what it is helps
  // more than that wall. Looked for only once the file has failed, so valid eras cost nothing.
  const parsed = parseJsonText(text);
  const eras = parsed.ok ? campaignErasOf(parsed.data) : null;
  if (eras) {
    const campaignEras = eras.map((id) => join(dirname(file), `${id}.json`));
    const message = `this is the campaign's list of eras, not a scenario; ${campaignEras.length ? `the era files it lists: ${campaignEras.map(shownPath).join(', ')}` : 'it lists no era files'}`;
    return { ok: false, file, problems: [{ path: '(file)', message }], campaignEras };
  }
  return { ok: false, file, problems: result.problems };
}

/**
 * A path as a message shows it: relative to the working folder when it lies inside it
 * (`npm run` starts the tools at the repository's root, so scenarios/era1-enlargement.json),
 * else as it is.
 */
export function shownPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Resolves `--scenario` given as an id (era1-enlargement) or a path to a JSON file. */
export function resolveScenario(idOrPath: string): string | undefined {
  if (idOrPath.endsWith('.json') || idOrPath.includes('/')) return existsSync(idOrPath) ? resolve(idOrPath) : undefined;
  const file = join(SCENARIO_DIR, `${idOrPath}.json`);
  return existsSync(file) ? file : undefined;
}

/** Why `--scenario` named nothing: a path that is not there, or an id not in scenarios/. */
export function unknownScenario(idOrPath: string): string {
  if (idOrPath.endsWith('.json') || idOrPath.includes('/')) return `--scenario ${idOrPath}: file not found`;
  return `unknown scenario "${idOrPath}"; valid scenarios: ${scenarioIds().join(', ')} (or a path to a .json file)`;
}

export function formatProblems(file: string, problems: ScenarioProblem[]): string {
  return [`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, ...problems.map((p) => `  ${p.path}: ${p.message}`)].join('\n');
}
