/**
 * The title screen: new campaign, a single era, the tutorial, Continue (with the stored
 * game's scenario, year and phase), loading and exporting save files, settings, and
 * sources & credits. It also says plainly when a stored save could not be read (the data is
 * kept aside by the bridge) or when a scenario file failed validation. Starting a game only
 * sends `game.start` — the router then shows the era briefing.
 *
 * "Your own eras" opens a player's scenario file (file picker, or a file dropped anywhere on
 * this screen), checks it with the shipped eras' loader and schema (catalogue.ts), lists
 * what is wrong by file and JSON path, and plays a valid one as a single era; kept eras are
 * listed there for the next visit, each with a Remove button (README, "Write your own era").
 */
import { SCENE } from '../sceneKeys';
import { openGameMenu } from '../sceneRegistry';
import { Scene } from 'phaser';
import { hasKey, localized, t } from '../../i18n';
import type { ShellKey } from '../../i18n/shell.en';
import { initSound, stopMusic } from '../../audio/sound';
import { CAMPAIGN_ID } from '../../flow/machine';
import { getBridge, SAVE_KEY } from '../bridge';
import { STORAGE_OK } from './Boot';
import { markReady } from '../automation';
import { launchExercise, launchJoin, onExerciseClosed } from '../exercise/automation';
import { CLASSROOM_META, hasKeptExercise, savedSessions } from '../exercise/sessions';
import { ensureScene } from '../sceneRegistry';
import { phaseLabel, getRouter } from '../router';
import { drawBackdrop } from '../ui/backdrop';
import { WORLD_ATLAS_KEY, WORLD_ATLAS_URL } from '../map/atlasAsset';
import { button, download, focusFirst, h, mountScreen, notice, type Screen } from '../ui/dom';
import { openPastGames } from '../debrief/pastGamesDialog';
import { tr } from '../board/text';
import { openScenarioFile } from '../scenarioFiles';
import '../debrief/debrief.css';

type View = 'menu' | 'eras' | 'custom';

/** What opening a scenario file said: a sentence, and the problems when it failed. */
interface CustomStatus {
  tone: 'good' | 'bad';
  text: string;
  problems: string[];
}

/** At most this many problems are listed (the rest are counted); a file with a wrong shape can have hundreds. */
const PROBLEMS_SHOWN = 12;

export class Title extends Scene {
  private view: View = 'menu';
  /** A message from the last Load or Export, shown under the menu. */
  private status: { tone: 'good' | 'bad'; text: string } | null = null;
  private screen: Screen | null = null;
  private fileInput: HTMLInputElement | null = null;
  private customInput: HTMLInputElement | null = null;
  private customStatus: CustomStatus | null = null;
  /** The era to focus after a render (the one just opened). */
  private focusAfter: string | null = null;
  private dragging = false;

  constructor() {
    super(SCENE.Title);
  }

  init(): void {
    this.view = 'menu';
    this.status = null;
    this.screen = null;
    this.fileInput = null;
    this.customInput = null;
    this.customStatus = null;
    this.focusAfter = null;
    this.dragging = false;
  }

  create(): void {
    stopMusic();
    drawBackdrop(this, { emblem: true });
    this.screen = mountScreen(this, (root) => this.render(root), {
      label: t('shell.gameTitle'),
      back: () => {
        if (this.view !== 'menu') this.show('menu');
      },
    });
    // Laid out to fit a laptop's window (theme.css, .cs-title-screen).
    this.screen.root.classList.add('cs-title-screen');
    focusFirst(this.screen.root);
    this.acceptDrops(this.screen.root);
    markReady();
    // Back from the exercise's screens, the menu says again whether an exercise is kept on this laptop.
    const offClosed = onExerciseClosed(() => this.screen?.rerender());
    this.events.once('shutdown', offClosed);
    // The scenario files are validated now the screen takes input; a problem found shows here.
    const catalogue = getBridge().catalogue;
    if (!catalogue.settled) {
      const off = catalogue.onProblems(() => this.screen?.rerender());
      this.events.once('shutdown', off);
      catalogue.settleWhenIdle();
    }
    // Neither sound, nor the board's code, nor its map data is needed to show this screen:
    // fetch them once it takes input, while the player reads. Opening an AudioContext and
    // decoding the cues can take hundreds of milliseconds; the sound module keeps any music
    // asked for meanwhile, and a click cue before then still shows its caption. The board
    // fetches the map data itself if this has not finished (MapLayer.preload).
    window.setTimeout(() => {
      void initSound().then(() => performance.mark('coopsec:sound'));
      getRouter()?.prefetch();
      if (this.sys.isActive() && !this.cache.json.exists(WORLD_ATLAS_KEY)) {
        this.load.json(WORLD_ATLAS_KEY, WORLD_ATLAS_URL);
        this.load.start();
      }
    }, 200);
  }

