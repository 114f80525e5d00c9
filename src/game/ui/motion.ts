/**
 * The reduced-motion preference: the system's (prefers-reduced-motion) or the player's
 * choice in Settings, remembered on this device under `coopsec.motion`. While on, the page
 * root carries `cs-reduce-motion`, which theme.css uses to stop transitions and animations;
 * code that animates (the board's tweens, src/game/board/boardMotion.ts) asks `reducedMotion()`
 * first. Either setting turns motion off: the system's while the player has not chosen, the
 * player's choice once made (ticking "Reduce motion" always stops it; unticking it is the
 * player asking for motion on this device).
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

let watching = false;

/**
 * Puts the preference on the page root (call once at start and after a change). The first call
 * also follows the system's setting, so turning reduced motion on in the OS stops the game's
 * animations at once (unless the player chose otherwise in Settings).
 */
export function applyMotion(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.toggle('cs-reduce-motion', reducedMotion());
  if (!watching && typeof matchMedia === 'function') {
    watching = true;
    matchMedia('(prefers-reduced-motion: reduce)').addEventListener?.('change', () => applyMotion());
  }
}

// Applied as soon as the game's code loads, before any screen animates.
applyMotion();
