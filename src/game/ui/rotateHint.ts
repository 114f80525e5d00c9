/**
 * The solo game on a phone held upright (docs/accessibility.md, "Small screens"): the game is
 * laid out for a wide screen and Phaser scales it to fit, so in portrait the map and the
 * budget table shrink to a third of the phone's height, too small to read. Over it, a
 * notice asks to turn the phone sideways, in the player's language, with a button to play
 * upright anyway (remembered for the session). It goes as soon as the phone is turned, and
 * never covers the facilitated exercise's screens (the join page, a seat's screen), which
 * are made to fit a phone either way.
 */
import { onLanguageChange, t } from '../../i18n';
import { h } from './dom';

/** A screen narrower than this, held upright, is a phone's: the game's 16:9 frame is then too small to read. */
export const PORTRAIT_QUERY = '(orientation: portrait) and (max-width: 600px)';
const DISMISSED_KEY = 'coopsec.rotateDismissed';

function dismissed(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Shows the notice while the page is a phone in portrait and the player has not chosen to play upright; returns what removes it. */
export function installRotateHint(): () => void {
  if (dismissed()) return () => undefined;
  const query = window.matchMedia(PORTRAIT_QUERY);
  const heading = h('h2', { id: 'cs-rotate-title' });
  const body = h('p', {});
  const play = h('button', { type: 'button', class: 'cs-btn cs-btn-secondary', 'data-testid': 'rotate-dismiss', onclick: () => dismiss() });
  const hint = h('div', { class: 'cs-rotate', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'cs-rotate-title', 'data-testid': 'rotate-hint', hidden: true }, h('div', { class: 'cs-rotate-phone', 'aria-hidden': 'true' }), heading, body, play);
  const label = () => {
    heading.textContent = t('shell.rotate.title');
    body.textContent = t('shell.rotate.body');
    play.textContent = t('shell.rotate.dismiss');
  };
  // Focus that was on the notice goes to the screen's first control when the notice goes:
  // after the game has laid itself out again for the turned screen (two frames), unless
  // something else has taken it by then.
  const handBack = () => {
    if (!hint.contains(document.activeElement)) return;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || document.activeElement === null) document.querySelector<HTMLElement>('#game button:not([disabled])')?.focus();
      }),
    );
  };
  const update = () => {
    const show = query.matches;
    if (show === !hint.hidden) return;
    if (!show) handBack();
    hint.hidden = !show;
    if (show && !document.querySelector('.cx-root')) play.focus();
  };
  const dismiss = () => {
    try {
      sessionStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Not remembered: the notice stays away until the page is loaded again.
    }
    handBack();
    hint.hidden = true;
    hint.remove();
    document.removeEventListener('focusin', keep);
  };
  // A dialog keeps the focus while it is up: the title screen, starting beneath it, focuses its first button.
  const keep = (event: FocusEvent) => {
    if (!hint.hidden && hint.isConnected && !hint.contains(event.target as Node) && !document.querySelector('.cx-root')) play.focus();
  };
  label();
  document.body.append(hint);
  update();
  query.addEventListener('change', update);
  document.addEventListener('focusin', keep);
  const offLang = onLanguageChange(label);
  return () => {
    query.removeEventListener('change', update);
    document.removeEventListener('focusin', keep);
    offLang();
    hint.remove();
  };
}
