/**
 * aar.csv: the after-action report as ONE CSV file with a `kind` column, so a facilitator
 * opens a single file in any spreadsheet and filters by kind (docs/facilitator-guide.md):
 *
 * - `metric` — one row per year × metric: the seven alliance metrics and each
 *   competitor's influence per region (`influence.russia.east`), value at the year's end;
 * - `move` — one row per logged move, the reported line's and the abandoned lines'
 *   (`branch`, `on_line`), with its seq, phase, role (`clock` for a timer's expiry, which
 *   the record logs under the White Cell's seat), wall time (ISO 8601, UTC), seconds into
 *   its phase, and what it said;
 * - `result` — one row per year × region: the resolution's changes, the engine's reading
 *   on the five-step scale, and the White Cell's step, metric change and rationale where
 *   it adjudicated.
 *
 * `branch` is the line of play a row was played on (0 until the first rewind): a move's own,
 * and for a year's metrics and results that of the year's moves on the reported line (a year
 * before a rewind's point stays on the line it was first played on).
 *
 * Columns are the same for every kind (empty where they do not apply). Quoting follows RFC
 * 4180 (fields with a comma, quote or line break are quoted, quotes doubled; CRLF line
 * ends). Numbers are written with a decimal point whatever the report's language; texts
 * are in the report's language. A free text (a note, a rationale, a reason) that begins
 * with `=`, `+`, `-` or `@` is written with a leading apostrophe, so a spreadsheet shows
 * it as text instead of running it as a formula.
 */
import { ALLIANCE_METRICS, COMPETITORS, REGIONS } from '../core/constants';
import type { Aar, AarMove } from './aar';

export const CSV_COLUMNS = [
  'kind',
  'year',
  'branch',
  'on_line',
  'seq',
  'phase',
  'at',
  'into_phase_s',
  'role',
  'type',
  'metric',
  'value',
  'region',
  'nato_delta',
  'competitor_delta',
  'engine_step',
  'white_step',
  'delta',
  'detail',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** A CSV field, quoted as RFC 4180 says when it must be. */
export function csvField(v: unknown): string {
  const text = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Free text made safe from spreadsheets' formula evaluation (OWASP's CSV injection advice). */
function text(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const fixed = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '');

function row(values: Partial<Record<Column, unknown>>): string {
  return CSV_COLUMNS.map((c) => csvField(values[c])).join(',');
}

function moveRow(m: AarMove, onLine: boolean): string {
  return row({
    kind: 'move',
    year: m.year,
    branch: m.branch,
    on_line: onLine ? 'yes' : 'no',
    seq: m.seq,
    phase: m.phase,
    at: m.at !== undefined ? new Date(m.at).toISOString() : '',
    into_phase_s: m.intoPhase,
    // The record logs a timer's expiry under the White Cell's seat; the clock made it, not the facilitator.
    role: m.type === 'timer.expire' ? 'clock' : m.role,
    type: m.type,
    detail: text(m.detail),
  });
}

/** The report as one CSV (see the module's header for its rows and columns). */
export function aarCsv(aar: Aar): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  // A year's line: that of its last move (a rewind filed under the year it went back to was made on the line it left).
  const lineOf = (t: Aar['turns'][number]) => t.moves.filter((m) => m.type !== 'white.rewind').at(-1)?.branch ?? aar.branch;
  for (const t of aar.turns) {
    const branch = lineOf(t);
    for (const m of ALLIANCE_METRICS) lines.push(row({ kind: 'metric', year: t.year, branch, metric: m, value: fixed(t.metrics[m]) }));
    for (const c of COMPETITORS) for (const r of REGIONS) lines.push(row({ kind: 'metric', year: t.year, branch, metric: `influence.${c}.${r}`, value: fixed(t.influence[c][r]) }));
  }
  const moves = [...aar.turns.flatMap((t) => t.moves.map((m) => ({ m, onLine: true }))), ...aar.abandonedMoves.map((m) => ({ m, onLine: false }))].sort((a, b) => a.m.seq - b.m.seq);
  for (const { m, onLine } of moves) lines.push(moveRow(m, onLine));
  for (const t of aar.turns) {
    for (const r of t.results) {
      lines.push(
        row({
          kind: 'result',
          year: t.year,
          branch: (r.white ? t.moves.find((m) => m.seq === r.white!.seq)?.branch : undefined) ?? lineOf(t),
          on_line: 'yes',
          seq: r.white?.seq,
          phase: r.white ? 'adjudication' : 'resolution',
          role: r.white ? 'white' : '',
          type: r.white ? 'white.adjudicate' : '',
          region: r.region,
          nato_delta: fixed(r.natoDelta),
          competitor_delta: fixed(r.competitorDelta),
          engine_step: r.engine,
          white_step: r.white?.step,
          delta: r.white ? fixed(r.white.delta) : '',
          detail: r.white ? text(r.white.rationale) : '',
        }),
      );
    }
  }
  return lines.join('\r\n') + '\r\n';
}
