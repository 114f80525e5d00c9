/**
 * The shared UI kit: every interactive control in the game is a real HTML element placed
 * by Phaser's DOM container (so it is keyboard-reachable, focus-visible, read by screen
 * readers and scaled with the canvas by Scale.FIT). This module builds those elements with
 * the classes theme.css styles, mounts one full-size "screen" per scene that re-renders on a
 * language switch and cleans up on shutdown, and speaks to the page's live region.
 * It is the game's one DOM kit: the board, event cards, tutorial and debrief build their
 * panels with the same `h` and classes (prefix `cs-`; the board's own under `.cs-board`,
 * in board/board.css).
 */
import { Scenes, type GameObjects, type Scene } from 'phaser';
import { onLanguageChange } from '../../i18n';
import { playCue } from '../../audio/sound';
import { bindKeys, type KeyHandlers } from './keyboard';
import { requestRender } from './renderGate';

export const BASE_WIDTH = 1920;
export const BASE_HEIGHT = 1080;

/** A child: text (never parsed as HTML), a node, nothing (skipped), or a list of these. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/**
 * What `h` sets on an element. `class`, `id` and `text` (its text content); `style` (an
 * object of style properties); `value` and `checked` (as properties, so they reach form
 * controls); `onclick`, `oninput`… (listeners); `attrs` (a bag of attributes); any other
 * key is an attribute (`'aria-label'`, `'data-testid'`, `type`, `disabled`…). Undefined,
 * null and false leave a key out; true writes an empty attribute.
 */
export interface ElementProps {
  class?: string;
  text?: string;
  id?: string;
  style?: Partial<CSSStyleDeclaration>;
  attrs?: Record<string, string | number | boolean | undefined>;
  [key: string]: unknown;
}

/** Creates an element with classes, text, attributes, listeners and children (strings become text nodes, never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'attrs') {
      for (const [name, v] of Object.entries(value as NonNullable<ElementProps['attrs']>)) setAttribute(node, name, v);
    } else if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = String(value);
    else if (key === 'style' && typeof value === 'object') Object.assign(node.style, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'value' && 'value' in node) (node as HTMLInputElement).value = String(value);
    else if (key === 'checked' && 'checked' in node) (node as HTMLInputElement).checked = Boolean(value);
    else setAttribute(node, key, value);
  }
  append(node, children);
  return node;
}

function setAttribute(node: HTMLElement, name: string, value: unknown): void {
  if (value === undefined || value === null || value === false) return;
  node.setAttribute(name, value === true ? '' : String(value));
}

function append(node: HTMLElement, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Replaces an element's children, keeping keyboard focus on the control with the same
 * `data-focus` key (the board rebuilds its panels from each snapshot).
 */
export function replaceKeepingFocus(parent: HTMLElement, ...children: Child[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && parent.contains(active) ? active.dataset.focus : undefined;
  parent.replaceChildren();
  append(parent, children);
  if (key) {
    const again = parent.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    again?.focus({ preventScroll: true });
  }
}

export interface ButtonOptions {
  variant?: 'primary' | 'secondary' | 'ghost';
  /** A second, smaller line under the label (e.g. the saved game's year). */
  detail?: string;
  disabled?: boolean;
  /** For toggles: rendered as aria-pressed. */
  pressed?: boolean;
  id?: string;
  /** Stable hook for tests and the tutorial, e.g. "title-continue". */
  testId?: string;
  title?: string;
}

/** A real `<button>`: Enter and Space work natively; activation plays the click cue (with its caption). */
export function button(label: string, onActivate: () => void, options: ButtonOptions = {}): HTMLButtonElement {
  const variant = options.variant ?? 'secondary';
  const node = h('button', {
    class: `cs-btn cs-btn-${variant}`,
    id: options.id,
    attrs: {
      type: 'button',
      'data-testid': options.testId,
      'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed),
      title: options.title,
    },
  });
  node.append(h('span', { class: 'cs-btn-label', text: label }));
  if (options.detail) node.append(h('span', { class: 'cs-btn-detail', text: options.detail }));
  node.disabled = !!options.disabled;
  node.addEventListener('click', () => {
    if (node.disabled) return;
    playCue('click');
    onActivate();
  });
  return node;
}

/** A titled panel (section with a heading) around its children. */
export function panel(title: string | null, ...children: Child[]): HTMLElement {
  const id = title ? uniqueId('panel') : undefined;
  return h(
    'section',
    { class: 'cs-panel', attrs: { 'aria-labelledby': id } },
    title ? h('h2', { class: 'cs-h2', id, text: title }) : null,
    ...children,
  );
}

/** A message block; `tone` picks the colour, role=alert makes screen readers say it at once. */
export function notice(tone: 'warn' | 'bad' | 'good', ...children: Child[]): HTMLElement {
  const cls = tone === 'warn' ? 'cs-notice' : `cs-notice cs-notice-${tone}`;
  return h('div', { class: cls, attrs: { role: tone === 'good' ? 'status' : 'alert' } }, ...children);
}

let idCounter = 0;
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Says something through the page's polite live region (index.html's #announcer). */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Clearing first makes a repeated message be read again.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 30);
}

