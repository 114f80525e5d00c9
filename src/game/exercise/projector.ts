/**
 * The projector view: what the room sees on the wall, legible from the back of the room
 * at 1920×1080 and 1280×720 — the year and phase, the timer, whose move the room waits
 * for, the alliance's metrics and the competitors' influence, and the published injects
 * addressed to everyone. It renders the observer's view only, so it can hold no secret:
 * in local mode a second window (`?projector=<id>`) hears that view, and nothing else,
 * over a BroadcastChannel; in a classroom the projector's laptop opens `?watch=<code>` and
 * joins the server as an observer, which is sent the observer's view and nothing else.
 */
import './exercise.css';
import { localized, getLanguage, onLanguageChange, setLanguage, type Language } from '../../i18n';
import type { Scenario } from '../../core/scenario';
import { REGIONS } from '../../core/constants';
import type { RoleView } from '../../exercise/views';
import type { RoleId } from '../../exercise/types';
import { projectorChannel, type ProjectorMessage } from './client';
import { projectorMap } from './projectorMap';
import { finalPanel } from './finalResult';
import { allianceYearBefore, cardHeading, clockText, h, metricName, num, phaseName, regionName, roleLabel, serverRefusalText, signed, timeLeft, x, type HistoryBounds } from './widgets';
import { leaveKind, RETRY_MS } from '../../net/protocol';

/** A change with its arrow; one that rounds to nothing has none ("0.0", not "▲ 0.0"). */
function arrowed(change: number): string {
  const shown = Number(change.toFixed(1));
  return shown === 0 ? signed(0, 1) : `${shown > 0 ? '▲' : '▼'} ${signed(change, 1)}`;
}

/** Role names for the projector: from the scenario where the page has it, else from the message. */
type Names = (role: RoleId) => string;

/**
 * The wall's picture of a view. `history` says where the era stops being history, for the
 * injects' labels (a card of a counterfactual year): the scenario's by default; the local
 * window, which is sent no scenario, gives what it found of it (null: only an inject's own
 * words can say it is hypothetical).
 */
