/**
 * Turning raw scenario text into a validated scenario, with problems reported as values.
 * Shared by the CLI (which reads files) and the browser (which bundles the JSON); it does
 * no I/O itself so the rules core stays free of Node and the DOM.
 */
import { validateScenario, type Scenario, type ScenarioProblem } from './scenario';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** Line and column of a character offset, for "where parsing failed" messages. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON text; a syntax error becomes a problem with its line and column, in English and French. */
export function parseJsonText(text: string): { ok: true; data: unknown } | { ok: false; problem: ScenarioProblem } {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^JSON\.parse: /, '');
    const at = /position (\d+)/.exec(message);
    const where = at ? lineColumn(text, Number(at[1])) : undefined;
    return {
      ok: false,
      problem: {
        path: where ? `line ${where.line}, column ${where.column}` : '(file)',
        message: `not valid JSON: ${message}`,
        fr: `${where ? `ligne ${where.line}, colonne ${where.column} : ` : ''}JSON non valide (${message})`,
      },
    };
  }
}

/** Parses JSON text and validates it as a scenario; a syntax error becomes a problem with a position. */
export function parseScenarioText(text: string): ParseResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? validateScenario(parsed.data) : { ok: false, problems: [parsed.problem] };
}

/** Another of the game's own files, given where a scenario was expected. */
export type OtherGameFile = 'campaign' | 'msel' | 'plan' | 'exercise' | 'save' | 'aar';

/**
 * Which other of the game's files this is (null: none that is recognised), told apart by
 * the keys each has and a scenario lacks (`partners`): the campaign's `eras`, an MSEL's
 * `injects` alone, a plan's `moves` or `seats`, and the `format` of an exercise record, a
 * saved game or a report. Looked for only once a file failed as a scenario, to say in one
 * line what it is rather than list every scenario key it lacks.
 */
export function otherGameFile(data: unknown): OtherGameFile | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as Record<string, unknown>;
  if (d.partners !== undefined) return null;
  const schema = typeof d.$schema === 'string' ? d.$schema : '';
  if (d.format === 'coopsec-exercise' || d.format === 'coopsec-local-exercise') return 'exercise';
  if (d.format === 'coopsec-save') return 'save';
  if (d.format === 'coopsec-aar') return 'aar';
  if (Array.isArray(d.eras) || /campaign\.schema\.json$/.test(schema)) return 'campaign';
  if (Array.isArray(d.injects) || /msel\.schema\.json$/.test(schema)) return 'msel';
  if (Array.isArray(d.moves) || (d.seats && typeof d.seats === 'object') || /plan\.schema\.json$/.test(schema)) return 'plan';
  return null;
}
