/**
 * The reduced-motion preference: the system's (prefers-reduced-motion) or the player's
 * choice in Settings, remembered on this device under `coopsec.motion`. While on, the page
 * root carries `cs-reduce-motion`, which theme.css uses to stop transitions and animations;
 * code that animates asks `reducedMotion()` first.
 */
export const MOTION_STORAGE_KEY = 'coopsec.motion';

function stored(): 'reduce' | 'full' | null {
  try {
    const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(MOTION_STORAGE_KEY);
    return value === 'reduce' || value === 'full' ? value : null;
  } catch {
    return null;
  }
}

/** True when motion should be reduced (the player's choice, else the system's). */
export function reducedMotion(): boolean {
  const choice = stored();
  if (choice) return choice === 'reduce';
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function setReducedMotion(reduce: boolean): void {
  try {
    localStorage.setItem(MOTION_STORAGE_KEY, reduce ? 'reduce' : 'full');
  } catch {
    // Applied for this session only.
  }
  applyMotion();
}

/** Puts the preference on the page root (call once at start and after a change). */
export function applyMotion(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('cs-reduce-motion', reducedMotion());
}
