/**
 * One role's views on the wire (docs/facilitator-guide-network.md, "Views on the wire"):
 * the room sends a connection its role's whole view once (on joining, on coming back, or
 * when the connection asks for it), then after each move only the top-level parts of that
 * role's view that changed since the previous one, numbered so that a connection that
 * missed one asks for the whole view again.
 *
 * A role's patch is computed from that role's own views only, never from another role's:
 * the feed keeps the role's last view as the JSON text of each top-level part and compares
 * the new view's parts with it. Views of several roles built together share the parts that
 * every role sees alike (`viewsFor`), so the text of a shared part is made once per move
 * (`JsonParts`) — the same text each role would have made of its own copy.
 *
 * Both messages carry JSON text, made once per role and sent as it is to every connection
 * of that role: the client parses it with the platform's JSON parser, and the server does
 * not encode the same view over again for each connection.
 */
import type { RoleView } from '../exercise/views';

/**
 * JSON text of view parts for one move, each object made into text once however many roles'
 * views hold it; year records' views (kept by the view memo from one move to the next, never
 * edited) keep their text across moves.
 */
export class JsonParts {
  private move = new Map<object, string>();
  constructor(private lasting: WeakMap<object, string>) {}

  text(key: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (key === 'turns' && Array.isArray(value)) return `[${value.map((t: object) => this.kept(t)).join(',')}]`;
    if (key === 'review') return this.kept(value);
    let text = this.move.get(value);
    if (text === undefined) this.move.set(value, (text = JSON.stringify(value)));
    return text;
  }

  private kept(value: object): string {
    let text = this.lasting.get(value);
    if (text === undefined) this.lasting.set(value, (text = JSON.stringify(value)));
    return text;
  }
}

/** What the room sends one connection: the whole view, or the patch from the view numbered `base`. */
export interface FeedUpdate {
  seq: number;
  base: number;
  /** `{"seq":…,"base":…,"set":{…changed parts…},"del":[…]}`, as text. */
  patch: string;
}

export class RoleFeed {
  /** The number of the role's latest view; 0 before the first. */
  seq = 0;
  private parts = new Map<string, string>();
  /** The room's move count the latest view was built at (a feed left behind is built again). */
  at = -1;

  /** Takes the role's new view: its patch from the previous one (empty when nothing changed). */
  update(view: RoleView, json: JsonParts, at: number): FeedUpdate {
    const set: string[] = [];
    const seen = new Set<string>();
    for (const key in view) {
      const text = json.text(key, (view as unknown as Record<string, unknown>)[key]);
      if (text === undefined) continue;
      seen.add(key);
      if (this.parts.get(key) === text) continue;
      this.parts.set(key, text);
      set.push(`${JSON.stringify(key)}:${text}`);
    }
    const del: string[] = [];
    for (const key of this.parts.keys()) if (!seen.has(key)) del.push(key);
    for (const key of del) this.parts.delete(key);
    const base = this.seq;
    this.seq++;
    this.at = at;
    return { seq: this.seq, base, patch: `{"seq":${this.seq},"base":${base},"set":{${set.join(',')}}${del.length ? `,"del":${JSON.stringify(del)}` : ''}}` };
  }

  /** The latest view whole: `{"seq":…,"view":{…}}`, as text. */
  full(): string {
    const parts: string[] = [];
    for (const [key, text] of this.parts) parts.push(`${JSON.stringify(key)}:${text}`);
    return `{"seq":${this.seq},"view":{${parts.join(',')}}}`;
  }
}
