/**
 * The rules of the curtain of an exercise on one laptop passed round (docs/facilitator-guide.md,
 * "One laptop passed round"): which seats are behind it, what a PIN is, how it is kept (hashed,
 * beside the kept exercise) and read back, and why a PIN given does not open a seat. No DOM:
 * the kept exercise's check (./localSave.ts) reads it; the page is ./seatCurtain.ts.
 */
import type { RoleId } from '../../exercise/types';
import { cyrb53 } from '../../core/hash';

/** The seats' PINs, hashed (`pinHash`), by role. */
export interface Curtain {
  pins: Partial<Record<RoleId, string>>;
}

/** A PIN is 4 to 12 digits. */
export const validPin = (pin: string): boolean => /^\d{4,12}$/.test(pin);

/**
 * A PIN as kept: a 53-bit string hash (cyrb53, src/core/hash.ts) of the PIN with the role, so one team's PIN
 * reused by another does not read the same. Not cryptography: see the module's comment.
 */
export function pinHash(role: RoleId, pin: string): string {
  return cyrb53(`${role}:${pin}`).toString(36);
}

/** Whether opening `role` goes through the curtain (every seat but the projector's, while the curtain is on). */
export const behindCurtain = (curtain: Curtain | null, role: RoleId): boolean => curtain !== null && role !== 'observer';

/** A curtain's kept form read back (from the browser's storage): null when it is not one. */
export function curtainOf(data: unknown): Curtain | null {
  if (!data || typeof data !== 'object') return null;
  const pins = (data as { pins?: unknown }).pins;
  if (!pins || typeof pins !== 'object' || Array.isArray(pins)) return null;
  const kept: Curtain['pins'] = {};
  for (const [role, hash] of Object.entries(pins)) if (typeof hash === 'string' && /^[a-z0-9]{1,16}$/.test(hash)) kept[role as RoleId] = hash;
  return { pins: kept };
}

/** What was wrong with a PIN given at the curtain (the key of its message). */
export type PinProblem = 'badPin' | 'mismatch' | 'wrong';

/**
 * Why a PIN given at the curtain does not open the seat (null: it does): a PIN that is not
 * 4 to 12 digits, a chosen PIN typed differently the second time, or the wrong PIN.
 */
export function pinProblem(curtain: Curtain, role: RoleId, pin: string, again: string): PinProblem | null {
  if (!validPin(pin)) return 'badPin';
  const kept = curtain.pins[role];
  if (kept === undefined) return pin === again ? null : 'mismatch';
  return pinHash(role, pin) === kept ? null : 'wrong';
}