  private show(view: View): void {
    this.view = view;
    this.screen?.rerender();
    if (this.screen) focusFirst(this.screen.root);
  }

  private render(root: HTMLElement): void {
    const bridge = getBridge();
    // Reading the stored save also moves an unreadable one aside and records why.
    const stored = bridge.storedSave();

    const notices: HTMLElement[] = [];
    if (this.registry.get(STORAGE_OK) === false) notices.push(notice('bad', t('shell.title.noStorage')));
    // The classroom server marks its page: its era files lack what only the server may know.
    if (document.querySelector('meta[name="coopsec-classroom"]')) {
      notices.push(notice('warn', t('shell.title.classroomPage')));
      notices[notices.length - 1].dataset.testid = 'title-classroom-page';
    }
    if (bridge.saveProblem) {
      notices.push(notice('bad', t('shell.title.saveProblem', { reason: saveReason(bridge.saveProblem) })));
      notices[notices.length - 1].dataset.testid = 'save-problem';
    }
    if (bridge.scenarioProblems.length) {
      const list = h('ul', {}, ...bridge.scenarioProblems.slice(0, 6).map((p) => h('li', { text: localized(p) })));
      const block = notice('warn', h('span', { text: t('shell.title.scenarioProblems') }), list);
      block.dataset.testid = 'scenario-problems';
      notices.push(block);
    }
    if (this.status) {
      const block = notice(this.status.tone, this.status.text);
      block.dataset.testid = 'title-status';
      notices.push(block);
    }

    const header = h(
      'header',
      { class: 'cs-field' },
      h('p', { class: 'cs-kicker', text: 'NATO · OTAN' }),
      h('h1', { class: 'cs-title', text: t('shell.gameTitle') }),
      h('p', { class: 'cs-lead', text: t('shell.gameSubtitle') }),
      h('p', { class: 'cs-muted', text: t('shell.tagline') }),
    );

    const body = this.view === 'menu' ? this.menu(stored) : this.view === 'eras' ? this.eraChooser() : this.customEras();
    const left = h('div', { class: 'cs-field', attrs: { style: 'width: 960px; gap: 18px;' } }, header, ...notices, body);
    root.append(left, h('div', { class: 'cs-spacer' }), h('p', { class: 'cs-muted cs-small', text: t('shell.title.keysHint') }));
  }

