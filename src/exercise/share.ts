/**
 * What a move left as it was, kept as the state before's own objects (docs/exercise.md,
 * "States and views"). The engine copies the containers a move may edit (the year's work at
 * every move; the game's partners and lists when the move edits the game) before it edits
 * them, whether the move then changes each of them or not. `shareUnchanged` puts back, in the new state, the state before's object wherever
 * the copy reads the same, so that whoever keeps something built from a part of the state
 * (the classroom server's views, keyed by the part itself) can tell at a glance that it did
 * not change, instead of walking it.
 *
 * Only the new state's own copies are touched, and only to hold an equal value: the state
 * before is never edited, and the new state reads exactly as it did (the same JSON, keys in
 * the same order). Frozen objects (a scenario's data) are left as they are.
 */
import type { ExerciseState } from './engine';

/** How far below the state a part is compared: deep enough for a proposal's allocations. */
const DEPTH = 7;

/** `after`, with every part that reads the same as `before`'s (same keys in the same order, the same values) replaced by `before`'s. */
export function shareUnchanged(before: ExerciseState, after: ExerciseState): ExerciseState {
  return reuse(before, after, DEPTH) as ExerciseState;
}

/**
 * `a` when `b` reads the same as `a` `depth` levels down; otherwise `b`, whose fields (items)
 * that read the same as `a`'s are now `a`'s. Leaves are compared with `===`.
 */
function reuse(a: unknown, b: unknown, depth: number): unknown {
  if (a === b || depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return b;
  const frozen = Object.isFrozen(b);
  if (Array.isArray(b)) {
    if (!Array.isArray(a)) return b;
    let same = a.length === b.length;
    for (let i = 0; i < b.length; i++) {
      const bi: unknown = b[i];
      const ai: unknown = a[i];
      if (bi === ai) continue;
      const kept = i < a.length ? reuse(ai, bi, depth - 1) : bi;
      if (kept !== ai) same = false;
      if (kept !== bi && !frozen) b[i] = kept;
    }
    return same ? a : b;
  }
  if (Array.isArray(a)) return b;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let same = true;
  let count = 0;
  for (const k in rb) {
    count++;
    const bk = rb[k];
    const ak = ra[k];
    if (bk === ak) continue;
    const kept = reuse(ak, bk, depth - 1);
    if (kept !== ak) same = false;
    if (kept !== bk && !frozen) rb[k] = kept;
  }
  if (!same) return b;
  // The same values: the same object only with the same keys in the same order (the same JSON).
  let i = 0;
  const kb = Object.keys(rb);
  for (const k in ra) if (i >= count || kb[i++] !== k) return b;
  return i === count ? a : b;
}
