/**
 * Captions for sound: every cue the sound module plays (or would play, when muted or
 * blocked) appears as a short text toast — at the bottom right, on the board in the map's
 * top-left corner — so no information is carried by sound alone. Toasts live in Phaser's DOM
 * container, so they scale with the game.
 */
import type { Game } from 'phaser';
import { onCue } from '../../audio/sound';
import { t } from '../../i18n';
import { h } from './dom';

const SHOW_MS = 1800;
const MAX_TOASTS = 3;

let area: HTMLElement | null = null;

function toastArea(game: Game): HTMLElement | null {
  const container = (game as unknown as { domContainer?: HTMLElement }).domContainer;
  if (!container) return null;
  if (!area || area.parentElement !== container) {
    area = h('div', { class: 'cs-toast-area', attrs: { 'aria-hidden': 'true', 'data-testid': 'captions' } });
    container.append(area);
  }
  return area;
}

/** Shows a short caption; the same text shown twice in a row just stays up longer. */
export function showToast(game: Game, text: string): void {
  const host = toastArea(game);
  if (!host) return;
  const last = host.lastElementChild as (HTMLElement & { timer?: number }) | null;
  let toast: HTMLElement & { timer?: number };
  if (last && last.textContent === text && !last.classList.contains('cs-fading')) {
    toast = last;
    window.clearTimeout(toast.timer);
  } else {
    toast = h('div', { class: 'cs-toast', text });
    host.append(toast);
    while (host.childElementCount > MAX_TOASTS) host.firstElementChild?.remove();
  }
  toast.timer = window.setTimeout(() => {
    toast.classList.add('cs-fading');
    window.setTimeout(() => toast.remove(), 450);
  }, SHOW_MS);
}

/** Wires sound captions to toasts for the game's lifetime; returns the unsubscribe function. */
export function initCaptions(game: Game): () => void {
  return onCue((_cue, caption) => showToast(game, `♪ ${t(caption)}`));
}