  private menu(stored: ReturnType<ReturnType<typeof getBridge>['storedSave']>): HTMLElement {
    const bridge = getBridge();
    // Headings only: the files may still be being validated (see catalogue.ts).
    const eras = bridge.catalogue.headings;
    // The tutorial is written for the campaign's first era: without that era, there is none.
    const era1 = eras.find((e) => e.id === bridge.catalogue.firstEra)?.id;
    const partial = eras.length < bridge.catalogue.expected;
    const scenarioName = (id: string | null) => {
      const heading = eras.find((e) => e.id === id) ?? bridge.catalogue.customHeadings.find((e) => e.id === id);
      return heading ? localized(heading.title) : (id ?? '');
    };

    const served = !!document.querySelector(`meta[name="${CLASSROOM_META}"]`);
    const continueButton = button(t('shell.title.continue'), () => this.continueGame(), {
      variant: stored ? 'primary' : 'secondary',
      disabled: !stored,
      testId: 'title-continue',
      id: 'title-continue',
      detail: stored
        ? t('shell.title.continueDetail', { scenario: scenarioName(stored.scenarioId), year: stored.year ?? '', phase: phaseLabel(stored.phase) })
        : t('shell.title.continueNone'),
    });
    if (stored) continueButton.dataset.autofocus = '';

    const newCampaign = button(t('shell.title.newCampaign'), () => this.startGame(CAMPAIGN_ID, 'campaign'), {
      variant: stored || served ? 'secondary' : 'primary',
      // Name what is there when an era's file failed (the problems are listed above).
      detail: partial ? t('shell.title.newCampaignDetailPartial', { count: eras.length }) : t('shell.title.newCampaignDetail'),
      testId: 'title-new-campaign',
      id: 'title-new-campaign',
      disabled: !eras.length,
    });
    const single = button(t('shell.title.singleEra'), () => this.show('eras'), {
      detail: partial ? t('shell.title.singleEraDetailPartial', { count: eras.length }) : t('shell.title.singleEraDetail'),
      testId: 'title-single-era',
      id: 'title-single-era',
      disabled: !eras.length,
    });
    const tutorial = button(t('shell.title.tutorial'), () => era1 && this.startGame(era1, 'tutorial'), {
      detail: t('shell.title.tutorialDetail'),
      testId: 'title-tutorial',
      id: 'title-tutorial',
      disabled: !era1,
    });

    this.fileInput = h('input', { class: 'visually-hidden', attrs: { type: 'file', accept: '.json,application/json', tabindex: -1, 'aria-hidden': 'true', 'data-testid': 'title-load-input' } });
    this.fileInput.addEventListener('change', () => void this.importFile());
    const load = button(t('shell.title.load'), () => this.fileInput?.click(), { detail: t('shell.title.loadDetail'), testId: 'title-load', id: 'title-load' });
    const exportSave = button(t('shell.title.exportSave'), () => this.exportStored(), {
      detail: stored ? t('shell.title.exportDetail') : t('shell.title.exportNone'),
      disabled: !stored,
      testId: 'title-export',
      id: 'title-export',
    });
    // The facilitated exercise's screens come in their own chunk, fetched on this click.
    const exercise = button(t('exercise.open'), () => void launchExercise(() => document.getElementById('title-exercise')?.focus()), {
      detail: hasKeptExercise() ? t('exercise.openDetailKept') : t('exercise.openDetail'),
      testId: 'title-exercise',
      id: 'title-exercise',
      disabled: !eras.length,
    });
    // On a page the classroom server gave, a team's laptop joins from here too (a laptop that left its seat, or came to
    // the game's address without the join link): straight back to the newest seat this browser holds, else the code field.
    const seat = served ? savedSessions().find((s) => s.role !== 'white') : undefined;
    const join = served
      ? button(t('exercise.joinOpen'), () => void launchJoin(seat?.code ?? ''), {
          detail: seat ? t('exercise.joinOpenSeat', { code: seat.code }) : t('exercise.joinOpenDetail'),
          // What a page the classroom server gave is for: first, and where the keyboard starts.
          variant: 'primary',
          testId: 'title-join',
          id: 'title-join',
        })
      : null;
    if (join) {
      join.dataset.autofocus = '';
      delete continueButton.dataset.autofocus;
    }
    // The named save slots and the autosave, as the in-game menu lists them.
    const slots = button(t('menu.slots.loadTitle'), () => openGameMenu(this.game, 'load'), { detail: t('menu.slots.titleDetail'), testId: 'title-slots', id: 'title-slots' });
    const past = button(tr('debrief.pastTitle'), () => openPastGames(this.game), { detail: tr('debrief.pastDetail'), testId: 'title-past', id: 'title-past' });
    const settings = button(t('shell.title.settings'), () => this.openOverlay('Settings'), { variant: 'ghost', testId: 'title-settings', id: 'title-settings' });
    const credits = button(t('shell.title.credits'), () => this.openOverlay('Credits'), { variant: 'ghost', testId: 'title-credits', id: 'title-credits' });

    const custom = button(t('shell.title.custom'), () => this.show('custom'), { detail: t('shell.title.customDetail'), testId: 'title-custom', id: 'title-custom' });

    const grid = h('nav', { class: 'cs-title-menu', attrs: { 'aria-label': t('shell.title.menu'), style: 'display: grid; grid-template-columns: 1fr 1fr;' } });
    grid.append(...(join ? [join] : []), continueButton, newCampaign, single, tutorial, slots, load, exportSave, exercise, past, custom, settings, credits, this.fileInput);
    return grid;
  }

