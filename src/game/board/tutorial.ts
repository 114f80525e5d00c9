/**
 * The guided first turn of era 1 (flow mode "tutorial"): a callout walks a newcomer through
 * the board one step at a time — the briefing, the envelope, upkeep paid first, the share
 * and its consensus cost, partners and their demands, allocating, equal treatment vs
 * priorities, a gap analysis, resolving, and reading the review. Each step highlights its
 * panel and has Next and Skip; steps that need the player to act (move to planning,
 * resolve) wait for the flow's phase instead. It only reads the phase; it sends nothing.
 */
import { playCue } from '../../audio/sound';
import { focusIfLost, h } from '../ui/dom';
import { shareBounds, tr, type BoardKey } from './text';
import type { BoardPhase } from './BoardView';

interface Step {
  id: 'welcome' | 'toPlanning' | 'envelope' | 'upkeep' | 'share' | 'partners' | 'card' | 'policy' | 'gap' | 'resolve' | 'resolution' | 'review';
  phase: BoardPhase;
  /** data-tut of the element to highlight. */
  target: string;
  /** Where the callout goes, in game pixels. */
  at: { left: number; top: number };
  /** The step ends when the flow reaches this phase (no Next button). */
  waitFor?: BoardPhase;
}

const STEPS: Step[] = [
  { id: 'welcome', phase: 'briefing', target: 'phase', at: { left: 1060, top: 560 } },
  { id: 'toPlanning', phase: 'briefing', target: 'next', at: { left: 1360, top: 110 }, waitFor: 'planning' },
  { id: 'envelope', phase: 'planning', target: 'envelope', at: { left: 480, top: 120 } },
  { id: 'upkeep', phase: 'planning', target: 'upkeep', at: { left: 480, top: 300 } },
  { id: 'share', phase: 'planning', target: 'share', at: { left: 480, top: 160 } },
  { id: 'partners', phase: 'planning', target: 'partners', at: { left: 960, top: 200 } },
  { id: 'card', phase: 'planning', target: 'card', at: { left: 470, top: 470 } },
  { id: 'policy', phase: 'planning', target: 'policy', at: { left: 480, top: 420 } },
  { id: 'gap', phase: 'planning', target: 'actions', at: { left: 480, top: 560 } },
  { id: 'resolve', phase: 'planning', target: 'next', at: { left: 1360, top: 110 }, waitFor: 'resolution' },
  { id: 'resolution', phase: 'resolution', target: 'phase', at: { left: 1060, top: 560 } },
  { id: 'review', phase: 'review', target: 'phase', at: { left: 1060, top: 560 } },
];

export class Tutorial {
  private index = 0;
  private readonly box = h('div', { class: 'cs-tutorial cs-live', role: 'dialog', 'aria-live': 'polite', 'data-testid': 'tutorial' });
  private highlighted: HTMLElement | null = null;
  private finished = false;
  /** The step whose tip last took the focus. */
  private focusedStep = -1;

  constructor(private readonly board: HTMLElement, private readonly onFinish: () => void) {}

  get active(): boolean {
    return !this.finished;
  }

  get stepId(): string {
    return STEPS[this.index]?.id ?? 'done';
  }

  /** Follows the flow: catches up when the player moved on, and shows the current step. */
  update(phase: BoardPhase): void {
    if (this.finished) return;
    const order: BoardPhase[] = ['briefing', 'planning', 'resolution', 'events', 'review'];
    while (this.index < STEPS.length && order.indexOf(STEPS[this.index].phase) < order.indexOf(phase)) this.index++;
    if (this.index >= STEPS.length) return this.finish();
    const step = STEPS[this.index];
    if (step.phase !== phase) {
      this.hide();
      return;
    }
    this.show(step);
  }

  private show(step: Step): void {
    this.clearHighlight();
    const target = this.board.querySelector<HTMLElement>(`[data-tut="${step.target}"]`);
    if (target) {
      target.classList.add('cs-tut-focus');
      this.highlighted = target;
      target.scrollIntoView?.({ block: 'nearest' });
    }
    const last = this.index === STEPS.length - 1;
    const next = step.waitFor
      ? h('span', { class: 'cs-fine', style: { fontStyle: 'italic' } }, tr('tutorial.waiting'))
      : h('button', { type: 'button', class: 'cs-primary', 'data-testid': 'tutorial-next', onclick: () => { playCue('click'); this.advance(); } }, last ? tr('tutorial.done') : tr('tutorial.next'));
    this.box.replaceChildren(
      h('div', { class: 'cs-step' }, tr('tutorial.step', { n: this.index + 1, total: STEPS.length })),
      h('h2', {}, tr(`tutorial.${step.id}.title` as BoardKey)),
      h('p', {}, tr(`tutorial.${step.id}.text` as BoardKey, shareBounds())),
      h('div', { class: 'cs-spread' }, h('button', { type: 'button', 'data-testid': 'tutorial-skip', onclick: () => { playCue('click'); this.finish(); } }, tr('tutorial.skip')), next),
    );
    Object.assign(this.box.style, { left: `${step.at.left}px`, top: `${step.at.top}px`, display: 'block' });
    if (!this.box.parentElement) this.board.append(this.box);
    else this.board.append(this.box); // keep it last so it sits above re-rendered panels
    // Each new step takes the keyboard, so its Next is one key away: the tip's own, or for a
    // step that waits for the player to act, the board's Next it points at.
    if (this.focusedStep !== this.index) {
      this.focusedStep = this.index;
      const control = step.waitFor ? target : this.box.querySelector<HTMLElement>('[data-testid="tutorial-next"]');
      control?.focus({ preventScroll: true });
    }
  }

  private advance(): void {
    const phase = STEPS[this.index].phase;
    this.index++;
    if (this.index >= STEPS.length) return this.finish();
    this.update(phase);
  }

  private hide(): void {
    this.clearHighlight();
    this.box.style.display = 'none';
  }

  private clearHighlight(): void {
    this.highlighted?.classList.remove('cs-tut-focus');
    this.board.querySelectorAll('.cs-tut-focus').forEach((el) => el.classList.remove('cs-tut-focus'));
    this.highlighted = null;
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearHighlight();
    this.box.remove();
    // Done or Skip had the keyboard: it goes to the phase's heading rather than the page's body.
    focusIfLost(this.board);
    this.onFinish();
  }
}