export function projectorBody(view: RoleView, scenario: Scenario | null, names?: Names, history: HistoryBounds | null = scenario): HTMLElement {
  const name: Names = names ?? ((r) => (scenario ? roleLabel(scenario, r) : r));
  const left = view.timer ? timeLeft(view.timer, Date.now()) : null;
  const prev = allianceYearBefore(view, scenario);
  const metric = (label: string, value: number, before?: number) =>
    h('div', { class: 'cx-proj-metric' }, h('div', { text: label }), h('div', { class: 'cx-proj-value', text: num(value, 0) }), before === undefined ? null : h('div', { class: 'cx-muted', text: arrowed(value - before) }));
  // The latest two: the newest with its first lines, the one before it as a reminder (the teams' screens have them whole).
  const injects = [...view.injects].reverse().slice(0, 2);
  const metrics = [h('h2', { text: x('exercise.metrics.title') }), h('div', { class: 'cx-proj-metrics' }, ...Object.entries(view.alliance).map(([k, v]) => metric(metricName(k), v, prev?.[k as keyof typeof view.alliance])))];
  return h(
    'div',
    { class: 'cx-proj-body', attrs: { 'data-testid': 'cx-projector' } },
    // One line for where the room is: the year, the phase, the clock and whose move it waits for.
    h(
      'div',
      { class: 'cx-proj-head' },
      // The year alone, as the solo board's top bar shows it: each card on the wall says whether it is history.
      h('span', { class: 'cx-proj-big', attrs: { 'data-testid': 'cx-proj-year' }, text: String(view.year) }),
      h('span', { class: 'cx-proj-big', text: phaseName(view.phase) }),
      view.timer ? h('span', { class: 'cx-proj-big', attrs: { role: 'timer', 'aria-label': x('exercise.timer'), 'data-testid': 'cx-proj-timer' }, text: clockText(left ?? view.timer.seconds + view.timer.extra) }) : null,
      view.paused ? h('span', { class: 'cx-proj-big cx-badge-warn', text: x('exercise.paused') }) : null,
      view.finished ? h('span', { class: 'cx-proj-big', text: x('exercise.finished') }) : h('span', { class: 'cx-proj-waiting', attrs: { 'data-testid': 'cx-proj-waiting' }, text: view.waitingFor.length ? x('exercise.waitingFor', { list: view.waitingFor.map(name).join(', ') }) : x('exercise.waitingNobody') }),
    ),
    // At the end the room reads the era's result; the map and the news give way to it.
    ...(view.final
      ? [finalPanel(view.final, { projector: true }), ...metrics]
      : [
          ...metrics,
          h(
            'div',
            { class: 'cx-proj-cols' },
            projectorMap(view, scenario),
            h(
              'div',
              { class: 'cx-proj-side' },
              h(
                'section',
                { attrs: { 'aria-label': x('exercise.metrics.influence') } },
                h('h2', { text: x('exercise.metrics.influence') }),
                h('table', { class: 'cx-table' }, h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' }, text: x('exercise.col.region') }), ...(['russia', 'china'] as const).map((c) => h('th', { class: 'cx-num', attrs: { scope: 'col' }, text: metricName(c) })))), h('tbody', {}, ...REGIONS.map((r) => h('tr', {}, h('th', { attrs: { scope: 'row' }, text: regionName(r) }), ...(['russia', 'china'] as const).map((c) => h('td', { class: 'cx-num', text: num(view.influence[c][r], 0) })))))),
              ),
              h('section', { class: 'cx-proj-injects', attrs: { 'aria-label': x('exercise.injects.title') } }, h('h2', { text: x('exercise.injects.title') }), ...(injects.length ? injects.map((i) => h('div', { class: 'cx-inject' }, cardHeading(history, i, i.published?.year ?? i.year ?? view.year, `#${i.serial} ${localized(i.title)}`), h('p', { text: localized(i.text) }))) : [h('p', { class: 'cx-muted', text: x('exercise.injects.none') })])),
            ),
          ),
        ]),
  );
}

/** The window's heading: what it is, and which era the room plays (a campaign moves from one to the next). */
function projectorTitle(era: string | null): HTMLElement {
  return h('h1', { class: 'cx-proj-title', text: era ? `${x('exercise.projector')} · ${era}` : x('exercise.projector') });
}

/** The projector's page: the title, then the view or a line saying what it waits for. */
function projectorPage(root: HTMLElement) {
  document.title = 'Cooperative Security — projector';
  document.body.append(root);
  const game = document.getElementById('game');
  if (game) game.hidden = true;
}

/**
 * The classroom's projector (`?watch=<code>`): joins the server as an observer with the join
 * code (and the passphrase, where the facilitator set one), and draws each view it is sent.
 * The Colyseus client reconnects by itself after a short drop; when the link is lost for
 * longer (the server stopped and started again), the projector says so and tries again every
 * five seconds by itself, as nobody sits at it. A closed exercise is said, and left.
 */
export function startClassroomProjector(code: string): void {
  const root = h('div', { class: 'cx-root cx-projector', attrs: { role: 'main', 'aria-label': x('exercise.projector') } });
  projectorPage(root);
  let view: RoleView | null = null;
  let scenario: Scenario | null = null;
  let problem: string | null = null;
  let askPassphrase = false;
  let closed = false;
  let retrying: number | null = null;
  const draw = () => {
    const page = h('div', { class: 'cx-page', attrs: { 'data-testid': 'cx-projector-window' } });
    page.append(projectorTitle(scenario ? localized(scenario.title) : null));
    if (problem) page.append(h('p', { class: 'cx-error', attrs: { role: 'alert', 'data-testid': 'cx-watch-error' }, text: problem }));
    if (closed) {
      page.append(h('p', { class: 'cx-proj-big', attrs: { role: 'status', 'data-testid': 'cx-watch-closed' }, text: x('exercise.classroom.closed') }));
      return root.replaceChildren(page);
    }
    if (askPassphrase) {
      const pass = h('input', { attrs: { type: 'password', 'data-testid': 'cx-watch-passphrase', maxlength: '100' } }) as HTMLInputElement;
      const form = h('form', { class: 'cx-row' }, h('label', { class: 'cx-field' }, h('span', { text: x('exercise.classroom.passphrase') }), pass), h('button', { class: 'cx-btn cx-btn-primary', attrs: { type: 'submit' }, text: x('exercise.classroom.lookup') }));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        void connect(pass.value);
      });
      page.append(form);
    } else if (!view) page.append(h('p', { class: 'cx-proj-big', text: x('exercise.projectorWaiting') }));
    else page.append(projectorBody(view, scenario));
    root.replaceChildren(page);
  };
  /** Tries the server again in a few seconds (once at a time). */
  const retry = (passphrase?: string) => {
    if (retrying !== null || closed) return;
    retrying = window.setTimeout(() => {
      retrying = null;
      void connect(passphrase);
    }, RETRY_MS);
  };
  const connect = async (passphrase?: string) => {
    const [{ classroomApi, fetchPublicScenario }, { loadScenarioFiles }, { validateScenario }] = await Promise.all([import('./classroom'), import('../scenarioFiles'), import('../../core/scenario')]);
    const api = classroomApi();
    try {
      const found = await api.lookup({ code, ...(passphrase ? { passphrase } : {}) });
      if (found.passphrase && !passphrase) {
        askPassphrase = true;
        problem = null;
        return draw();
      }
      const seat = await api.connect(found.exerciseId, { code, ...(passphrase ? { passphrase } : {}) });
      askPassphrase = false;
      problem = null;
      // Role names from the public scenario file this page was served with.
      const files = await loadScenarioFiles().done;
      const checked = validateScenario(files[found.scenarioId]);
      // A facilitator's own era is not in the build: the server gives its public part.
      scenario = checked.ok ? checked.scenario : ((await fetchPublicScenario(found.scenarioId)) ?? null);
      view = seat.view;
      seat.onLeave((left) => {
        if (leaveKind(left) === 'closed') {
          closed = true;
          problem = null;
        } else {
          problem = x('exercise.classroom.projectorLost');
          retry(passphrase);
        }
        draw();
      });
      seat.onView((v) => {
        view = v;
        if (v.lang !== getLanguage()) setLanguage(v.lang as Language);
        draw();
      });
      if (view && view.lang !== getLanguage()) setLanguage(view.lang as Language);
      draw();
    } catch (e) {
      const code = (e as { code?: string }).code;
      // A closed exercise is said by itself, in place of the picture.
      if (code === 'exercise-closed') closed = true;
      // A server that does not answer yet (being restarted) is tried again, and the wall says so; a refusal is not.
      const again = code === 'unreachable' && !!view;
      problem = closed ? null : again ? x('exercise.classroom.projectorLost') : x('exercise.classroom.watchFailed', { reason: serverRefusalText(e) });
      if (again) retry(passphrase);
      draw();
    }
  };
  onLanguageChange(draw);
  tickTimer(root, () => view);
  draw();
  void connect();
}

