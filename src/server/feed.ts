/**
 * One role's views on the wire (docs/facilitator-guide-network.md, "Views on the wire"):
 * the room sends a connection its role's whole view once (on joining, on coming back, or
 * when the connection asks for it), then after each move only the top-level parts of that
 * role's view that changed since the previous one, numbered so that a connection that
 * missed one asks for the whole view again.
 *
 * A role's patch is computed from that role's own views only, never from another role's:
 * the feed keeps the role's last view and compares the new one with it, part by part, and a
 * part that changed in a few of its items (an array's, an object's fields) by item. Views of
 * several roles built together share the parts every role sees alike (`viewsFor`), so a
 * shared part is compared and made into text once per move (`MoveCache`) — with the same
 * outcome each role would have had with its own copy. Views built with a memo keep the
 * previous view's objects wherever nothing changed (`viewsFor`), so most parts compare by
 * identity and only what changed is walked and written out.
 *
 * A large part that changed whole but was in the role's previous view already, elsewhere
 * (the agreed plan is the proposal the capitals approved), goes as a reference to where it
 * was (`ref`): the client takes it from its own previous view instead of a second copy of
 * the same 8 kB. Found by identity: views hold the engine's own objects.
 *
 * Both messages carry JSON text, made once per role and sent as it is to every connection
 * of that role: the client parses it with the platform's JSON parser, and the server does
 * not encode the same view over again for each connection.
 */
import { alike, type RoleView } from '../exercise/views';

/**
 * One move's comparisons and JSON texts, shared by the feeds of the roles whose views hold
 * the same objects (the parts every role sees alike). Views are never edited once built.
 */
export class MoveCache {
  private texts = new Map<object, string>();
  private same = new Map<object, Map<object, boolean>>();
  private deltas = new Map<object, Map<object, string | null>>();
  private places = new Map<object, Map<object, (string | number)[] | null>>();

  /** The answer kept in `table` for the pair (a, b), worked out by `answer` the first time. */
  private pair<T>(table: Map<object, Map<object, T>>, a: object, b: object, answer: () => T): T {
    let row = table.get(a);
    if (row?.has(b)) return row.get(b)!;
    const result = answer();
    if (!row) table.set(a, (row = new Map()));
    row.set(b, result);
    return result;
  }

  /** `delta` of a view's top-level part, which other roles' views may hold too (the answer is kept). */
  sharedDelta(a: unknown, b: unknown, depth: number): string | null {
    if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return null;
    return this.pair(this.deltas, a, b, () => delta(a, b, this, depth));
  }

  /**
   * A value as JSON text (`undefined` as null), made once a move for an object that several
   * roles' patches send (a part every role sees alike). The platform's own serialiser writes
   * it whole: faster than putting it together from its items' texts, even where some of those
   * were written out already.
   */
  text(value: unknown): string {
    if (value === undefined) return 'null';
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    let text = this.texts.get(value);
    if (text === undefined) this.texts.set(value, (text = JSON.stringify(value)));
    return text;
  }

  /** `pathOf` a target in one of a view's top-level parts, which other roles' views may hold too (the answer is kept). */
  pathIn(part: unknown, target: object, depth: number): (string | number)[] | null {
    if (part === target) return [];
    if (!part || typeof part !== 'object') return null;
    return this.pair(this.places, part, target, () => pathOf(part, target, depth));
  }

  /** Whether two values are equal; `shared`: a view's top-level parts, which other roles' views may hold too (the answer is kept). */
  equal(a: unknown, b: unknown, shared = false): boolean {
    if (a === b) return true;
    if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
    if (!shared) return alike(a, b, Infinity);
    return this.pair(this.same, a, b, () => alike(a, b, Infinity));
  }
}

/** What the room sends one connection: the whole view, or the patch from the view numbered `base`. */
export interface FeedUpdate {
  seq: number;
  base: number;
  /** `{"seq":…,"base":…,"d":delta}` as text, the delta being `delta`'s (the view's changes). */
  patch: string;
}

/** How deep below the view a delta goes before it sends a changed value whole. */
const DEPTH = 3;

export class RoleFeed {
  /** The number of the role's latest view; 0 before the first. */
  seq = 0;
  private last: Record<string, unknown> = {};
  /** The room's move count the latest view was built at (a feed left behind is built again). */
  at = -1;

  /** Takes the role's new view: its patch from the previous one (an empty delta when nothing changed). */
  update(view: RoleView, cache: MoveCache, at: number): FeedUpdate {
    const d = delta(this.last, view, cache, DEPTH, true)!;
    this.last = view as unknown as Record<string, unknown>;
    const base = this.seq;
    this.seq++;
    this.at = at;
    return { seq: this.seq, base, patch: `{"seq":${this.seq},"base":${base},"d":${d}}` };
  }

  /** The latest view whole: `{"seq":…,"view":{…}}`, as text. */
  full(): string {
    return `{"seq":${this.seq},"view":${JSON.stringify(this.last)}}`;
  }
}

