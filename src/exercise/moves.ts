/**
 * The wire and file form of exercise moves, checked with zod (docs/exercise.md): what a
 * client sends the classroom server, what a plan file scripts, what a log holds. This only
 * checks shape; whether a move is legal for its role in the current phase is the engine's
 * question (`applyMove`).
 */
import { z } from 'zod';
import { FOCUS_AREAS, REGIONS } from '../core/constants';
import { STATED_STRATEGIES } from '../core/state';
import { ADJUDICATION_STEPS, PHASES, type ExerciseRecord, type ExerciseSetup, type LogEntry, type Move, type MovePayload, type RoleId } from './types';
import { RULES_VERSION } from '../core/rules';
import frenchLocale from 'zod/v4/locales/fr.js';

const partner = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as "UKR"');
const serial = z.string().regex(/^\d{1,6}$/, 'an inject serial such as "3"');
const text = (max: number) => z.string().max(max);
const amount = z.number().finite();

const TurnDecision = z.strictObject({
  share: amount,
  policy: z.enum(['equal', 'priorities']),
  tiers: z.record(partner, z.union([z.literal(1), z.literal(2), z.literal(3)])).optional(),
  allocations: z
    .array(
      z.strictObject({
        partner,
        focus: z.enum(FOCUS_AREAS),
        amount,
        programme: z.string().max(64).optional(),
      }),
    )
    .max(1000),
  actions: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('gapAnalysis'), partner }),
        z.strictObject({ type: z.literal('intelligence'), partner }),
        z.strictObject({ type: z.literal('rationalise'), mode: z.enum(['managerial', 'strategic']), retire: z.array(z.string().max(64)).max(50) }),
      ]),
    )
    .max(10),
});

/** Every move's payload, by type. */
export const MovePayloadSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('phase.ready') }),
  z.strictObject({ type: z.literal('phase.advance') }),
  z.strictObject({ type: z.literal('nato.strategy'), strategy: z.enum(STATED_STRATEGIES as [string, ...string[]]) }),
  z.strictObject({ type: z.literal('nato.propose'), decision: TurnDecision }),
  z.strictObject({ type: z.literal('event.choose'), eventId: text(80), choiceId: text(80) }),
  z.strictObject({ type: z.literal('ally.push'), partner }),
  z.strictObject({ type: z.literal('ally.approve') }),
  z.strictObject({ type: z.literal('ally.object'), reason: text(500) }),
  z.strictObject({ type: z.literal('partner.demand'), partner, focus: z.enum(FOCUS_AREAS) }),
  z.strictObject({ type: z.literal('partner.selfFinance'), partner, share: z.number().min(0).max(0.5) }),
  z.strictObject({ type: z.literal('partner.gapAnswer'), partner, accept: z.boolean() }),
  z.strictObject({ type: z.literal('red.signal'), offers: z.array(z.strictObject({ partner, amount, bluff: z.boolean() })).max(12) }),
  z.strictObject({ type: z.literal('red.commit'), honour: z.array(partner).max(12) }),
  z.strictObject({ type: z.literal('white.publish'), serial }),
  z.strictObject({ type: z.literal('white.hold'), serial }),
  z.strictObject({ type: z.literal('white.skip'), serial }),
  z.strictObject({ type: z.literal('white.adhoc'), eventId: text(80) }),
  z.strictObject({ type: z.literal('white.pause'), reason: z.literal('taken-up').optional() }),
  z.strictObject({ type: z.literal('white.resume') }),
  z.strictObject({ type: z.literal('white.timer'), phase: z.enum(PHASES), seconds: z.number().int().min(0).max(14_400) }),
  z.strictObject({ type: z.literal('white.extend'), seconds: z.number().int().min(1).max(3_600) }),
  z.strictObject({ type: z.literal('timer.expire') }),
  z.strictObject({ type: z.literal('white.adjudicate'), region: z.enum(REGIONS), step: z.enum(ADJUDICATION_STEPS), rationale: text(500) }),
  z.strictObject({ type: z.literal('white.decide'), outcome: z.enum(['accept', 'statusQuo']), rationale: text(500) }),
  z.strictObject({ type: z.literal('white.note'), text: text(500), serial: serial.optional() }),
  z.strictObject({ type: z.literal('white.rewind'), toYear: z.number().int(), rationale: text(500) }),
]);

export const RoleIdSchema = z.string().regex(/^(nato|white|observer|ally:[a-z0-9][a-z0-9-]*|partner:[a-z0-9][a-z0-9-]*|red:(russia|china))$/, 'a role such as "nato", "ally:eastern-flank", "partner:ukraine", "red:russia" or "white"');

