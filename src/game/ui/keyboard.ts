/**
 * Keyboard shortcuts shared by every screen: Enter or Space activate a focused control that
 * is not a native button (cards with role="button"), Escape goes back, N moves to the next
 * phase — but never while the player is typing in a field, where Escape first undoes the
 * typing. Only the most recently bound
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

/** What each text field held when it got the focus or last committed (its change event). */
const committed = new WeakMap<HTMLElement, string>();

function remember(event: Event): void {
  const target = event.target;
  if ((target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && isTyping(target)) committed.set(target, target.value);
}

/** Puts back a field's committed text if it was edited since; true when it was. */
function undoTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) || !isTyping(target)) return false;
  const before = committed.get(target);
  if (before === undefined || before === target.value) return false;
  target.value = before;
  // The field's own input listeners clear a refusal made of the undone text (ui/decimal.ts).
  target.dispatchEvent(new Event('input', { bubbles: true }));
  target.select();
  return true;
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
    // In a field, Escape first undoes what was typed there since it was last committed (the
    // focus stays, so Tab goes on from it); Escape in an unchanged field goes back as anywhere.
    if (undoTyping(target)) {
      event.preventDefault();
      return;
    }
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
    document.addEventListener('focusin', remember);
    document.addEventListener('change', remember);
    installed = true;
  }
  stack.push(handlers);
  return () => {
    const index = stack.lastIndexOf(handlers);
    if (index >= 0) stack.splice(index, 1);
  };
}
