/**
 * NATO staff's draft for the year (docs/exercise.md, "NATO's proposal"): what a bot policy
 * would propose now, at the share the staff asks for, as a starting point the staff edits.
 * One function serves the exercise on one laptop and the classroom server (where only the
 * server holds the state a draft needs).
 */
import type { Scenario } from '../core/scenario';
import type { TurnDecision } from '../core/decision';
import { scaleAllocations } from '../core/decision';
import { adaptDecision } from '../core/game';
import { botMove, type PolicyName } from '../core/policies';
import { Rng } from '../core/rng';
import { playedScenario, type ExerciseState } from './engine';

/** The draft, or null outside planning or once the year is agreed. */
export function natoDraft(scenario: Scenario, ex: ExerciseState, policy: PolicyName, share?: number): TurnDecision | null {
  if (ex.phase !== 'planning' || ex.turn.agreed || ex.finished) return null;
  const s = playedScenario(scenario, ex.setup);
  // Its own stream, so asking for drafts never changes what the bots do.
  const decision = botMove(policy, s, ex.game, new Rng(ex.botRng ^ 0x68e31da4)).decision;
  if (share === undefined || Math.abs(share - decision.share) < 1e-9) return decision;
  return adaptDecision(s, ex.game, scaleAllocations(s, { ...decision, share }, share / decision.share));
}