export const LogEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  branch: z.number().int().min(0),
  year: z.number().int(),
  phase: z.enum(PHASES),
  role: RoleIdSchema,
  move: MovePayloadSchema,
  at: z.number().optional(),
});

/** Where a zod issue is, as a JSON path. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/** A client's move `{ role, type, ... }`, checked for shape; the reason names the first problem's path. */
export function parseMove(data: unknown): { ok: true; move: Move } | { ok: false; reason: string } {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'a move is an object { role, type, ... }' };
  const { role, ...payload } = data as Record<string, unknown>;
  const r = RoleIdSchema.safeParse(role);
  if (!r.success) return { ok: false, reason: `$.role: ${r.error.issues[0].message}` };
  const p = MovePayloadSchema.safeParse(payload);
  if (!p.success) {
    const issue = p.error.issues[0];
    return { ok: false, reason: `${issuePath(issue.path)}: ${issue.message}` };
  }
  return { ok: true, move: { role: r.data as RoleId, ...(p.data as MovePayload) } };
}

/** Why a file was refused, in English (`reason`: the command line's, the server's log) and in French, for the page's language. */
export type Refusal = { ok: false; reason: string; fr: string };

const frenchErrors = frenchLocale().localeError;

/** A log entry checked for shape. */
export function parseLogEntry(data: unknown): { ok: true; entry: LogEntry } | Refusal {
  const p = LogEntrySchema.safeParse(data);
  if (!p.success) {
    const issue = p.error.issues[0];
    // The same check in French finds the same first problem.
    const fr = LogEntrySchema.safeParse(data, { error: frenchErrors }).error?.issues[0]?.message ?? issue.message;
    return { ok: false, reason: `${issuePath(issue.path)}: ${issue.message}`, fr: `${issuePath(issue.path)}\u00a0: ${fr}` };
  }
  return { ok: true, entry: p.data as LogEntry };
}

const refuse = (reason: string, fr: string): Refusal => ({ ok: false, reason, fr });

/**
 * An exercise record file (`exercise.json`) checked for shape, with where it goes wrong as a
 * JSON path: what the command line, the classroom server and the browser's plenary read.
 */
export function parseRecord(data: unknown): { ok: true; record: ExerciseRecord } | Refusal {
  const d = data as Partial<ExerciseRecord> | null;
  if (!d || typeof d !== 'object' || d.format !== 'coopsec-exercise') return refuse('$.format: not an exercise file (expected "coopsec-exercise")', '$.format\u00a0: ce n’est pas un fichier d’exercice («\u00a0coopsec-exercise\u00a0» attendu)');
  if (d.version !== 1) return refuse(`$.version: unknown version ${String(d.version)} (this build reads version 1)`, `$.version\u00a0: version ${String(d.version)} inconnue (ce jeu lit la version 1)`);
  const setup = d.setup as ExerciseSetup | undefined;
  if (!setup || typeof setup !== 'object' || typeof setup.scenarioId !== 'string' || !Number.isInteger(setup.seed)) return refuse('$.setup: needs a scenarioId and an integer seed', '$.setup\u00a0: il faut un scenarioId et une graine entière');
  if (d.rules !== undefined && !(Number.isInteger(d.rules) && d.rules >= 1)) return refuse(`$.rules: must be a rules version (a whole number from 1), not ${JSON.stringify(d.rules)}`, `$.rules\u00a0: une version des règles est attendue (un nombre entier à partir de 1), pas ${JSON.stringify(d.rules)}`);
  if (!Array.isArray(d.log)) return refuse('$.log: must be an array of moves', '$.log\u00a0: une liste de coups est attendue');
  for (let i = 0; i < d.log.length; i++) {
    const checked = parseLogEntry(d.log[i]);
    if (!checked.ok) return refuse(`$.log[${i}]${checked.reason.slice(1)}`, `$.log[${i}]${checked.fr.slice(1)}`);
  }
  return { ok: true, record: d as ExerciseRecord };
}

/**
 * A record played under other rules than this build's: replayed now, its years may differ
 * from those the room played (docs/rules.md). Null when the versions agree.
 */
export function rulesChanged(record: Pick<ExerciseRecord, 'rules'>): { recorded: number; current: number } | null {
  const recorded = record.rules ?? 1;
  return recorded === RULES_VERSION ? null : { recorded, current: RULES_VERSION };
}
