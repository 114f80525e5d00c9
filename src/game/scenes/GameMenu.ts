/**
 * The in-game menu, an overlay over the board and every in-game screen (Esc or the Menu
 * button): resume, save in a named slot, load a slot or the autosave, settings, the help
 * and glossary, and quit to title (asking whether to save first). Overwriting a slot asks
 * first; an unreadable slot is shown as such (its text is kept aside by the bridge).
 * Escape goes back one step and, from the menu itself, resumes.
 */
import { Scene } from 'phaser';
import { dateText, getLanguage, hasKey, localized, t, type MenuKey, type ShellKey } from '../../i18n';
import { getBridge, SLOT_COUNT, type SlotInfo } from '../bridge';
import { ensureScene } from '../sceneRegistry';
import { SCENE } from '../sceneKeys';
import { button, focusFirst, h, notice } from '../ui/dom';
import { OverlayScreen } from '../ui/overlay';
import { glossaryList } from '../ui/glossary';

type View = { kind: 'main' } | { kind: 'save' } | { kind: 'load' } | { kind: 'glossary' } | { kind: 'quit' } | { kind: 'overwrite'; slot: SlotInfo; name: string };

const m = (key: MenuKey, vars?: Record<string, string | number>) => t(key, vars);

export class GameMenu extends Scene {
  private readonly overlay = new OverlayScreen(this);
  private view: View = { kind: 'main' };
  private status: { tone: 'good' | 'bad'; text: string } | null = null;
  private root: HTMLElement | null = null;
  /** After a save from the quit dialog, quit. */
  private quitAfterSave = false;

  constructor() {
    super(SCENE.GameMenu);
  }

  /** Opened from the title screen (only to load): Back closes it instead of showing the in-game menu. */
  private fromTitle = false;

  init(data?: { view?: View['kind'] }): void {
    this.overlay.remember();
    this.fromTitle = getBridge().phase() === 'title';
    this.view = data?.view === 'glossary' ? { kind: 'glossary' } : data?.view === 'quit' ? { kind: 'quit' } : data?.view === 'load' ? { kind: 'load' } : { kind: 'main' };
    this.status = null;
    this.quitAfterSave = false;
  }

  create(): void {
    this.overlay.mount(m('menu.title'), (root) => {
      this.root = root;
      this.render(root);
    }, () => this.back());
  }

  /** Escape: one step back; from the menu itself, resume. */
  private back(): void {
    if (this.view.kind === 'main' || this.fromTitle) this.overlay.close();
    else this.go(this.view.kind === 'overwrite' ? { kind: 'save' } : { kind: 'main' });
  }

  private go(view: View, status: GameMenu['status'] = null): void {
    const from = this.view.kind;
    this.view = view;
    this.status = status;
    if (!this.root) return;
    this.root.replaceChildren();
    this.render(this.root);
    // Back on the menu, the keyboard returns to the item that opened the view left (Help &
    // glossary, Save…), as it does when an overlay closes, not to Resume at the top.
    const item = view.kind === 'main' ? this.root.querySelector<HTMLElement>(`[data-testid="menu-${from === 'overwrite' ? 'save' : from}"]:not(:disabled)`) : null;
    if (item) item.focus({ preventScroll: true });
    else focusFirst(this.root);
  }

  private render(root: HTMLElement): void {
    const body = this.body();
    const status = this.status ? notice(this.status.tone, this.status.text) : null;
    root.append(h('div', { class: 'cs-panel cs-dialog cs-menu', attrs: { 'data-testid': 'game-menu', 'data-view': this.view.kind } }, ...body, status));
  }

  private body(): (HTMLElement | null)[] {
    switch (this.view.kind) {
      case 'main':
        return this.mainView();
      case 'save':
        return this.slotsView('save');
      case 'load':
        return this.slotsView('load');
      case 'glossary':
        return [
          h('h1', { class: 'cs-h1', text: t('glossary.title') }),
          h('p', { class: 'cs-muted cs-small', text: t('glossary.intro') }),
          h('div', { class: 'cs-scroll cs-grow', attrs: { tabindex: 0, 'aria-label': t('glossary.title'), 'data-testid': 'glossary' } }, glossaryList()),
          h('div', { class: 'cs-row' }, button(m('menu.back'), () => this.go({ kind: 'main' }), { variant: 'primary', testId: 'menu-back' })),
        ];
      case 'quit':
        return [
          h('h1', { class: 'cs-h1', text: m('menu.quitTitle') }),
          h('p', { text: m('menu.quitText') }),
          h('div', { class: 'cs-row' },
            button(m('menu.quitSave'), () => { this.quitAfterSave = true; this.go({ kind: 'save' }); }, { variant: 'primary', testId: 'quit-save' }),
            button(m('menu.quitNow'), () => this.quit(), { testId: 'quit-now' }),
            button(m('menu.cancel'), () => this.go({ kind: 'main' }), { variant: 'ghost', testId: 'quit-cancel' }),
          ),
        ];
      case 'overwrite': {
        const { slot, name } = this.view;
        return [
          h('h1', { class: 'cs-h1', text: m('menu.slots.overwriteTitle', { name: slotTitle(slot) }) }),
          h('p', { text: m('menu.slots.overwriteText', { detail: slotDetail(slot) }) }),
          h('div', { class: 'cs-row' },
            button(m('menu.slots.overwrite'), () => this.saveTo(slot.index, name), { variant: 'primary', testId: 'overwrite-yes' }),
            button(m('menu.cancel'), () => this.go({ kind: 'save' }), { testId: 'overwrite-no' }),
          ),
        ];
      }
    }
  }

