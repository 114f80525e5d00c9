/**
 * The events phase: the year's event cards, one at a time, over the dimmed board — title,
 * text, year, a historical / counterfactual / inject badge, the source (new tab), and the
 * choices as buttons with their costs in words and in consensus. A new card plays the
 * stinger with a visible caption. Choosing sends `event.choose`; when no card is left the
 * scene sends `phase.advance` to move on to the review (from the flow's update, never while rendering).
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';
import { playCue } from '../../audio/sound';
import { eventView, type EventView } from '../../core/events';
import { getBridge } from '../bridge';
import { focusFirst, h, mountScreen, type Screen } from '../ui/dom';
import { choiceCostParts, choiceKeysText, localized, partnerName, rejectionText, tr } from '../board/text';
import { counterfactualFrom, notHistory } from '../counterfactual';
import '../board/board.css';

export class EventCard extends Scene {
  private screen: Screen | null = null;
  private shownId = '';
  private advancing = false;

  constructor() {
    super(SCENE.EventCard);
  }

  init(): void {
    this.screen = null;
    this.shownId = '';
    this.advancing = false;
  }

  create(): void {
    const bridge = getBridge();
    this.screen = mountScreen(this, (root) => this.render(root), { overlay: true, label: tr('eventCard.label') });
    this.screen.root.style.padding = '0';
    const unsubscribe = bridge.subscribe(() => {
      if (bridge.phase() !== 'turn.events') return;
      this.screen?.rerender();
      this.advanceIfDone();
    });
    this.events.once('shutdown', unsubscribe);
    // Keyboard (issue 14.9): number keys answer, Tab stays inside the card, and focus goes back
    // to where it was (a board control) when the card closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onKey = (e: KeyboardEvent) => this.onKey(e);
    document.addEventListener('keydown', onKey, true);
    this.events.once('shutdown', () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener && opener.isConnected && !opener.closest('[inert]')) window.setTimeout(() => opener.focus({ preventScroll: true }), 0);
    });
    this.advanceIfDone();
  }

  private onKey(e: KeyboardEvent): void {
    const card = this.screen?.root.querySelector<HTMLElement>('[data-testid="event-card"]');
    if (!card || e.altKey || e.ctrlKey || e.metaKey) return;
    // An overlay opened over the card (the game menu, Settings) makes it inert: the keyboard
    // then belongs to that overlay. Trapping Tab here would pull focus back to the inert card,
    // which the browser refuses, leaving it stuck on the overlay's first control; a number key
    // would answer the hidden card.
    if (card.closest('[inert]')) return;
    if (/^[1-9]$/.test(e.key)) {
      const choice = card.querySelector<HTMLButtonElement>(`#event-choice-${Number(e.key) - 1}`);
      if (choice && !choice.disabled) {
        e.preventDefault();
        e.stopPropagation();
        choice.click();
      }
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = [...card.querySelectorAll<HTMLElement>('a[href], button:not(:disabled), [tabindex]:not([tabindex="-1"])')];
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (!card.contains(active)) {
      e.preventDefault();
      first.focus();
    } else if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  }

  /**
   * Nothing (left) to answer: move on once, on the next tick. Called from create() and the
   * flow's updates, never from a render, so rendering sends no flow event.
   */
  private advanceIfDone(): void {
    const bridge = getBridge();
    if (this.advancing || bridge.phase() !== 'turn.events' || this.current()) return;
    this.advancing = true;
    this.time.delayedCall(0, () => {
      if (bridge.phase() === 'turn.events' && !this.current()) bridge.send({ type: 'phase.advance' });
    });
  }

  private current(): { view: EventView; n: number; total: number } | null {
    const bridge = getBridge();
    const scenario = bridge.scenario();
    const game = bridge.snapshot().context.game;
    if (!scenario || !game || !game.pendingEvents.length) return null;
    const view = eventView(scenario, game, game.pendingEvents[0]);
    if (!view) return null;
    const record = game.turns[game.turns.length - 1];
    const answered = record && record.year === game.year ? record.events.length : 0;
    return { view, n: answered + 1, total: answered + game.pendingEvents.length };
  }

  private render(root: HTMLElement): void {
    const bridge = getBridge();
    const scenario = bridge.scenario();
    const snap = bridge.snapshot();
    const game = snap.context.game;
    const current = this.current();
    // Nothing (left) to answer: advanceIfDone() moves on; a render only draws.
    if (!scenario || !game || !current) return;
    const { view, n, total } = current;
    const fresh = view.id !== this.shownId;
    this.shownId = view.id;
    if (fresh) playCue('stinger');

    // A card in a year after history ends, or one the data flags as hypothetical, says so
    // before anything else, in place of a "Historical" badge (src/game/counterfactual.ts).
    const invented = notHistory(scenario, view, view.year);
    const badge = invented
      ? h('span', { class: 'cs-badge cs-cf', 'data-testid': 'event-badge' }, h('span', { 'data-testid': 'counterfactual-label' }, tr(`eventCard.notHistory.${invented}`)))
      : view.counterfactual
      ? h('span', { class: 'cs-badge cs-cf', 'data-testid': 'event-badge' }, tr('eventCard.counterfactual'))
      : view.historical
        ? h('span', { class: 'cs-badge cs-hist', 'data-testid': 'event-badge' }, tr('eventCard.historical'))
        : view.source === 'inject'
          ? h('span', { class: 'cs-badge cs-inj', 'data-testid': 'event-badge' }, tr('eventCard.inject'))
          : h('span', { class: 'cs-badge cs-inj', 'data-testid': 'event-badge' }, tr('eventCard.generic'));
    const rejection = snap.context.rejection;
    const choices = view.choices.map((c, i) =>
      h(
        'button',
        {
          type: 'button',
          class: 'cs-choice',
          'data-testid': `choice-${i}`,
          'data-autofocus': i === 0 ? 'true' : undefined,
          id: `event-choice-${i}`,
          disabled: c.consensusCost > game.alliance.consensus + 1e-9,
          onclick: () => this.choose(view.id, c.id),
        },
        h('span', { class: 'cs-tile-label' }, `${i + 1}. ${localized(c.label)}`),
        // The scenario's words name the consensus cost already; said once (board/text.ts).
        h('span', { class: 'cs-cost' }, ...costOf(c.consensusCost, localized(c.cost))),
      ),
    );
    // The card scrolls an inner, transparent body (see BoardView on opaque scrollers).
    const card = h(
      'article',
      { class: 'cs-eventcard', 'data-testid': 'event-card', 'aria-labelledby': 'event-title' },
      h('div', { class: 'cs-cardbody cs-scroller' },
      h('div', { class: 'cs-meta' }, badge, h('span', {}, String(view.year)), h('span', {}, '·'), h('span', {}, tr('eventCard.of', { n, total }))),
      h('h1', { id: 'event-title' }, localized(view.title)),
      h('p', {}, localized(view.text)),
      view.counterfactual ? h('p', { style: { fontStyle: 'italic', color: '#8a3b12' } }, tr('eventCard.cfNote')) : null,
      invented ? h('p', { style: { fontStyle: 'italic', color: '#8a3b12' }, 'data-testid': 'not-history-note' }, tr(`eventCard.notHistoryNote.${invented}`, { from: counterfactualFrom(scenario) ?? '', year: view.year })) : null,
      view.partners.length ? h('p', { class: 'cs-fine', style: { color: '#4a5566' } }, tr('eventCard.concerns', { partners: view.partners.map((p) => partnerName(scenario, p, view.year)).join(', ') })) : null,
      h('a', { href: view.url, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'event-source' }, tr('eventCard.source')),
      h('h2', { style: { fontSize: '18px', color: '#4a5566', margin: '18px 0 0', textTransform: 'uppercase', letterSpacing: '0.05em' } }, tr('eventCard.choose'), ' ', h('span', { style: { textTransform: 'none' } }, choiceKeysText(view.choices.length))),
      h('div', { class: 'cs-choices' }, choices),
      rejection && rejection.field === 'decision' ? h('div', { class: 'cs-error', role: 'alert' }, rejectionText(scenario, rejection, view.year)) : null,
      ),
    );
    const wrap = h('div', { class: 'cs-board' }, h('div', { class: 'cs-dim' }), card, h('div', { class: 'cs-caption', 'aria-hidden': 'true', 'data-testid': 'stinger-caption' }, `♪ ${tr('eventCard.caption')}`));
    root.append(wrap);
    // A new card rises onto the table (board.css; stopped with reduced motion, theme.css).
    if (fresh) card.classList.add('cs-anim-card');
    // Focus the card on screen then, not necessarily this one: a flow update may have
    // re-rendered it meanwhile (and a rerender only keeps focus that was already inside).
    if (fresh) {
      window.setTimeout(() => {
        const shown = root.querySelector<HTMLElement>('[data-testid="event-card"]');
        if (shown && !shown.contains(document.activeElement) && !shown.closest('[inert]')) focusFirst(shown);
      }, 0);
    }
  }

  private choose(eventId: string, choiceId: string): void {
    const bridge = getBridge();
    playCue('click');
    // The last answer moves on through advanceIfDone (the flow's update calls it).
    bridge.send({ type: 'event.choose', eventId, choiceId });
  }
}

/** A choice's cost on its button: the rules' consensus cost, marked, unless the scenario's words name it already. */
function costOf(consensusCost: number, text: string): (HTMLElement | string)[] {
  const parts = choiceCostParts(consensusCost, text);
  const cost = parts.cost === null ? [] : [h('span', { class: 'cs-ccost' }, parts.cost)];
  return parts.text ? [...cost, `${cost.length ? ' · ' : ''}${parts.text}`] : cost;
}
