/**
 * Stand-in moves (docs/exercise.md): what a held role does when nobody at its table
 * scripted or made a move — the move the engine's bot for that role would make, sent as
 * that role. The exercise CLI plays them between a plan's scripted moves, and the tests and
 * the server's load test use them as players that always make a legal move.
 */
import type { Scenario } from '../core/scenario';
import type { CompetitorId } from '../core/constants';
import { botMove, type PolicyName } from '../core/policies';
import { Rng } from '../core/rng';
import { natoAnswers, playedScenario, type ExerciseState } from './engine';
import { defaultChoice } from '../core/events';
import { roleKind, roleSubject } from './roles';
import type { Move, RoleId } from './types';

/**
 * The stand-in move of a role the exercise waits for. `policy` is NATO's (the seat's bot
 * policy by default); `rng` draws NATO's random policy only, so stand-ins never move the
 * game's own dice.
 */
export function standInMove(scenario: Scenario, ex: ExerciseState, role: RoleId, rng: Rng = new Rng(ex.botRng ^ 0x2545f491), policy?: PolicyName): Move {
  const s = playedScenario(scenario, ex.setup);
  const turn = ex.turn;
  switch (roleKind(role)) {
    case 'nato':
      if (ex.phase === 'planning' && !turn.agreed) {
        return { role, type: 'nato.propose', decision: botMove(policy ?? ex.setup.seats.nato?.policy ?? 'equal', s, ex.game, rng).decision };
      }
      if (ex.phase === 'events') {
        const card = ex.game.pendingEvents.find((p) => natoAnswers(s, p.id, p.source, ex.setup.seats));
        const choiceId = card && defaultChoice(s, ex.game, card);
        if (card && choiceId) return { role, type: 'event.choose', eventId: card.id, choiceId };
      }
      return { role, type: 'phase.advance' };
    case 'ally':
      if (ex.phase === 'planning') return { role, type: 'ally.approve' };
      return { role, type: 'phase.ready' };
    case 'partner': {
      if (ex.phase === 'planning') {
        const asked = (turn.agreed?.actions ?? []).find((a) => a.type === 'gapAnalysis' && !(a.partner in turn.gapAnswers));
        // The partner's own willingness decides, as the dice would on average.
        const willing = asked && asked.type === 'gapAnalysis' ? (s.partners.find((p) => p.id === asked.partner)?.gapWillingness ?? 0) >= 0.5 : false;
        if (asked && asked.type === 'gapAnalysis') return { role, type: 'partner.gapAnswer', partner: asked.partner, accept: willing };
      }
      return { role, type: 'phase.ready' };
    }
    case 'red': {
      const competitor = roleSubject(role) as CompetitorId;
      const mine = ex.game.briefing.offers.filter((o) => o.competitor === competitor);
      if (ex.phase === 'signals') return { role, type: 'red.signal', offers: mine.map((o) => ({ partner: o.partner, amount: o.amount, bluff: o.bluff })) };
      return { role, type: 'red.commit', honour: mine.filter((o) => !o.bluff).map((o) => o.partner) };
    }
    case 'white':
      return { role, type: 'phase.advance' };
    default:
      return { role, type: 'phase.advance' };
  }
}
