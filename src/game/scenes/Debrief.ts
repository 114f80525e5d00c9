/**
 * The era debrief: the score against the era's objectives; the metrics over time (chart.js);
 * the four diagnostics (docs/rules.md) from the core's diagnostics(), tied to the analysis
 * they come from; the say–do score; the player's path year by year beside what NATO
 * actually did, with sources; and luck vs skill — the player's own decisions replayed over
 * 1,000 seeds in a Web Worker, as a histogram with the player's score marked. Next goes to
 * the next era or the campaign's end. Opened from the title's Past games with a finished game
 * rebuilt from its log (`PastDebrief`), it shows that game instead of the flow's, and Next or
 * Esc goes back to the list.
 */
import { Scene } from 'phaser';
import type { Chart } from 'chart.js';
import { diagnostics, sayDo, scoreEra } from '../../core/score';
import type { Scenario } from '../../core/scenario';
import type { GameState } from '../../core/state';
import { getBridge } from '../bridge';
import { focusFirst, h, mountScreen, type Screen } from '../ui/dom';
import { localized, money, num, partnerName, percent, readyAspirantsText, signed, strategyName, tr, type BoardKey } from '../board/text';
import { allianceSeries, histogram, influenceSeries, lineChart, moneySeries } from '../debrief/charts';
import { RUNS, type LuckSkillReply } from '../debrief/luckSkill.protocol';
import { runLuckSkill, type LuckSkillJob } from '../debrief/luckSkill';
import { gradeEra, objectiveMet, shownDigits, GRADE_RULE } from '../../core/grade';
import { downloadRecords } from '../debrief/export';
import { rememberPastGame } from '../debrief/pastGames';
import { counterfactualFrom, isCounterfactualYear, isHypothetical } from '../counterfactual';
import { openPastGames } from '../debrief/pastGamesDialog';
import { dateText, t } from '../../i18n';
import { SCENE } from '../sceneKeys';
import '../board/board.css';
import '../debrief/debrief.css';

type Tab = 'alliance' | 'influence' | 'money';

/** A finished game from the title's Past games, rebuilt by replaying its log (pastGames.ts). */
export interface PastDebrief {
  key: string;
  scenario: Scenario;
  game: GameState;
  finishedAt: string;
}

export class Debrief extends Scene {
  private screen: Screen | null = null;
  private job: LuckSkillJob | null = null;
  private luck: LuckSkillReply | null = null;
  private charts: Chart[] = [];
  private tab: Tab = 'alliance';
  private past: PastDebrief | null = null;

  constructor() {
    super('Debrief');
  }

  init(data?: { past?: PastDebrief }): void {
    this.past = data?.past ?? null;
    this.screen = null;
    this.job = null;
    this.luck = null;
    this.charts = [];
    this.tab = 'alliance';
  }

  create(): void {
    const back = this.past ? () => this.next() : undefined;
    this.screen = mountScreen(this, (root) => this.render(root), { label: tr('debrief.title'), next: () => this.next(), back });
    this.screen.root.style.padding = '0';
    this.runLuckSkill();
    // Kept for the title screen's Past games, so the results outlive "Finish".
    const { scenario, game } = this.source();
    if (scenario && game && !this.past) rememberPastGame(scenario, game);
    this.events.once('shutdown', () => {
      this.job?.cancel();
      this.job = null;
      for (const c of this.charts.splice(0)) c.destroy();
    });
    focusFirst(this.screen.root);
  }

  private next(): void {
    const past = this.past;
    if (!past) {
      getBridge().send({ type: 'phase.advance' });
      return;
    }
    // Back to the title, with the Past games list open again on the game just read.
    const title = this.scene.get(SCENE.Title);
    title.events.once('create', () => openPastGames(this.game, past.key));
    this.scene.start(SCENE.Title);
  }

  /** The game shown: the past one opened from the title, else the flow's. */
  private source(): { scenario: Scenario | null; game: GameState | null } {
    if (this.past) return { scenario: this.past.scenario, game: this.past.game };
    const bridge = getBridge();
    return { scenario: bridge.scenario(), game: bridge.snapshot().context.game };
  }

  private runLuckSkill(): void {
    const { scenario, game } = this.source();
    if (!scenario || !game) return;
    const job = runLuckSkill(scenario, game.log, game.seed, RUNS, (done) => {
      const line = this.screen?.root.querySelector('[data-testid="luck-running"]');
      if (line) line.textContent = `${tr('debrief.luckRunning')} ${done} / ${RUNS}`;
    });
    this.job = job;
    void job.result.then((reply) => {
      if (this.job !== job) return;
      this.luck = reply;
      this.screen?.rerender();
    });
  }

