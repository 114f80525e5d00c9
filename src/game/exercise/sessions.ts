/**
 * What the exercise screens need of the classroom before its client is loaded
 * (docs/facilitator-guide-network.md): whether a classroom server answers at this page's
 * address, the seats this browser holds (kept in its storage, so a reloaded page returns to
 * its seat), and the join and projector addresses; and whether an exercise run on this
 * laptop is kept in its storage (localSave.ts keeps it). Small on purpose: the title screen
 * asks these before anything of the exercise is loaded, and the Colyseus client and the QR
 * code come with classroom.ts only when a classroom is used.
 */
import type { RoleId } from '../../exercise/types';

/** What this browser remembers of a seat, to come back to it. */
export interface ClassroomSession {
  exerciseId: string;
  code: string;
  /** The seat token, or the facilitator's token for the White Cell. */
  token: string;
  role: RoleId;
  scenarioId: string;
}

const STORE_KEY = 'coopsec.classroom.sessions';

/** Where an exercise run on this laptop is kept (localSave.ts). */
export const LOCAL_SAVE_KEY = 'coopsec.exercise.local';

/** Whether this browser keeps an exercise run on this laptop (read or not: the set-up says which). */
export function hasKeptExercise(): boolean {
  try {
    return localStorage.getItem(LOCAL_SAVE_KEY) !== null;
  } catch {
    return false;
  }
}

/** Sessions kept in this browser (the newest first). Storage may be off: then nothing is kept. */
export function savedSessions(): ClassroomSession[] {
  try {
    const list = JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((s): s is ClassroomSession => !!s && typeof s === 'object' && typeof s.token === 'string' && typeof s.exerciseId === 'string' && typeof s.code === 'string' && typeof s.role === 'string') : [];
  } catch {
    return [];
  }
}

export function saveSession(session: ClassroomSession): void {
  try {
    const rest = savedSessions().filter((s) => !(s.exerciseId === session.exerciseId && s.role === session.role));
    localStorage.setItem(STORE_KEY, JSON.stringify([session, ...rest].slice(0, 8)));
  } catch {
    // Private browsing: the seat works, it just is not remembered.
  }
}

export function forgetSession(session: Pick<ClassroomSession, 'exerciseId' | 'role'>): void {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(savedSessions().filter((s) => !(s.exerciseId === session.exerciseId && s.role === session.role))));
  } catch {
    // Nothing was kept.
  }
}

/** The mark the classroom server puts in the page it serves (a static host or the development server has none). */
export const CLASSROOM_META = 'coopsec-classroom';

/** Is this page served by a classroom server? Read from the page itself, without a request that would fail elsewhere. */
export async function classroomAvailable(): Promise<boolean> {
  return !!document.querySelector(`meta[name="${CLASSROOM_META}"]`);
}

/** Whether an address (an origin or a whole URL) is this computer's own (127.0.0.1, localhost): no other laptop reaches it. */
export function isLoopback(url: string): boolean {
  return /^(127\.|localhost$|\[::1\]$)/.test(new URL(url).hostname);
}

/**
 * Where the class reaches this server: the page's own address, unless the page was opened
 * on the server's computer (127.0.0.1) and the server names the LAN address it listens on
 * (`--lan`): the join, projector and console links a console hands out use it.
 */
export function classOrigin(): string {
  const here = window.location.origin;
  const lan = document.querySelector(`meta[name="${CLASSROOM_META}"]`)?.getAttribute('data-class-address');
  return lan && isLoopback(here) ? lan : here;
}

/** The join page's address for a code (what the QR code carries). */
export function joinUrl(code: string, origin = classOrigin()): string {
  return `${origin}/?join=${encodeURIComponent(code)}`;
}

/** The projector's address for a code. */
export function watchUrl(code: string, origin = classOrigin()): string {
  return `${origin}/?watch=${encodeURIComponent(code)}`;
}

