/**
 * Text for the board, event cards, debrief and tutorial: a typed `tr()` over the game's
 * i18n layer for the keys in `src/i18n/board.en.ts`, plus number formats that follow the
 * current language (French writes "12,5 M€" and "1,4 %").
 */
import { getLanguage, localized, t, type MessageKey } from '../../i18n';
import type { BoardMessages } from '../../i18n/board.en';
import type { Rejection } from '../../core/decision';
import { partnerNameTextIn, type Scenario } from '../../core/scenario';
import { RULES } from '../../core/rules';
import { REGIONS, SHARE_STEP } from '../../core/constants';
import { READINESS_THRESHOLD, type Driver, type StatedStrategy } from '../../core/state';

type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
export type BoardKey = Paths<BoardMessages>;

export function tr(key: BoardKey, vars?: Record<string, string | number>): string {
  return t(key as unknown as MessageKey, vars);
}

/** A key built at run time (e.g. a driver's cause); falls back to `fallback` when missing. */
export function trDynamic(key: string, vars: Record<string, string | number> = {}, fallback = key): string {
  const out = t(key as MessageKey, vars);
  return out === key ? fallback : out;
}

const locale = () => (getLanguage() === 'fr' ? 'fr-FR' : 'en-GB');

export function num(v: number, digits = 0): string {
  // A rounding crumb (−0.000001 left in a resolved year) reads as zero, never "-0.00".
  const shown = Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v;
  return shown.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** EUR millions, e.g. "€12.5m" / "12,5 M€". */
export function money(v: number, digits = 1): string {
  return tr('board.fmt.money', { v: num(v, digits) });
}

export function percent(v: number, digits = 0): string {
  return tr('board.fmt.percent', { v: num(v, digits) });
}

export function signed(v: number, digits = 1): string {
  const r = Number(v.toFixed(digits));
  if (r === 0) return num(0, digits);
  return (r > 0 ? '+' : '−') + num(Math.abs(r), digits);
}

/** A partner's name as it was in `year` (README.md, "Partner names over time"), in the current language. */
export function partnerName(scenario: Scenario, id: string, year: number): string {
  const p = scenario.partners.find((x) => x.id === id);
  return p ? localized(partnerNameTextIn(p, year)) : id;
}

export function programmeName(scenario: Scenario, id: string): string {
  const p = scenario.programmes.find((x) => x.id === id);
  return p ? acronym(p.acronym) : id;
}

/** The French forms of NATO's acronyms that have one (docs/terminology.md); the others (MAP, ICI, PARP…) are the same in both. */
const FRENCH_ACRONYMS: Record<string, string> = { PfP: 'PPP', EAPC: 'CPEA', NACC: 'COCONA' };

/** A framework's or programme's acronym ("PfP/IPP", "NACC/EAPC") as the screen's language writes it. */
export function acronym(text: string): string {
  if (getLanguage() !== 'fr') return text;
  return text.replace(/[A-Za-z]+/g, (word) => FRENCH_ACRONYMS[word] ?? word);
}

export function allyName(scenario: Scenario, id: string): string {
  const a = scenario.allies.find((x) => x.id === id);
  return a ? localized(a.name) : id;
}

/** A rule's rejection in the current language: translated by code and params, else the engine's English; a partner is named as in `year`. */
export function rejectionText(scenario: Scenario | null, rejection: Rejection, year: number): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rejection.params)) {
    if (k === 'partner' && scenario) params[k] = partnerName(scenario, String(v), year);
    else if (k === 'programme' && scenario) params[k] = programmeName(scenario, String(v));
    else if (k === 'focus') params[k] = trDynamic(`board.focus.${v}`, {}, String(v));
    // A share-range rejection's bounds are shares (percent); elsewhere min and max are money.
    else if (typeof v === 'number' && (k === 'share' || (rejection.code === 'share-range' && (k === 'min' || k === 'max')))) params[k] = num(v, 1);
    // Amounts keep the decimals the engine gave them (more than two when two would read alike).
    else if (typeof v === 'number' && ['allocated', 'available', 'got', 'min', 'max'].includes(k)) params[k] = money(v, Math.min(6, Math.max(2, String(v).split('.')[1]?.length ?? 0)));
    else params[k] = v;
  }
  return trDynamic(`board.rejection.${rejection.code}`, params, rejection.reason);
}

