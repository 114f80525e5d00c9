/**
 * What the classroom server and its clients agree on beyond Colyseus's own protocol
 * (docs/facilitator-guide-network.md, "Create, join, play"): the close codes with which
 * the server sends a connection away for good, how often a client tries a lost server, and
 * the link that opens the White Cell's console on another laptop. Colyseus keeps 4000–4010 for itself — 4001
 * is its "server shutting down", after which a seat keeps its token and comes back when the
 * server does — so this server's own codes sit apart from them. No dependency: the server
 * and the browser both import it.
 */

/** The facilitator released this seat: its token no longer opens the room. */
export const CLOSE_RELEASED = 4101;
/** The facilitator closed the exercise (or the server archived it, idle): no seat opens it again; its record stays. */
export const CLOSE_CLOSED = 4102;
/** The exercise's console was given a new key (from another laptop, or by the server's `--console`): this console's key no longer opens it. */
export const CLOSE_REPLACED = 4103;

/** What a connection that left the room should do: `released`, `closed` and `replaced` are final, anything else may come back. */
export function leaveKind(code: number): 'released' | 'closed' | 'replaced' | 'lost' {
  if (code === CLOSE_RELEASED) return 'released';
  if (code === CLOSE_CLOSED) return 'closed';
  if (code === CLOSE_REPLACED) return 'replaced';
  return 'lost';
}

/** What a console link carries: the exercise, its scenario, and the facilitator's token. */
export interface ConsoleKey {
  code: string;
  exerciseId: string;
  scenarioId: string;
  token: string;
}

/**
 * The link that opens an exercise's console on another laptop. The token rides in the
 * fragment, which a browser never sends to a server (no request or server log holds it);
 * the page stores it as its own and takes it out of the address at once.
 */
export function consoleLink(origin: string, key: ConsoleKey): string {
  const fragment = new URLSearchParams({ ex: key.exerciseId, scenario: key.scenarioId, key: key.token });
  return `${origin}/?console=${encodeURIComponent(key.code)}#${fragment}`;
}

/** A console link's key from a page's address (its query and fragment), or null when it carries none. */
export function readConsoleLink(search: string, hash: string): ConsoleKey | null {
  const code = new URLSearchParams(search).get('console');
  const f = new URLSearchParams(hash.replace(/^#/, ''));
  const [exerciseId, scenarioId, token] = [f.get('ex'), f.get('scenario'), f.get('key')];
  if (!code || !exerciseId || !scenarioId || !token) return null;
  return { code: code.toUpperCase(), exerciseId, scenarioId, token };
}

/** How often a laptop or the projector whose link is lost tries the server again (its screens say "every five seconds"). */
export const RETRY_MS = 5000;
