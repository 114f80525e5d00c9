/**
 * The vocabulary of a facilitated exercise (docs/exercise.md): roles, phases, moves, the
 * event-sourced log and the exercise record. An exercise is a scenario, a seed, who holds
 * which role, and an append-only log of moves; its state is always the replay of that log
 * (`replayExercise`). Solo play is the exercise in which only NATO is held.
 *
 * Everything here is plain JSON, so a record can be saved, sent over a wire and replayed.
 */
import type { FocusArea, Inject, Region } from '../core/scenario';
import type { CompetitorId } from '../core/constants';
import type { PolicyName } from '../core/policies';
import type { TurnDecision } from '../core/decision';
import type { StatedStrategy } from '../core/state';

/**
 * A role: NATO International Staff, an Allied capital, a partner team, a red cell, the
 * White Cell (facilitator) or an observer (what the room sees, read-only).
 */
export type RoleId = 'nato' | `ally:${string}` | `partner:${string}` | `red:${CompetitorId}` | 'white' | 'observer';

export type RoleKind = 'nato' | 'ally' | 'partner' | 'red' | 'white' | 'observer';

/** The phases of a facilitated year, in order. Solo play skips signals and adjudication. */
export const PHASES = ['briefing', 'signals', 'planning', 'resolution', 'adjudication', 'events', 'review'] as const;
export type Phase = (typeof PHASES)[number];

/** How an unheld role is played. `policy` is NATO's bot policy; other roles have one deterministic bot each. */
export interface RoleSeat {
  held: boolean;
  policy?: PolicyName;
}

/**
 * How the share and consensus-costing actions pass: `vote` — every Allied capital approves
 * or objects (facilitated default); `abstract` — the consensus metric stands for the
 * Allies and nobody votes (solo play, as the game always played).
 */
export type ConsensusMode = 'vote' | 'abstract';

/** What to do when objections outlast the rounds: keep last year's share and drop the contested actions, or let the White Cell decide. */
export type DeadlockRule = 'statusQuo' | 'white';

export interface ExerciseSetup {
  scenarioId: string;
  seed: number;
  /** Every role of the scenario, held or played by the engine. */
  seats: Partial<Record<RoleId, RoleSeat>>;
  consensus: ConsensusMode;
  /** Proposal rounds before the deadlock rule applies. */
  rounds: number;
  deadlock: DeadlockRule;
  /** The master events list when a facilitator brought their own (else the scenario's injects). */
  msel?: Inject[];
  /** Seconds per phase, for the shells' timers; none means untimed. */
  timers?: Partial<Record<Phase, number>>;
  lang: 'en' | 'fr';
}

/** The five-step scale a White Cell adjudicates a result on. */
export const ADJUDICATION_STEPS = ['majorCompetitorGain', 'minorCompetitorGain', 'noChange', 'minorNatoGain', 'majorNatoGain'] as const;
export type AdjudicationStep = (typeof ADJUDICATION_STEPS)[number];

/**
 * A red cell's signalled offer to a partner (EUR millions). `bluff` is its intent, known to
 * that red cell and the White Cell (and to NATO's staff where intelligence has revealed the
 * partner); the red cell may still change its mind when it commits.
 */
export interface RedSignal {
  partner: string;
  amount: number;
  bluff: boolean;
}

/** Every move of an exercise, by type; `role` says who makes it. */
export type MovePayload =
  // Anyone's flow
  | { type: 'phase.ready' }
  | { type: 'phase.advance' }
  // NATO
  | { type: 'nato.strategy'; strategy: StatedStrategy }
  | { type: 'nato.propose'; decision: TurnDecision }
  | { type: 'event.choose'; eventId: string; choiceId: string }
  // Allied capitals
  | { type: 'ally.push'; partner: string }
  | { type: 'ally.approve' }
  | { type: 'ally.object'; reason: string }
  // Partner teams
  | { type: 'partner.demand'; partner: string; focus: FocusArea }
  | { type: 'partner.selfFinance'; partner: string; share: number }
  | { type: 'partner.gapAnswer'; partner: string; accept: boolean }
  // Red cells
  | { type: 'red.signal'; offers: RedSignal[] }
  | { type: 'red.commit'; honour: string[] }
  // White Cell
  | { type: 'white.publish'; serial: string }
  | { type: 'white.hold'; serial: string }
  | { type: 'white.skip'; serial: string }
  | { type: 'white.adhoc'; eventId: string }
  /** `reason: 'taken-up'`: not the White Cell's hand, but the game's, stopping the clock when an exercise on one laptop is taken up again (a reload, a file). */
  | { type: 'white.pause'; reason?: 'taken-up' }
  | { type: 'white.resume' }
  | { type: 'white.timer'; phase: Phase; seconds: number }
  | { type: 'white.extend'; seconds: number }
  | { type: 'timer.expire' }
  | { type: 'white.adjudicate'; region: Region; step: AdjudicationStep; rationale: string }
  | { type: 'white.decide'; outcome: 'accept' | 'statusQuo'; rationale: string }
  | { type: 'white.note'; text: string; serial?: string }
  | { type: 'white.rewind'; toYear: number; rationale: string };

export type MoveType = MovePayload['type'];

/** A move as a client sends it: who, what. */
export type Move = { role: RoleId } & MovePayload;

/**
 * One entry of the append-only log. `seq` counts from 1 without gaps; `year` and `phase`
 * are where the exercise stood when the move was made; `branch` is the line of play it
 * belongs to (0 until the first rewind); `at` is wall-clock milliseconds, kept for the
 * after-action report's timings and never read by the rules.
 */
export interface LogEntry {
  seq: number;
  branch: number;
  year: number;
  phase: Phase;
  role: RoleId;
  move: MovePayload;
  at?: number;
}

/** What is saved, sent and replayed: the setup and the log. */
export interface ExerciseRecord {
  format: 'coopsec-exercise';
  version: 1;
  /** The rules version it was played under (absent in records made before it was kept: rules 1). */
  rules?: number;
  setup: ExerciseSetup;
  log: LogEntry[];
}

export type MoveRejectionCode =
  | 'unknown-role'
  | 'not-your-seat'
  | 'wrong-phase'
  | 'wrong-role'
  | 'paused'
  | 'finished'
  | 'bad-move'
  | 'already-acted'
  | 'rationale-required'
  | 'unknown-inject'
  | 'unknown-event'
  | 'unknown-partner'
  | 'illegal-decision'
  | 'no-proposal'
  | 'bad-rewind';

/** A move the exercise refuses: typed, with an English reason; the state is unchanged. */
export interface MoveRejection {
  ok: false;
  code: MoveRejectionCode;
  reason: string;
  /** For an illegal decision: the core's rejection code, so a screen can show it at its control. */
  detail?: string;
  /** For an illegal decision: the core rejection's figures and names, so a screen can say it in its own language (the board's rejection texts). */
  params?: Record<string, string | number>;
}