/** The share's bounds and step from the rules (`{{min}}`, `{{max}}`, `{{step}}` in texts about the share), in the current language's format. */
export function shareBounds(): Record<string, string> {
  return { min: num(RULES.shareMin, 1), max: num(RULES.shareMax, 1), step: num(SHARE_STEP, 1) };
}

/** A driver's cause in words, naming its subject (a partner, as named in `year`; an Ally, a competitor, a region, an event or inject). */
export function causeText(scenario: Scenario, d: Driver, year: number): string {
  let subject = '';
  if (d.subject) {
    const region = (REGIONS as readonly string[]).includes(d.subject);
    // A White Cell ruling is on a region (whatever else shares its id).
    if (region && d.cause === 'adjudication') subject = trDynamic(`board.region.${d.subject}`);
    else if (scenario.partners.some((p) => p.id === d.subject)) subject = partnerName(scenario, d.subject, year);
    else if (scenario.allies.some((a) => a.id === d.subject)) subject = allyName(scenario, d.subject);
    else if (d.subject === 'russia' || d.subject === 'china') subject = tr(`board.competitor.${d.subject}`);
    else if (region) subject = trDynamic(`board.region.${d.subject}`);
    else {
      const ev = scenario.events.find((e) => e.id === d.subject) ?? scenario.injects.find((i) => String(i.serial) === d.subject);
      subject = ev ? localized(ev.title) : d.subject;
    }
  }
  const base = trDynamic(`board.cause.${d.cause}`);
  return subject ? `${base} (${subject})` : base;
}

/** What a driver moved, in words: an Alliance metric, a partner's trust or alignment, a competitor's influence in a region. */
export function driverMetricText(scenario: Scenario, metric: string, year: number): string {
  const [kind, a, b] = metric.split(':');
  if (kind === 'trust' || kind === 'alignment') return `${partnerName(scenario, a, year)} — ${tr(kind === 'trust' ? 'board.card.trust' : 'board.card.alignment')}`;
  if (kind === 'influence') return `${trDynamic(`board.metric.${a}`)} — ${trDynamic(`board.region.${b}`)}`;
  return trDynamic(`board.metric.${kind}`);
}

/**
 * What an event choice costs, as its button says it: the scenario's own words, which name
 * the consensus cost already ("−8 consensus; +6 trust…", "Costs 12 consensus."), or the
 * rules' cost before them when they do not (a choice written without it, a free one).
 */
export function choiceCostParts(consensusCost: number, costText: string): { cost: string | null; text: string } {
  const cost = consensusCost ? tr('eventCard.consensusCost', { cost: num(consensusCost) }) : tr('eventCard.free');
  if (!costText.trim()) return { cost, text: '' };
  const stated = consensusCost > 0 && new RegExp(`(^|[^\\d.,])${consensusCost}(?![\\d.,])[^;.]{0,20}consensus`, 'i').test(costText);
  return stated ? { cost: null, text: costText } : { cost, text: costText };
}

/** `choiceCostParts` as one line of text. */
export function choiceCostText(consensusCost: number, costText: string): string {
  const { cost, text } = choiceCostParts(consensusCost, costText);
  return [cost, text].filter(Boolean).join(' · ');
}

/** The keys that answer an event card with `n` choices: "(key 1)", "(keys 1–3)". */
export function choiceKeysText(n: number): string {
  return trDynamic('eventCard.keys', { count: n });
}

/** A stated strategy's name, as the era briefing's button gave it (one name per strategy, debrief included). */
export function strategyName(strategy: StatedStrategy): string {
  return t(`shell.era.strategies.${strategy}` as MessageKey);
}

/** The debrief's count of aspirants ready for membership, saying what it counts (the objective's metric, `readyAspirants`). */
export function readyAspirantsText(you: number, history: number): string {
  return tr('debrief.readyYou', { you, history, threshold: READINESS_THRESHOLD });
}

/**
 * A framework's or programme's name shown after its acronym ("COCONA — Conseil de
 * coopération nord-atlantique"): without the same acronym in brackets at its end, which the
 * French names carry ("… (COCONA)") and the line would otherwise say twice.
 */
export function nameAfterAcronym(name: string, shownAcronym: string): string {
  const end = ` (${shownAcronym})`;
  return name.endsWith(end) ? name.slice(0, -end.length) : name;
}

export { localized, getLanguage };
