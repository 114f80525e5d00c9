/**
 * Loads what the game needs before the title screen, with a real progress bar: the scenario
 * files and the sound cues' files (through Phaser's loader), then the scenarios are validated
 * as the bridge starts. The sound module (Howler, the audio device and its decoded cues) starts alongside,
 * without holding the title screen back. Then the router shows the screen for the phase.
 */
import { Loader, Scene } from 'phaser';
import { initSound } from '../../audio/sound';
import { t } from '../../i18n';
import { initBridge } from '../bridge';
import { SCENARIO_URLS } from '../catalogue';
import { getRouter } from '../router';
import { drawBackdrop } from '../ui/backdrop';
import { h, mountScreen } from '../ui/dom';

// The cue files the sound module plays first (music beds stream in when an era starts).
const CUE_FILES: Record<string, string> = import.meta.glob('../../../assets/audio/{click,stinger,turn-end}.ogg', {
  eager: true,
  query: '?url',
  import: 'default',
});

/** Share of the bar for the files; the rest is the sound module and the scenarios. */
const FILES_SHARE = 0.7;

export class Preloader extends Scene {
  private bar: HTMLElement | null = null;
  private label: HTMLElement | null = null;
  private progressbar: HTMLElement | null = null;

  constructor() {
    super('Preloader');
  }

  init(): void {
    this.bar = null;
    this.label = null;
    this.progressbar = null;
  }

  preload(): void {
    performance.mark('coopsec:preload');
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

    this.load.on(Loader.Events.PROGRESS, (value: number) => this.setProgress(value * FILES_SHARE));
    for (const [name, url] of Object.entries(SCENARIO_URLS)) this.load.json(`scenario:${name}`, url);
    for (const [path, url] of Object.entries(CUE_FILES)) {
      // Tiny files are inlined by the bundler as data: URLs; they are already here.
      if (url.startsWith('data:')) continue;
      this.load.binary(`audio:${path.replace(/^.*\//, '')}`, url);
    }
  }

  async create(): Promise<void> {
    performance.mark('coopsec:files');
    this.setProgress(FILES_SHARE);
    // Howler and the audio device start in the background: opening an AudioContext can take
    // hundreds of milliseconds, and the sound module keeps any cue or music asked for meanwhile.
    void initSound().then(() => performance.mark('coopsec:sound'));
    await nextFrame();
    this.setProgress(0.85);
    const files = Object.fromEntries(Object.keys(SCENARIO_URLS).map((name) => [name, this.cache.json.get(`scenario:${name}`) as unknown]));
    initBridge(files);
    performance.mark('coopsec:scenarios');
    this.setProgress(1);
    // The files are in the browser's cache now; Phaser's copies are not needed.
    for (const key of this.cache.binary.getKeys()) if (key.startsWith('audio:')) this.cache.binary.remove(key);
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

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
