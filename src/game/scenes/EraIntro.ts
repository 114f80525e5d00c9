/**
 * The era briefing: the era's title and years, its historical context and NATO's goal, the
 * partners (with flags) and the toolbox of frameworks and programmes, then the stated
 * strategy (`strategy.state`, which the debrief's say–do score holds the player to) and
 * Start (`phase.advance`). Everything shown comes from the scenario file.
 *
 * Where the era runs past the end of history (`counterfactualFrom`), a label says from which
 * year it is a counterfactual (src/game/counterfactual.ts). The file's research notes (where
 * the budget figures come from and what they assume) are for facilitators: they sit in a
 * closed "Sources and research notes" section under the context, not in the briefing itself.
 */
import { SCENE } from '../sceneKeys';
import { openGameMenu } from '../sceneRegistry';
import { Scene } from 'phaser';
import { playMusic, type Era } from '../../audio/sound';
import { getLanguage, localized, t } from '../../i18n';
import { STATED_STRATEGIES, type StatedStrategy } from '../../core/state';
import { partnerFirstYear, partnerNameTextIn, type Scenario } from '../../core/scenario';
import { getBridge } from '../bridge';
import { flagClass } from '../flags';
import { counterfactualFrom } from '../counterfactual';
import { drawBackdrop } from '../ui/backdrop';
import { button, focusFirst, h, mountScreen, notice, panel, type Screen } from '../ui/dom';
import { acronym, nameAfterAcronym } from '../board/text';

export class EraIntro extends Scene {
  private screen: Screen | null = null;
  private shown = '';

  constructor() {
    super(SCENE.EraIntro);
  }

  init(): void {
    this.screen = null;
    this.shown = '';
  }

  create(): void {
    drawBackdrop(this);
    const bridge = getBridge();
    this.screen = mountScreen(this, (root) => this.render(root), {
      label: t('shell.era.strategy'),
      back: () => openGameMenu(this.game),
      next: () => this.start(),
    });
    this.shown = this.signature();
    const unsubscribe = bridge.subscribe(() => {
      // Re-render only when what this screen shows changed (a strategy picked, another save loaded).
      const now = this.signature();
      if (now !== this.shown && bridge.phase() === 'eraIntro') {
        this.shown = now;
        this.screen?.rerender();
      }
    });
    this.events.once('shutdown', unsubscribe);
    const scenario = bridge.scenario();
    if (scenario) playMusic(Math.min(4, Math.max(1, scenario.era)) as Era);
    focusFirst(this.screen.root);
  }

  private signature(): string {
    const context = getBridge().snapshot().context;
    return `${context.scenarioId}:${context.game?.strategy ?? ''}`;
  }

  private start(): void {
    const bridge = getBridge();
    // NATO's formal line is the default statement when the player states none.
    if (!bridge.snapshot().context.game?.strategy) bridge.send({ type: 'strategy.state', strategy: 'equal' });
    bridge.send({ type: 'phase.advance' });
  }

  private render(root: HTMLElement): void {
    const bridge = getBridge();
    const scenario = bridge.scenario();
    const context = bridge.snapshot().context;
    if (!scenario || !context.game) return;
    const number = new Intl.NumberFormat(getLanguage() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 0 });
    const common = scenario.budget.common[String(scenario.start)] ?? 0;

    const header = h(
      'header',
      { class: 'cs-row', attrs: { style: 'align-items: flex-end;' } },
      h(
        'div',
        { class: 'cs-field', attrs: { style: 'gap: 6px;' } },
        h('p', { class: 'cs-kicker', text: t('shell.era.kicker', { era: scenario.era, start: scenario.start, end: scenario.end }) }),
        h('h1', { class: 'cs-h1', text: localized(scenario.title) }),
      ),
      h('div', { class: 'cs-spacer' }),
      button(t('shell.era.quit'), () => openGameMenu(this.game, 'quit'), { variant: 'ghost', testId: 'era-quit', id: 'era-quit' }),
      button(t('menu.openHint'), () => openGameMenu(this.game), { variant: 'ghost', testId: 'open-menu', id: 'era-menu' }),
    );