  private mainView(): HTMLElement[] {
    const inGame = !!getBridge().snapshot().context.game;
    const item = (key: MenuKey, action: () => void, testId: string, variant: 'primary' | 'secondary' = 'secondary', disabled = false) =>
      button(m(key), action, { variant, testId, disabled });
    return [
      h('h1', { class: 'cs-h1', text: m('menu.title') }),
      h('div', { class: 'cs-menu-items', onkeydown: moveAmongItems },
        item('menu.resume', () => this.overlay.close(), 'menu-resume', 'primary'),
        item('menu.save', () => this.go({ kind: 'save' }), 'menu-save', 'secondary', !inGame),
        item('menu.load', () => this.go({ kind: 'load' }), 'menu-load'),
        item('menu.settings', () => this.openSettings(), 'menu-settings'),
        item('menu.glossary', () => this.go({ kind: 'glossary' }), 'menu-glossary'),
        item('menu.quit', () => this.go({ kind: 'quit' }), 'menu-quit'),
      ),
    ];
  }

  private slotsView(mode: 'save' | 'load'): HTMLElement[] {
    const slots = getBridge().listSlots().filter((s) => mode === 'load' || s.index > 0);
    const rows = slots.map((slot) => {
      const title = slotTitle(slot);
      const detail = slot.state === 'ok' ? slotDetail(slot) : slot.state === 'corrupt' ? m('menu.slots.corrupt', { reason: reasonText(slot.problem!), key: slot.problem!.aside }) : m('menu.slots.empty');
      let control: HTMLElement;
      if (mode === 'load') {
        control = button(m('menu.slots.loadThis'), () => this.loadFrom(slot.index), { variant: 'primary', disabled: slot.state !== 'ok', testId: `load-slot-${slot.index}` });
      } else {
        const input = h('input', { class: 'cs-input', attrs: { type: 'text', maxlength: 60, value: slot.name ?? m('menu.slots.slot', { n: slot.index }), 'aria-label': `${m('menu.slots.name')} — ${m('menu.slots.slot', { n: slot.index })}`, 'data-testid': `slot-name-${slot.index}` } });
        const save = button(m('menu.slots.saveHere'), () => {
          const name = input.value;
          if (slot.state === 'ok') this.go({ kind: 'overwrite', slot, name });
          else this.saveTo(slot.index, name);
        }, { variant: 'primary', testId: `save-slot-${slot.index}` });
        control = h('div', { class: 'cs-row cs-slot-save' }, input, save);
      }
      return h('li', { class: `cs-slot cs-slot-${slot.state}`, attrs: { 'data-testid': `slot-${slot.index}`, 'data-state': slot.state } },
        h('div', { class: 'cs-slot-text' }, h('strong', { text: title }), h('div', { class: `cs-small ${slot.state === 'corrupt' ? 'cs-bad' : 'cs-muted'}`, text: detail })),
        control,
      );
    });
    return [
      h('h1', { class: 'cs-h1', text: m(mode === 'save' ? 'menu.slots.saveTitle' : 'menu.slots.loadTitle') }),
      h('ul', { class: 'cs-list cs-slots cs-scroll cs-grow' }, ...rows),
      h('div', { class: 'cs-row' }, button(m('menu.back'), () => (this.fromTitle ? this.overlay.close() : this.go({ kind: this.quitAfterSave ? 'quit' : 'main' })), { testId: 'menu-back' })),
    ];
  }

  private saveTo(index: number, name: string): void {
    const result = getBridge().saveToSlot(index, name);
    if (!result.ok) {
      this.go({ kind: 'save' }, { tone: 'bad', text: m('menu.slots.failed', { reason: result.code === 'no-game' ? m('menu.slots.noGame') : result.reason }) });
      return;
    }
    if (this.quitAfterSave) {
      this.quit();
      return;
    }
    this.go({ kind: 'main' }, { tone: 'good', text: m('menu.slots.saved', { name: name.trim() || m('menu.slots.slot', { n: index }) }) });
  }

  private loadFrom(index: number): void {
    const result = getBridge().loadSlot(index);
    if (!result.ok) {
      this.go({ kind: 'load' }, { tone: 'bad', text: m('menu.slots.failed', { reason: reasonText(result) }) });
      return;
    }
    // The router shows the loaded game's screen; this menu is done.
    this.scene.stop();
  }

  private quit(): void {
    this.scene.stop();
    getBridge().send({ type: 'game.quit' });
  }

  private openSettings(): void {
    ensureScene(this.game, SCENE.Settings);
    this.scene.launch(SCENE.Settings);
    this.scene.bringToTop(SCENE.Settings);
  }
}

/**
 * Up and Down arrows (and Home / End) move between the menu's items, as in any menu; Tab and
 * Shift+Tab reach them too. Disabled items (Save on the title screen) are skipped.
 */
function moveAmongItems(event: KeyboardEvent): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const list = event.currentTarget as HTMLElement;
  const items = [...list.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  if (!items.length) return;
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1
    : event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
  event.preventDefault();
  items[next].focus();
}

function slotTitle(slot: SlotInfo): string {
  if (slot.index === 0) return m('menu.slots.autosave');
  return slot.name || m('menu.slots.slot', { n: slot.index });
}

function slotDetail(slot: SlotInfo): string {
  const scenario = slot.scenarioId ? getBridge().catalogue.scenarios[slot.scenarioId] : undefined;
  const date = slot.savedAt ? dateText(slot.savedAt) : '';
  return m('menu.slots.detail', { scenario: scenario ? localized(scenario.title) : slot.scenarioId ?? '', year: slot.year ?? '', date });
}

function reasonText(problem: { code?: string; reason: string; params?: Record<string, number | string> }): string {
  const key = `shell.saveReason.${problem.code}` as ShellKey;
  return problem.code && hasKey(key) ? t(key, problem.params) : problem.reason;
}

export { SLOT_COUNT };
