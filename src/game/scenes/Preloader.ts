/**
 * Shows the loading of what the game needs before the title screen, with a real progress
 * bar (shown only if loading outlasts SHOW_AFTER_MS): the scenario files, whose fetching
 * starts as soon as the game's script runs (scenarioFiles.ts; index.html already preloads
 * them), then the scenarios are handed to the bridge. Then the router shows the screen
 * for the phase. Nothing else holds the title back: the sound module (Howler, the audio
 * device and its cue files), the board's code and its world map data are fetched by the
 * title screen once it takes input.
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';
import { t } from '../../i18n';
import { initBridge } from '../bridge';
import { loadScenarioFiles, type ScenarioFiles } from '../scenarioFiles';
import { getRouter } from '../router';
import { drawBackdrop } from '../ui/backdrop';
import { h, mountScreen } from '../ui/dom';

/** Share of the bar for the files; the rest is starting the game's flow. */
const FILES_SHARE = 0.7;
/** How long loading may take before the loading screen is shown at all. */
const SHOW_AFTER_MS = 150;

export class Preloader extends Scene {
  private bar: HTMLElement | null = null;
  private label: HTMLElement | null = null;
  private progressbar: HTMLElement | null = null;
  private showTimer: number | undefined;
  private waiting = false;

  constructor() {
    super(SCENE.Preloader);
  }

  init(): void {
    this.bar = null;
    this.label = null;
    this.progressbar = null;
    this.showTimer = undefined;
    this.waiting = false;
  }

  create(): void {
    performance.mark('coopsec:preload');
    const loading = loadScenarioFiles();
    if (loading.files) {
      this.begin(loading.files);
      return;
    }
    // Still on their way: the loading screen appears only when they take longer than a
    // glance, instead of flashing up before the title.
    this.waiting = true;
    this.showTimer = window.setTimeout(() => this.showScreen(), SHOW_AFTER_MS);
    loading.onProgress = (fraction) => this.setProgress(fraction * FILES_SHARE);
    void loading.done.then((files) => {
      loading.onProgress = null;
      if (this.sys.isActive()) this.begin(files);
    });
  }

  private showScreen(): void {
    this.showTimer = undefined;
    if (!this.waiting) return;
    drawBackdrop(this);
    mountScreen(this, (root) => {
      root.style.alignItems = 'center';
      root.style.justifyContent = 'center';
      this.bar = h('div');
      this.label = h('p', { class: 'cs-muted', text: t('shell.loadingPercent', { percent: 0 }) });
      this.progressbar = h(
        'div',
        { class: 'cs-progress', attrs: { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-label': t('shell.loading') } },
        this.bar,
      );
      root.append(h('p', { class: 'cs-kicker', text: t('shell.gameTitle') }), h('p', { class: 'cs-lead', text: t('shell.loading') }), this.progressbar, this.label);
    });
    const loading = loadScenarioFiles();
    this.setProgress((loading.settled / Math.max(1, loading.total)) * FILES_SHARE);
  }

  /** The files are in: the bridge takes them and the router shows the title, in this same task. */
  private begin(files: ScenarioFiles): void {
    this.waiting = false;
    window.clearTimeout(this.showTimer);
    this.showTimer = undefined;
    performance.mark('coopsec:files');
    this.setProgress(FILES_SHARE);
    initBridge(files);
    performance.mark('coopsec:scenarios');
    this.setProgress(1);
    getRouter()?.start();
    this.scene.stop();
  }

  private setProgress(value: number): void {
    const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
    if (this.bar) this.bar.style.width = `${percent}%`;
    if (this.label) this.label.textContent = t('shell.loadingPercent', { percent });
    this.progressbar?.setAttribute('aria-valuenow', String(percent));
  }
}
