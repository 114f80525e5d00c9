/**
 * What the scenario checks say, in English and French. The command-line tools speak
 * English; the game's title screen lists a broken file's problems in the player's
 * language, so a French-speaking facilitator reads them in French. Zod's own messages
 * come from its locales; these are the project's own: the schema's hints and the
 * cross-reference checks a JSON Schema cannot express.
 */
export type ProblemLanguage = 'en' | 'fr';

/** What a duplicated or unknown reference is. */
export type ProblemSubject = 'partner' | 'programme' | 'framework' | 'event' | 'inject' | 'objective' | 'choice' | 'role' | 'ally' | 'team';

export interface ProblemText {
  iso3: string;
  lowerId: string;
  url: string;
  englishText: string;
  frenchText: string;
  endsBeforeStarts(end: number, start: number): string;
  tooLong: string;
  noBudget(year: number): string;
  duplicate(subject: ProblemSubject, id: string): string;
  unknown(subject: ProblemSubject, id: string): string;
  thresholdOnAligned(metric: string): string;
  weightsSum(total: string): string;
  programmeEndsBeforeStarts(to: number, from: number): string;
  programmeAfterEra(from: number, end: number): string;
  noDemand: string;
  defaultChoiceCosts: string;
  historicalYear: string;
  outsideEra(year: number | undefined, start: number, end: number): string;
  injectTiming: string;
  beforeFramework(framework: string, from: number, created: number): string;
  afterAccession(partner: string, framework: string, to: number | undefined, joined: number): string;
  fundedAfterAccession(partner: string, programme: string, joined: number): string;
  formerNameOutsideEra(partner: string, until: number, start: number, end: number): string;
  formerNamesUnsorted(partner: string, until: number, previous: number): string;
  formerNameUnchanged(partner: string, name: string): string;
  courtsItself(partner: string, competitor: string): string;
}

const EN_SUBJECT: Record<ProblemSubject, string> = {
  partner: 'partner id',
  programme: 'programme id',
  framework: 'framework id',
  event: 'event id',
  inject: 'inject serial',
  objective: 'objective id',
  choice: 'choice id',
  role: 'role',
  ally: 'ally id',
  team: 'partner team id',
};

const FR_SUBJECT: Record<ProblemSubject, string> = {
  partner: 'identifiant de partenaire',
  programme: 'identifiant de programme',
  framework: 'identifiant de cadre',
  event: "identifiant d’événement",
  inject: "numéro d’incident",
  objective: "identifiant d’objectif",
  choice: 'identifiant de choix',
  role: 'rôle',
  ally: "identifiant d’Allié",
  team: "identifiant d’équipe de partenaires",
};

const FR_UNKNOWN: Record<ProblemSubject, string> = {
  partner: 'partenaire inconnu',
  programme: 'programme inconnu',
  framework: 'cadre inconnu',
  event: 'événement inconnu',
  inject: "numéro d’incident inconnu",
  objective: 'objectif inconnu',
  choice: 'choix inconnu',
  role: 'rôle inconnu',
  ally: 'Allié inconnu',
  team: 'équipe de partenaires inconnue',
};

/** Serials are numbers and stay unquoted; ids are quoted. */
const quoteEn = (subject: ProblemSubject, id: string) => (subject === 'inject' ? id : `"${id}"`);
const quoteFr = (subject: ProblemSubject, id: string) => (subject === 'inject' ? id : `«\u00a0${id}\u00a0»`);

const EN: ProblemText = {
  iso3: 'an ISO 3166-1 alpha-3 code such as "UKR"',
  lowerId: 'a lower-case id such as "pfp" or "dcb-geo"',
  url: 'an http(s) URL',
  englishText: 'English text',
  frenchText: 'French text',
  endsBeforeStarts: (end, start) => `the era ends (${end}) before it starts (${start})`,
  tooLong: 'an era lasts at most 13 yearly turns',
  noBudget: (year) => `no common-funded budget for ${year}`,
  duplicate: (subject, id) => `duplicate ${EN_SUBJECT[subject]} ${quoteEn(subject, id)}`,
  unknown: (subject, id) => `unknown ${subject === 'inject' ? 'inject serial' : subject} ${quoteEn(subject, id)}`,
  thresholdOnAligned: (metric) => `a threshold applies only to "alignedPartners" (this objective measures "${metric}")`,
  weightsSum: (total) => `objective weights must add up to 1 (they add up to ${total})`,
  programmeEndsBeforeStarts: (to, from) => `ends (${to}) before it starts (${from})`,
  programmeAfterEra: (from, end) => `starts in ${from}, after the era ends (${end})`,
  noDemand: 'a partner must demand something (weights add up to 0)',
  defaultChoiceCosts: 'the first choice is the default and must cost no consensus',
  historicalYear: 'a historical event needs its real year',
  beforeFramework: (f, from, created) => `membership of "${f}" from ${from}, but the framework exists only from ${created}`,
  afterAccession: (p, f, to, joined) => `${p} joined NATO in ${joined} but its "${f}" membership runs ${to === undefined ? 'on with no end' : `to ${to}`}: set "to" to ${joined} at the latest`,
  fundedAfterAccession: (p, prog, joined) => `${p} joined NATO in ${joined}; the programme "${prog}" (from then or later) cannot fund it as a partner`,
  outsideEra: (year, start, end) => `year ${year} is outside the era (${start}–${end})`,
  injectTiming: 'an inject needs a year, an "after" condition or "when" conditions',
  formerNameOutsideEra: (p, until, start, end) => `${p}'s former name ends in ${until}, but "until" must fall after the era's first year and by its last (${start + 1}–${end}) so that both names are in effect in the era`,
  formerNamesUnsorted: (p, until, previous) => `${p}'s former names must be oldest first with rising "until" years (${until} comes after ${previous})`,
  formerNameUnchanged: (p, name) => `${p}'s former name "${name}" is the same as the name that follows it`,
  courtsItself: (p, c) => `${p} is ${c}'s own country: a competitor does not court itself (set "courtedBy" to null or to the other competitor)`,
};

