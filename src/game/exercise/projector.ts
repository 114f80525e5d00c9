/**
 * The projector view: what the room sees on the wall, legible from the back of the room
 * at 1920×1080 and 1280×720 — the year and phase, the timer, whose move the room waits
 * for, the alliance's metrics and the competitors' influence, and the published injects
 * addressed to everyone. It renders the observer's view only, so it can hold no secret:
 * in local mode a second window (`?projector=<id>`) hears that view, and nothing else,
 * over a BroadcastChannel.
 */
import './exercise.css';
import { localized, getLanguage, onLanguageChange, setLanguage, type Language } from '../../i18n';
import type { Scenario } from '../../core/scenario';
import { REGIONS } from '../../core/constants';
import type { RoleView } from '../../exercise/views';
import type { RoleId } from '../../exercise/types';
import { projectorChannel, type ProjectorMessage } from './client';
import { clockText, h, metricName, num, phaseName, regionName, roleLabel, timeLeft, x } from './widgets';

/** Role names for the projector: from the scenario where the page has it, else from the message. */
type Names = (role: RoleId) => string;

export function projectorBody(view: RoleView, scenario: Scenario | null, names?: Names): HTMLElement {
  const name: Names = names ?? ((r) => (scenario ? roleLabel(scenario, r) : r));
  const left = view.timer ? timeLeft(view.timer, Date.now()) : null;
  const prev = view.turns.length > 1 ? view.turns[view.turns.length - 2] : null;
  const metric = (label: string, value: number, before?: number) =>
    h('div', { class: 'cx-proj-metric' }, h('div', { text: label }), h('div', { class: 'cx-proj-value', text: num(value, 0) }), before === undefined ? null : h('div', { class: 'cx-muted', text: `${value - before >= 0 ? '▲ +' : '▼ '}${num(value - before, 1)}` }));
  const injects = [...view.injects].reverse().slice(0, 3);
  return h(
    'div',
    { attrs: { 'data-testid': 'cx-projector' } },
    h(
      'div',
      { class: 'cx-proj-head' },
      h('span', { class: 'cx-proj-big', attrs: { 'data-testid': 'cx-proj-year' }, text: String(view.year) }),
      h('span', { class: 'cx-proj-big', text: phaseName(view.phase) }),
      view.timer ? h('span', { class: 'cx-proj-big', attrs: { role: 'timer', 'aria-label': x('exercise.timer'), 'data-testid': 'cx-proj-timer' }, text: clockText(left ?? view.timer.seconds + view.timer.extra) }) : null,
      view.paused ? h('span', { class: 'cx-proj-big cx-badge-warn', text: x('exercise.paused') }) : null,
      view.finished ? h('span', { class: 'cx-proj-big', text: x('exercise.finished') }) : null,
    ),
    h('p', { class: 'cx-proj-big', attrs: { 'data-testid': 'cx-proj-waiting' }, text: view.waitingFor.length ? x('exercise.waitingFor', { list: view.waitingFor.map(name).join(', ') }) : x('exercise.waitingNobody') }),
    h('h2', { text: x('exercise.metrics.title') }),
    h('div', { class: 'cx-proj-metrics' }, ...Object.entries(view.alliance).map(([k, v]) => metric(metricName(k), v, prev?.alliance[k as keyof typeof view.alliance]))),
    h(
      'div',
      { class: 'cx-proj-cols' },
      h('section', { attrs: { 'aria-label': x('exercise.injects.title') } }, h('h2', { text: x('exercise.injects.title') }), ...(injects.length ? injects.map((i) => h('div', { class: 'cx-inject' }, h('h3', { text: `#${i.serial} ${localized(i.title)}` }), h('p', { text: localized(i.text) }))) : [h('p', { class: 'cx-muted', text: x('exercise.injects.none') })])),
      h(
        'section',
        { attrs: { 'aria-label': x('exercise.metrics.influence') } },
        h('h2', { text: x('exercise.metrics.influence') }),
        h('table', { class: 'cx-table' }, h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' }, text: x('exercise.col.region') }), ...(['russia', 'china'] as const).map((c) => h('th', { class: 'cx-num', attrs: { scope: 'col' }, text: metricName(c) })))), h('tbody', {}, ...REGIONS.map((r) => h('tr', {}, h('th', { attrs: { scope: 'row' }, text: regionName(r) }), ...(['russia', 'china'] as const).map((c) => h('td', { class: 'cx-num', text: num(view.influence[c][r], 0) })))))),
      ),
    ),
  );
}

/** The projector window: listens on the channel and draws the observer's view it hears. */
export function startProjector(id: string): void {
  document.title = 'Cooperative Security — projector';
  const root = h('div', { class: 'cx-root cx-projector', attrs: { role: 'main', 'aria-label': x('exercise.projector') } });
  document.body.append(root);
  const game = document.getElementById('game');
  if (game) game.hidden = true;
  let last: Extract<ProjectorMessage, { type: 'view' }> | null = null;
  const draw = () => {
    const page = h('div', { class: 'cx-page', attrs: { 'data-testid': 'cx-projector-window' } });
    page.append(h('h1', { class: 'cx-proj-title', text: x('exercise.projector') }));
    if (!last) page.append(h('p', { class: 'cx-proj-big', text: x('exercise.projectorWaiting') }));
    else page.append(projectorBody(last.view, null, (r) => last?.names[r] ?? r));
    root.replaceChildren(page);
  };
  const channel = new BroadcastChannel(projectorChannel(id));
  channel.onmessage = (e: MessageEvent<ProjectorMessage>) => {
    const msg = e.data;
    if (msg?.type === 'view') {
      last = msg;
      if (msg.lang !== getLanguage()) setLanguage(msg.lang as Language);
      draw();
    }
  };
  onLanguageChange(draw);
  channel.postMessage({ type: 'hello' } satisfies ProjectorMessage);
  window.setInterval(() => {
    const timer = root.querySelector('[data-testid="cx-proj-timer"]');
    if (timer && last?.view.timer) {
      const left = timeLeft(last.view.timer, Date.now());
      if (left !== null) timer.textContent = clockText(left);
    }
  }, 500);
  draw();
}
