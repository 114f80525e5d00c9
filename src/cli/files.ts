/**
 * File helpers for the command-line tools: where the scenarios live, and loading one by id
 * or path with every failure turned into a readable message instead of a stack trace, and
 * reading any JSON file the tools take (a leading byte-order mark dropped).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText } from '../core/load';
import type { Scenario, ScenarioProblem } from '../core/scenario';

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

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

export type LoadResult =
  | { ok: true; scenario: Scenario; file: string }
  | { ok: false; file: string; problems: ScenarioProblem[] };

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
  return result.ok ? { ok: true, scenario: result.scenario, file } : { ok: false, file, problems: result.problems };
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