const FR: ProblemText = {
  iso3: 'un code ISO 3166-1 alpha-3 tel que «\u00a0UKR\u00a0»',
  lowerId: 'un identifiant en minuscules tel que «\u00a0pfp\u00a0» ou «\u00a0dcb-geo\u00a0»',
  url: 'une URL http(s)',
  englishText: 'le texte anglais',
  frenchText: 'le texte français',
  endsBeforeStarts: (end, start) => `l’époque se termine (${end}) avant de commencer (${start})`,
  tooLong: "une époque dure au plus 13 tours d’un an",
  noBudget: (year) => `aucun budget commun pour ${year}`,
  duplicate: (subject, id) => `${FR_SUBJECT[subject]} ${quoteFr(subject, id)} en double`,
  unknown: (subject, id) => `${FR_UNKNOWN[subject]} ${quoteFr(subject, id)}`,
  thresholdOnAligned: (metric) => `un seuil ne s’applique qu’à «\u00a0alignedPartners\u00a0» (cet objectif mesure «\u00a0${metric}\u00a0»)`,
  weightsSum: (total) => `les poids des objectifs doivent faire 1 au total (ils font ${total.replace('.', ',')})`,
  programmeEndsBeforeStarts: (to, from) => `se termine (${to}) avant de commencer (${from})`,
  programmeAfterEra: (from, end) => `commence en ${from}, après la fin de l’époque (${end})`,
  noDemand: 'un partenaire doit demander quelque chose (ses poids font 0 au total)',
  defaultChoiceCosts: 'le premier choix est celui par défaut et ne doit coûter aucun consensus',
  historicalYear: 'un événement historique doit avoir son année réelle',
  beforeFramework: (f, from, created) => `adhésion à «\u00a0${f}\u00a0» à partir de ${from}, mais ce cadre n’existe qu’à partir de ${created}`,
  afterAccession: (p, f, to, joined) => `${p} a adhéré à l’OTAN en ${joined}, mais son appartenance à «\u00a0${f}\u00a0» ${to === undefined ? 'court sans fin' : `court jusqu’en ${to}`}\u00a0: fixez «\u00a0to\u00a0» à ${joined} au plus tard`,
  fundedAfterAccession: (p, prog, joined) => `${p} a adhéré à l’OTAN en ${joined}\u202f; le programme «\u00a0${prog}\u00a0» (lancé ensuite) ne peut pas le financer comme partenaire`,
  outsideEra: (year, start, end) => `l’année ${year} est hors de l’époque (${start}–${end})`,
  injectTiming: 'un incident doit avoir une année, une condition «\u00a0after\u00a0» ou des conditions «\u00a0when\u00a0»',
  formerNameOutsideEra: (p, until, start, end) => `l’ancien nom de ${p} prend fin en ${until}, mais «\u00a0until\u00a0» doit tomber après la première année de l’époque et au plus tard la dernière (${start + 1}–${end}), pour que les deux noms aient cours pendant l’époque`,
  formerNamesUnsorted: (p, until, previous) => `les anciens noms de ${p} doivent aller du plus ancien au plus récent, avec des années «\u00a0until\u00a0» croissantes (${until} vient après ${previous})`,
  formerNameUnchanged: (p, name) => `l’ancien nom «\u00a0${name}\u00a0» de ${p} est identique au nom qui le suit`,
  courtsItself: (p, c) => `${p} est le pays même du concurrent «\u00a0${c}\u00a0», qui ne se courtise pas lui-même (mettez «\u00a0courtedBy\u00a0» à null ou à l’autre concurrent)`,
};

export const PROBLEM_TEXT: Record<ProblemLanguage, ProblemText> = { en: EN, fr: FR };
