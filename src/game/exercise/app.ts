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
import { dateText, getLanguage, localized, onLanguageChange, setLanguage, type Language } from '../../i18n';
import { titleWithYears, type Inject, type Scenario } from '../../core/scenario';
import { POLICY_NAMES, type PolicyName } from '../../core/policies';
import { defaultSetup, replayExercise, type ExerciseState } from '../../exercise/engine';
import { parseMsel } from '../../exercise/plan';
import { roleKind, scenarioRoles } from '../../exercise/roles';
import { buildAar, aarCsv, aarJson } from '../../exercise/aar';
import { aarHtml } from '../../exercise/aarHtml';
import { compare, compareHtml } from '../../exercise/compare';
import { parseRecord, rulesChanged } from '../../exercise/moves';
import type { ExerciseRecord, ExerciseSetup, Move, Phase, RoleId, RoleSeat } from '../../exercise/types';
import { fieldNumber, firstRefused, numberInput } from '../ui/decimal';
import type { RoleView } from '../../exercise/views';
import { download } from '../ui/dom';
import { LocalExerciseClient, type ActResult, type ClassroomControls, type ExerciseClient } from './client';
import { classroomAvailable, forgetSession, isLoopback, savedSessions, type ClassroomSession } from './sessions';
import { forgetLocalExercise, keepLocalExercise, LOCAL_SAVE_KEY, readLocalExercise, type CampaignPlace, type LocalSave } from './localSave';
import { behindCurtain, pinHash, pinProblem, type Curtain, type PinProblem } from './curtain';
import { curtainPage } from './seatCurtain';
import { RETRY_MS } from '../../net/protocol';
import type { Lookup } from '../../net/client';
import { allyScreen, commonPanels, holdMoves, metricsPanel, natoScreen, partnerScreen, redScreen, type ScreenContext } from './roleScreens';
import { consoleScreen } from './console';
import { projectorBody } from './projector';
import { finalPanel } from './finalResult';
import { btn, checkbox, clockText, errorBox, field, filePicker, fitScrollBoxes, h, okBox, panel, phaseName, refusalText, roleLabel, select, serverRefusalText, table, textInput, timeLeft, x } from './widgets';

export interface ExerciseHost {
  /** Validated scenarios by id, in the catalogue's order (the player's own eras after the shipped ones). */
  scenarios(): Scenario[];
  /** A player's own era (opened from a file), which a classroom server has to be given. */
  isCustom?(id: string): boolean;
  /** Back to the title screen. */
  close(): void;
  /** The campaign's eras in order (shipped eras only). */
  campaign?(): string[];
}

/** A campaign under way: the eras in order, the one being played, and the scores of those done. */
type CampaignRun = CampaignPlace;

const CAMPAIGN = 'campaign';

/** A participant's way in: the join code, then the exercise it opens and its seats. */
interface JoinStage {
  kind: 'join';
  code: string;
  holder: string;
  passphrase: string;
  lookup: (Lookup & { code: string }) | null;
  busy: boolean;
  /** What went wrong, as the page says it (a refusal of the server's, or the page's own check). */
  error: string | null;
  /** The server asked for the exercise's passphrase (a wrong one was given). */
  askPassphrase: boolean;
  /** Why this laptop was brought here (its seat released), said until something else goes wrong. */
  why?: string;
}

type Stage = { kind: 'setup' } | JoinStage | { kind: 'run'; client: ExerciseClient };

const TIMED_PHASES: Phase[] = ['briefing', 'signals', 'planning', 'adjudication', 'events', 'review'];

/**
 * A download's file name: the kind, the exercise's era and seed, its join code on the
 * classroom server, and the laptop's date and time of the download
 * ("aar-era2-stability-4242-K7P2QX-2026-12-06-1541.html"). A plenary's syndicates play the
 * same era and seed, so the code and the time keep their files — and a record taken mid-way
 * beside the final one — from overwriting each other in one downloads folder.
 */
function fileName(setup: Pick<ExerciseSetup, 'scenarioId' | 'seed'>, file: 'exercise.json' | 'aar.json' | 'aar.csv' | 'aar.html', code?: string, now = new Date()): string {
  const [kind, ext] = file.split('.');
  const two = (n: number) => String(n).padStart(2, '0');
  const when = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  return `${kind}-${setup.scenarioId}-${setup.seed}${code ? `-${code}` : ''}-${when}.${ext}`;
}

/** The page's controls a keyboard reaches, in the page's order. */
function controlsOf(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex="0"]')];
}

/** The running app (one at a time); the automation API reaches it through `currentApp()`. */
let current: ExerciseApp | null = null;
export const currentApp = () => current;

export class ExerciseApp {
  readonly root: HTMLElement;
  private stage: Stage = { kind: 'setup' };
  private seat: RoleId = 'white';
  /** An exercise on this laptop passed round behind a curtain: the seats' PINs (./seatCurtain.ts); null without one. */
  private curtain: Curtain | null = null;
  /** The seat whose curtain is up (nothing of any seat shown until its PIN is given), and what was wrong with the last PIN tried. */
  private curtainFor: RoleId | null = null;
  private curtainProblem: PinProblem | null = null;
  private memo: Record<string, Record<string, unknown>> = {};
  /** What the page says under its bar: a text, or one written in the page's language each time it is drawn (a language switch rewrites it). */
  private message: { tone: 'bad' | 'good'; text: string | (() => string) } | null = null;
  /** The White Cell has asked to close the exercise on the server and is asked to confirm. */
  private closing = false;
  /** Closing an exercise on this laptop (gone from it once closed) was asked, and waits for its confirmation. */
  private ending = false;
  /** This browser would not keep the local exercise (storage off or full): the console says so, once per exercise. */
  private notKept = false;
  /** Another tab of this browser wrote the kept exercise while this one ran it: the two would overwrite each other. */
  private otherTab = false;
  /** Discarding the exercise this laptop kept was asked, and waits for its confirmation. */
  private discarding = false;
  /** The kept exercise last checked for a take-up, and why it cannot be taken up (`keptRefusal`). */
  private keptChecked: { key: string; refusal: (() => string) | null } | null = null;
  /** Starting (or taking up) another exercise would replace the one this laptop keeps: what waits for the confirmation. */
  private replacing: (() => void) | null = null;
  /** The replacement was confirmed: the step it waited for runs without asking again. */
  private replaceConfirmed = false;
  /** Whether the seat board shows the console's own link (it carries the facilitator's token). */
  private showConsoleLink = false;
  /** When this laptop last tried to take its lost seat back by itself, and whether it is trying now. */
  private rejoinTried = 0;
  private rejoining = false;
  /** The page of a closed exercise has been shown (its heading took the focus once). */
  private closedShown = false;
  private unsubscribe: (() => void) | null = null;
  private tick: number | null = null;
  private offLang: () => void;
  private projectorWindow: Window | null = null;
  // Set-up form state, kept across re-renders.
  /** Classroom mode: whether a classroom server answers at this page's address (null: still asking). */
  private server: boolean | null = null;
  /** Facilitators' own scenarios this page has fetched from the classroom server. */
  private remote = new Map<string, Scenario>();
  /** The plenary's comparison, once made: its report and how many exercises it holds. */
  private plenary: { html: string; n: number } | null = null;
  private plenaryProblem: string | null = null;
  private plenaryPicked = new Set<string>();
  private where: 'local' | 'classroom' = 'local';
  private busy = false;
  private campaign: CampaignRun | null = null;
  /** The campaign era and record length its score was last worked out at. */
  private campaignScored = '';
  private form: { campaign: boolean; scenarioId: string; seed: number; held: Set<RoleId>; policy: PolicyName; consensus: 'vote' | 'abstract'; rounds: number; deadlock: 'statusQuo' | 'white'; msel: Inject[] | null; mselName: string; mselProblems: { path: string; message: string }[]; timers: Partial<Record<Phase, number>>; passphrase: string; severalSeats: boolean; curtain: boolean };

