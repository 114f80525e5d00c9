/**
 * The end of a campaign: each era played, with its score and grade (from the flow's results), and the
 * average; then back to the title screen (`phase.advance`, which resets the flow).
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';
import { stopMusic } from '../../audio/sound';
import { getLanguage, localized, t } from '../../i18n';
import { getBridge } from '../bridge';
import type { ShellKey } from '../../i18n/shell.en';
import { drawBackdrop } from '../ui/backdrop';
import { button, focusFirst, h, mountScreen } from '../ui/dom';
import { tr } from '../board/text';

export class CampaignEnd extends Scene {
  constructor() {
    super(SCENE.CampaignEnd);
  }

  create(): void {
    stopMusic();
    drawBackdrop(this, { emblem: true });
    const back = () => getBridge().send({ type: 'phase.advance' });
    const screen = mountScreen(this, (root) => this.render(root, back), { label: t(heading().title), back, next: back });
    focusFirst(screen.root);
  }

  private render(root: HTMLElement, back: () => void): void {
    const bridge = getBridge();
    const results = bridge.snapshot().context.results;
    const format = new Intl.NumberFormat(getLanguage() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

    const table = h('table', { class: 'cs-table', attrs: { 'data-testid': 'campaign-results' } });
    table.append(
      h('thead', {}, h('tr', {}, h('th', { text: t('shell.campaignEnd.era'), attrs: { scope: 'col' } }), h('th', { text: t('shell.campaignEnd.scenario'), attrs: { scope: 'col' } }), h('th', { class: 'cs-num', text: t('shell.campaignEnd.score'), attrs: { scope: 'col' } }), h('th', { text: t('shell.campaignEnd.grade'), attrs: { scope: 'col' } }))),
    );
    const body = h('tbody');
    for (const result of results) {
      const scenario = bridge.catalogue.scenarios[result.scenarioId];
      // The grade beside the score, as the debrief gives them: a high score can carry a middling grade.
      const grade = result.grade ? t('shell.campaignEnd.gradeOf', { grade: result.grade, band: tr(`debrief.band.${result.grade}`), met: result.met ?? 0, total: result.total ?? 0 }) : '—';
      body.append(h('tr', {}, h('td', { text: String(scenario?.era ?? '') }), h('td', { text: scenario ? localized(scenario.title) : result.scenarioId }), h('td', { class: 'cs-num', text: format.format(result.score) }), h('td', { text: grade, attrs: { 'data-testid': `campaign-grade-${result.scenarioId}` } })));
    }
    // An average of one era would only repeat its score.
    if (results.length > 1) {
      const average = results.reduce((sum, r) => sum + r.score, 0) / results.length;
      body.append(h('tr', {}, h('th', { text: t('shell.campaignEnd.average'), attrs: { scope: 'row', colspan: 2 } }), h('td', { class: 'cs-num', text: format.format(average), attrs: { style: 'font-weight: 600;' } }), h('td', {})));
    }
    table.append(body);

    const done = button(t('shell.campaignEnd.back'), back, { variant: 'primary', testId: 'campaign-back', id: 'campaign-back' });
    done.dataset.autofocus = '';
    root.append(
      h('p', { class: 'cs-kicker', text: t('shell.gameTitle') }),
      h('h1', { class: 'cs-title', text: t(heading().title) }),
      h('p', { class: 'cs-lead', text: t(heading().lead) }),
      h('div', { class: 'cs-panel', attrs: { style: 'width: 1400px;' } }, results.length ? table : h('p', { text: t('shell.campaignEnd.none') })),
      h('div', {}, done),
    );
  }
}

/** A campaign ends with the four eras; a single era (or the tutorial) ends with its own. */
function heading(): { title: ShellKey; lead: ShellKey } {
  return getBridge().snapshot().context.mode === 'campaign'
    ? { title: 'shell.campaignEnd.title', lead: 'shell.campaignEnd.lead' }
    : { title: 'shell.campaignEnd.eraTitle', lead: 'shell.campaignEnd.eraLead' };
}
