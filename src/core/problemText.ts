/**
 * What the scenario checks say, in English and French. The command-line tools speak
 * English; the game's title screen lists a broken file's problems in the player's
 * language, so a French-speaking facilitator reads them in French. Zod's own messages
 * come from its locales; these are the project's own: the schema's hints, the messages
 * that replace zod's where its words would not tell an author what to do (a missing text,
 * an empty audience), the cross-reference checks a JSON Schema cannot express, and the
 * warnings `npm run scenario:check` prints about an era that is valid but will not play as
 * its author meant (`scenarioWarnings`).
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
  /** A LocalizedText's `en` or `fr` left out (zod would say "expected string, received undefined"). */
  textMissing(language: 'en' | 'fr'): string;
  /** A LocalizedText left out, or given as something else than `{ "en": …, "fr": … }`. */
  textsExpected(missing: boolean): string;
  audienceEmpty: string;
  afterChoiceUnknown(serial: number, choice: string, choices: string[]): string;
  /** `loop`: the serials in the order they wait on each other, the first again at the end. */
  injectLoop(loop: number[]): string;
  waitsOnLoop(serial: number, loop: number[]): string;
  duplicateInjectId(id: string, first: string): string;
  serialIsEventId(serial: number, event: string): string;
  /** Warnings (scenario:check): the era is valid but will not play as its author meant. */
  injectIdIsEventId(id: string, event: string): string;
  choicesNatoCannotMake(audience: string[], first: string, others: string[]): string;
  scaffoldTitle: string;
  noHistory: string;
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

/**
 * Lists in messages: ids quoted as each language quotes them, serials joined by arrows in
 * the order they wait on each other. A lone value reads as a list of one (the terminology
 * test calls every French message with stand-in strings: test/core/terminology.test.ts).
 */
