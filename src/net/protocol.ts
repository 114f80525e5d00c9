/**
 * What the classroom server and its clients agree on beyond Colyseus's own protocol
 * (docs/facilitator-guide-network.md, "Create, join, play"): the close codes with which
 * the server sends a connection away for good, and how often a client tries a lost server. Colyseus keeps 4000–4010 for itself — 4001
 * is its "server shutting down", after which a seat keeps its token and comes back when the
 * server does — so this server's own codes sit apart from them. No dependency: the server
 * and the browser both import it.
 */

/** The facilitator released this seat: its token no longer opens the room. */
export const CLOSE_RELEASED = 4101;
/** The facilitator closed the exercise (or the server archived it, idle): no seat opens it again; its record stays. */
export const CLOSE_CLOSED = 4102;

/** What a connection that left the room should do: `released` and `closed` are final, anything else may come back. */
export function leaveKind(code: number): 'released' | 'closed' | 'lost' {
  if (code === CLOSE_RELEASED) return 'released';
  if (code === CLOSE_CLOSED) return 'closed';
  return 'lost';
}

/** How often a laptop or the projector whose link is lost tries the server again (its screens say "every five seconds"). */
export const RETRY_MS = 5000;