  private render(root: HTMLElement): void {
    for (const c of this.charts.splice(0)) c.destroy();
    const context = getBridge().snapshot().context;
    const { scenario, game } = this.source();
    if (!scenario || !game) return;
    const score = scoreEra(scenario, game);
    const grade = gradeEra(score);
    const nextLabel = this.past ? t('past.back') : context.queue.length ? tr('debrief.next') : context.mode === 'campaign' ? tr('debrief.end') : tr('debrief.finish');
    // A past game says when it was played, on a line of its own under the era's title.
    const played = this.past ? t('past.played', { date: dateText(this.past.finishedAt, false) }) : '';
    const heading = played ? localized(scenario.title) : `${tr('debrief.title')} · ${localized(scenario.title)}`;

    const top = h('header', { class: 'cs-top cs-live' },
      h('div', { class: 'cs-era', title: played ? `${heading} · ${played}` : heading }, heading, played ? h('div', { class: 'cs-fine cs-subtle', 'data-testid': 'debrief-played' }, played) : null),
      h('div', { style: { flex: '1' } }),
      h('div', { class: 'cs-inline' },
        h('span', { class: 'cs-subtle' }, tr('debrief.score')),
        h('span', { class: 'cs-score', 'data-testid': 'debrief-score', style: { fontSize: '44px' } }, num(score.score, 1), h('span', { class: 'cs-fine cs-subtle' }, ' / 100')),
        h('span', { class: `cs-grade cs-grade-${grade.grade}`, 'data-testid': 'debrief-grade' }, `${grade.grade} · ${tr(`debrief.band.${grade.grade}`)}`),
      ),
      h('button', { type: 'button', class: 'cs-btn cs-noprint', 'data-testid': 'debrief-print', onclick: () => window.print() }, tr('debrief.print')),
      h('button', { type: 'button', class: 'cs-btn cs-noprint', 'data-testid': 'debrief-json', onclick: () => downloadRecords(scenario, game, 'json') }, tr('debrief.exportJson')),
      h('button', { type: 'button', class: 'cs-btn cs-noprint', 'data-testid': 'debrief-csv', onclick: () => downloadRecords(scenario, game, 'csv') }, tr('debrief.exportCsv')),
      h('button', { type: 'button', class: 'cs-btn cs-btn-primary cs-next', 'data-testid': 'debrief-next', 'data-autofocus': 'true', id: 'debrief-next', onclick: () => this.next() }, nextLabel, h('kbd', {}, 'N')),
    );

    // The objectives column is tall enough for five objectives, the score's rules and the
    // say–do sentence in French at 1920×1080 (the longest case); the luck chart below is
    // drawn shorter to make room. Both still scroll (keyboard-reachable) if a text grows.
    const objectives = h('section', { class: 'cs-pane cs-live cs-scroller', style: box(20, 92, 560, 556), tabindex: '0', 'aria-label': tr('debrief.objectives') },
      h('h2', {}, tr('debrief.objectives')),
      h('table', { class: 'cs-obj', 'data-testid': 'objectives' },
        h('thead', {}, h('tr', {}, h('th', {}, tr('debrief.objective')), h('th', {}, tr('debrief.yours')), h('th', {}, tr('debrief.targetHead')), h('th', {}, tr('debrief.status')))),
        h('tbody', {}, score.objectives.map((o) => {
          const met = objectiveMet(o);
          return h('tr', { 'data-testid': 'objective-row', 'data-met': String(met) },
            h('td', {}, localized(o.label), h('div', { class: 'cs-bar', style: { height: '6px', marginTop: '3px' } }, h('span', { style: { width: `${Math.min(100, o.attainment * 80)}%`, background: met ? '#62c98f' : o.attainment >= 0.6 ? '#f0a44b' : '#ef7a6f' } }))),
            h('td', { style: { textAlign: 'right', whiteSpace: 'nowrap' } }, h('strong', {}, num(o.value, shownDigits(o)))),
            h('td', { style: { textAlign: 'right', whiteSpace: 'nowrap' } }, tr(o.lowerIsBetter ? 'debrief.targetLower' : 'debrief.targetAtLeast', { target: o.target })),
            h('td', { class: met ? 'cs-tone-good' : 'cs-tone-bad', style: { whiteSpace: 'nowrap' } }, met ? `✓ ${tr('debrief.met')}` : `✗ ${tr('debrief.notMet')}`),
          );
        })),
      ),
      h('p', { class: 'cs-fine', 'data-testid': 'score-rule', style: { margin: '8px 0 0', lineHeight: '1.4' } },
        tr('debrief.metCount', { met: grade.met, total: grade.total, weight: percent(grade.metWeight * 100) }), ' ',
        tr('debrief.scoreRule'), ' ',
        tr('debrief.gradeRule', { b: percent(GRADE_RULE.successful * 100), c: percent(GRADE_RULE.mixed * 100), near: GRADE_RULE.nearMiss })),
      this.sayDoBlock(scenario, game),
    );

    const luck = h('section', { class: 'cs-pane cs-live cs-scroller', style: box(20, 664, 560, 396), 'data-testid': 'luck-skill', tabindex: '0', 'aria-label': tr('debrief.luck') }, h('h2', {}, tr('debrief.luck')));
    this.luckBlock(luck, score.score);

    const chartCanvas = h('canvas', { width: 640, height: 340, 'aria-label': tr('debrief.charts'), role: 'img' });
    const tabs = (['alliance', 'influence', 'money'] as Tab[]).map((tab) =>
      h('button', { type: 'button', 'aria-pressed': String(tab === this.tab), id: `debrief-tab-${tab}`, onclick: () => { this.tab = tab; this.screen?.rerender(); } },
        tr(tab === 'alliance' ? 'debrief.chartAlliance' : tab === 'influence' ? 'debrief.chartInfluence' : 'debrief.chartMoney')));
    const chartsPanel = h('section', { class: 'cs-pane cs-live cs-scroller', style: box(596, 92, 680, 470), 'data-testid': 'debrief-charts' },
      h('h2', {}, tr('debrief.charts')), h('div', { class: 'cs-tabs' }, tabs), h('div', { class: 'cs-chartbox' }, chartCanvas));

    const d = diagnostics(game);
    const diag = (title: BoardKey, text: string, big: string) => h('div', {}, h('div', { class: 'cs-spread' }, h('strong', {}, tr(title)), h('span', { class: 'cs-big' }, big)), h('div', { class: 'cs-fine', style: { marginTop: '4px' } }, text));
    const diagnosticsPanel = h('section', { class: 'cs-pane cs-live cs-scroller', style: box(596, 574, 680, 486), 'data-testid': 'diagnostics', tabindex: '0', 'aria-label': tr('debrief.diagnostics') },
      h('h2', {}, tr('debrief.diagnostics')),
      h('div', { class: 'cs-diag' },
        diag('debrief.coherence', tr('debrief.coherenceText', { upkeep: percent(d.upkeepShare * 100), pairs: num(d.overlapPairs, 1) }), percent(d.upkeepShare * 100)),
        diag('debrief.demand', tr('debrief.demandText', { demand: percent(d.demandDrivenShare * 100), goal: percent(d.goalShare * 100) }), percent(d.demandDrivenShare * 100)),
        diag('debrief.pressure', tr('debrief.pressureText', { unmet: money(d.unmetNeed), outbid: percent(d.outbidShare * 100) }), percent(d.outbidShare * 100)),
        diag('debrief.priorities', tr('debrief.prioritiesText', { value: num(d.prioritisation, 2) }), num(d.prioritisation, 2)),
      ),
      h('p', { class: 'cs-fine cs-subtle', style: { marginTop: '10px', lineHeight: '1.4' } }, tr('debrief.fasola')),
    );

    const historyPanel = h('section', { class: 'cs-pane cs-live cs-scroller', style: box(1292, 92, 608, 968), 'data-testid': 'history', tabindex: '0', 'aria-label': tr('debrief.history') },
      h('h2', {}, tr('debrief.history')),
      this.notHistory(scenario),
      scenario.history.readyAspirants !== undefined
        ? h('p', { class: 'cs-fine', style: { margin: '0 0 8px' } }, readyAspirantsText(game.turns[game.turns.length - 1]?.readyAspirants ?? 0, scenario.history.readyAspirants))
        : null,
      h('ul', { class: 'cs-history' },
        h('li', { class: 'cs-subtle' }, h('span', {}, ''), h('strong', {}, tr('debrief.natoYear')), h('strong', {}, tr('debrief.yourYear'))),
        this.historyRows(scenario, game),
      ),
    );

    root.append(h('div', { class: 'cs-board cs-debrief' }, top, objectives, luck, chartsPanel, diagnosticsPanel, historyPanel));
    this.charts.push(this.drawChart(chartCanvas, scenario, game));
  }