  constructor(private readonly host: ExerciseHost) {
    current = this;
    const first = host.scenarios()[0];
    this.form = { campaign: false, scenarioId: first?.id ?? '', seed: Math.floor(Math.random() * 100000), held: new Set(), policy: 'equal', consensus: 'vote', rounds: 2, deadlock: 'white', msel: null, mselName: '', mselProblems: [], timers: {}, passphrase: '', severalSeats: false, curtain: false };
    if (first) this.defaultSeats(first);
    this.root = h('div', { class: 'cx-root', attrs: { role: 'main', 'data-testid': 'exercise-root', 'aria-label': x('exercise.title') } });
    document.body.append(this.root);
    const game = document.getElementById('game');
    if (game) game.inert = true;
    window.addEventListener('resize', this.onResize);
    this.offLang = onLanguageChange(() => {
      const client = this.client;
      if (client instanceof LocalExerciseClient) client.rebroadcast();
      this.render();
    });
    this.render();
    this.focusFirst();
    void classroomAvailable().then((ok) => {
      this.server = ok;
      if (ok) this.where = 'classroom';
      if (this.stage.kind === 'setup') this.render();
    });
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

  /** A scenario by id: this build's, or one a classroom server was given (its public part, fetched once). */
  private known(id: string): Scenario | undefined {
    return this.host.scenarios().find((sc) => sc.id === id) ?? this.remote.get(id);
  }

  private async ensureScenario(id: string): Promise<Scenario | undefined> {
    const here = this.known(id);
    if (here) return here;
    const { fetchPublicScenario } = await classroom();
    const fetched = await fetchPublicScenario(id);
    if (fetched) this.remote.set(id, fetched);
    return fetched;
  }

  /** A resized window may make a table fit, or scroll (`fitScrollBoxes`). */
  private onResize = (): void => fitScrollBoxes(this.root);

  close(): void {
    // An exercise on this laptop closed by the facilitator (asked first once a move was made) is not offered back.
    if (this.client instanceof LocalExerciseClient) forgetLocalExercise();
    this.stop();
    this.offLang();
    window.removeEventListener('resize', this.onResize);
    this.root.remove();
    const game = document.getElementById('game');
    if (game) game.inert = false;
    if (current === this) current = null;
    // Leaving the exercise: a reload shows the title, not the join page or the console again.
    if (/[?&](join|console|exercise)=/.test(location.search)) history.replaceState(history.state, '', location.pathname);
    this.host.close();
  }

  /** Stops hearing the exercise; `handOver`: another exercise takes the projector window over (it is not told this one closed). */
  private stop(handOver = false): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.tick !== null) window.clearInterval(this.tick);
    this.tick = null;
    window.removeEventListener('storage', this.onStorage);
    const client = this.client;
    if (client instanceof LocalExerciseClient) client.close(!handOver);
    else client?.close();
  }

  /** The browser's storage changed from another tab: one that writes the kept exercise runs one too (`otherTab`). */
  private onStorage = (e: StorageEvent): void => {
    if (e.key !== LOCAL_SAVE_KEY || e.newValue === null || this.otherTab) return;
    this.otherTab = true;
    this.render();
  };

  /** Moves the keyboard's focus to a control by its test id (a step that replaced the control that had it). */
  private focusTestId(testId: string): void {
    this.root.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
  }

  private focusFirst(): void {
    // A control the page marks first (the curtain's PIN field), else the page's heading.
    (this.root.querySelector<HTMLElement>('[data-autofocus]') ?? this.root.querySelector<HTMLElement>('h1'))?.focus({ preventScroll: true });
  }

  /** Re-renders, keeping the focus on the same control where it still exists. */
  render(): void {
    const active = document.activeElement as HTMLElement | null;
    const inside = active && this.root.contains(active);
    const testId = inside ? active.getAttribute('data-testid') : null;
    // The staff's board names its controls by `data-focus` (a partner row has no test id).
    const focusKey = inside ? active.getAttribute('data-focus') : null;
    // Where it sat among the page's controls: a control that goes with the move (Pause becoming Resume, a
    // published inject's button) hands the focus to the one now in its place, not to the page's top.
    const place = inside ? controlsOf(this.root).indexOf(active) : -1;
    // The panel it sat in: a panel the move closed (the deadlock decided) hands the focus to the
    // status bar — where the room now stands — rather than to whatever control followed it.
    const panel = inside ? active.closest('section[data-testid]')?.getAttribute('data-testid') ?? null : null;
    // A card answered leaves its panel with the next card: the keyboard goes to the panel's
    // heading, not onto the next card's first answer, where a second Enter would answer it unread.
    const card = inside ? active.closest('[data-card]')?.getAttribute('data-card') ?? null : null;
    // Read while the page is laid out (cheap); written back only when scrolled, since writing
    // it forces a layout of the whole new page in the middle of the move.
    const scrollTop = this.root.scrollTop;
    this.root.replaceChildren(this.stage.kind === 'setup' ? this.setupPage() : this.stage.kind === 'join' ? this.joinPage(this.stage) : this.runPage(this.stage.client));
    this.root.setAttribute('aria-label', x('exercise.title'));
    if (scrollTop > 0) this.root.scrollTop = scrollTop;
    let again = focusKey ? this.root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`) : testId ? this.root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(testId)}"]`) : null;
    // The page's heading, focused when the page opened, stays so when the page is drawn again (the set-up once it
    // knows whether a classroom server answers).
    if (!again && inside && active.tagName === 'H1') again = this.root.querySelector<HTMLElement>('h1');
    if (!again && panel && !this.root.querySelector(`[data-testid="${CSS.escape(panel)}"]`)) again = this.root.querySelector<HTMLElement>('[data-testid="cx-status"]');
    if (!again && panel && card && !this.root.querySelector(`[data-card="${CSS.escape(card)}"]`)) {
      again = this.root.querySelector<HTMLElement>(`[data-testid="${CSS.escape(panel)}"] h2`);
      again?.setAttribute('tabindex', '-1');
    }
    if (!again && place >= 0 && !this.root.contains(document.activeElement)) {
      const controls = controlsOf(this.root);
      again = controls[Math.min(place, controls.length - 1)] ?? null;
    }
    if (again && again !== document.activeElement) again.focus({ preventScroll: true });
    // Once laid out (the frame is drawn anyway): a table that fits is no tab stop.
    requestAnimationFrame(() => fitScrollBoxes(this.root));
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
    // Under the bar, in sight of Start: whether to replace the exercise this laptop keeps, why the exercise did not start, or why a console did not open.
    const replace = this.replaceBox();
    if (replace) page.append(replace);
    if (this.message) page.append(this.messageBox(this.message));
    if (!s) {
      page.append(errorBox(x('exercise.setup.noScenario')));
      return page;
    }
    const eras = this.campaignEras();
    const campaignOption = eras.length > 1 ? [{ value: CAMPAIGN, label: x('exercise.campaign.option', { n: eras.length, first: eras[0].start, last: eras[eras.length - 1].end }) }] : [];
    const scenarioSel = select([...scenarios.map((sc) => ({ value: sc.id, label: `${sc.era}. ${titleWithYears(localized(sc.title), sc)}` })), ...campaignOption], f.campaign ? CAMPAIGN : f.scenarioId, { testId: 'cx-scenario' });
    scenarioSel.addEventListener('change', () => {
      f.campaign = scenarioSel.value === CAMPAIGN;
      f.scenarioId = f.campaign ? eras[0].id : scenarioSel.value;
      f.msel = null;
      f.mselName = '';
      f.mselProblems = [];
      const next = this.scenario();
      if (next) this.defaultSeats(next);
      this.render();
    });
    const seed = numberInput(f.seed, { min: 0, max: 2 ** 31 - 1, whole: true }, { 'data-testid': 'cx-seed' });
    // A number the field refuses leaves the seed as it was (the field says what it takes).
    seed.addEventListener('change', () => (f.seed = fieldNumber(seed) ?? f.seed));
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
    seats.classList.add('cx-tall');

    const consensus = select([{ value: 'vote', label: x('exercise.setup.vote') }, { value: 'abstract', label: x('exercise.setup.abstract') }], f.consensus, { testId: 'cx-consensus' });
    consensus.addEventListener('change', () => (f.consensus = consensus.value as 'vote'));
    const rounds = numberInput(f.rounds, { min: 1, max: 5, whole: true }, { 'data-testid': 'cx-rounds' });
    rounds.addEventListener('change', () => (f.rounds = fieldNumber(rounds) ?? f.rounds));
    const deadlock = select([{ value: 'white', label: x('exercise.setup.deadlockWhite') }, { value: 'statusQuo', label: x('exercise.setup.deadlockStatusQuo') }], f.deadlock, { testId: 'cx-deadlock-rule' });
    deadlock.addEventListener('change', () => (f.deadlock = deadlock.value as 'white'));
    const rules = panel(
      x('exercise.setup.rules'),
      {},
      h('div', { class: 'cx-row' }, field(x('exercise.setup.consensus'), consensus)),
      h('div', { class: 'cx-row' }, field(x('exercise.setup.rounds'), rounds)),
      h('div', { class: 'cx-row' }, field(x('exercise.setup.deadlock'), deadlock)),
    );

    const file = filePicker(x('exercise.setup.mselFile'), { testId: 'cx-msel-file', onChange: (input) => void this.readMsel(input), ...(f.msel ? { chosen: f.mselName } : {}) });
    const msel = panel(
      x('exercise.setup.msel'),
      { testId: 'cx-msel-setup' },
      h('p', { text: f.msel ? x('exercise.setup.mselOwn', { name: f.mselName, n: f.msel.length }) : this.server ? x('exercise.classroom.mselOnServer') : x('exercise.setup.mselDefault', { n: s.injects.length }) }),
      f.campaign ? h('p', { class: 'cx-muted', text: x('exercise.campaign.msel') }) : null,
      h('div', { class: 'cx-row' }, file, f.msel ? btn(x('exercise.setup.mselReset'), () => { f.msel = null; f.mselName = ''; this.render(); }, { testId: 'cx-msel-reset' }) : null),
      f.mselProblems.length ? h('div', { class: 'cx-error', attrs: { role: 'alert', 'data-testid': 'cx-msel-problems' } }, h('p', { text: x('exercise.setup.mselBad', { name: f.mselName }) }), h('ul', { class: 'cx-list' }, ...f.mselProblems.slice(0, 12).map((p) => h('li', {}, h('code', { text: p.path }), ` ${p.message}`)))) : null,
    );

    const timers = panel(
      x('exercise.setup.timers'),
      {},
      h('p', { class: 'cx-muted', text: x('exercise.setup.timersLead') }),
      h('div', { class: 'cx-row' }, ...TIMED_PHASES.map((p) => {
        const input = numberInput((f.timers[p] ?? 0) / 60, { min: 0, max: 240 }, { 'data-testid': `cx-timer-${p}` });
        input.addEventListener('change', () => {
          const minutes = fieldNumber(input);
          if (minutes === null) return;
          if (minutes) f.timers[p] = Math.round(minutes * 60);
          else delete f.timers[p];
        });
        return field(phaseName(p), input);
      })),
    );
    page.append(h('div', { class: 'cx-grid' }, this.server === false ? this.keptPanel() : null, this.wherePanel(), general, seats, h('div', { class: 'cx-stack' }, rules, msel, timers), this.plenaryPanel()));
    return page;
  }

  /**
   * An exercise on this laptop kept by this browser (offered back, downloadable, or
   * discarded after a confirmation), and the way to take one up again from its record file.
   */
  private keptPanel(): HTMLElement {
    const kept = readLocalExercise();
    const file = filePicker(x('exercise.kept.file'), { testId: 'cx-takeup-file', onChange: (input) => void this.takeUpFile(input) });
    const discard = btn(x('exercise.kept.discard'), () => {
      this.discarding = true;
      this.render();
      this.focusTestId('cx-kept-keep');
    }, { testId: 'cx-kept-discard' });
    const confirm = this.discarding
      ? this.confirmBox(
          { testId: 'cx-kept-discard-box', label: x('exercise.kept.discard'), question: x('exercise.kept.discardAsk'), keepTestId: 'cx-kept-keep' },
          {
            text: x('exercise.kept.discardConfirm'),
            testId: 'cx-kept-discard-confirm',
            act: () => {
              forgetLocalExercise();
              this.discarding = false;
              this.message = { tone: 'good', text: x('exercise.kept.discarded') };
              this.render();
              this.focusTestId('cx-takeup-file-button');
            },
          },
          () => {
            this.discarding = false;
            this.render();
            this.focusTestId('cx-kept-discard');
          },
        )
      : null;
    let body: (HTMLElement | null)[] = [];
    const cannot = kept.kind === 'ok' ? this.keptRefusal(kept.save) : null;
    if (kept.kind === 'ok' && cannot) {
      const { record } = kept.save;
      body = [
        h('p', { attrs: { 'data-testid': 'cx-kept-facts' }, text: this.keptFacts(kept.save) }),
        errorBox(cannot(), 'cx-kept-unreplayable'),
        h('div', { class: 'cx-row' }, recordButton(() => record, 'cx-kept-download'), discard),
        confirm,
      ];
    } else if (kept.kind === 'ok') {
      const { record, campaign } = kept.save;
      body = [
        h('p', { attrs: { 'data-testid': 'cx-kept-facts' }, text: this.keptFacts(kept.save) }),
        h(
          'div',
          { class: 'cx-row' },
          btn(x('exercise.kept.resume'), () => this.takeUp(record, { projectorId: kept.save.projectorId, seat: kept.save.seat, campaign, curtain: kept.save.curtain }), { primary: true, testId: 'cx-kept-resume' }),
          recordButton(() => record, 'cx-kept-download'),
          discard,
        ),
        confirm,
        h('p', { class: 'cx-muted', text: x('exercise.kept.replaced') }),
      ];
    } else if (kept.kind === 'bad') {
      body = [
        errorBox(x('exercise.kept.unreadable', { reason: inLanguage(kept) }), 'cx-kept-unreadable'),
        h('div', { class: 'cx-row' }, btn(x('exercise.kept.downloadRaw'), () => download('exercise-kept.json', kept.text), { testId: 'cx-kept-download' }), discard),
        confirm,
      ];
    }
    return panel(x('exercise.kept.title'), { testId: 'cx-kept' }, ...body, h('p', { class: 'cx-muted', text: x('exercise.kept.fileLead') }), h('div', { class: 'cx-row' }, file));
  }

  /** What the set-up says of a kept exercise: its era, seed, campaign place, moves, and when it was kept. */
  private keptFacts(save: LocalSave): string {
    const { record, campaign } = save;
    const scenario = this.known(record.setup.scenarioId);
    const last = record.log[record.log.length - 1];
    return [
      scenario ? localized(scenario.title) : record.setup.scenarioId,
      x('exercise.seedShown', { seed: record.setup.seed }),
      campaign ? x('exercise.kept.campaign', { n: campaign.index + 1, total: campaign.eras.length }) : null,
      last ? x(record.log.length === 1 ? 'exercise.kept.moveOne' : 'exercise.kept.moves', { n: record.log.length, year: last.year, phase: phaseName(last.phase) }) : x('exercise.kept.noMoves'),
      save.savedAt && dateText(save.savedAt) ? x('exercise.kept.savedAt', { when: dateText(save.savedAt) }) : null,
    ]
      .filter((t): t is string => !!t)
      .join(' · ');
  }

  /**
   * A two-step confirmation in the page: the question, what else it offers (a download), the
   * button that does it, and "Keep it", primary, which Escape presses too.
   */
  private confirmBox(what: { testId: string; label: string; question: string; keepTestId: string; extra?: HTMLElement | null }, confirm: { text: string; testId: string; act: () => void }, cancel: () => void): HTMLElement {
    const box = h(
      'div',
      { class: 'cx-error', attrs: { role: 'group', 'aria-label': what.label, 'data-testid': what.testId } },
      h('p', { text: what.question }),
      h('div', { class: 'cx-row' }, what.extra ?? null, btn(confirm.text, confirm.act, { testId: confirm.testId }), btn(x('exercise.kept.keep'), cancel, { primary: true, testId: what.keepTestId })),
    );
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      cancel();
    });
    return box;
  }

  /**
   * Who may come in, on the classroom server: an optional passphrase (on a shared network,
   * a join code seen over a shoulder is then not enough), and whether one person may hold
   * several seats (a small class where a table plays two capitals).
   */
  private accessFields(): HTMLElement {
    const f = this.form;
    const pass = textInput(f.passphrase, { testId: 'cx-setup-passphrase', maxlength: 100 });
    pass.autocomplete = 'off';
    pass.addEventListener('input', () => (f.passphrase = pass.value));
    const several = checkbox(f.severalSeats, { testId: 'cx-setup-several-seats' });
    several.addEventListener('change', () => (f.severalSeats = several.checked));
    return h(
      'div',
      { attrs: { 'data-testid': 'cx-access' } },
      h('div', { class: 'cx-row' }, field(x('exercise.classroom.setPassphrase'), pass)),
      h('p', { class: 'cx-muted', text: x('exercise.classroom.setPassphraseLead') }),
      h('label', { class: 'cx-choice' }, several, h('span', { text: x('exercise.classroom.severalSeats') })),
    );
  }

  /** On one laptop: whether it is passed round behind a curtain, each seat opened with its PIN (./seatCurtain.ts). */
  private curtainField(): HTMLElement {
    const f = this.form;
    const box = checkbox(f.curtain, { testId: 'cx-setup-curtain' });
    box.addEventListener('change', () => (f.curtain = box.checked));
    return h('div', { attrs: { 'data-testid': 'cx-curtain-option' } }, h('label', { class: 'cx-choice' }, box, h('span', { text: x('exercise.curtain.option') })), h('p', { class: 'cx-muted', text: x('exercise.curtain.optionLead') }));
  }

  /** Where the exercise runs: this laptop, or the classroom server when one answers here; and the seats this browser can return to. */
  private wherePanel(): HTMLElement {
    const radio = (value: 'local' | 'classroom', label: string, disabled: boolean) => {
      const input = h('input', { attrs: { type: 'radio', name: 'cx-where', value, 'data-testid': `cx-where-${value}`, ...(this.where === value ? { checked: '' } : {}), ...(disabled ? { disabled: '' } : {}) } }) as HTMLInputElement;
      input.checked = this.where === value;
      input.addEventListener('change', () => {
        if (input.checked) this.where = value;
        this.render();
      });
      return h('label', { class: 'cx-choice' }, input, h('span', { text: label }));
    };
    const sessions = savedSessions();
    return panel(
      x('exercise.classroom.where'),
      { testId: 'cx-where' },
      h('fieldset', { class: 'cx-fieldset' }, h('legend', { class: 'visually-hidden-cx', text: x('exercise.classroom.where') }), radio('local', x('exercise.classroom.local'), !!this.server), radio('classroom', x('exercise.classroom.server'), !this.server)),
      this.server ? h('p', { class: 'cx-muted', text: x('exercise.classroom.localElsewhere') }) : null,
      this.server && this.where === 'classroom' ? this.accessFields() : null,
      !this.server && this.where === 'local' ? this.curtainField() : null,
      this.server === false ? h('p', { class: 'cx-muted', text: x('exercise.classroom.serverMissing') }) : null,
      this.server && sessions.length
        ? h(
            'div',
            { attrs: { 'data-testid': 'cx-resume' } },
            h('h3', { text: x('exercise.classroom.resumeTitle') }),
            ...sessions.map((session) => {
              const scenario = this.known(session.scenarioId);
              const role = scenario ? roleLabel(scenario, session.role) : session.role;
              return h(
                'div',
                { class: 'cx-row' },
                btn(x('exercise.classroom.resume', { code: session.code, role }), () => void this.resume(session), { testId: `cx-resume-${session.code}-${session.role}` }),
                btn(x('exercise.classroom.forget', { code: session.code }), () => {
                  forgetSession(session);
                  this.render();
                }),
              );
            }),
          )
        : null,
    );
  }

  /**
   * The plenary: exercises of one scenario and seed side by side. Files are compared here
   * when this page has the whole scenario, and by the classroom server otherwise (a page the
   * server gave holds only the public scenario); exercises this browser ran on the server
   * are compared there with their facilitator tokens.
   */
  private plenaryPanel(): HTMLElement {
    const files = filePicker(x('exercise.plenary.files'), { multiple: true, testId: 'cx-plenary-files', onChange: (input) => void this.compareFiles(input) });
    const mine = this.server ? savedSessions().filter((s) => s.role === 'white') : [];
    const boxes = mine.map((session) => {
      const c = checkbox(this.plenaryPicked.has(session.exerciseId), { testId: `cx-plenary-pick-${session.code}`, label: session.code });
      c.addEventListener('change', () => {
        if (c.checked) this.plenaryPicked.add(session.exerciseId);
        else this.plenaryPicked.delete(session.exerciseId);
      });
      const scenario = this.host.scenarios().find((sc) => sc.id === session.scenarioId);
      return h('label', { class: 'cx-choice' }, c, h('span', { text: `${session.code} · ${scenario ? localized(scenario.title) : session.scenarioId}` }));
    });
    return panel(
      x('exercise.plenary.title'),
      { testId: 'cx-plenary' },
      h('p', { class: 'cx-muted', text: x('exercise.plenary.lead') }),
      h('div', { class: 'cx-row' }, files),
      mine.length ? h('fieldset', { class: 'cx-fieldset' }, h('legend', { text: x('exercise.plenary.server') }), ...boxes, h('div', { class: 'cx-row' }, btn(x('exercise.plenary.compare'), () => void this.compareOnServer(mine.filter((m) => this.plenaryPicked.has(m.exerciseId))), { testId: 'cx-plenary-compare' }))) : null,
      this.plenaryProblem ? errorBox(this.plenaryProblem, 'cx-plenary-problem') : null,
      this.plenary
        ? h(
            'div',
            { attrs: { 'data-testid': 'cx-plenary-ready' } },
            h('p', { class: 'cx-good', text: x('exercise.plenary.ready', { n: this.plenary.n }) }),
            h('div', { class: 'cx-row' }, btn(x('exercise.plenary.open'), () => openHtml(this.plenary!.html), { primary: true, testId: 'cx-plenary-open' }), btn(x('exercise.plenary.download'), () => download('compare.html', this.plenary!.html, 'text/html'), { testId: 'cx-plenary-download' })),
          )
        : null,
    );
  }

  private plenaryDone(result: { html: string; n: number } | { problem: string }): void {
    this.plenary = 'html' in result ? result : null;
    this.plenaryProblem = 'problem' in result ? result.problem : null;
    this.render();
  }

  private async compareFiles(input: HTMLInputElement): Promise<void> {
    const list = [...(input.files ?? [])];
    const records: { label: string; record: ExerciseRecord }[] = [];
    for (const file of list) {
      let data: unknown;
      try {
        data = JSON.parse(await file.text());
      } catch (e) {
        return this.plenaryDone({ problem: x('exercise.plenary.notJson', { file: file.name, why: (e as Error).message }) });
      }
      const checked = parseRecord(data);
      if (!checked.ok) return this.plenaryDone({ problem: x('exercise.plenary.bad', { file: file.name, reason: inLanguage(checked) }) });
      records.push({ label: file.name.replace(/\.json$/i, ''), record: checked.record });
    }
    if (records.length < 2) return this.plenaryDone({ problem: x('exercise.plenary.needTwo') });
    const lang = getLanguage();
    if (this.server) {
      const token = savedSessions().find((s) => s.role === 'white')?.token;
      if (!token) return this.plenaryDone({ problem: x('exercise.plenary.noToken') });
      try {
        const { classroomApi } = await classroom();
        const made = await classroomApi().compare({ records, lang }, token);
        return this.plenaryDone({ html: made.html, n: records.length });
      } catch (e) {
        return this.plenaryDone({ problem: serverRefusalText(e) });
      }
    }
    const id = records[0].record.setup.scenarioId;
    const scenario = this.host.scenarios().find((sc) => sc.id === id);
    if (!scenario) return this.plenaryDone({ problem: x('exercise.plenary.unknownScenario', { file: records[0].label, id }) });
    const result = compare(scenario, records.map((r) => r.record), lang, records.map((r) => r.label));
    this.plenaryDone(result.ok ? { html: compareHtml(result.comparison, lang), n: records.length } : { problem: result.reason });
  }

  private async compareOnServer(sessions: ClassroomSession[]): Promise<void> {
    if (sessions.length < 2) return this.plenaryDone({ problem: x('exercise.plenary.needTwo') });
    try {
      const { classroomApi } = await classroom();
      const made = await classroomApi().compare({ exercises: sessions.map((s) => ({ id: s.exerciseId, token: s.token, label: s.code })), lang: getLanguage() });
      this.plenaryDone({ html: made.html, n: sessions.length });
    } catch (e) {
      this.plenaryDone({ problem: serverRefusalText(e) });
    }
  }

  /**
   * Comes back to a seat this browser holds (a reloaded page, a laptop back on the network).
   * `quiet`: the laptop's own retry of a lost link, which says nothing while the server does
   * not answer (the banner says so already).
   */
  async resume(session: ClassroomSession, quiet = false): Promise<boolean> {
    const scenario = await this.ensureScenario(session.scenarioId);
    if (!scenario) return false;
    try {
      const { ClassroomExerciseClient, classroomApi } = await classroom();
      this.run(await ClassroomExerciseClient.connect(classroomApi(), session, scenario), session.role);
      return true;
    } catch (e) {
      // A released seat's token, or a closed exercise, no longer opens the room: forget it, and say so in the page's language.
      const released = /not valid/.test((e as Error).message);
      if (released || (e as { code?: string }).code === 'exercise-closed') forgetSession(session);
      if (quiet && (e as { code?: string }).code === 'unreachable') return false;
      // A console's token that no longer opens the room was replaced (a new key from another laptop or the server).
      this.message = { tone: 'bad', text: released ? x(session.role === 'white' ? 'exercise.classroom.replaced' : 'exercise.classroom.released') : serverRefusalText(e) };
      this.render();
      return false;
    }
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

  /** The campaign's eras this build has, in order. */
  private campaignEras(): Scenario[] {
    const ids = this.host.campaign?.() ?? [];
    return ids.flatMap((id) => this.host.scenarios().find((sc) => sc.id === id) ?? []);
  }

  private start(): void {
    // A number the set-up refused (a seed "2,5") would start the exercise with the one before: the field says what it takes instead.
    const setupPage = this.root.querySelector('[data-testid="cx-setup"]');
    if (setupPage && firstRefused(setupPage)) return;
    if (this.where === 'local' && this.askToReplace(() => this.start())) return;
    if (this.form.campaign && !this.campaign) this.campaign = { eras: this.campaignEras().map((sc) => sc.id), index: 0, scores: [] };
    if (!this.form.campaign) this.campaign = null;
    const setup = this.setupFromForm();
    const s = this.scenario();
    if (!setup || !s) return;
    if (this.where === 'classroom') {
      // The server takes a passphrase of 4 to 100 characters: a shorter one is said here, beside its field.
      const pass = this.form.passphrase.trim();
      if (pass && pass.length < 4) {
        this.message = { tone: 'bad', text: x('exercise.classroom.shortPassphrase') };
        this.render();
        this.focusTestId('cx-setup-passphrase');
        return;
      }
      void this.startClassroom(s, setup);
      return;
    }
    // A campaign's next era goes on in the projector window already open, and behind the same curtain, its PINs kept.
    const previous = this.client instanceof LocalExerciseClient ? this.client.projectorId : undefined;
    this.curtain = this.form.curtain ? { pins: previous && this.campaign ? { ...(this.curtain?.pins ?? {}) } : {} } : null;
    const client = new LocalExerciseClient(s, setup, previous ? { projectorId: previous } : {});
    client.lang = () => getLanguage();
    this.run(client);
  }

  /** Creates the exercise on the classroom server from the form, and opens the White Cell's console. */
  private async startClassroom(s: Scenario, setup: ExerciseSetup): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message = { tone: 'good', text: x('exercise.classroom.creating') };
    this.render();
    const f = this.form;
    try {
      const { ClassroomExerciseClient, classroomApi } = await classroom();
      const client = await ClassroomExerciseClient.create(
        classroomApi(),
        {
          scenario: s.id,
          seed: setup.seed,
          held: [...f.held].filter((r) => r !== 'white' && r !== 'observer'),
          ...(f.held.has('nato') ? {} : { policy: f.policy }),
          consensus: setup.consensus,
          rounds: setup.rounds,
          deadlock: setup.deadlock,
          lang: setup.lang,
          ...(f.msel ? { msel: { scenario: s.id, injects: f.msel } } : {}),
          ...(setup.timers ? { timers: setup.timers } : {}),
          // A player's own era goes with it: the server checks and keeps it.
          ...(this.host.isCustom?.(s.id) ? { scenarioFile: s } : {}),
          ...(f.passphrase.trim() ? { passphrase: f.passphrase.trim() } : {}),
          ...(f.severalSeats ? { allowMultipleSeats: true } : {}),
        },
        s,
      );
      this.busy = false;
      this.run(client, 'white');
    } catch (e) {
      this.busy = false;
      this.message = { tone: 'bad', text: serverRefusalText(e) };
      this.render();
    }
  }

  /**
   * Takes up an exercise on this laptop again from its record — the one this browser kept,
   * or a downloaded `exercise.json` — replaying every move as the rules checked it. The set-up
   * is set from the record's, so a campaign's next era keeps its seats and rules. A phase timer
   * that ran while the page was away is paused, for the facilitator to resume when the room is
   * ready. False (and said on the set-up) when the record's era is unknown here or a move no
   * longer replays; nothing is lost: the record stays where it was.
   */
  takeUp(record: ExerciseRecord, options: { from?: string; projectorId?: string; seat?: RoleId; campaign?: CampaignRun | null; replaces?: boolean; curtain?: Curtain | null }): boolean {
    const refused = (text: () => string) => {
      this.message = { tone: 'bad', text };
      if (this.stage.kind !== 'setup') this.stage = { kind: 'setup' };
      this.showPage();
      return false;
    };
    const replayed = this.replayRecord(record, options.from);
    if (!replayed.ok) return refused(replayed.refusal);
    const { scenario, state } = replayed;
    // A record from a file takes the kept exercise's place once that is agreed (it replays: asking is worth it now).
    const go = () => this.runTakenUp(scenario, record, state, options);
    if (!options.replaces || !this.askToReplace(go)) go();
    return true;
  }

  /**
   * A record replayed on this game's eras and rules, or why it cannot be (said in the page's
   * language when drawn): its era unknown here, or the move that no longer replays.
   * `fromFile`: the file it came from (else this browser).
   */
  private replayRecord(record: ExerciseRecord, fromFile?: string): { ok: true; scenario: Scenario; state: ExerciseState } | { ok: false; refusal: () => string; before: () => string } {
    const scenario = this.known(record.setup.scenarioId);
    const from = () => fromFile ?? x('exercise.kept.fromBrowser');
    const id = record.setup.scenarioId;
    // `refusal`: said once a take-up was tried; `before`: said of the kept exercise before anyone tries.
    if (!scenario) return { ok: false, refusal: () => x('exercise.kept.noScenario', { from: from(), id }), before: () => x('exercise.kept.cannotScenario', { id }) };
    const replayed = replayExercise(scenario, record);
    if (replayed.ok) return { ok: true, scenario, state: replayed.state };
    const reason = () => refusalText(replayed.rejection, scenario, scenario.start).replace(/[.\s]+$/, '');
    return { ok: false, refusal: () => x('exercise.kept.noReplay', { from: from(), seq: replayed.seq, reason: reason() }), before: () => x('exercise.kept.cannotReplay', { seq: replayed.seq, reason: reason() }) };
  }

  /**
   * Why the kept exercise cannot be taken up again (null: it can), worked out once per kept
   * record (the set-up is drawn again at every change of its form): the panel then offers its
   * record and its discarding, not a take-up that would only be refused.
   */
  private keptRefusal(save: LocalSave): (() => string) | null {
    const key = `${save.savedAt}|${save.record.setup.scenarioId}|${save.record.setup.seed}|${save.record.log.length}`;
    if (this.keptChecked?.key !== key) {
      const replayed = this.replayRecord(save.record);
      this.keptChecked = { key, refusal: replayed.ok ? null : replayed.before };
    }
    return this.keptChecked.refusal;
  }

  /** `takeUp`'s exercise, replayed, run on this laptop from where it stood. */
  private runTakenUp(scenario: Scenario, record: ExerciseRecord, state: ExerciseState, options: { from?: string; projectorId?: string; seat?: RoleId; campaign?: CampaignRun | null; curtain?: Curtain | null }): void {
    const client = new LocalExerciseClient(scenario, record.setup, { state, ...(options.projectorId ? { projectorId: options.projectorId } : {}) });
    client.lang = () => getLanguage();
    this.formFrom(scenario, record.setup);
    this.campaign = options.campaign ?? null;
    this.form.campaign = !!this.campaign;
    // Taken up from this browser, behind the curtain it had (a reload comes back to the seat's curtain); a record file carries no PINs.
    this.curtain = options.curtain ?? null;
    this.form.curtain = !!this.curtain;
    const seat = options.seat && client.roles().includes(options.seat) ? options.seat : undefined;
    this.run(client, seat);
    const view = client.view('white');
    const running = !!view.timer && !view.paused && !view.finished;
    // The timer counts from the moves' own times: what is left now (none, when it ran out while away).
    const left = running ? timeLeft(view.timer!, Date.now()) : null;
    const paused = running && client.act({ role: 'white', type: 'white.pause', reason: 'taken-up' }).ok;
    const changed = rulesChanged(record);
    // Written when drawn: a language switch right after rewrites it (the phase's name too).
    const text = () => {
      const notes = [x('exercise.kept.back', { from: options.from ?? x('exercise.kept.fromBrowser'), year: view.year, phase: phaseName(view.phase) })];
      if (paused) notes.push(left !== null && left <= 0 ? x('exercise.kept.pausedExpired') : x('exercise.kept.paused', { left: clockText(left ?? 0) }));
      else if (running) notes.push(x('exercise.kept.timerRuns'));
      if (changed) notes.push(x('exercise.kept.otherRules', { recorded: changed.recorded, current: changed.current }));
      return notes.join(' ');
    };
    this.message = { tone: 'good', text };
    this.render();
  }

  /** The set-up form as a record's set-up was (a campaign's next era starts from it). */
  private formFrom(scenario: Scenario, setup: ExerciseSetup): void {
    const f = this.form;
    f.scenarioId = scenario.id;
    f.seed = setup.seed;
    f.held = new Set(scenarioRoles(scenario).filter((r) => r !== 'observer' && setup.seats[r]?.held));
    f.policy = setup.seats.nato?.held === false && setup.seats.nato.policy ? setup.seats.nato.policy : f.policy;
    f.consensus = setup.consensus;
    f.rounds = setup.rounds;
    f.deadlock = setup.deadlock;
    f.timers = { ...(setup.timers ?? {}) };
    f.msel = null;
    f.mselName = '';
    f.mselProblems = [];
    this.where = 'local';
  }

  /** A reloaded page whose address says an exercise ran on this laptop (`?exercise=local`): back to it, or to the set-up that says why not. */
  openKept(): void {
    const kept = readLocalExercise();
    if (kept.kind === 'ok') {
      this.takeUp(kept.save.record, { projectorId: kept.save.projectorId, seat: kept.save.seat, campaign: kept.save.campaign, curtain: kept.save.curtain });
      return;
    }
    history.replaceState(history.state, '', location.pathname);
    // An unreadable one is said by the set-up's panel; none at all, here.
    if (kept.kind === 'none') this.message = { tone: 'bad', text: x('exercise.kept.noneKept') };
    this.render();
  }

  /** An `exercise.json` chosen on the set-up: taken up on this laptop. */
  private async takeUpFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (e) {
      this.message = { tone: 'bad', text: x('exercise.plenary.notJson', { file: file.name, why: (e as Error).message }) };
      this.render();
      return;
    }
    const checked = parseRecord(data);
    if (!checked.ok) {
      // Another of the game's files (a report, a saved solo game) is said so in the page's language; a damaged record by its JSON path.
      const other = (data as { format?: unknown } | null)?.format !== 'coopsec-exercise';
      this.message = { tone: 'bad', text: other ? () => x('exercise.kept.notRecord', { file: file.name }) : () => x('exercise.plenary.bad', { file: file.name, reason: inLanguage(checked) }) };
      this.render();
      return;
    }
    this.takeUp(checked.record, { from: file.name, replaces: true });
  }

  /**
   * From the set-up, another exercise on this laptop takes the place of the one it keeps: asked
   * first (true: the question is on the page, and `then` waits for its answer). Not asked for a
   * campaign's next era, which follows the kept one on purpose.
   */
  private askToReplace(then: () => void): boolean {
    if (this.stage.kind !== 'setup' || this.replaceConfirmed || readLocalExercise().kind === 'none') return false;
    this.replacing = then;
    this.render();
    this.focusTestId('cx-replace-keep');
    return true;
  }

  /** The question `askToReplace` put on the set-up page. */
  private replaceBox(): HTMLElement | null {
    const then = this.replacing;
    if (!then) return null;
    const kept = readLocalExercise();
    const record = kept.kind === 'ok' ? kept.save.record : null;
    return this.confirmBox(
      {
        testId: 'cx-replace-box',
        label: x('exercise.kept.replaceLabel'),
        question: kept.kind === 'ok' ? x('exercise.kept.replaceAsk', { facts: this.keptFacts(kept.save) }) : x('exercise.kept.replaceAskBad'),
        keepTestId: 'cx-replace-keep',
        extra: record ? recordButton(() => record, 'cx-replace-download') : null,
      },
      {
        text: x('exercise.kept.replaceConfirm'),
        testId: 'cx-replace-confirm',
        act: () => {
          this.replacing = null;
          this.replaceConfirmed = true;
          try {
            then();
          } finally {
            this.replaceConfirmed = false;
          }
        },
      },
      () => {
        this.replacing = null;
        this.render();
        this.focusTestId('cx-start');
      },
    );
  }

  /** Runs an exercise on a client (on this laptop, or a seat of the classroom server). */
  run(client: ExerciseClient, seat?: RoleId): void {
    // A campaign's next era on this laptop goes on in the same projector window: the era before is not said closed there.
    const before = this.client;
    this.stop(before instanceof LocalExerciseClient && client instanceof LocalExerciseClient && before.projectorId === client.projectorId);
    this.stage = { kind: 'run', client };
    this.seat = client.seat ?? seat ?? (client.setup.seats.white?.held ? 'white' : client.roles().find((r) => client.setup.seats[r]?.held) ?? 'observer');
    // Only a laptop passed round has a curtain; its first seat opens with its PIN too.
    if (!(client instanceof LocalExerciseClient)) this.curtain = null;
    this.curtainFor = behindCurtain(this.curtain, this.seat) ? this.seat : null;
    this.curtainProblem = null;
    this.message = null;
    this.memo = {};
    this.closing = false;
    this.ending = false;
    this.closedShown = false;
    this.notKept = false;
    this.otherTab = false;
    this.unsubscribe = subscribeAll(client, client.seat ?? 'white', () => {
      this.keep();
      this.render();
    });
    // The facilitator's address names the exercise, so a reloaded console comes back to it (`openConsole`);
    // an exercise on this laptop is kept in its storage after every move, and a reload takes it up again (`openKept`).
    if (client.classroom) history.replaceState(history.state, '', `?console=${client.classroom.code}`);
    if (client instanceof LocalExerciseClient) {
      this.keep();
      window.addEventListener('storage', this.onStorage);
      history.replaceState(history.state, '', '?exercise=local');
      // A projector window left open (the campaign's next era, a page reloaded) shows this exercise at once.
      client.rebroadcast();
    }
    this.tick = window.setInterval(() => this.onTick(), 500);
    this.showPage();
  }

  /** Another page (a seat's screen after the join page, the join page after a released seat): drawn from its top, its heading focused. */
  private showPage(): void {
    // render() keeps the scroll of a page redrawn; a phone scrolled down to its seat's button would open the screen half-way down.
    this.root.scrollTop = 0;
    this.render();
    this.focusFirst();
  }

  /** Local mode: the browser's clock speaks for the White Cell when a phase timer runs out. */
  private onTick(): void {
    const client = this.client;
    if (!client) return;
    // A laptop whose server went away (stopped and started again) tries its seat again by itself, as the projector does.
    const session = (client as { session?: ClassroomSession }).session;
    if (session && client.connectionState?.() === 'lost' && !this.rejoining && Date.now() - this.rejoinTried >= RETRY_MS) {
      this.rejoinTried = Date.now();
      this.rejoining = true;
      void this.resume(session, true).finally(() => (this.rejoining = false));
    }
    const view = client.view(client.seat ?? 'observer');
    const clock = this.root.querySelector('[data-testid="cx-timer"]');
    if (view.timer) {
      const left = timeLeft(view.timer, Date.now());
      if (clock && left !== null) clock.textContent = clockText(left);
      if (left !== null && left <= 0 && !view.paused && !view.finished && client.mode === 'local') void client.act({ role: 'white', type: 'timer.expire' });
    }
  }

  private messageBox(message: NonNullable<ExerciseApp['message']>): HTMLElement {
    return message.tone === 'bad' ? errorBox(said(message.text), 'cx-refusal') : okBox(said(message.text));
  }

  /** Keeps an exercise on this laptop in the browser's storage (after every move, and the seat shown). */
  private keep(): void {
    const client = this.client;
    if (!(client instanceof LocalExerciseClient)) return;
    const kept = keepLocalExercise({ record: client.record(), projectorId: client.projectorId, seat: this.seat, campaign: this.campaign, curtain: this.curtain, savedAt: new Date().toISOString() });
    if (!kept && !this.notKept) {
      this.notKept = true;
      this.render();
    }
  }

  setSeat(role: RoleId): void {
    this.seat = role;
    // Behind a curtain, another seat shows nothing but its name until its PIN is given.
    const curtained = behindCurtain(this.curtain, role);
    this.curtainFor = curtained ? role : null;
    this.curtainProblem = null;
    this.keep();
    this.message = null;
    this.render();
    // Another role's screen starts at its top.
    this.root.scrollTop = 0;
    if (curtained) this.focusTestId('cx-curtain-pin');
  }

  /** A PIN given at the curtain: the seat opens (its PIN kept, the first time), or the curtain says what was wrong. */
  private openCurtain(pin: string, again: string): void {
    const role = this.curtainFor;
    const curtain = this.curtain;
    if (!role || !curtain) return;
    this.curtainProblem = pinProblem(curtain, role, pin, again);
    if (this.curtainProblem) {
      this.render();
      this.focusTestId('cx-curtain-pin');
      return;
    }
    if (curtain.pins[role] === undefined) curtain.pins[role] = pinHash(role, pin);
    this.curtainFor = null;
    this.keep();
    this.showPage();
  }

  /** The White Cell's list of the seats' PINs, to clear one a team forgot. */
  private curtainPanel(client: ExerciseClient): HTMLElement | null {
    const curtain = this.curtain;
    if (!curtain) return null;
    const s = client.scenario;
    const rows = client
      .roles()
      // The seats teams hold, and any other a PIN was set on (a seat the engine plays may be looked at).
      .filter((r) => r !== 'observer' && r !== 'white' && (client.setup.seats[r]?.held || curtain.pins[r] !== undefined))
      .map((role) => [
        roleLabel(s, role),
        curtain.pins[role] !== undefined ? x('exercise.curtain.hasPin') : x('exercise.curtain.none'),
        curtain.pins[role] !== undefined
          ? btn(x('exercise.curtain.clear', { role: roleLabel(s, role) }), () => {
              delete curtain.pins[role];
              this.keep();
              this.message = { tone: 'good', text: () => x('exercise.curtain.cleared', { role: roleLabel(s, role) }) };
              this.render();
              this.focusTestId('cx-curtain-pins');
            }, { testId: `cx-curtain-clear-${role}` })
          : '',
      ]);
    return panel(x('exercise.curtain.panel'), { testId: 'cx-curtain-pins' }, h('p', { class: 'cx-muted', text: x('exercise.curtain.panelLead') }), table([x('exercise.setup.role'), x('exercise.curtain.pin'), ''], rows));
  }

  /** Sends a move as the seat's role; a refusal is shown. */
  send(move: Move): ReturnType<ExerciseClient['act']> {
    const client = this.client;
    if (!client) return { ok: false, code: 'finished', reason: 'no exercise' };
    const result = client.act(move);
    const shown = (r: ActResult) => {
      // A refusal said before goes once a move is taken: the page was redrawn with the new view while it still stood.
      const said = this.message !== null;
      this.message = r.ok ? null : { tone: 'bad', text: x('exercise.refused', { reason: refusalText(r, client.scenario, client.view(this.seat).year) }) };
      if (!r.ok || said) this.render();
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
    const seat =
      kind === 'nato' ? natoScreen(ctx, view)
      : kind === 'ally' ? allyScreen(ctx, view)
      : kind === 'partner' ? partnerScreen(ctx, view)
      : kind === 'red' ? redScreen(ctx, view)
      : null;
    const own =
      seat ? holdMoves(ctx, view, seat)
      : kind === 'white' ? [...consoleScreen(ctx, view, (r) => this.roleBody(client, r, true)), ...(readonly ? [] : [this.curtainPanel(client)].filter((p): p is HTMLElement => !!p))]
      : [];
    // The wall's own picture, in the wall's large type; the page around it keeps a laptop's.
    if (kind === 'observer') return [h('section', { class: 'cx-projector cx-proj-preview', attrs: { 'aria-label': x('exercise.projector') } }, h('p', { class: 'cx-proj-title', text: x('exercise.projector') }), projectorBody(view, client.scenario))];
    // The metrics sit in the console already, and on NATO's staff's board.
    return [...own, ...commonPanels(ctx, view), ...(kind === 'white' || kind === 'nato' ? [] : [metricsPanel(view, client.scenario)])];
  }

  // -------------------------------------------------------------------------------------
  // Run

  private runPage(client: ExerciseClient): HTMLElement {
    const s = client.scenario;
    const ended = client.connectionState?.();
    if (ended === 'released') {
      // The seat is another laptop's now: nothing of it (its brief, its secrets) stays on this screen; the join page says why.
      const code = (client as { session?: ClassroomSession }).session?.code ?? '';
      queueMicrotask(() => this.openJoin(code, x('exercise.classroom.released')));
      return h('div', { class: 'cx-page' });
    }
    if (ended === 'closed' || ended === 'replaced') {
      // The screen the laptop was on is gone: its heading takes the focus, so a screen reader says why.
      if (!this.closedShown) {
        queueMicrotask(() => this.focusFirst());
        // What was said on the running screen (a seat released, a refusal) no longer applies.
        this.message = null;
      }
      this.closedShown = true;
      return ended === 'closed' ? this.closedPage(client) : this.replacedPage(client);
    }
    if (this.curtain && this.curtainFor) {
      return curtainPage(s, this.curtain, this.curtainFor, { open: (pin, again) => this.openCurtain(pin, again), projector: () => this.setSeat('observer') }, this.curtainProblem);
    }
    const view = client.view(this.seat);
    const classroom = client.mode === 'classroom';
    const white = this.seat === 'white';
    const page = h('div', { class: 'cx-page', attrs: { 'data-testid': `cx-screen-${this.seat}` } });
    // A classroom laptop holds one seat; on one laptop the seat is passed round.
    let seatControl: HTMLElement;
    if (classroom) {
      seatControl = h('span', { class: 'cx-badge', attrs: { 'data-testid': 'cx-seat' }, text: x('exercise.classroom.yourSeat', { role: roleLabel(s, this.seat) }) });
    } else {
      const seatSel = select(client.roles().map((r) => ({ value: r, label: `${roleLabel(s, r)}${client.setup.seats[r]?.held || r === 'observer' ? '' : ` (${x('exercise.setup.engineBot')})`}` })), this.seat, { testId: 'cx-seat' });
      seatSel.addEventListener('change', () => this.setSeat(seatSel.value as RoleId));
      seatControl = field(x('exercise.seat'), seatSel);
    }
    const left = view.timer ? timeLeft(view.timer, Date.now()) : null;
    // The seed and the record (the bluffs, the capitals' priorities, the MSEL) are the White
    // Cell's: a seat's screen never shows them, on a laptop the tables share as over the network.
    const seedKnown = white;
    const controls = client.classroom;
    page.append(
      h('p', { class: 'cx-kicker', text: seedKnown ? `${localized(s.title)} · ${x('exercise.seedShown', { seed: client.setup.seed })}` : localized(s.title) }),
      h('h1', { text: roleLabel(s, this.seat), attrs: { tabindex: -1 } }),
      ...[this.connectionBanner(client)].filter((n): n is HTMLElement => !!n),
      h(
        'div',
        { class: 'cx-bar', attrs: { 'data-testid': 'cx-status', tabindex: -1 } },
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
        seatControl,
        !classroom ? btn(x('exercise.openProjector'), () => this.openProjector(), { testId: 'cx-open-projector' }) : null,
        controls ? btn(x('exercise.classroom.openProjector'), () => this.openWindow(controls.watchUrl), { testId: 'cx-open-projector' }) : null,
        seedKnown ? recordButton(() => client.record(), 'cx-download-record', client.classroom?.code) : null,
        this.langSwitch(),
        btn(classroom ? x(white ? 'exercise.classroom.leaveConsole' : 'exercise.classroom.leave') : x('exercise.end'), () => {
          // An exercise on this laptop is gone from it once closed: closing it is asked twice once a move was made.
          if (classroom || !client.record().log.length) return this.close();
          this.ending = true;
          this.render();
          this.focusTestId('cx-end-cancel');
        }, { testId: 'cx-close' }),
      ),
    );
    if (this.ending)
      page.append(
        h(
          'div',
          { class: 'cx-error', attrs: { role: 'group', 'aria-label': x('exercise.end'), 'data-testid': 'cx-end-confirm-box' } },
          h('p', { text: x('exercise.endLocal') }),
          h(
            'div',
            { class: 'cx-row' },
            seedKnown ? recordButton(() => client.record(), 'cx-end-download', client.classroom?.code) : null,
            btn(x('exercise.endConfirm'), () => this.close(), { testId: 'cx-end-confirm' }),
            btn(x('exercise.endCancel'), () => {
              this.ending = false;
              this.render();
              this.focusTestId('cx-close');
            }, { testId: 'cx-end-cancel', primary: true }),
          ),
        ),
      );
    if (this.message) page.append(this.messageBox(this.message));
    if (this.notKept && !classroom) page.append(errorBox(x('exercise.kept.notKept'), 'cx-not-kept'));
    if (this.otherTab && !classroom) page.append(errorBox(x('exercise.kept.otherTab'), 'cx-other-tab'));
    // At the end a seat is told so, then the era's result comes first for every seat (the projector draws its own), then the report.
    if (view.finished && classroom && !white) page.append(okBox(x('exercise.classroom.seatEnded')));
    if (view.final && this.seat !== 'observer') page.append(finalPanel(view.final, { lead: white }));
    if (view.finished && white) page.append(this.aarPanel(client));
    if (controls) page.append(this.seatBoard(client, controls));
    if (view.finished && white && this.campaign) page.append(this.campaignPanel(client, this.campaign));
    if (!view.held.includes(this.seat) && this.seat !== 'observer') page.append(h('p', { class: 'cx-muted', text: x('exercise.engineSeat') }));
    page.append(h('div', { class: this.seat === 'observer' ? '' : 'cx-grid' }, ...this.roleBody(client, this.seat, false)));
    return page;
  }

  /**
   * An exercise its facilitator closed: nothing of it is left to play. The White Cell's
   * console keeps its downloads (the server keeps the record; this page holds the token for
   * as long as it is open).
   */
  private closedPage(client: ExerciseClient): HTMLElement {
    const white = this.seat === 'white';
    const controls = client.classroom;
    // Named as the console's own downloads are.
    const save = (file: 'exercise.json' | 'aar.json' | 'aar.csv' | 'aar.html', type: string) => () =>
      void controls!.download(file).then(
        (data) => download(fileName(client.setup, file, client.classroom?.code), typeof data === 'string' ? data : JSON.stringify(data, null, file === 'exercise.json' ? 1 : 2), type),
        (e: Error) => {
          this.message = { tone: 'bad', text: serverRefusalText(e, client.scenario) };
          this.render();
        },
      );
    return h(
      'div',
      { class: 'cx-page', attrs: { 'data-testid': 'cx-closed' } },
      h('p', { class: 'cx-kicker', text: localized(client.scenario.title) }),
      h('h1', { text: x('exercise.classroom.closedTitle'), attrs: { tabindex: -1 } }),
      okBox(white ? x('exercise.classroom.closedWhite') : x('exercise.classroom.closed')),
      this.message ? errorBox(said(this.message.text), 'cx-refusal') : null,
      h(
        'div',
        { class: 'cx-bar' },
        white && controls ? btn(x('exercise.aar.html'), save('aar.html', 'text/html'), { primary: true, testId: 'cx-closed-aar' }) : null,
        white && controls ? btn(x('exercise.aar.json'), save('aar.json', 'application/json'), { testId: 'cx-closed-aar-json' }) : null,
        white && controls ? btn(x('exercise.aar.csv'), save('aar.csv', 'text/csv'), { testId: 'cx-closed-aar-csv' }) : null,
        white && controls ? btn(x('exercise.downloadRecord'), save('exercise.json', 'application/json'), { testId: 'cx-closed-record' }) : null,
        this.langSwitch(),
        btn(x('exercise.back'), () => this.close(), { testId: 'cx-close' }),
      ),
    );
  }

  /** A console whose key was replaced (opened elsewhere with a new link): nothing left to run here. */
  private replacedPage(client: ExerciseClient): HTMLElement {
    return h(
      'div',
      { class: 'cx-page', attrs: { 'data-testid': 'cx-replaced' } },
      h('p', { class: 'cx-kicker', text: localized(client.scenario.title) }),
      h('h1', { text: x('exercise.classroom.replacedTitle'), attrs: { tabindex: -1 } }),
      okBox(x('exercise.classroom.replaced')),
      h('div', { class: 'cx-bar' }, this.langSwitch(), btn(x('exercise.back'), () => this.close(), { primary: true, testId: 'cx-replaced-back' })),
    );
  }

  /** A classroom laptop's link to the server, when it is not simply up. */
  private connectionBanner(client: ExerciseClient): HTMLElement | null {
    const state = client.connectionState?.() ?? 'connected';
    if (state === 'connected') return null;
    if (state === 'reconnecting') return h('p', { class: 'cx-badge cx-badge-warn', attrs: { role: 'status', 'data-testid': 'cx-connection' }, text: x('exercise.classroom.reconnecting') });
    const session = (client as { session?: ClassroomSession }).session ?? null;
    return h(
      'div',
      { class: 'cx-error', attrs: { role: 'alert', 'data-testid': 'cx-connection' } },
      h('p', { text: x('exercise.classroom.lost') }),
      session ? btn(x('exercise.classroom.rejoin'), () => void this.resume(session), { primary: true, testId: 'cx-rejoin' }) : null,
    );
  }

  /** The White Cell's seat board: the join code, its QR code, who holds which seat, who is connected. */
  private seatBoard(client: ExerciseClient, controls: ClassroomControls): HTMLElement {
    const s = client.scenario;
    const qr = h('div', { class: 'cx-qr', attrs: { role: 'img', 'aria-label': x('exercise.classroom.qr', { url: controls.joinUrl }), 'data-testid': 'cx-qr' } });
    void qrSvg(controls.joinUrl).then((svg) => (qr.innerHTML = svg));
    const rows = controls.board().map((row) => [
      roleLabel(s, row.role),
      row.holder ?? x('exercise.classroom.nobody'),
      h('span', { class: row.connected ? 'cx-good' : 'cx-muted', attrs: { 'data-testid': `cx-seat-state-${row.role}` }, text: row.connected ? `● ${x('exercise.classroom.connected')}` : `○ ${x('exercise.classroom.disconnected')}` }),
      row.holder
        ? btn(x('exercise.classroom.release', { role: roleLabel(s, row.role) }), () => {
            void controls.release(row.role).then(
              () => {
                this.message = { tone: 'good', text: x('exercise.classroom.releasedOk', { role: roleLabel(s, row.role) }) };
                this.render();
              },
              (e: Error) => {
                this.message = { tone: 'bad', text: serverRefusalText(e, s) };
                this.render();
              },
            );
          }, { testId: `cx-release-${row.role}` })
        : '',
    ]);
    return panel(
      x('exercise.classroom.boardTitle'),
      { testId: 'cx-seat-board', wide: true },
      h('p', { class: 'cx-muted', text: x('exercise.classroom.boardLead') }),
      h(
        'div',
        { class: 'cx-join' },
        qr,
        h(
          'dl',
          { class: 'cx-join-facts' },
          h('dt', { text: x('exercise.classroom.code') }),
          h('dd', { class: 'cx-join-code', attrs: { 'data-testid': 'cx-join-code' }, text: controls.code }),
          h('dt', { text: x('exercise.classroom.joinAddress') }),
          h('dd', {}, h('code', { attrs: { 'data-testid': 'cx-join-url' }, text: controls.joinUrl })),
          h('dt', { text: x('exercise.classroom.projectorAddress') }),
          h('dd', {}, h('code', { text: controls.watchUrl })),
        ),
      ),
      // A console opened on the server's computer of a server that listens there only: nobody else can join.
      isLoopback(controls.joinUrl) ? h('p', { class: 'cx-warn', attrs: { 'data-testid': 'cx-loopback' } }, ...withCommand('exercise.classroom.loopbackOnly', LAN_COMMAND)) : null,
      table([x('exercise.setup.role'), x('exercise.classroom.holderCol'), x('exercise.classroom.connectedCol'), ''], rows, { testId: 'cx-seat-table' }),
      this.consoleLinkControl(controls),
      this.closeControl(controls),
    );
  }

  /**
   * The console's own link, for a second facilitator or a spare laptop: hidden until asked
   * for, as it carries the facilitator's token and the console may be on the projector.
   */
  private consoleLinkControl(controls: ClassroomControls): HTMLElement {
    const shown = this.showConsoleLink;
    const toggle = () => {
      this.showConsoleLink = !shown;
      this.render();
      this.focusTestId('cx-console-link-toggle');
    };
    let qr: HTMLElement | null = null;
    if (shown) {
      qr = h('div', { class: 'cx-qr', attrs: { role: 'img', 'aria-label': x('exercise.classroom.otherLaptopQr'), 'data-testid': 'cx-console-qr' } });
      const target = qr;
      void qrSvg(controls.consoleUrl).then((svg) => (target.innerHTML = svg));
    }
    // The link comes after its button, where reading on from the button finds it.
    const button = btn(x(shown ? 'exercise.classroom.otherLaptopHide' : 'exercise.classroom.otherLaptopShow'), toggle, { testId: 'cx-console-link-toggle' });
    button.setAttribute('aria-expanded', String(shown));
    return h(
      'div',
      { class: 'cx-board-section', attrs: { 'data-testid': 'cx-console-link' } },
      h('h3', { text: x('exercise.classroom.otherLaptopTitle') }),
      h('p', { class: 'cx-muted', text: x('exercise.classroom.otherLaptopLead') }),
      button,
      shown ? h('div', { class: 'cx-join' }, qr, h('code', { class: 'cx-console-url', attrs: { 'data-testid': 'cx-console-url' }, text: controls.consoleUrl })) : null,
      h('p', { class: 'cx-muted' }, ...withCommand('exercise.classroom.otherLaptopLost', `npm run classroom -- --console ${controls.code}`)),
    );
  }

  /** Closing the exercise on the server: a second, explicit step, as no team can come back to it. */
  private closeControl(controls: ClassroomControls): HTMLElement {
    const confirming = this.closing;
    return h(
      'div',
      { class: 'cx-close-exercise', attrs: { 'data-testid': 'cx-close-exercise' } },
      h('h3', { text: x('exercise.classroom.closeTitle') }),
      h('p', { class: 'cx-muted', text: x('exercise.classroom.closeLead') }),
      confirming
        ? h(
            'div',
            { class: 'cx-row', attrs: { role: 'group', 'aria-label': x('exercise.classroom.closeTitle') } },
            btn(x('exercise.classroom.closeConfirm'), () => {
              this.closing = false;
              void controls.close().catch((e: Error) => {
                this.message = { tone: 'bad', text: x('exercise.classroom.closeFailed', { reason: serverRefusalText(e) }) };
                this.render();
              });
            }, { testId: 'cx-close-confirm', primary: true }),
            btn(x('exercise.classroom.closeCancel'), () => {
              this.closing = false;
              this.render();
              this.focusTestId('cx-close-start');
            }, { testId: 'cx-close-cancel' }),
          )
        : btn(x('exercise.classroom.close'), () => {
            this.closing = true;
            this.render();
            this.focusTestId('cx-close-cancel');
          }, { testId: 'cx-close-start' }),
    );
  }

  private openWindow(url: string): void {
    this.projectorWindow = window.open(url, '_blank');
    this.message = this.projectorWindow ? { tone: 'good', text: x('exercise.projectorOpened') } : { tone: 'bad', text: x('exercise.projectorBlocked', { url }) };
    this.render();
  }

  // -------------------------------------------------------------------------------------
  // Join (a participant's laptop in a classroom)

  /** The join page for a code (from the QR code's address, `?join=<code>`). */
  openJoin(code = '', why?: string): void {
    this.stop();
    this.stage = { kind: 'join', code: code.toUpperCase(), holder: '', passphrase: '', lookup: null, busy: false, error: why ?? null, askPassphrase: false, ...(why ? { why } : {}) };
    this.message = null;
    this.showPage();
    // Looking the code up goes straight back to a seat this browser already holds there.
    if (code.length === 6) void this.lookup();
  }

  /** A reloaded White Cell console (`?console=<code>`): back to it when this browser holds that exercise's facilitator seat, else the title. */
  async openConsole(code: string): Promise<void> {
    const mine = savedSessions().find((s) => s.code === code.toUpperCase() && s.role === 'white');
    if (!mine || !(await this.resume(mine))) {
      history.replaceState(history.state, '', location.pathname);
      if (!mine) this.close();
    }
  }

  private async lookup(): Promise<void> {
    const stage = this.stage;
    if (stage.kind !== 'join') return;
    // The address carries the code from now on, so a reloaded page comes back to it (and to a seat taken there).
    if (/^[A-Z0-9]{6}$/.test(stage.code)) history.replaceState(history.state, '', `?join=${stage.code}`);
    // A code of another shape is said so here, in the page's language, rather than sent to be refused.
    if (!/^[A-Z0-9]{6}$/.test(stage.code)) {
      stage.lookup = null;
      stage.error = x('exercise.classroom.codeShape');
      this.render();
      this.root.querySelector<HTMLElement>('[data-testid="cx-join-code-input"]')?.focus();
      return;
    }
    // A seat this browser already holds in that exercise (a reloaded page, a laptop back on the network): straight back to it.
    const mine = savedSessions().find((s) => s.code === stage.code && s.role !== 'white');
    if (mine && (await this.resume(mine))) return;
    // Why the seat this browser held could not be taken back (released by the facilitator): said on the join page.
    const lost = mine && this.message ? said(this.message.text) : undefined;
    if (mine) this.message = null;
    stage.busy = true;
    stage.error = null;
    this.render();
    try {
      const { classroomApi } = await classroom();
      const found = await classroomApi().lookup({ code: stage.code, ...(stage.passphrase ? { passphrase: stage.passphrase } : {}) });
      const known = await this.ensureScenario(found.scenarioId);
      stage.lookup = known ? { ...found, code: stage.code } : null;
      if (!known) stage.error = x('exercise.classroom.unknownScenario', { id: found.scenarioId });
    } catch (e) {
      stage.lookup = null;
      stage.error = serverRefusalText(e);
      stage.askPassphrase ||= (e as { code?: string }).code === 'wrong-passphrase';
    }
    stage.error ??= lost ?? stage.why ?? null;
    stage.busy = false;
    this.render();
    this.root.querySelector<HTMLElement>('[data-testid^="cx-take-"]:not([disabled]), [data-testid="cx-join-holder"]')?.focus();
  }

  private async take(role: RoleId): Promise<void> {
    const stage = this.stage;
    if (stage.kind !== 'join' || !stage.lookup) return;
    if (!stage.holder.trim()) {
      stage.error = x('exercise.classroom.needHolder');
      this.render();
      this.root.querySelector<HTMLElement>('[data-testid="cx-join-holder"]')?.focus();
      return;
    }
    const scenario = this.known(stage.lookup.scenarioId);
    if (!scenario) {
      stage.error = x('exercise.classroom.unknownScenario', { id: stage.lookup.scenarioId });
      this.render();
      return;
    }
    stage.busy = true;
    this.render();
    try {
      const { ClassroomExerciseClient, classroomApi } = await classroom();
      this.run(await ClassroomExerciseClient.join(classroomApi(), stage.lookup, { role, holder: stage.holder.trim(), ...(stage.passphrase ? { passphrase: stage.passphrase } : {}) }, scenario), role);
    } catch (e) {
      stage.busy = false;
      const refused = serverRefusalText(e, scenario);
      // The seats may have changed meanwhile (someone took this one): shown again, with why this one was not had.
      await this.lookup();
      stage.error ??= refused;
      this.render();
    }
  }

  private joinPage(stage: JoinStage): HTMLElement {
    const page = h('div', { class: 'cx-page', attrs: { 'data-testid': 'cx-join' } });
    page.append(h('p', { class: 'cx-kicker', text: 'NATO · OTAN' }), h('h1', { text: x('exercise.classroom.joinTitle'), attrs: { tabindex: -1 } }), h('div', { class: 'cx-bar' }, this.langSwitch(), btn(x('exercise.back'), () => this.close(), { testId: 'cx-back' })));
    const code = textInput(stage.code, { testId: 'cx-join-code-input', maxlength: 6 });
    code.autocapitalize = 'characters';
    code.addEventListener('input', () => (stage.code = code.value.trim().toUpperCase()));
    const holder = textInput(stage.holder, { testId: 'cx-join-holder', maxlength: 60 });
    holder.addEventListener('input', () => (stage.holder = holder.value));
    const pass = textInput(stage.passphrase, { testId: 'cx-join-passphrase', maxlength: 100 });
    pass.type = 'password';
    pass.addEventListener('input', () => (stage.passphrase = pass.value));
    // The form's submit button: Enter in any of its fields looks the code up, as the button does.
    const find = btn(x('exercise.classroom.lookup'), () => undefined, { primary: !stage.lookup, testId: 'cx-lookup', disabled: stage.busy });
    find.type = 'submit';
    const form = h('form', { attrs: { 'data-testid': 'cx-join-form' } }, h('p', { text: x('exercise.classroom.joinLead') }), h('div', { class: 'cx-row' }, field(x('exercise.classroom.code'), code), field(x('exercise.classroom.holder'), holder)), stage.lookup?.passphrase || stage.askPassphrase ? h('div', { class: 'cx-row' }, field(x('exercise.classroom.passphrase'), pass)) : null, h('div', { class: 'cx-row' }, find));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.lookup();
    });
    page.append(panel(x('exercise.classroom.joinTitle'), { testId: 'cx-join-panel' }, form));
    if (stage.error) page.append(errorBox(stage.error, 'cx-join-error'));
    if (stage.busy) page.append(h('p', { attrs: { role: 'status' }, text: x('exercise.classroom.joining') }));
    const found = stage.lookup;
    const scenario = found ? this.known(found.scenarioId) : undefined;
    if (found && scenario) {
      const rows = found.seats.map((seat) => [
        roleLabel(scenario, seat.role),
        seat.free ? x('exercise.classroom.free') : x('exercise.classroom.taken'),
        btn(x('exercise.classroom.take', { role: roleLabel(scenario, seat.role) }), () => void this.take(seat.role), { testId: `cx-take-${seat.role}`, disabled: !seat.free || stage.busy, primary: seat.free }),
      ]);
      page.append(
        panel(
          x('exercise.classroom.seatsTitle', { title: localized(scenario.title) }),
          { testId: 'cx-join-seats', wide: true },
          // Behind a passphrase the server lists the seats only to someone who gave it.
          found.seats.some((seat) => seat.free) ? null : h('p', { text: x(found.passphrase && !found.seats.length ? 'exercise.classroom.passphraseFirst' : 'exercise.classroom.noFree') }),
          table([x('exercise.setup.role'), x('exercise.classroom.seatState'), ''], rows),
        ),
      );
    }
    return page;
  }

  /** A campaign's scores so far and its next era, once an era is over. */
  private campaignPanel(client: ExerciseClient, run: CampaignRun): HTMLElement {
    // The era's score, from its record (the report's own figure): worked out again once the record has
    // changed, as a rewind from the era's end plays a branch to another end.
    const record = client.record();
    const scoredAt = `${run.index}:${record.log.length}`;
    if (this.campaignScored !== scoredAt || run.scores[run.index] === undefined) {
      run.scores[run.index] = buildAar(client.scenario, record, { seeds: 0 }).score.score;
      this.campaignScored = scoredAt;
    }
    const title = (id: string) => {
      const sc = this.known(id);
      return sc ? localized(sc.title) : id;
    };
    const rows = run.scores.map((score, i) => h('li', { text: x('exercise.campaign.row', { n: i + 1, title: title(run.eras[i]), score: score.toLocaleString(getLanguage() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }) }) }));
    const nextId = run.eras[run.index + 1];
    return panel(
      x('exercise.campaign.title'),
      { testId: 'cx-campaign', wide: true },
      nextId ? h('p', { text: x('exercise.campaign.lead', { n: run.index + 1, total: run.eras.length }) }) : h('p', { text: x('exercise.campaign.done') }),
      h('h3', { text: x('exercise.campaign.scores') }),
      h('ul', { class: 'cx-list', attrs: { 'data-testid': 'cx-campaign-scores' } }, ...rows),
      nextId && client.mode === 'classroom' ? h('p', { class: 'cx-muted', text: x('exercise.campaign.classroom') }) : null,
      nextId ? btn(x('exercise.campaign.next', { n: run.index + 2, title: title(nextId) }), () => this.nextEra(run), { primary: true, testId: 'cx-campaign-next' }) : null,
    );
  }

  /**
   * The campaign's next era, with the same seed, consensus rule and timers. Seats carry by
   * role: a role the next era also has keeps its seat; a role new in it is held when a role of
   * its kind (a capital, a partner team, a red cell) was held in the era before.
   */
  private nextEra(run: CampaignRun): void {
    const before = this.known(run.eras[run.index]);
    const after = this.known(run.eras[run.index + 1]);
    if (!before || !after) return;
    const f = this.form;
    const had = new Set(scenarioRoles(before));
    const kinds = new Set([...f.held].map((r) => roleKind(r)));
    f.held = new Set(scenarioRoles(after).filter((r) => r !== 'observer' && (f.held.has(r) || (!had.has(r) && kinds.has(roleKind(r))))));
    f.scenarioId = after.id;
    f.msel = null;
    f.mselName = '';
    f.mselProblems = [];
    run.index += 1;
    this.start();
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
        btn(x('exercise.aar.json'), () => download(fileName(client.setup, 'aar.json', client.classroom?.code), aarJson(buildAar(client.scenario, record, { lang }))), { testId: 'cx-aar-json' }),
        btn(x('exercise.aar.csv'), () => download(fileName(client.setup, 'aar.csv', client.classroom?.code), aarCsv(buildAar(client.scenario, record, { lang })), 'text/csv'), { testId: 'cx-aar-csv' }),
        btn(x('exercise.aar.html'), () => download(fileName(client.setup, 'aar.html', client.classroom?.code), aarHtml(buildAar(client.scenario, record, { lang }), lang), 'text/html'), { testId: 'cx-aar-html' }),
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

/** A message's text, in the page's language now. */
const said = (text: string | (() => string)): string => (typeof text === 'function' ? text() : text);

/** Why a file was refused, in the page's language. */
const inLanguage = (refusal: { reason: string; fr: string }): string => (getLanguage() === 'fr' ? refusal.fr : refusal.reason);

/** Re-renders on any change: the White Cell's view changes with every move (a classroom seat hears its own). */
function subscribeAll(client: ExerciseClient, role: RoleId, onChange: () => void): () => void {
  let first = true;
  const off = client.subscribe(role, () => {
    if (first) {
      first = false;
      return;
    }
    onChange();
  });
  return off;
}

function openAar(scenario: Scenario, record: ExerciseRecord, lang: Language): void {
  openHtml(aarHtml(buildAar(scenario, record, { lang }), lang));
}


/** A report in a new tab (printable from there). */
function openHtml(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank');
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The classroom's client (Colyseus), loaded when a classroom is used, not for an exercise on
 * one laptop — from the server that served this page: when that server has stopped, the page
 * says it does not answer, as the client's own calls do (the same `unreachable` code), rather
 * than the browser's sentence about a module.
 */
const classroom = () =>
  import('./classroom').catch((error: Error) => {
    throw Object.assign(new Error(`the classroom server does not answer (${error.message})`), { status: 0, code: 'unreachable' });
  });

/** The command that opens the classroom server to the room's network. */
const LAN_COMMAND = 'npm run classroom -- --lan';

/** A sentence (its key) with a command in it (`{{command}}`): the command as code, on one line where the screen is wide enough. */
function withCommand(key: Parameters<typeof x>[0], command: string): (string | HTMLElement)[] {
  const text = x(key, { command });
  const at = text.indexOf(command);
  if (at < 0) return [text];
  return [text.slice(0, at), h('code', { class: 'cx-command', text: command }), text.slice(at + command.length)];
}

/** A QR code as SVG, drawn here (no network); cached per address. */
const qrCache = new Map<string, Promise<string>>();
function qrSvg(url: string): Promise<string> {
  let svg = qrCache.get(url);
  if (!svg) qrCache.set(url, (svg = import('qrcode').then((m) => m.default.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))));
  return svg;
}

/** Opens the exercise set-up over the title screen. */
export function openExercise(host: ExerciseHost): ExerciseApp {
  current?.close();
  return new ExerciseApp(host);
}

export type { RoleView };

/** The button that downloads an exercise's record as its `exercise.json` (named as every download: era, seed, join code, time). */
function recordButton(record: () => ExerciseRecord, testId: string, code?: string): HTMLButtonElement {
  return btn(
    x('exercise.downloadRecord'),
    () => {
      const r = record();
      download(fileName(r.setup, 'exercise.json', code), JSON.stringify(r, null, 1));
    },
    { testId },
  );
}