/** The projector's clock, counted down between views. */
function tickTimer(root: HTMLElement, view: () => RoleView | null | undefined): void {
  window.setInterval(() => {
    const timer = root.querySelector('[data-testid="cx-proj-timer"]');
    const v = view();
    if (timer && v?.timer) {
      const left = timeLeft(v.timer, Date.now());
      if (left !== null) timer.textContent = clockText(left);
    }
  }, 500);
}

const historyKey = (msg: { scenarioId: string; title: string }) => `${msg.scenarioId}\n${msg.title}`;

/**
 * Where a built-in era stops being history, for the local projector window: the console
 * sends it the observer's view and the era's id and title, not the scenario, and the
 * counterfactual years are the scenario's. Read from the era files the page is served with
 * (as the classroom's projector reads its role names), and only when the title the console
 * sent is that file's: a facilitator's own era with a built-in's id is not taken for it
 * (its injects' own words still label them).
 */
async function builtInBounds(msg: { scenarioId: string; title: string; lang: 'en' | 'fr' }): Promise<HistoryBounds | null> {
  try {
    const { loadScenarioFiles } = await import('../scenarioFiles');
    const data = (await loadScenarioFiles().done)[msg.scenarioId] as { id?: unknown; title?: Record<string, unknown>; counterfactualFrom?: unknown; end?: unknown } | undefined;
    if (!data || typeof data !== 'object' || data.id !== msg.scenarioId || data.title?.[msg.lang] !== msg.title || typeof data.end !== 'number') return null;
    return { end: data.end, ...(typeof data.counterfactualFrom === 'number' ? { counterfactualFrom: data.counterfactualFrom } : {}) };
  } catch {
    return null;
  }
}

/** The projector window: listens on the channel and draws the observer's view it hears. */
export function startProjector(id: string): void {
  const root = h('div', { class: 'cx-root cx-projector', attrs: { role: 'main', 'aria-label': x('exercise.projector') } });
  projectorPage(root);
  let last: Extract<ProjectorMessage, { type: 'view' }> | null = null;
  // The facilitator closed the exercise: said in place of its last picture (a new exercise on the channel shows again).
  let closed = false;
  // Where the era in play stops being history, once looked up (by era id and title: a campaign moves on).
  let history: { key: string; bounds: HistoryBounds | null } | null = null;
  const draw = () => {
    const page = h('div', { class: 'cx-page', attrs: { 'data-testid': 'cx-projector-window' } });
    page.append(projectorTitle(last?.title ?? null));
    if (closed) page.append(h('p', { class: 'cx-proj-big', attrs: { role: 'status', 'data-testid': 'cx-projector-closed' }, text: x('exercise.projectorClosed') }));
    else if (!last) page.append(h('p', { class: 'cx-proj-big', text: x('exercise.projectorWaiting') }));
    else page.append(projectorBody(last.view, null, (r) => last?.names[r] ?? r, history?.key === historyKey(last) ? history.bounds : null));
    root.replaceChildren(page);
  };
  const lookUp = (msg: Extract<ProjectorMessage, { type: 'view' }>) => {
    const key = historyKey(msg);
    if (history?.key === key) return;
    history = { key, bounds: null };
    void builtInBounds(msg).then((bounds) => {
      if (history?.key !== key || !bounds) return;
      history.bounds = bounds;
      draw();
    });
  };
  const channel = new BroadcastChannel(projectorChannel(id));
  channel.onmessage = (e: MessageEvent<ProjectorMessage>) => {
    const msg = e.data;
    if (msg?.type === 'closed') {
      closed = true;
      draw();
    }
    if (msg?.type === 'view') {
      last = msg;
      closed = false;
      lookUp(msg);
      if (msg.lang !== getLanguage()) setLanguage(msg.lang as Language);
      draw();
    }
  };
  onLanguageChange(draw);
  channel.postMessage({ type: 'hello' } satisfies ProjectorMessage);
  tickTimer(root, () => last?.view);
  draw();
}