  private eraChooser(): HTMLElement {
    const bridge = getBridge();
    const list = h('div', { attrs: { role: 'group', 'aria-label': t('shell.title.chooseEra'), style: 'display: grid; grid-template-columns: 1fr 1fr; gap: 16px;' } });
    for (const scenario of bridge.catalogue.headings) {
      const id = scenario.id;
      const b = button(`${scenario.era}. ${localized(scenario.title)}`, () => this.startGame(id, 'single'), {
        detail: t('shell.title.eraYears', { start: scenario.start, end: scenario.end }),
        testId: `title-era-${scenario.era}`,
        id: `title-era-${scenario.era}`,
      });
      list.append(b);
    }
    // An author's era placed in scenarios/ beside the campaign's (built into this game): after them, by its id.
    for (const scenario of bridge.catalogue.besideHeadings) {
      const id = scenario.id;
      list.append(
        button(`${scenario.era}. ${localized(scenario.title)}`, () => this.startGame(id, 'single'), {
          detail: t('shell.title.eraYearsBeside', { start: scenario.start, end: scenario.end, file: `scenarios/${id}.json` }),
          testId: `title-era-${id}`,
          id: `title-era-${id}`,
        }),
      );
    }
    const back = button(t('shell.title.back'), () => this.show('menu'), { variant: 'ghost', testId: 'title-back', id: 'title-back' });
    return h('div', { class: 'cs-field', attrs: { style: 'gap: 20px;' } }, h('h2', { class: 'cs-h2', text: t('shell.title.chooseEra') }), list, h('div', {}, back));
  }

  /** The player's own eras: open a file (picker or drop), the problems of the last one, and the kept eras to play or remove. */
  private customEras(): HTMLElement {
    const catalogue = getBridge().catalogue;
    this.customInput = h('input', { class: 'visually-hidden', attrs: { type: 'file', accept: '.json,application/json', tabindex: -1, 'aria-hidden': 'true', 'data-testid': 'custom-input' } });
    this.customInput.addEventListener('change', () => {
      const file = this.customInput?.files?.[0];
      if (file) void this.openFile(file);
    });
    const open = button(t('shell.title.customOpen'), () => this.customInput?.click(), { variant: 'primary', detail: t('shell.title.customOpenDetail'), testId: 'custom-open', id: 'custom-open' });
    const drop = h('p', {
      class: 'cs-muted',
      attrs: { 'data-testid': 'custom-drop', style: `margin: 0; padding: 14px 16px; border: 2px dashed ${this.dragging ? '#f0c64b' : 'rgba(127, 140, 160, 0.6)'}; border-radius: 8px;` },
      text: this.dragging ? t('shell.title.customDropHere') : t('shell.title.customDrop'),
    });

    const status: HTMLElement[] = [];
    if (this.customStatus) {
      const { tone, text, problems } = this.customStatus;
      const more = problems.length > PROBLEMS_SHOWN ? h('li', { text: t('shell.title.customMore', { count: problems.length - PROBLEMS_SHOWN }) }) : null;
      const list = problems.length ? h('ul', { attrs: { style: 'margin: 6px 0 0; padding-left: 20px; font-family: monospace; font-size: 15px;' } }, ...problems.slice(0, PROBLEMS_SHOWN).map((p) => h('li', { text: p })), more) : null;
      const block = notice(tone, h('span', { text }), list);
      block.dataset.testid = tone === 'good' ? 'custom-status' : 'custom-problems';
      status.push(block);
    }

    const kept = catalogue.customHeadings;
    const rows = h('ul', { attrs: { 'data-testid': 'custom-list', 'aria-label': t('shell.title.customKept'), style: 'list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;' } });
    for (const era of kept) {
      const title = localized(era.title);
      const play = button(`${t('shell.title.customPlay')}: ${era.era}. ${title}`, () => this.startGame(era.id, 'single'), {
        detail: era.broken ? t('shell.title.customBroken', { file: era.file }) : t('shell.title.customFileYears', { start: era.start, end: era.end, file: era.file }),
        disabled: era.broken,
        testId: `custom-play-${era.id}`,
        id: `custom-play-${era.id}`,
      });
      play.style.flex = '1';
      const remove = button(t('shell.title.customRemove'), () => this.removeCustom(era.id, title), { variant: 'ghost', testId: `custom-remove-${era.id}`, id: `custom-remove-${era.id}` });
      remove.setAttribute('aria-label', t('shell.title.customRemoveLabel', { title }));
      rows.append(h('li', { attrs: { style: 'display: flex; gap: 12px; align-items: stretch;' } }, play, remove));
    }
    const back = button(t('shell.title.back'), () => this.show('menu'), { variant: 'ghost', testId: 'title-back', id: 'title-back' });
    if (this.focusAfter) {
      const id = `custom-play-${this.focusAfter}`;
      this.focusAfter = null;
      window.setTimeout(() => document.getElementById(id)?.focus(), 0);
    }
    return h(
      'div',
      { class: 'cs-field', attrs: { style: 'gap: 16px;' } },
      h('h2', { class: 'cs-h2', text: t('shell.title.custom') }),
      h('p', { class: 'cs-small', attrs: { style: 'margin: 0; max-width: 900px;' }, text: t('shell.title.customLead') }),
      h('div', { attrs: { style: 'display: grid; grid-template-columns: 360px 1fr; gap: 16px; align-items: center;' } }, open, drop),
      ...status,
      h('h3', { class: 'cs-label', text: t('shell.title.customKept') }),
      kept.length ? rows : h('p', { class: 'cs-muted', attrs: { 'data-testid': 'custom-none', style: 'margin: 0;' }, text: t('shell.title.customNone') }),
      h('div', {}, back),
      this.customInput,
    );
  }

