/**
 * The debrief's charts with chart.js: only the parts used are imported and registered
 * (line and bar charts, linear and category scales, legend and tooltip), which keeps the
 * bundle small. Colours are chosen to read on the dark panel and on a projector. The series
 * come from the era's data: every metric the scenario starts with (its `initial`), in the
 * core's order, so a metric added to the schema and the scenarios is charted without a list
 * here to keep in step.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { ALLIANCE_METRICS, COMPETITORS, REGIONS } from '../../core/constants';
import type { Scenario } from '../../core/scenario';
import type { TurnRecord } from '../../core/state';
import { num, tr } from '../board/text';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export const SERIES_COLOURS = ['#6fa8e8', '#62c98f', '#f0a44b', '#c99be6', '#e8d56f', '#ef7a6f', '#8fd3d6', '#d98cb3'];
const TEXT = '#c9d6e4';
const GRID = 'rgba(160, 180, 205, 0.15)';

export interface Series {
  label: string;
  values: number[];
}

function baseOptions(yMax?: number): ChartConfiguration['options'] {
  return {
    responsive: false,
    animation: false,
    maintainAspectRatio: false,
    plugins: { legend: { labels: { color: TEXT, font: { size: 15 }, boxWidth: 14 } }, tooltip: { enabled: true } },
    scales: {
      x: { ticks: { color: TEXT, font: { size: 14 } }, grid: { color: GRID } },
      y: { ticks: { color: TEXT, font: { size: 14 } }, grid: { color: GRID }, min: 0, max: yMax },
    },
  };
}

export function lineChart(canvas: HTMLCanvasElement, labels: string[], series: Series[], yMax?: number): Chart {
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
        backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
        borderWidth: 2.5,
        pointRadius: 2,
        tension: 0.2,
      })),
    },
    options: baseOptions(yMax),
  });
}

/**
 * The histogram's bins and axis labels, without a canvas. Each bin is labelled by its lower
 * edge in the current language's number format (decimal comma in French); the player's bin
 * by the player's own score, one decimal, as the rest of the debrief writes it (the lower
 * edge there read as a different score).
 */
export function histogramBins(scores: readonly number[], mine: number, youLabel: string): { bins: number[]; labels: string[]; mineBin: number } {
  let lo = Math.min(mine, ...scores);
  let hi = Math.max(mine, ...scores);
  if (hi - lo < 2) {
    const mid = (hi + lo) / 2;
    lo = mid - 1;
    hi = mid + 1;
  }
  const width = (hi - lo) / 20 + 1e-9;
  const bins = new Array(20).fill(0) as number[];
  for (const s of scores) bins[Math.min(19, Math.floor((s - lo) / width))]++;
  const mineBin = Math.min(19, Math.floor((mine - lo) / width));
  const labels = bins.map((_, i) => (i === mineBin ? `${youLabel} ${num(mine, 1)}` : num(lo + i * width, 1)));
  return { bins, labels, mineBin };
}

/** A histogram of scores with the bin holding the player's score highlighted. */
export function histogram(canvas: HTMLCanvasElement, scores: number[], mine: number, title: string, youLabel: string): Chart {
  const { bins, labels, mineBin } = histogramBins(scores, mine, youLabel);
  const options = baseOptions();
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [{ label: title, data: bins, backgroundColor: bins.map((_, i) => (i === mineBin ? '#f5c542' : '#5f8fc4')), borderWidth: 0 }],
    },
    options: { ...options, plugins: { ...options?.plugins, legend: { display: false } } },
  });
}

/** The Allies' metrics over the era: each alliance metric the scenario starts with. */
export function allianceSeries(scenario: Scenario, turns: readonly TurnRecord[]): Series[] {
  return ALLIANCE_METRICS.filter((m) => m in scenario.initial).map((m) => ({ label: tr(`board.metric.${m}`), values: turns.map((t) => t.alliance[m]) }));
}

/** Competitors' influence over the era: each competitor × region the scenario starts with. */
export function influenceSeries(scenario: Scenario, turns: readonly TurnRecord[]): Series[] {
  const initial = scenario.initial.influence;
  return COMPETITORS.filter((c) => c in initial).flatMap((c) =>
    REGIONS.filter((r) => r in initial[c]).map((r) => ({ label: `${tr(`board.competitor.${c}`)} · ${tr(`board.region.${r}`)}`, values: turns.map((t) => t.influence[c][r]) })),
  );
}

/** The money over the era: envelope, upkeep with overlaps, money allocated and need left unmet. */
export function moneySeries(turns: readonly TurnRecord[]): Series[] {
  return [
    { label: tr('board.resolution.envelope'), values: turns.map((t) => t.envelope) },
    { label: tr('board.resolution.upkeep'), values: turns.map((t) => t.upkeep + t.overlapCost) },
    { label: tr('board.resolution.allocated'), values: turns.map((t) => t.allocated) },
    { label: tr('board.resolution.unmet'), values: turns.map((t) => t.unmetNeed) },
  ];
}