  private sayDoBlock(scenario: Scenario, game: GameState): Node {
    const value = sayDo(scenario, game);
    return h('div', { class: 'cs-section', 'data-testid': 'say-do' },
      h('div', { class: 'cs-spread' }, h('strong', {}, tr('debrief.sayDo')), value === null ? null : h('span', { class: 'cs-big', style: { fontSize: '26px', fontWeight: '700' } }, num(value))),
      h('div', { class: 'cs-fine' }, value === null || !game.strategy ? tr('debrief.sayDoNone') : tr('debrief.sayDoText', { strategy: strategyName(game.strategy), score: num(value) })),
    );
  }

  private luckBlock(panel: HTMLElement, mine: number): void {
    const luck = this.luck;
    if (!luck) {
      panel.append(h('p', { 'data-testid': 'luck-running' }, tr('debrief.luckRunning')));
      return;
    }
    if (!luck.ok) {
      panel.append(h('div', { class: 'cs-error' }, tr('debrief.luckFailed', { reason: luck.reason })));
      return;
    }
    const sorted = [...luck.scores].sort((a, b) => a - b);
    const below = sorted.filter((s) => s < mine).length + sorted.filter((s) => s === mine).length / 2;
    const pct = (100 * below) / Math.max(1, sorted.length);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    // The middle 80 % of the replays: how far luck alone moves this player's decisions.
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const canvas = h('canvas', { width: 520, height: 204, role: 'img', 'aria-label': tr('debrief.luckAxis') });
    panel.append(
      h('div', { class: 'cs-chartbox' }, canvas),
      h('p', { class: 'cs-fine', 'data-testid': 'luck-result', style: { marginTop: '8px' } }, tr('debrief.luckDone', { score: num(mine, 1), pct: percent(pct), median: num(median, 1), ms: num(luck.ms) })),
      h('p', { class: 'cs-fine', 'data-testid': 'luck-spread', style: { marginTop: '4px' } }, tr('debrief.luckSpread', { p10: num(at(0.1), 1), p90: num(at(0.9), 1), delta: signed(mine - median, 1) })),
    );
    this.charts.push(histogram(canvas, luck.scores, mine, tr('debrief.luckAxis'), tr('debrief.luckYou')));
  }