/** The size (JSON text) from which a part sent whole is first looked for in the view before, to be sent as a reference. */
const REF_MIN_CHARS = 512;

/**
 * Where `target` is in `value` (by identity), as a path of keys and indices, searching
 * `depth` levels down; null if it is not there. Long lists (more than eight items: the
 * partners, a plan's allocations) are not looked into: walking them at each large part would
 * cost more than the bytes it saves, and the parts found again (a proposal's plan) sit in
 * short ones.
 */
export function pathOf(value: unknown, target: object, depth: number): (string | number)[] | null {
  if (!value || typeof value !== 'object' || depth <= 0) return null;
  if (Array.isArray(value)) {
    if (value.length > 8) return null;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === target) return [i];
      const inner = pathOf(value[i], target, depth - 1);
      if (inner) return [i, ...inner];
    }
    return null;
  }
  const fields = value as Record<string, unknown>;
  for (const k in fields) {
    if (fields[k] === target) return [k];
    const inner = pathOf(fields[k], target, depth - 1);
    if (inner) return [k, ...inner];
  }
  return null;
}

/** Where a view's new part was in the view before (two levels below a part at most), searched part by part. */
function placeOf(view: Record<string, unknown>, target: object, cache: MoveCache): (string | number)[] | null {
  for (const k in view) {
    const path = cache.pathIn(view[k], target, 2);
    if (path) return [k, ...path];
  }
  return null;
}

/**
 * What changed from one JSON value to the next, as text: for an object
 * `{"set":{field:value…},"sub":{field:delta…},"del":[field…]}` (the view itself also
 * `"ref":{field:path…}`: a part taken from the view before, where the path leads), for an array
 * `{"from":k,"at":{index:value…},"sub":{index:delta…},"len":n}` (its items counted after
 * dropping the first `from`: a list that moved on, as the cards on the table do when the
 * first is answered).
 * Null when the values are not both objects or both arrays, or when most of it changed
 * (the whole value is then about as short); never null for the view itself (`root`).
 */
export function delta(before: unknown, after: unknown, cache: MoveCache, depth: number, root = false): string | null {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return null;
  // Which parts changed, and how, is settled first; the text of what is sent whole is made
  // only once this value's delta is kept (a value mostly changed is sent whole by its parent).
  if (Array.isArray(before) && Array.isArray(after)) {
    // Which first items were dropped (none, or up to three): where the most items stayed the same objects.
    let from = 0;
    let best = -1;
    for (let f = 0; f <= Math.min(3, before.length); f++) {
      let same = 0;
      for (let i = 0; i < after.length && i + f < before.length; i++) if (before[i + f] === after[i]) same++;
      if (same > best) [from, best] = [f, same];
    }
    const whole: number[] = [];
    const sub: string[] = [];
    for (let i = 0; i < after.length; i++) {
      if (cache.equal(before[i + from], after[i])) continue;
      const d = depth > 0 && i + from < before.length ? delta(before[i + from], after[i], cache, depth - 1) : null;
      if (d !== null) sub.push(`"${i}":${d}`);
      else whole.push(i);
    }
    if (whole.length * 2 > after.length) return null;
    const at = whole.map((i) => `"${i}":${cache.text(after[i])}`);
    return `{${from ? `"from":${from},` : ''}"at":{${at.join(',')}}${sub.length ? `,"sub":{${sub.join(',')}}` : ''},"len":${after.length}}`;
  }
  if (Array.isArray(before) || Array.isArray(after)) return null;
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const whole: string[] = [];
  const sub: string[] = [];
  let fields = 0;
  for (const k in b) {
    if (b[k] === undefined) continue;
    fields++;
    if (cache.equal(a[k], b[k], root)) continue;
    const d = depth <= 0 ? null : root ? cache.sharedDelta(a[k], b[k], depth - 1) : delta(a[k], b[k], cache, depth - 1);
    if (d !== null) sub.push(`${JSON.stringify(k)}:${d}`);
    else whole.push(k);
  }
  const del = Object.keys(a).filter((k) => a[k] !== undefined && b[k] === undefined);
  if (!root && (whole.length + del.length) * 2 > fields) return null;
  const set: string[] = [];
  const ref: string[] = [];
  for (const k of whole) {
    const text = cache.text(b[k]);
    // A large part the view before held elsewhere (three levels down at most) is sent as where it was.
    const path = root && text.length >= REF_MIN_CHARS ? placeOf(a, b[k] as object, cache) : null;
    if (path) ref.push(`${JSON.stringify(k)}:${JSON.stringify(path)}`);
    else set.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{"set":{${set.join(',')}}${sub.length ? `,"sub":{${sub.join(',')}}` : ''}${del.length ? `,"del":${JSON.stringify(del)}` : ''}${ref.length ? `,"ref":{${ref.join(',')}}` : ''}}`;
}
