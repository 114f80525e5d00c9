/**
 * The debrief's luck-vs-skill histogram labels: the player's bar shows the player's own
 * score (not the bin's lower edge), and every label follows the current language's number
 * format (decimal comma in French).
 */
import { describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../src/i18n/index';
import { histogramBins } from '../../src/game/debrief/charts';

const scores = [77.7, 80.2, 85.1, 88.4, 90.6, 91.3, 92.4, 95.0];

describe('histogramBins', () => {
  it('labels the player\u2019s bin with the player\u2019s score, one decimal', () => {
    initI18n('en');
    setLanguage('en');
    const { bins, labels, mineBin } = histogramBins(scores, 90.84, 'you');
    expect(labels[mineBin]).toBe('you 90.8');
    expect(labels[0]).toBe('77.7');
    expect(bins.reduce((a, b) => a + b, 0)).toBe(scores.length);
  });

  it('uses decimal commas in French', () => {
    initI18n('fr');
    setLanguage('fr');
    const { labels, mineBin } = histogramBins(scores, 90.84, 'vous');
    expect(labels[mineBin]).toBe('vous 90,8');
    expect(labels[0]).toBe('77,7');
    expect(labels.every((l) => !/\d\.\d/.test(l))).toBe(true);
  });
});
