/**
 * A seat's screen context whose moves go through the engine, for jsdom tests of the exercise
 * screens (src/game/exercise/roleScreens.ts): each move sent is recorded in `sent`, applied to
 * the exercise the test holds (read and replaced through `get`/`set`), and answered as the
 * client would (a refusal typed, nothing changed).
 */
import { applyMove, type ExerciseState } from '../../src/exercise/engine';
import type { Scenario } from '../../src/core/scenario';
import type { Move } from '../../src/exercise/types';
import type { ScreenContext } from '../../src/game/exercise/roleScreens';

export function engineContext(scenario: Scenario, get: () => ExerciseState, set: (ex: ExerciseState) => void, sent: Move[], memo: Record<string, unknown>): () => ScreenContext {
  return () =>
    ({
      client: null as never,
      scenario,
      readonly: false,
      memo,
      rerender: () => undefined,
      send: (m: Move) => {
        sent.push(m);
        const r = applyMove(scenario, get(), m);
        if (r.ok) set(r.state);
        return r.ok ? { ok: true } : { ok: false, code: r.code, reason: r.reason };
      },
    }) as ScreenContext;
}
