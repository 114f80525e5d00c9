/**
 * Where a scenario stops being history (issue 15.3, docs/sources-audit.md): years from the
 * scenario's `counterfactualFrom` on have not happened, and some events and injects are
 * hypothetical whatever their year. The briefing, the event card and the debrief label both
 * with the same words, so a player never takes an invented year or event for the record.
 *
 * The scenario files mark a hypothetical event or inject in its words: its title or its text
 * opens with "Hypothetical" ("Hypothèse", "Scénario hypothétique" in French), the convention
 * every shipped era follows (docs/sources-audit/); the format has no separate field for it.
 * Pure: no Phaser, no DOM.
 */
import type { LocalizedText, Scenario } from '../core/scenario';

/** Why a card or a year is not history, or null when it is. */
export type NotHistory = 'counterfactualYear' | 'hypothetical';

/** The first counterfactual year when the era reaches it, else null. */
export function counterfactualFrom(scenario: Pick<Scenario, 'counterfactualFrom' | 'end'>): number | null {
  const from = scenario.counterfactualFrom;
  return from !== undefined && from <= scenario.end ? from : null;
}

/** True when `year` is at or after the scenario's first counterfactual year. */
export function isCounterfactualYear(scenario: Pick<Scenario, 'counterfactualFrom' | 'end'>, year: number): boolean {
  const from = counterfactualFrom(scenario);
  return from !== null && year >= from;
}

const FLAG_EN = /^\s*hypothetical\b/i;
const FLAG_FR = /^\s*(hypoth[eè]se|sc[ée]nario hypoth[ée]tique)\b/i;

/** True when the data flags an event or inject as hypothetical: its title or text opens with the word, in English or French. */
export function isHypothetical(card: { title: LocalizedText; text: LocalizedText }): boolean {
  return [card.title, card.text].some((t) => FLAG_EN.test(t.en) || FLAG_FR.test(t.fr));
}

/** Why a card fired in `year` is not history: its year first, then the data's flag; null when it is history. */
export function notHistory(scenario: Pick<Scenario, 'counterfactualFrom' | 'end'>, card: { title: LocalizedText; text: LocalizedText }, year: number): NotHistory | null {
  if (isCounterfactualYear(scenario, year)) return 'counterfactualYear';
  if (isHypothetical(card)) return 'hypothetical';
  return null;
}
