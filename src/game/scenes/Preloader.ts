/**
 * Loads what the game needs before the title screen, with a real progress bar (shown only
 * if loading outlasts SHOW_AFTER_MS): the scenario files (through Phaser's loader, in
 * parallel; index.html already preloads them), then the scenarios are validated as the
 * bridge starts. Then the router shows the screen for the phase. Nothing else holds the
 * title back: the sound module (Howler, the audio device and its cue files), the board's
 * code and its world map data are fetched by the title screen once it takes input.
 */
import { Loader, Scene, Scenes } from 'phaser';
import { t } from '../../i18n';
import { initBridge } from '../bridge';
import { SCENARIO_URLS } from '../catalogue';
import { getRouter } from '../router';
import { drawBackdrop } from '../ui/backdrop';
import { h, mountScreen } from '../ui/dom';

/** Share of the bar for the files; the rest is validating the scenarios. */
const FILES_SHARE = 0.7;
/** How long loading may take before the loading screen is shown at all. */
const SHOW_AFTER_MS = 150;

export class Preloader extends Scene {
  private bar: HTMLElement | null = null;
  private label: HTMLElement | null = null;
  private progressbar: HTMLElement | null = null;
  private showTimer: number | undefined;

  constructor() {
    super('Preloader');
  }

  init(): void {
    this.bar = null;
    this.label = null;
    this.progressbar = null;
    this.showTimer = undefined;
  }

  preload(): void {
    performance.mark('coopsec:preload');
    // The files are usually in already (index.html preloads them): the loading screen only
    // appears when they take longer than a glance, instead of flashing up before the title.
    this.showTimer = window.setTimeout(() => this.showScreen(), SHOW_AFTER_MS);
    this.load.on(Loader.Events.PROGRESS, (value: number) => this.setProgress(value * FILES_SHARE));
    for (const [name, url] of Object.entries(SCENARIO_URLS)) this.load.json(`scenario:${name}`, url);
  }

  private showScreen(): void {
    this.showTimer = undefined;
    if (this.sys.settings.status !== Scenes.LOADING) return;
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
    this.setProgress(this.load.progress * FILES_SHARE);
  }

  create(): void {
    window.clearTimeout(this.showTimer);
    this.showTimer = undefined;
    performance.mark('coopsec:files');
    // No frame is spent painting the bar at 70% before validating: the title follows at once
    // (the loader completes outside Phaser's step, so the Title scene starts in this task).
    this.setProgress(FILES_SHARE);
    const files = Object.fromEntries(Object.keys(SCENARIO_URLS).map((name) => [name, this.cache.json.get(`scenario:${name}`) as unknown]));
    initBridge(files);
    performance.mark('coopsec:scenarios');
    this.setProgress(1);
    // The bridge holds the validated scenarios; Phaser's copies are not needed.
    for (const key of this.cache.json.getKeys()) if (key.startsWith('scenario:')) this.cache.json.remove(key);
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
