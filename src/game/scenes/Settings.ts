/**
 * Settings, as an overlay over whatever scene opened it (title, board or game menu): master
 * volume, mute, reduced motion and language. Sound settings are kept by the sound module and the language by the
 * i18n layer, both remembered on this device; a language switch re-renders every open screen.
 * Escape or Close returns focus to the control that opened it.
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';
import { getSoundSettings, playCue, setMuted, setVolume } from '../../audio/sound';
import { getLanguage, LANGUAGES, setLanguage, t, type Language } from '../../i18n';
import { button, h, panel, uniqueId } from '../ui/dom';
import { OverlayScreen } from '../ui/overlay';
import { reducedMotion, setReducedMotion } from '../ui/motion';

export class Settings extends Scene {
  private readonly overlay = new OverlayScreen(this);

  constructor() {
    super(SCENE.Settings);
  }

  init(): void {
    this.overlay.remember();
  }

  create(): void {
    this.overlay.mount(t('shell.settings.title'), (root) => this.render(root));
  }

  private render(root: HTMLElement): void {
    const sound = getSoundSettings();
    const volumeId = uniqueId('volume');
    const valueText = h('span', { class: 'cs-muted', text: t('shell.settings.volumeValue', { percent: Math.round(sound.volume * 100) }) });
    const slider = h('input', {
      class: 'cs-range',
      id: volumeId,
      attrs: { type: 'range', min: 0, max: 100, step: 5, value: Math.round(sound.volume * 100), 'data-testid': 'settings-volume', 'data-autofocus': true },
    });
    slider.addEventListener('input', () => {
      setVolume(Number(slider.value) / 100);
      valueText.textContent = t('shell.settings.volumeValue', { percent: Number(slider.value) });
    });
    // A click after the slider settles lets the player hear the new level.
    slider.addEventListener('change', () => playCue('click'));

    const muteId = uniqueId('mute');
    const mute = h('input', { class: 'cs-check', id: muteId, attrs: { type: 'checkbox', 'data-testid': 'settings-mute' } });
    mute.checked = sound.muted;
    mute.addEventListener('change', () => setMuted(mute.checked));

    const motionId = uniqueId('motion');
    const motion = h('input', { class: 'cs-check', id: motionId, attrs: { type: 'checkbox', 'data-testid': 'settings-motion' } });
    motion.checked = reducedMotion();
    motion.addEventListener('change', () => setReducedMotion(motion.checked));
    const motionPanel = panel(t('menu.settingsDisplay'), h('div', { class: 'cs-row' }, motion, h('label', { class: 'cs-label', text: t('menu.settingsMotion'), attrs: { for: motionId } })));

    const soundPanel = panel(
      t('shell.settings.sound'),
      h(
        'div',
        { class: 'cs-field' },
        h('div', { class: 'cs-row' }, h('label', { class: 'cs-label', text: t('shell.settings.volume'), attrs: { for: volumeId } }), valueText),
        slider,
        h('div', { class: 'cs-row' }, mute, h('label', { class: 'cs-label', text: t('shell.settings.mute'), attrs: { for: muteId } })),
        h('p', { class: 'cs-muted cs-small', text: t('shell.settings.captionsNote') }),
      ),
    );

    const current = getLanguage();
    const languages = h('div', { class: 'cs-row', attrs: { role: 'group', 'aria-label': t('shell.settings.language') } });
    for (const lang of LANGUAGES) {
      languages.append(
        button(t(`language.${lang}`), () => this.choose(lang), {
          pressed: lang === current,
          id: `settings-lang-${lang}`,
          testId: `settings-lang-${lang}`,
        }),
      );
    }
    const languagePanel = panel(t('shell.settings.language'), languages);

    const dialog = h(
      'div',
      { class: 'cs-panel cs-dialog', attrs: { style: 'width: 820px;' } },
      h('h1', { class: 'cs-h1', text: t('shell.settings.title') }),
      soundPanel,
      motionPanel,
      languagePanel,
      h('p', { class: 'cs-muted cs-small', text: t('shell.settings.remembered') }),
      h('div', { class: 'cs-row' }, button(t('shell.settings.close'), () => this.overlay.close(), { variant: 'primary', testId: 'settings-close', id: 'settings-close' })),
    );
    root.append(dialog);
  }

  private choose(lang: Language): void {
    setLanguage(lang);
  }
}