/**
 * Moves focus to the first enabled element in `root` marked data-autofocus (a screen's main
 * control, or a phase's heading with tabindex="-1"), else the first button.
 */
export function focusFirst(root: HTMLElement): void {
  const target =
    root.querySelector<HTMLElement>('[data-autofocus]:not(:disabled)') ??
    root.querySelector<HTMLElement>('button:not(:disabled), [href], input, select, [tabindex]:not([tabindex="-1"])');
  target?.focus({ preventScroll: true });
}

/** True when no element has the keyboard: it is on the page's body, or on an element taken out of the page. */
export function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === document.documentElement || !active.isConnected;
}

/**
 * After a change of screen or phase: unless a control still has the focus, `focusFirst(root)`.
 * A change of phase rebuilds the part of the screen that held the focus, and the browser
 * then leaves it on the body: a screen reader says nothing and the next Tab starts over at
 * the top of the page. Tried again on the next tick when it could not be taken now: an
 * overlay closing at the same moment (the event card) leaves the screen under it inert
 * until its own cleanup has run.
 */
export function focusIfLost(root: HTMLElement): void {
  if (!focusLost()) return;
  focusFirst(root);
  if (focusLost()) window.setTimeout(() => focusLost() && focusFirst(root), 0);
}

/** Offers text as a file download (used by Export save). */
export function download(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { attrs: { href: url, download: filename } });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface ScreenOptions extends KeyHandlers {
  /** Drawn over other scenes: dims them, sits above them and makes them inert while open. */
  overlay?: boolean;
  /** Accessible name of the screen (a landmark for screen readers). */
  label?: string;
}

export interface Screen {
  root: HTMLElement;
  element: GameObjects.DOMElement;
  /** Rebuilds the screen's content (keeps focus on the same control id when it can). */
  rerender(): void;
}

/**
 * Mounts the scene's full-size root element and calls `render(root)` now and after every
 * language switch. Listeners (language, keys, inert siblings) are removed on shutdown.
 */
export function mountScreen(scene: Scene, render: (root: HTMLElement) => void, options: ScreenOptions = {}): Screen {
  const root = h('div', {
    class: options.overlay ? 'cs-screen cs-overlay' : 'cs-screen',
    attrs: { role: options.overlay ? 'dialog' : 'region', 'aria-modal': options.overlay ? 'true' : undefined, 'aria-label': options.label },
  });
  // Phaser sets `display: block` on the element it places, so the flex layout lives one level in.
  const holder = h('div', { class: 'cs-holder' }, root);
  const element = scene.add.dom(0, 0, holder).setOrigin(0, 0);
  if (options.overlay) element.setDepth(1000);

  const rerender = () => {
    const focusedId = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? document.activeElement.id : '';
    root.replaceChildren();
    render(root);
    requestRender();
    if (focusedId) document.getElementById(focusedId)?.focus({ preventScroll: true });
  };
  render(root);

  const cleanups: Array<() => void> = [];
  cleanups.push(onLanguageChange(() => rerender()));
  cleanups.push(bindKeys(options));
  if (options.overlay) cleanups.push(makeOthersInert(root));
  // The game is the whole page: Tab past a screen's last control comes round to its first
  // rather than stopping on the page's body (a dead stop, then the browser's own bar).
  root.addEventListener('keydown', (event) => keepTabInside(root, event));
  scene.events.once(Scenes.Events.SHUTDOWN, () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  return { root, element, rerender };
}

/**
 * A screen keeps Tab and Shift+Tab among its own controls: past the last it wraps to the
 * first (and back), instead of leaving for the page's body (for a modal overlay, while
 * everything under it is inert). Only the topmost screen holds the focus (those under an
 * overlay are inert), so only its listener runs.
 */
function keepTabInside(root: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const focusable = [...root.querySelectorAll<HTMLElement>('a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])')]
    // Only the checked radio of a group is a Tab stop.
    .filter((el) => el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked));
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** While an overlay is open, every other DOM element of the game is inert (no focus, no clicks). */
function makeOthersInert(root: HTMLElement): () => void {
  const holder = root.parentElement;
  const container = holder?.parentElement;
  if (!holder || !container) return () => undefined;
  const changed: HTMLElement[] = [];
  for (const sibling of Array.from(container.children)) {
    if (sibling instanceof HTMLElement && sibling !== holder && !sibling.inert && !sibling.classList.contains('cs-toast-area')) {
      sibling.inert = true;
      changed.push(sibling);
    }
  }
  return () => {
    for (const node of changed) node.inert = false;
  };
}