    const cfFrom = counterfactualFrom(scenario);
    const notHistory =
      cfFrom === null
        ? null
        : h(
            'div',
            { class: 'cs-notice', attrs: { role: 'note', 'data-testid': 'counterfactual-label' } },
            h('strong', { text: t('shell.era.notHistory', { from: cfFrom }) }),
            h('span', { class: 'cs-small', text: ` ${t('shell.era.notHistoryText', { from: cfFrom, end: scenario.end })}` }),
          );
    const briefing = h(
      'div',
      { class: 'cs-field', attrs: { style: 'gap: 16px; min-height: 0;' } },
      notHistory,
      panel(t('shell.era.goal'), h('p', { attrs: { style: 'font-size: 24px; margin: 0;' }, text: localized(scenario.goal) })),
      h(
        'div',
        { class: 'cs-panel cs-scroll cs-grow', attrs: { tabindex: 0, 'aria-label': t('shell.era.context') } },
        h('h2', { class: 'cs-h2', text: t('shell.era.context') }),
        h('p', { text: localized(scenario.context) }),
        h('p', {
          class: 'cs-muted cs-small',
          text: t('shell.era.budget', { year: scenario.start, amount: number.format((scenario.budget.share / 100) * common), share: scenario.budget.share.toLocaleString(getLanguage()) }),
        }),
        this.research(scenario),
      ),
    );

    const toolbox = h('div', { class: 'cs-panel cs-scroll cs-grow', attrs: { tabindex: 0, 'aria-label': t('shell.era.toolbox') } }, h('h2', { class: 'cs-h2', text: t('shell.era.toolbox') }), this.toolbox(scenario));
    const partners = panel(t('shell.era.partners', { count: partnersInEra(scenario).length }), this.partnerChips(scenario, context.game.year));
    partners.style.flex = '0 0 auto';
    const middle = h('div', { class: 'cs-field', attrs: { style: 'gap: 16px; min-height: 0;' } }, partners, toolbox);

    const strategy = this.strategyPicker(context.game.strategy);
    const start = button(t('shell.era.start'), () => this.start(), { variant: 'primary', testId: 'era-start', id: 'era-start' });
    start.style.width = '100%';
    start.style.textAlign = 'center';
    start.dataset.autofocus = '';
    const right = h(
      'div',
      { class: 'cs-field', attrs: { style: 'gap: 16px; min-height: 0;' } },
      context.mode === 'tutorial' ? notice('good', t('shell.era.tutorialNote')) : null,
      h(
        'section',
        { class: 'cs-panel cs-scroll cs-grow', attrs: { 'aria-label': t('shell.era.strategy') } },
        h('h2', { class: 'cs-h2', text: t('shell.era.strategy') }),
        h('p', { class: 'cs-muted cs-small', text: t('shell.era.strategyHint') }),
        strategy,
      ),
      start,
    );