  /** Files dropped anywhere on the title screen open as scenarios (the "Your own eras" view shows the result). */
  private acceptDrops(root: HTMLElement): void {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    root.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      if (!this.dragging) {
        this.dragging = true;
        if (this.view === 'custom') this.screen?.rerender();
      }
    });
    root.addEventListener('dragleave', (e) => {
      if (e.relatedTarget && root.contains(e.relatedTarget as Node)) return;
      this.dragging = false;
      if (this.view === 'custom') this.screen?.rerender();
    });
    root.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      this.dragging = false;
      const file = e.dataTransfer?.files[0];
      if (file) void this.openFile(file);
    });
  }

  private async openFile(file: File): Promise<void> {
    const catalogue = getBridge().catalogue;
    const result = await openScenarioFile(catalogue, file);
    if (this.customInput) this.customInput.value = '';
    if (result.ok) {
      const s = result.scenario;
      const vars = { file: file.name, era: s.era, title: localized(s.title) };
      const text = !result.kept ? t('shell.title.customNotKept', vars) : result.replaced ? t('shell.title.customReplaced', vars) : t('shell.title.customOpened', vars);
      this.customStatus = { tone: 'good', text, problems: [] };
      this.focusAfter = s.id;
    } else if ('reason' in result) {
      this.customStatus = { tone: 'bad', text: result.reason === 'read' ? t('shell.title.customReadError') : t('shell.title.customNotFile'), problems: [] };
    } else {
      const problems = result.problems.map((p) => localized(p));
      this.customStatus = { tone: 'bad', text: t('shell.title.customFailed', { file: file.name, count: problems.length }), problems };
    }
    this.view = 'custom';
    this.screen?.rerender();
    if (!result.ok) document.getElementById('custom-open')?.focus();
  }

  private removeCustom(id: string, title: string): void {
    getBridge().catalogue.removeCustom(id);
    this.customStatus = { tone: 'good', text: t('shell.title.customRemoved', { title }), problems: [] };
    this.screen?.rerender();
    document.getElementById('custom-open')?.focus();
  }

  private startGame(scenarioId: string, mode: 'campaign' | 'single' | 'tutorial'): void {
    // Each new game gets its own dice; the seed is kept in the game state (and the save),
    // so the game can still be replayed exactly. The tutorial always plays the same year.
    const seed = mode === 'tutorial' ? undefined : Math.floor(Math.random() * 2 ** 31);
    const result = getBridge().send({ type: 'game.start', scenarioId, mode, seed });
    if (!result.ok) this.setStatus('bad', result.reason);
  }

  private continueGame(): void {
    const result = getBridge().load();
    if (!result.ok) this.setStatus('bad', t('shell.title.loadFailed', { reason: saveReason(result) }));
  }

  private async importFile(): Promise<void> {
    const file = this.fileInput?.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.setStatus('bad', t('shell.title.loadReadError'));
      return;
    }
    const result = getBridge().load(text);
    if (!result.ok) this.setStatus('bad', t('shell.title.loadFailed', { reason: saveReason(result) }));
  }

  private exportStored(): void {
    const stored = getBridge().storedSave();
    const text = localStorage.getItem(SAVE_KEY);
    if (!stored || !text) return;
    const name = `coopsec-${stored.scenarioId ?? 'game'}-${stored.year ?? 'start'}.json`;
    download(name, text);
    this.setStatus('good', t('shell.title.exported'));
  }

  private setStatus(tone: 'good' | 'bad', text: string): void {
    this.status = { tone, text };
    this.screen?.rerender();
  }

  private openOverlay(key: 'Settings' | 'Credits'): void {
    ensureScene(this.game, key);
    this.scene.launch(key);
    this.scene.bringToTop(key);
  }
}

/** A save problem in the player's language (the English reason when no translation exists). */
function saveReason(problem: { code?: string; reason: string; params?: Record<string, number | string> }): string {
  const key = `shell.saveReason.${problem.code}` as ShellKey;
  return problem.code && hasKey(key) ? t(key, problem.params) : problem.reason;
}
