/**
 * The debrief's charts read their series from the era's data (src/game/debrief/charts.ts):
 * every alliance metric and competitor × region the scenario starts with, not a hard-coded
 * list of seven.
 */
import { describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { boardEn } from '../../src/i18n/board.en';
import { allianceSeries, influenceSeries, moneySeries } from '../../src/game/debrief/charts';
import { simulateEra } from '../../src/core/game';
import { ALLIANCE_METRICS } from '../../src/core/constants';
import type { Scenario } from '../../src/core/scenario';
import { miniScenario } from '../support/builder';

const scenario = miniScenario();

describe('debrief series come from the scenario', () => {
  const played = simulateEra(scenario, 3, 'equal', true);
  const turns = played.state.turns;

  it('charts every alliance metric and competitor × region the era starts with', () => {
    initI18n('en');
    setLanguage('en');
    const alliance = allianceSeries(scenario, turns);
    expect(alliance.map((s) => s.label)).toEqual(ALLIANCE_METRICS.map((m) => boardEn.board.metric[m]));
    expect(alliance[0].values).toEqual(turns.map((t) => t.alliance.security));
    expect(influenceSeries(scenario, turns)).toHaveLength(6);
    expect(moneySeries(turns)[0].values).toEqual(turns.map((t) => t.envelope));
  });

  it('drops a metric the data does not have, instead of a hard-coded seven', () => {
    const { relevance: _dropped, ...initial } = scenario.initial;
    const fewer = { ...scenario, initial } as unknown as Scenario;
    expect(allianceSeries(fewer, turns).map((s) => s.label)).not.toContain(boardEn.board.metric.relevance);
    expect(allianceSeries(fewer, turns)).toHaveLength(ALLIANCE_METRICS.length - 1);
  });
});
