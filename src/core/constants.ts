/**
 * The fixed vocabularies of the game — focus areas, regions, competitors, alliance metrics,
 * and partner attributes — apart from the zod schema, so the rules core (and the
 * luck-vs-skill worker that bundles it) does not pull the schema library in with them.
 */

export const FOCUS_AREAS = ['interop', 'capacity', 'integrity', 'resilience', 'dialogue'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];
/** How many focus areas there are: the stride of every per-partner × focus array of the fast path. */
export const FOCUS_COUNT = FOCUS_AREAS.length;

/**
 * The step of the budget share (percent of the common-funded budget): the board moves it by
 * this much, and `RULES.consensusPerShareStep` is charged for each step above the minimum.
 */
export const SHARE_STEP = 0.1;

export const REGIONS = ['east', 'south', 'global'] as const;
export type Region = (typeof REGIONS)[number];

export const COMPETITORS = ['russia', 'china'] as const;
export type CompetitorId = (typeof COMPETITORS)[number];

/**
 * Each competitor's own country, by the partner id scenarios give it (ISO 3166 alpha-3):
 * Russia was itself a partner in the 1990s and 2000s (PfP 1994, NRC 2002), and a
 * competitor does not court itself (docs/rules.md, "Competitors").
 */
export const COMPETITOR_COUNTRY: Readonly<Record<CompetitorId, string>> = { russia: 'RUS', china: 'CHN' };

/** Alliance-level metrics (docs/rules.md), each 0–100. */
export const ALLIANCE_METRICS = [
  'security',
  'stabilityEast',
  'stabilitySouth',
  'liberalOrder',
  'coherence',
  'consensus',
  'relevance',
] as const;
export type AllianceMetric = (typeof ALLIANCE_METRICS)[number];

/** Partner attributes that events and rules move, each 0–100. */
export const PARTNER_FIELDS = [
  'trust',
  'alignment',
  'interoperability',
  'institutions',
  'stability',
  'defence',
] as const;
export type PartnerField = (typeof PARTNER_FIELDS)[number];