  private drawChart(canvas: HTMLCanvasElement, scenario: Scenario, game: GameState): Chart {
    const turns = game.turns;
    const labels = turns.map((t) => String(t.year));
    // The series come from the era's data (debrief/charts.ts), not from a list here.
    if (this.tab === 'alliance') return lineChart(canvas, labels, allianceSeries(scenario, turns), 100);
    if (this.tab === 'influence') return lineChart(canvas, labels, influenceSeries(scenario, turns), 100);
    return lineChart(canvas, labels, moneySeries(turns));
  }

  /** Where the era stops being history (src/game/counterfactual.ts), or that it never was. */
  private notHistory(scenario: Scenario): Node | null {
    const from = counterfactualFrom(scenario);
    const style = { margin: '0 0 8px', padding: '6px 8px', borderLeft: '4px solid #8a3b12' };
    if (!scenario.history.entries.length) return h('p', { class: 'cs-fine', 'data-testid': 'counterfactual-label', style }, tr('debrief.noHistory'));
    if (from === null) return null;
    return h('p', { class: 'cs-fine', 'data-testid': 'counterfactual-label', style }, h('strong', {}, tr('debrief.notHistory', { from })), ' ', tr('debrief.notHistoryText', { from }));
  }

  private historyRows(scenario: Scenario, game: GameState): Node[] {
    const years: number[] = [];
    for (let y = scenario.start; y <= scenario.end; y++) years.push(y);
    return years.map((year) => {
      const nato = scenario.history.entries.filter((e) => e.year === year);
      const turn = game.turns.find((t) => t.year === year);
      const top = turn ? Object.entries(turn.funding).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => partnerName(scenario, id, year)).join(', ') : '';
      const fired = game.fired.filter((f) => f.year === year);
      return h('li', {},
        h('strong', {}, String(year)),
        h('div', {}, nato.length ? nato.map((e) => h('div', {}, localized(e.text), ' ', h('a', { href: e.source, target: '_blank', rel: 'noopener noreferrer', 'aria-label': tr('eventCard.source'), title: tr('eventCard.source') }, '↗'))) : isCounterfactualYear(scenario, year) ? h('span', { class: 'cs-tag', 'data-testid': 'counterfactual-year', style: { background: '#8a3b12', color: '#fff' } }, tr('debrief.counterfactualYear')) : h('span', { class: 'cs-subtle' }, '—')),
        h('div', {},
          turn ? h('div', {}, tr('debrief.yourSpend', { money: money(turn.allocated), top })) : null,
          fired.map((f) => {
            const ev = f.source === 'event' ? scenario.events.find((e) => e.id === f.id) : scenario.injects.find((i) => String(i.serial) === f.id);
            const title = ev ? localized(f.counterfactual && 'counterfactual' in ev && ev.counterfactual ? ev.counterfactual.title : ev.title) : f.id;
            const tag = f.counterfactual ? tr('debrief.counterfactualEvent') : ev && isHypothetical(ev) ? tr('debrief.hypotheticalEvent') : null;
            return h('div', { class: 'cs-subtle' }, `• ${title}`, tag ? h('span', { class: 'cs-tag', style: { marginLeft: '6px', background: '#8a3b12', color: '#fff' } }, tag) : null);
          }),
        ),
      );
    });
  }
}

const box = (x: number, y: number, width: number, height: number) => ({ left: `${x}px`, top: `${y}px`, width: `${width}px`, height: `${height}px` });
