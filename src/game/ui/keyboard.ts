/**
 * Keyboard shortcuts shared by every screen: Enter or Space activate a focused control that
 * is not a native button (cards with role="button"), Escape goes back, N moves to the next
 * phase — but never while the player is typing in a field. Only the most recently bound
 * screen (e.g. an open overlay) receives shortcuts, so Escape closes the dialog, not the game.
 */

export interface KeyHandlers {
  /** Escape. */
  back?: () => void;
  /** N: the "next phase" shortcut. */
  next?: () => void;
}

const stack: KeyHandlers[] = [];
let installed = false;
let fallbackBack: (() => void) | null = null;

/** What Escape does on a screen that has no back action of its own (the router opens the game menu). */
export function setFallbackBack(handler: (() => void) | null): void {
  fallbackBack = handler;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Buttons, checkboxes and sliders take no text, so shortcuts still apply there.
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'file'].includes(target.type);
  }
  return false;
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const handlers = stack[stack.length - 1];
  const target = event.target;

  if ((event.key === 'Enter' || event.key === ' ') && target instanceof HTMLElement) {
    const native = target instanceof HTMLButtonElement || target instanceof HTMLInputElement || target instanceof HTMLAnchorElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (!native && target.getAttribute('role') === 'button') {
      event.preventDefault();
      target.click();
    }
    return;
  }
  if (event.key === 'Escape') {
    const back = handlers?.back ?? fallbackBack;
    if (back) {
      event.preventDefault();
      back();
    }
    return;
  }
  if (!handlers) return;
  if ((event.key === 'n' || event.key === 'N') && handlers.next && !isTyping(target)) {
    event.preventDefault();
    handlers.next();
  }
}

/** Makes `handlers` the active shortcuts until the returned function is called. */
export function bindKeys(handlers: KeyHandlers): () => void {
  if (!installed && typeof document !== 'undefined') {
    document.addEventListener('keydown', onKeyDown);
    installed = true;
  }
  stack.push(handlers);
  return () => {
    const index = stack.lastIndexOf(handlers);
    if (index >= 0) stack.splice(index, 1);
  };
}
