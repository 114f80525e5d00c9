/**
 * The facilitated exercise in the browser (docs/facilitator-guide.md): the set-up screen
 * opened from the title ("Run an exercise"), then the run — the seat at the laptop (the
 * White Cell's console or a role's screen), a projector window, and the after-action report
 * at the end. Loaded with a dynamic import, so the solo player's path never loads it.
 *
 * Plain DOM over the canvas (the canvas is made inert meanwhile), in the game's colours; a
 * language switch re-renders it.
 */
import './exercise.css';
import { getLanguage, localized, onLanguageChange, setLanguage, type Language } from '../../i18n';
import type { Scenario } from '../../core/scenario';
import type { Inject } from '../../core/scenario';
import { POLICY_NAMES, type PolicyName } from '../../core/policies';
import { defaultSetup } from '../../exercise/engine';
import { parseMsel } from '../../exercise/plan';
import { scenarioRoles } from '../../exercise/roles';
import { buildAar, aarCsv, aarJson } from '../../exercise/aar';
import { aarHtml } from '../../exercise/aarHtml';
import type { ExerciseRecord, ExerciseSetup, Move, Phase, RoleId, RoleSeat } from '../../exercise/types';
import type { RoleView } from '../../exercise/views';
import { download } from '../ui/dom';
import { LocalExerciseClient, type ActResult, type ExerciseClient } from './client';
import { allyScreen, commonPanels, metricsPanel, natoScreen, partnerScreen, redScreen, type ScreenContext } from './roleScreens';
import { consoleScreen } from './console';
import { projectorBody } from './projector';
import { btn, checkbox, clockText, errorBox, field, h, numberInput, okBox, panel, phaseName, roleLabel, select, table, timeLeft, x } from './widgets';

export interface ExerciseHost {
  /** Validated scenarios by id, in the catalogue's order. */
  scenarios(): Scenario[];
  /** Back to the title screen. */
  close(): void;
}

type Stage = { kind: 'setup' } | { kind: 'run'; client: ExerciseClient };

const TIMED_PHASES: Phase[] = ['briefing', 'signals', 'planning', 'adjudication', 'events', 'review'];

/** The running app (one at a time); the automation API reaches it through `currentApp()`. */
let current: ExerciseApp | null = null;
export const currentApp = () => current;

export class ExerciseApp {
  readonly root: HTMLElement;
  private stage: Stage = { kind: 'setup' };
  private seat: RoleId = 'white';
  private memo: Record<string, Record<string, unknown>> = {};
  private message: { tone: 'bad' | 'good'; text: string } | null = null;
  private unsubscribe: (() => void) | null = null;
  private tick: number | null = null;
  private offLang: () => void;
  private projectorWindow: Window | null = null;
  // Set-up form state, kept across re-renders.
  private form: { scenarioId: string; seed: number; held: Set<RoleId>; policy: PolicyName; consensus: 'vote' | 'abstract'; rounds: number; deadlock: 'statusQuo' | 'white'; msel: Inject[] | null; mselName: string; mselProblems: { path: string; message: string }[]; timers: Partial<Record<Phase, number>> };

  constructor(private readonly host: ExerciseHost) {
    current = this;
    const first = host.scenarios()[0];
    this.form = { scenarioId: first?.id ?? '', seed: Math.floor(Math.random() * 100000), held: new Set(), policy: 'equal', consensus: 'vote', rounds: 2, deadlock: 'white', msel: null, mselName: '', mselProblems: [], timers: {} };
    if (first) this.defaultSeats(first);
    this.root = h('div', { class: 'cx-root', attrs: { role: 'main', 'data-testid': 'exercise-root', 'aria-label': x('exercise.title') } });
    document.body.append(this.root);
    const game = document.getElementById('game');
    if (game) game.inert = true;
    this.offLang = onLanguageChange(() => {
      const client = this.client;
      if (client instanceof LocalExerciseClient) client.rebroadcast();
      this.render();
    });
    this.render();
    this.focusFirst();
  }

  get client(): ExerciseClient | null {
    return this.stage.kind === 'run' ? this.stage.client : null;
  }

  get currentSeat(): RoleId {
    return this.seat;
  }

  private defaultSeats(s: Scenario): void {
    // The room of the guide's example: NATO's staff, two capitals and the White Cell.
    this.form.held = new Set<RoleId>(['nato', ...s.allies.slice(0, 2).map((a) => `ally:${a.id}` as RoleId), 'white']);
  }

  private scenario(): Scenario | undefined {
    return this.host.scenarios().find((s) => s.id === this.form.scenarioId);
  }

