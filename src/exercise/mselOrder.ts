/**
 * The order a facilitator reads a master events list in (docs/facilitator-guide.md): the
 * console lists the MSEL as the era will meet it, whatever order the scenario's or the MSEL
 * file's injects were written in. Pure: no DOM.
 */
import type { Scenario } from '../core/scenario';

/**
 * MSEL entries in the order the era meets them, as a master events list is read: by the
 * year an inject is set for; one that follows another's answer right after it; one that
 * waits on a condition or on the facilitator last; ties by serial.
 */
export function chronological<T extends { serial: string }>(scenario: Scenario, entries: T[]): T[] {
  const bySerial = new Map(scenario.injects.map((i) => [String(i.serial), i]));
  const when = (serial: string, depth = 0): number => {
    const inject = bySerial.get(serial);
    if (!inject) return Infinity;
    if (inject.year !== undefined) return inject.year;
    // A follow-up comes just after what it follows (a chain is short; the depth guards a loop).
    if (inject.after && depth < 10) return when(String(inject.after.serial), depth + 1) + 0.5;
    return Infinity;
  };
  const serialNumber = (s: string) => (Number.isFinite(Number(s)) ? Number(s) : Infinity);
  return [...entries].sort((a, b) => when(a.serial) - when(b.serial) || serialNumber(a.serial) - serialNumber(b.serial) || a.serial.localeCompare(b.serial));
}