    const grid = h('div', { class: 'cs-grow', attrs: { style: 'display: grid; grid-template-columns: 560px 1fr 500px; gap: 24px; min-height: 0;' } }, briefing, middle, right);
    root.append(header, grid);
  }

  /** The facilitators' notes, closed by default (a native disclosure: keyboard and screen readers know it). */
  private research(scenario: Scenario): HTMLElement {
    return h(
      'details',
      { class: 'cs-research', attrs: { 'data-testid': 'era-research', style: 'margin-top: 12px; border-top: 1px solid rgba(127, 140, 160, 0.4); padding-top: 8px;' } },
      h('summary', { class: 'cs-label', attrs: { style: 'cursor: pointer;' }, text: t('shell.era.research') }),
      h('p', { class: 'cs-muted cs-small', text: t('shell.era.researchHint') }),
      h('h3', { class: 'cs-label', text: t('shell.era.budgetNote') }),
      h('p', { class: 'cs-small', text: localized(scenario.budget.note) }),
      h('p', { class: 'cs-small' }, h('a', { attrs: { href: scenario.budget.source, target: '_blank', rel: 'noopener noreferrer' }, text: t('shell.era.budgetSource') })),
    );
  }

  /** The era's partners, named as in `year` (the era's first year here: README.md, "Partner names over time"). */
  private partnerChips(scenario: Scenario, year: number): HTMLElement {
    const inEra = partnersInEra(scenario);
    const chips = h('ul', { class: 'cs-chips cs-scroll', attrs: { style: 'max-height: 196px; margin: 0; padding: 0 8px 0 0; list-style: none;', tabindex: 0, 'aria-label': t('shell.era.partners', { count: inEra.length }) } });
    const collator = new Intl.Collator(getLanguage());
    const named = inEra.map((p) => ({ id: p.id, name: localized(partnerNameTextIn(p, year)), from: partnerFirstYear(p) }));
    const partners = named.sort((a, b) => collator.compare(a.name, b.name));
    for (const p of partners) {
      // A partner that enters a framework only later in the era says when (Serbia and Montenegro, one state until 2006, from 2006).
      const later = p.from > year ? h('span', { class: 'cs-muted', text: t('shell.era.partnerFrom', { year: p.from }) }) : null;
      chips.append(h('li', { class: 'cs-chip', attrs: { 'data-partner': p.id } }, h('span', { class: flagClass(p.id), attrs: { 'aria-hidden': 'true' } }), p.name, ...(later ? [later] : [])));
    }
    return chips;
  }

  private toolbox(scenario: Scenario): HTMLElement {
    const years = (from: number, to?: number) => (to === undefined ? t('shell.era.yearsOpen', { from }) : t('shell.era.years', { from, to }));
    const frameworks = h('ul', { class: 'cs-list cs-small' });
    for (const f of scenario.frameworks) {
      frameworks.append(h('li', {}, h('strong', { text: acronym(f.acronym) }), ` — ${nameAfterAcronym(localized(f.name), acronym(f.acronym))} `, h('span', { class: 'cs-muted', text: `(${years(f.from, f.to)})` })));
    }
    const programmes = h('ul', { class: 'cs-list cs-small' });
    for (const p of scenario.programmes) {
      const upkeep = t('shell.era.upkeep', { percent: (p.upkeep * 100).toLocaleString(getLanguage(), { maximumFractionDigits: 1 }) });
      programmes.append(h('li', {}, h('strong', { text: acronym(p.acronym) }), ` — ${nameAfterAcronym(localized(p.name), acronym(p.acronym))} `, h('span', { class: 'cs-muted', text: t('shell.era.programmeNote', { years: years(p.from, p.to), upkeep }) })));
    }
    return h(
      'div',
      { attrs: { style: 'display: grid; grid-template-columns: 1fr 1fr; gap: 24px;' } },
      h('div', {}, h('h3', { class: 'cs-label', text: t('shell.era.frameworks') }), frameworks),
      h('div', {}, h('h3', { class: 'cs-label', text: t('shell.era.programmes') }), programmes),
    );
  }

  private strategyPicker(current: StatedStrategy | null): HTMLElement {
    const group = h('div', { class: 'cs-field', attrs: { role: 'group', 'aria-label': t('shell.era.strategy'), style: 'gap: 10px;' } });
    for (const strategy of STATED_STRATEGIES) {
      const b = button(t(`shell.era.strategies.${strategy}`), () => getBridge().send({ type: 'strategy.state', strategy }), {
        pressed: current === strategy,
        detail: t(`shell.era.strategyDetails.${strategy}`),
        testId: `era-strategy-${strategy}`,
        id: `era-strategy-${strategy}`,
      });
      b.classList.add('cs-btn-compact');
      group.append(b);
    }
    return group;
  }
}

/** The era's partners: not one the scenario lists for a framework it joins after the era's end, which never plays in it (era 2's Iraq, from 2011). */
function partnersInEra(scenario: Scenario): Scenario['partners'] {
  return scenario.partners.filter((p) => partnerFirstYear(p) <= scenario.end);
}