  close(): void {
    this.stop();
    this.offLang();
    this.root.remove();
    const game = document.getElementById('game');
    if (game) game.inert = false;
    if (current === this) current = null;
    this.host.close();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.tick !== null) window.clearInterval(this.tick);
    this.tick = null;
    this.client?.close();
  }

  private focusFirst(): void {
    this.root.querySelector<HTMLElement>('[data-autofocus], h1')?.focus({ preventScroll: true });
  }

  /** Re-renders, keeping the focus on the same control where it still exists. */
  render(): void {
    const active = document.activeElement as HTMLElement | null;
    const testId = active && this.root.contains(active) ? active.getAttribute('data-testid') : null;
    const scrollTop = this.root.scrollTop;
    this.root.replaceChildren(this.stage.kind === 'setup' ? this.setupPage() : this.runPage(this.stage.client));
    this.root.setAttribute('aria-label', x('exercise.title'));
    this.root.scrollTop = scrollTop;
    if (testId) this.root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus({ preventScroll: true });
  }

  private langSwitch(): HTMLElement {
    const s = select<Language>([{ value: 'en', label: 'English' }, { value: 'fr', label: 'Français' }], getLanguage(), { testId: 'cx-lang' });
    s.addEventListener('change', () => setLanguage(s.value as Language));
    return field(x('exercise.language'), s);
  }

  // -------------------------------------------------------------------------------------
  // Set-up

  private setupPage(): HTMLElement {
    const scenarios = this.host.scenarios();
    const s = this.scenario();
    const f = this.form;
    const page = h('div', { class: 'cx-page', attrs: { 'data-testid': 'cx-setup' } });
    const title = h('h1', { text: x('exercise.setup.title'), attrs: { tabindex: -1 } });
    const start = btn(x('exercise.setup.start'), () => this.start(), { primary: true, testId: 'cx-start', disabled: !s });
    page.append(h('p', { class: 'cx-kicker', text: 'NATO · OTAN' }), title, h('div', { class: 'cx-bar' }, start, this.langSwitch(), btn(x('exercise.back'), () => this.close(), { testId: 'cx-back' })));
    if (!s) {
      page.append(errorBox(x('exercise.setup.noScenario')));
      return page;
    }
    const scenarioSel = select(scenarios.map((sc) => ({ value: sc.id, label: `${sc.era}. ${localized(sc.title)} (${sc.start}–${sc.end})` })), f.scenarioId, { testId: 'cx-scenario' });
    scenarioSel.addEventListener('change', () => {
      f.scenarioId = scenarioSel.value;
      f.msel = null;
      f.mselName = '';
      f.mselProblems = [];
      const next = this.scenario();
      if (next) this.defaultSeats(next);
      this.render();
    });
    const seed = numberInput(f.seed, { min: 0, max: 2 ** 31 - 1, step: 1, testId: 'cx-seed' });
    seed.addEventListener('change', () => (f.seed = Math.max(0, Math.floor(Number(seed.value) || 0))));
    const general = panel(
      x('exercise.setup.general'),
      {},
      h('div', { class: 'cx-row' }, field(x('exercise.setup.scenario'), scenarioSel)),
      h('div', { class: 'cx-row' }, field(x('exercise.setup.seed'), seed), h('span', { class: 'cx-muted', text: x('exercise.setup.seedHelp') })),
    );

    const rows = scenarioRoles(s)
      .filter((r) => r !== 'observer')
      .map((role) => {
        const c = checkbox(f.held.has(role), { testId: `cx-held-${role}`, label: x('exercise.setup.heldBy', { role: roleLabel(s, role) }) });
        c.addEventListener('change', () => {
          if (c.checked) f.held.add(role);
          else f.held.delete(role);
          this.render();
        });
        let bot: HTMLElement | string = f.held.has(role) ? x('exercise.setup.people') : x('exercise.setup.engineBot');
        if (role === 'nato' && !f.held.has('nato')) {
          const p = select(POLICY_NAMES.map((n) => ({ value: n, label: x(`exercise.botPolicy.${n}`) })), f.policy, { testId: 'cx-nato-policy', label: x('exercise.setup.natoPolicy') });
          p.addEventListener('change', () => (f.policy = p.value as PolicyName));
          bot = p;
        }
        return [roleLabel(s, role), c, bot];
      });
    const seats = panel(x('exercise.setup.roles'), { testId: 'cx-seats' }, h('p', { class: 'cx-muted', text: x('exercise.setup.rolesLead') }), table([x('exercise.setup.role'), x('exercise.setup.held'), x('exercise.setup.playedBy')], rows));

    const consensus = select([{ value: 'vote', label: x('exercise.setup.vote') }, { value: 'abstract', label: x('exercise.setup.abstract') }], f.consensus, { testId: 'cx-consensus' });
    consensus.addEventListener('change', () => (f.consensus = consensus.value as 'vote'));
    const rounds = numberInput(f.rounds, { min: 1, max: 5, step: 1, testId: 'cx-rounds' });
    rounds.addEventListener('change', () => (f.rounds = Math.min(5, Math.max(1, Math.floor(Number(rounds.value) || 1)))));
    const deadlock = select([{ value: 'white', label: x('exercise.setup.deadlockWhite') }, { value: 'statusQuo', label: x('exercise.setup.deadlockStatusQuo') }], f.deadlock, { testId: 'cx-deadlock-rule' });
    deadlock.addEventListener('change', () => (f.deadlock = deadlock.value as 'white'));
    const rules = panel(
      x('exercise.setup.rules'),
      {},
      h('div', { class: 'cx-row' }, field(x('exercise.setup.consensus'), consensus)),
      h('div', { class: 'cx-row' }, field(x('exercise.setup.rounds'), rounds)),
      h('div', { class: 'cx-row' }, field(x('exercise.setup.deadlock'), deadlock)),
    );

    const file = h('input', { attrs: { type: 'file', accept: '.json,application/json', 'data-testid': 'cx-msel-file' } });
    file.addEventListener('change', () => void this.readMsel(file));
    const msel = panel(
      x('exercise.setup.msel'),
      { testId: 'cx-msel-setup' },
      h('p', { text: f.msel ? x('exercise.setup.mselOwn', { name: f.mselName, n: f.msel.length }) : x('exercise.setup.mselDefault', { n: s.injects.length }) }),
      h('div', { class: 'cx-row' }, field(x('exercise.setup.mselFile'), file), f.msel ? btn(x('exercise.setup.mselReset'), () => { f.msel = null; f.mselName = ''; this.render(); }, { testId: 'cx-msel-reset' }) : null),
      f.mselProblems.length ? h('div', { class: 'cx-error', attrs: { role: 'alert', 'data-testid': 'cx-msel-problems' } }, h('p', { text: x('exercise.setup.mselBad', { name: f.mselName }) }), h('ul', { class: 'cx-list' }, ...f.mselProblems.slice(0, 12).map((p) => h('li', {}, h('code', { text: p.path }), ` ${p.message}`)))) : null,
    );

    const timers = panel(
      x('exercise.setup.timers'),
      {},
      h('p', { class: 'cx-muted', text: x('exercise.setup.timersLead') }),
      h('div', { class: 'cx-row' }, ...TIMED_PHASES.map((p) => {
        const input = numberInput((f.timers[p] ?? 0) / 60, { min: 0, max: 240, step: 1, testId: `cx-timer-${p}` });
        input.addEventListener('change', () => {
          const minutes = Math.max(0, Math.min(240, Number(input.value) || 0));
          if (minutes) f.timers[p] = Math.round(minutes * 60);
          else delete f.timers[p];
        });
        return field(phaseName(p), input);
      })),
    );
    page.append(h('div', { class: 'cx-grid' }, general, seats, h('div', { class: 'cx-field' }, rules, msel, timers)));
    return page;
  }

  private async readMsel(input: HTMLInputElement): Promise<void> {
    const s = this.scenario();
    const file = input.files?.[0];
    if (!s || !file) return;
    const f = this.form;
    f.mselName = file.name;
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (e) {
      f.msel = null;
      f.mselProblems = [{ path: '$', message: x('exercise.setup.mselNotJson', { why: (e as Error).message }) }];
      this.render();
      return;
    }
    const checked = parseMsel(s, data);
    if (checked.ok) {
      f.msel = checked.value;
      f.mselProblems = [];
    } else {
      f.msel = null;
      f.mselProblems = checked.problems.map((p) => ({ path: p.path, message: getLanguage() === 'fr' && p.fr ? p.fr : p.message }));
    }
    this.render();
  }

  /** The set-up as the engine takes it. */
  setupFromForm(): ExerciseSetup | null {
    const s = this.scenario();
    if (!s) return null;
    const f = this.form;
    const seats: Partial<Record<RoleId, RoleSeat>> = {};
    for (const role of scenarioRoles(s)) {
      if (role === 'observer') continue;
      seats[role] = f.held.has(role) ? { held: true } : { held: false, ...(role === 'nato' ? { policy: f.policy } : {}) };
    }
    return defaultSetup(s, {
      seed: f.seed,
      seats,
      consensus: f.consensus,
      rounds: f.rounds,
      deadlock: f.held.has('white') ? f.deadlock : 'statusQuo',
      ...(f.msel ? { msel: f.msel } : {}),
      ...(Object.keys(f.timers).length ? { timers: { ...f.timers } } : {}),
      lang: getLanguage(),
    });
  }

  private start(): void {
    const setup = this.setupFromForm();
    const s = this.scenario();
    if (!setup || !s) return;
    const client = new LocalExerciseClient(s, setup);
    client.lang = () => getLanguage();
    this.run(client);
  }

  /** Runs an exercise on a client (local, or the classroom's when it lands). */
  run(client: ExerciseClient, seat?: RoleId): void {
    this.stop();
    this.stage = { kind: 'run', client };
    this.seat = seat ?? (client.setup.seats.white?.held ? 'white' : client.roles().find((r) => client.setup.seats[r]?.held) ?? 'observer');
    this.message = null;
    this.memo = {};
    this.unsubscribe = subscribeAll(client, () => this.render());
    this.tick = window.setInterval(() => this.onTick(), 500);
    this.render();
    this.focusFirst();
  }

  /** Local mode: the browser's clock speaks for the White Cell when a phase timer runs out. */
  private onTick(): void {
    const client = this.client;
    if (!client) return;
    const view = client.view('observer');
    const clock = this.root.querySelector('[data-testid="cx-timer"]');
    if (view.timer) {
      const left = timeLeft(view.timer, Date.now());
      if (clock && left !== null) clock.textContent = clockText(left);
      if (left !== null && left <= 0 && !view.paused && !view.finished && client.mode === 'local') void client.act({ role: 'white', type: 'timer.expire' });
    }
  }

  setSeat(role: RoleId): void {
    this.seat = role;
    this.message = null;
    this.render();
    // Another role's screen starts at its top.
    this.root.scrollTop = 0;
  }

  /** Sends a move as the seat's role; a refusal is shown. */
  send(move: Move): ReturnType<ExerciseClient['act']> {
    const client = this.client;
    if (!client) return { ok: false, code: 'finished', reason: 'no exercise' };
    const result = client.act(move);
    const shown = (r: ActResult) => {
      this.message = r.ok ? null : { tone: 'bad', text: x('exercise.refused', { reason: r.reason }) };
      if (!r.ok) this.render();
      return r;
    };
    return result instanceof Promise ? result.then(shown) : shown(result);
  }

  private ctx(client: ExerciseClient, role: RoleId, readonly: boolean): ScreenContext {
    const memo = (this.memo[role] ??= {});
    return { client, scenario: client.scenario, readonly, send: (m) => this.send(m), memo, rerender: () => this.render() };
  }

  private roleBody(client: ExerciseClient, role: RoleId, readonly: boolean): HTMLElement[] {
    const view = client.view(role);
    const ctx = this.ctx(client, role, readonly || !view.held.includes(role));
    const kind = view.own.kind;
    const own =
      kind === 'nato' ? natoScreen(ctx, view)
      : kind === 'ally' ? allyScreen(ctx, view)
      : kind === 'partner' ? partnerScreen(ctx, view)
      : kind === 'red' ? redScreen(ctx, view)
      : kind === 'white' ? consoleScreen(ctx, view, (r) => this.roleBody(client, r, true))
      : [];
    if (kind === 'observer') return [projectorBody(view, client.scenario)];
    // The metrics sit in the console already.
    return [...own, ...commonPanels(ctx, view), ...(kind === 'white' ? [] : [metricsPanel(view)])];
  }

  // -------------------------------------------------------------------------------------
  // Run

  private runPage(client: ExerciseClient): HTMLElement {
    const s = client.scenario;
    const view = client.view(this.seat);
    const page = h('div', { class: this.seat === 'observer' ? 'cx-page cx-projector' : 'cx-page', attrs: { 'data-testid': `cx-screen-${this.seat}` } });
    const seatSel = select(client.roles().map((r) => ({ value: r, label: `${roleLabel(s, r)}${client.setup.seats[r]?.held ? '' : ` (${x('exercise.setup.engineBot')})`}` })), this.seat, { testId: 'cx-seat' });
    seatSel.addEventListener('change', () => this.setSeat(seatSel.value as RoleId));
    const left = view.timer ? timeLeft(view.timer, Date.now()) : null;
    page.append(
      h('p', { class: 'cx-kicker', text: `${localized(s.title)} · ${x('exercise.seedShown', { seed: client.setup.seed })}` }),
      h('h1', { text: roleLabel(s, this.seat), attrs: { tabindex: -1 } }),
      h(
        'div',
        { class: 'cx-bar', attrs: { 'data-testid': 'cx-status' } },
        h('span', { class: 'cx-badge', attrs: { 'data-testid': 'cx-year' }, text: x('exercise.yearPhase', { year: view.year, phase: phaseName(view.phase) }) }),
        view.branch ? h('span', { class: 'cx-badge', text: x('exercise.timeline.branch', { n: view.branch }) }) : null,
        view.paused ? h('span', { class: 'cx-badge cx-badge-warn', text: x('exercise.paused') }) : null,
        view.finished ? h('span', { class: 'cx-badge', text: x('exercise.finished') }) : null,
        h('span', { attrs: { 'data-testid': 'cx-waiting' }, text: view.waitingFor.length ? x('exercise.waitingFor', { list: view.waitingFor.map((r) => roleLabel(s, r)).join(', ') }) : x('exercise.waitingNobody') }),
        view.timer ? h('span', {}, `${x('exercise.timer')} `, h('span', { class: 'cx-badge', attrs: { 'data-testid': 'cx-timer', role: 'timer' }, text: left === null ? clockText(view.timer.seconds + view.timer.extra) : clockText(left) })) : null,
      ),
      h(
        'div',
        { class: 'cx-bar' },
        field(x('exercise.seat'), seatSel),
        client.mode === 'local' ? btn(x('exercise.openProjector'), () => this.openProjector(), { testId: 'cx-open-projector' }) : null,
        btn(x('exercise.downloadRecord'), () => download(`exercise-${s.id}-${client.setup.seed}.json`, JSON.stringify(client.record(), null, 1)), { testId: 'cx-download-record' }),
        this.langSwitch(),
        btn(x('exercise.end'), () => this.close(), { testId: 'cx-close' }),
      ),
    );
    if (this.message) page.append(this.message.tone === 'bad' ? errorBox(this.message.text, 'cx-refusal') : okBox(this.message.text));
    if (view.finished && this.seat === 'white') page.append(this.aarPanel(client));
    if (!view.held.includes(this.seat) && this.seat !== 'observer') page.append(h('p', { class: 'cx-muted', text: x('exercise.engineSeat') }));
    page.append(h('div', { class: this.seat === 'observer' ? '' : 'cx-grid' }, ...this.roleBody(client, this.seat, false)));
    return page;
  }

  private aarPanel(client: ExerciseClient): HTMLElement {
    const record = client.record();
    const lang = getLanguage();
    return panel(
      x('exercise.aar.title'),
      { testId: 'cx-aar' },
      h('p', { text: x('exercise.aar.lead') }),
      h(
        'div',
        { class: 'cx-row' },
        btn(x('exercise.aar.open'), () => openAar(client.scenario, record, lang), { primary: true, testId: 'cx-aar-open' }),
        btn(x('exercise.aar.json'), () => download('aar.json', aarJson(buildAar(client.scenario, record, { lang }))), { testId: 'cx-aar-json' }),
        btn(x('exercise.aar.csv'), () => download('aar.csv', aarCsv(buildAar(client.scenario, record, { lang })), 'text/csv'), { testId: 'cx-aar-csv' }),
        btn(x('exercise.aar.html'), () => download('aar.html', aarHtml(buildAar(client.scenario, record, { lang }), lang), 'text/html'), { testId: 'cx-aar-html' }),
      ),
    );
  }

  private openProjector(): void {
    const client = this.client;
    if (!(client instanceof LocalExerciseClient)) return;
    const url = new URL(window.location.href);
    url.search = `?projector=${encodeURIComponent(client.projectorId)}`;
    url.hash = '';
    this.projectorWindow = window.open(url.toString(), `coopsec-projector-${client.projectorId}`);
    this.message = this.projectorWindow ? { tone: 'good', text: x('exercise.projectorOpened') } : { tone: 'bad', text: x('exercise.projectorBlocked', { url: url.toString() }) };
    this.render();
  }
}

/** Re-renders on any change: the White Cell's view changes with every move. */
function subscribeAll(client: ExerciseClient, onChange: () => void): () => void {
  let first = true;
  const off = client.subscribe('white', () => {
    if (first) {
      first = false;
      return;
    }
    onChange();
  });
  return off;
}

function openAar(scenario: Scenario, record: ExerciseRecord, lang: Language): void {
  const html = aarHtml(buildAar(scenario, record, { lang }), lang);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank');
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens the exercise set-up over the title screen. */
export function openExercise(host: ExerciseHost): ExerciseApp {
  current?.close();
  return new ExerciseApp(host);
}

export type { RoleView };