const listOf = <T>(xs: readonly T[] | T): T[] => [xs].flat() as T[];
const quotedEn = (xs: readonly string[]) => listOf(xs).map((x) => `"${x}"`).join(', ');
const quotedFr = (xs: readonly string[]) => listOf(xs).map((x) => `«\u00a0${x}\u00a0»`).join(', ');
const arrows = (xs: readonly number[]) => listOf(xs).join(' → ');

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
  textMissing: (l) => (l === 'fr' ? 'the French text is missing: add a "fr" string beside "en"' : 'the English text is missing: add an "en" string beside "fr"'),
  textsExpected: (missing) => `${missing ? 'the text is missing: ' : ''}expected a text in English and French, { "en": "…", "fr": "…" }`,
  audienceEmpty: `an inject needs at least one audience: "all", a group ("nato", "allies", "partners", "red", "white", "observer") or a role ("ally:<id>", "partner:<team>", "red:<competitor>")`,
  afterChoiceUnknown: (serial, choice, choices) => `inject ${serial} has no choice "${choice}" (its choices: ${quotedEn(choices)}), so this inject would never fire`,
  injectLoop: (loop) =>
    listOf(loop).length === 2
      ? `inject ${listOf(loop)[0]} waits on its own answer, so it never fires (unless the White Cell publishes it)`
      : `injects ${arrows(loop)} wait on each other's answers in a loop, so none of them ever fires (unless the White Cell publishes it)`,
  waitsOnLoop: (serial, loop) => `waits on inject ${serial}, which never fires (injects ${arrows(loop)} wait on each other's answers in a loop), so this inject never fires either`,
  duplicateInjectId: (id, first) => `duplicate inject id "${id}" (${first} has it already): each inject needs an id of its own`,
  serialIsEventId: (serial, event) => `serial ${serial} is also the id of an event (${event}): when NATO's staff answers one of the two cards, the game cannot tell which; give the event another id or the inject another serial`,
  injectIdIsEventId: (id, event) => `the inject's id "${id}" is also an event's id (${event}): give the inject an id of its own, so that authors and the sources audit do not mistake one card for the other (the game tells them apart by the inject's serial)`,
  choicesNatoCannotMake: (audience, first, others) =>
    `NATO's staff is not in this inject's audience (${quotedEn(audience)}), and only NATO's staff answers cards: in an exercise where a role it names (or the White Cell) is held, the card is theirs to read only and its first choice, "${first}", stands, so ${quotedEn(others)} can never be chosen; add "nato" to the audience, or keep one choice`,
  scaffoldTitle: 'the title still carries the "edit me" mark of npm run scenario:new: give your era its own title, in English and French',
  noHistory: 'no history entries: the debrief will say there is no historical path to compare with; cite what happened in the era\'s years (year, text in English and French, source), unless the era is wholly hypothetical',
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
  textMissing: (l) => (l === 'fr' ? 'le texte français manque\u00a0: ajoutez une chaîne "fr" à côté de "en"' : 'le texte anglais manque\u00a0: ajoutez une chaîne "en" à côté de "fr"'),
  textsExpected: (missing) => `${missing ? 'le texte manque\u00a0: ' : ''}un texte en anglais et en français est attendu, sous les clés "en" et "fr"`,
  audienceEmpty: `un incident doit avoir au moins un destinataire\u00a0: «\u00a0all\u00a0», un groupe («\u00a0nato\u00a0», «\u00a0allies\u00a0», «\u00a0partners\u00a0», «\u00a0red\u00a0», «\u00a0white\u00a0», «\u00a0observer\u00a0») ou un rôle («\u00a0ally:<id>\u00a0», «\u00a0partner:<équipe>\u00a0», «\u00a0red:<concurrent>\u00a0»)`,
  afterChoiceUnknown: (serial, choice, choices) => `l’incident ${serial} n’a pas de choix «\u00a0${choice}\u00a0» (ses choix\u00a0: ${quotedFr(choices)}), si bien que cet incident ne se déclencherait jamais`,
  injectLoop: (loop) =>
    listOf(loop).length === 2
      ? `l’incident ${listOf(loop)[0]} attend sa propre réponse\u202f; il ne se déclenche donc jamais (sauf si la cellule blanche le publie)`
      : `les incidents ${arrows(loop)} attendent en boucle la réponse les uns des autres\u202f; aucun ne se déclenche donc jamais (sauf si la cellule blanche le publie)`,
  waitsOnLoop: (serial, loop) => `attend l’incident ${serial}, qui ne se déclenche jamais (les incidents ${arrows(loop)} attendent en boucle la réponse les uns des autres)\u202f; cet incident ne se déclenche donc jamais non plus`,
  duplicateInjectId: (id, first) => `identifiant d’incident «\u00a0${id}\u00a0» en double (${first} l’a déjà)\u00a0: chaque incident doit avoir son propre identifiant`,
  serialIsEventId: (serial, event) => `le numéro ${serial} est aussi l’identifiant d’un événement (${event})\u00a0: quand le Secrétariat international de l’OTAN répond à l’une des deux cartes, le jeu ne peut pas savoir laquelle\u202f; donnez un autre identifiant à l’événement ou un autre numéro à l’incident`,
  injectIdIsEventId: (id, event) => `l’identifiant «\u00a0${id}\u00a0» de l’incident est aussi celui d’un événement (${event})\u00a0: donnez à l’incident son propre identifiant, pour que les auteurs et l’audit des sources ne prennent pas une carte pour l’autre (le jeu les distingue par le numéro de l’incident)`,
  choicesNatoCannotMake: (audience, first, others) =>
    `le Secrétariat international de l’OTAN n’est pas parmi les destinataires de cet incident (${quotedFr(audience)}), et lui seul répond aux cartes\u00a0: dans un exercice où un rôle nommé (ou la cellule blanche) est tenu, la carte n’est qu’à lire pour eux et son premier choix, «\u00a0${first}\u00a0», s’applique\u202f; ${quotedFr(others)} ne peu${listOf(others).length === 1 ? 't' : 'vent'} donc jamais être choisi${listOf(others).length === 1 ? '' : 's'}\u00a0: ajoutez «\u00a0nato\u00a0» aux destinataires, ou ne gardez qu’un choix`,
  scaffoldTitle: 'le titre porte encore la marque «\u00a0à modifier\u00a0» de npm run scenario:new\u00a0: donnez à votre époque son propre titre, en anglais et en français',
  noHistory: 'aucune entrée d’historique\u00a0: le débriefing dira qu’il n’y a pas de parcours historique à comparer\u202f; citez ce qui s’est passé pendant les années de l’époque (année, texte en anglais et en français, source), sauf si l’époque est entièrement hypothétique',
};

export const PROBLEM_TEXT: Record<ProblemLanguage, ProblemText> = { en: EN, fr: FR };
