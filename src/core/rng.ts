/**
 * The seeded pseudo-random generator of the rules core. Its whole state is one 32-bit
 * integer kept in the game state, so moves stay pure and a game replays exactly from its
 * seed and decision log (boardgame.io keeps its PRNG state in the game state the same way).
 * Algorithm: mulberry32, small, fast and good enough for a game.
 */

/** Advances a mulberry32 state; returns the next state and a float in [0, 1). */
export function nextRandom(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) | 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [s, ((t ^ (t >>> 14)) >>> 0) / 4294967296];
}

/** Turns any seed (an integer, possibly negative or large) into a generator state. */
export function seedState(seed: number): number {
  let h = Math.floor(seed) ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The world's dice for one year: a generator state made from the game's seed and the year
 * alone, never from `state.rng`. What it deals (the region's year, docs/rules.md) is the
 * same for every player of a seed whatever they decide, and no draw of the main stream
 * moves because of it: a game's own dice (competitors' offers, gap analyses, events) fall
 * as they did, and two players of one seed are judged against the same world.
 */
export function worldState(seed: number, year: number): number {
  return seedState((seedState(seed) ^ Math.imul(year, 0x9e3779b1)) | 0);
}

/**
 * A mutable view on a generator state for one step of the rules; write `state` back into
 * the game state when the step ends.
 */
export class Rng {
  constructor(public state: number) {}
  next(): number {
    const [s, r] = nextRandom(this.state);
    this.state = s;
    return r;
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Index drawn with probability proportional to its weight; -1 when all weights are 0. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) return -1;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}
