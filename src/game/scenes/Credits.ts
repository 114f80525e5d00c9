/**
 * Sources & credits, as an overlay: the essay the game is built on, the map and flag data,
 * every source the bundled scenarios cite (frameworks, programmes, partners and events,
 * deduplicated, in a scrollable list), and the libraries with their licences.
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';
import { t } from '../../i18n';
import { getBridge } from '../bridge';
import { button, h, panel } from '../ui/dom';
import { OverlayScreen } from '../ui/overlay';

/** Every distinct source URL the bundled scenarios cite, in a stable order. */
export function scenarioSources(): string[] {
  const urls = new Set<string>();
  const scenarios = Object.values(getBridge().catalogue.scenarios).sort((a, b) => a.era - b.era);
  for (const s of scenarios) {
    for (const item of [...s.frameworks, ...s.programmes, ...s.partners, ...s.events]) urls.add(item.source);
  }
  return [...urls];
}

export class Credits extends Scene {
  private readonly overlay = new OverlayScreen(this);

  constructor() {
    super(SCENE.Credits);
  }

  init(): void {
    this.overlay.remember();
  }

  create(): void {
    this.overlay.mount(t('shell.credits.title'), (root) => this.render(root));
  }

  private render(root: HTMLElement): void {
    const sources = scenarioSources();
    const list = h('ul', { class: 'cs-list cs-small' });
    for (const url of sources) {
      list.append(h('li', {}, h('a', { text: url, attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' } })));
    }
    const scroller = h('div', { class: 'cs-scroll', attrs: { style: 'max-height: 250px; padding-right: 12px;', tabindex: 0, 'data-testid': 'credits-sources', 'aria-label': t('shell.credits.scenarioHeading') } }, list);

    const close = button(t('shell.credits.close'), () => this.overlay.close(), { variant: 'primary', testId: 'credits-close', id: 'credits-close' });
    close.dataset.autofocus = '';

    const dialog = h(
      'div',
      { class: 'cs-panel cs-dialog', attrs: { style: 'width: 1400px; max-height: 1000px;' } },
      h('h1', { class: 'cs-h1', text: t('shell.credits.title') }),
      h(
        'div',
        { class: 'cs-scroll cs-field', attrs: { style: 'gap: 16px;' } },
        panel(t('shell.credits.essayHeading'), h('p', { text: t('shell.credits.essay') })),
        h(
          'div',
          { attrs: { style: 'display: grid; grid-template-columns: 1fr 1fr; gap: 16px;' } },
          panel(t('shell.credits.dataHeading'), h('p', { class: 'cs-small', text: t('shell.credits.naturalEarth') }), h('p', { class: 'cs-small', text: t('shell.credits.flags') })),
          panel(
            t('shell.credits.librariesHeading'),
            h('p', { class: 'cs-small', text: t('shell.credits.libraries') }),
            h('p', { class: 'cs-small', text: t('shell.credits.sounds') }),
            h('p', { class: 'cs-small', text: t('shell.credits.licence') }),
          ),
        ),
        panel(t('shell.credits.scenarioHeading'), h('p', { class: 'cs-small cs-muted', text: t('shell.credits.scenarioIntro', { count: sources.length }) }), scroller),
      ),
      h('div', { class: 'cs-row' }, close),
    );
    root.append(dialog);
  }
}
