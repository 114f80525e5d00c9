/**
 * What QA found the scenario checks letting through, each checked where an author meets it:
 * an `after.choice` that is no choice of the inject it waits on, injects waiting on each
 * other (or themselves) in a loop, duplicate inject ids and an event whose id is an
 * inject's serial, all refused by JSON path in English and French, in a scenario and in an
 * MSEL file; zod's words for a missing text or an empty audience replaced by plain ones;
 * and the warnings `scenario:check` prints for a valid era that will not play as meant (an
 * inject NATO's staff does not answer offering several choices, an inject id that is an
 * event's, an untouched scaffold). docs/scenario-authoring.md, "Injects" and "Warnings".
 */
import { describe, expect, it } from 'vitest';
import { scenarioWarnings, validateScenario, type ScenarioInput } from '../../src/core/scenario';
import { mselWarnings, parseMsel } from '../../src/exercise/plan';
import { miniScenario, miniScenarioInput, problemsAfter } from '../support/builder';
import { era } from '../exercise/support';

type InjectInput = NonNullable<ScenarioInput['injects']>[number];

const url = 'https://www.nato.int/docu/update/1994/9401e.htm';
const t = (en: string) => ({ en, fr: `${en} (fr)` });
/** An inject of the small scenario: two choices, "a" and "b". */
const inject = (serial: number, over: Partial<InjectInput> = {}): InjectInput => ({
  id: `msel-${serial}`,
  serial,
  year: 2001,
  title: t(`Inject ${serial}`),
  text: t('text'),
  source: url,
  choices: [
    { id: 'a', label: t('A'), cost: t('none') },
    { id: 'b', label: t('B'), cost: t('none') },
  ],
  ...over,
});
const withInjects = (...injects: InjectInput[]) => problemsAfter((s) => (s.injects = injects));
const at = <P extends { path: string }>(problems: P[], path: string): P[] => problems.filter((p) => p.path === path);

describe('an inject waiting on another inject', () => {
  it('refuses an after.choice that is no choice of the inject it names, listing that inject\'s choices (EN and FR)', () => {
    const problems = withInjects(inject(1), inject(2, { year: undefined, after: { serial: 1, choice: 'bb' } }));
    expect(at(problems, '$.injects[1].after.choice')).toEqual([
      {
        path: '$.injects[1].after.choice',
        message: 'inject 1 has no choice "bb" (its choices: "a", "b"), so this inject would never fire',
        fr: 'l’incident 1 n’a pas de choix «\u00a0bb\u00a0» (ses choix\u00a0: «\u00a0a\u00a0», «\u00a0b\u00a0»), si bien que cet incident ne se déclencherait jamais',
      },
    ]);
  });

  it('passes the choice the small scenario\'s second inject waits on, and says nothing more of an unknown serial', () => {
    expect(problemsAfter(() => {})).toEqual([]);
    const problems = withInjects(inject(1), inject(2, { year: undefined, after: { serial: 9, choice: 'bb' } }));
    expect(problems.map((p) => p.path)).toEqual(['$.injects[1].after.serial']);
  });

  it('refuses two injects waiting on each other, naming the loop once, at its first inject', () => {
    const problems = withInjects(inject(1, { year: undefined, after: { serial: 2, choice: 'a' } }), inject(2, { year: undefined, after: { serial: 1, choice: 'b' } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '$.injects[0].after.serial', message: expect.stringContaining('injects 1 → 2 → 1 wait on each other\'s answers in a loop') });
    expect(problems[0].fr).toContain('les incidents 1 → 2 → 1 attendent en boucle');
  });

  it('refuses an inject waiting on its own answer', () => {
    const problems = withInjects(inject(1), inject(3, { year: undefined, after: { serial: 3, choice: 'a' } }));
    expect(problems.map((p) => [p.path, p.message])).toEqual([['$.injects[1].after.serial', 'inject 3 waits on its own answer, so it never fires (unless the White Cell publishes it)']]);
  });

  it('names a longer loop in the file\'s order, and an inject waiting on the loop from outside it', () => {
    const problems = withInjects(
      inject(5, { year: undefined, after: { serial: 7, choice: 'a' } }),
      inject(6, { year: undefined, after: { serial: 5, choice: 'a' } }),
      inject(7, { year: undefined, after: { serial: 6, choice: 'b' } }),
      inject(8, { year: undefined, after: { serial: 6, choice: 'a' } }),
      inject(9, { year: undefined, after: { serial: 8, choice: 'b' } }),
    );
    expect(problems.map((p) => p.path)).toEqual(['$.injects[0].after.serial', '$.injects[3].after.serial', '$.injects[4].after.serial']);
    expect(problems[0].message).toContain('injects 5 → 7 → 6 → 5 wait on each other');
    expect(problems[1].message).toMatch(/^waits on inject 6, which never fires \(injects 5 → 7 → 6 → 5 /);
    expect(problems[2].message).toMatch(/^waits on inject 8, which never fires \(injects 5 → 7 → 6 → 5 /);
  });
});

describe('inject ids', () => {
  it('refuses a duplicate inject id at the later inject, naming the first', () => {
    const problems = withInjects(inject(1, { id: 'same' }), inject(2), inject(3, { id: 'same' }));
    expect(problems).toEqual([
      {
        path: '$.injects[2].id',
        message: 'duplicate inject id "same" ($.injects[0].id has it already): each inject needs an id of its own',
        fr: 'identifiant d’incident «\u00a0same\u00a0» en double ($.injects[0].id l’a déjà)\u00a0: chaque incident doit avoir son propre identifiant',
      },
    ]);
  });

  it('refuses an event whose id is an inject\'s serial: a waiting card is known by either, and NATO\'s answer could go to the wrong one', () => {
    const problems = problemsAfter((s) => {
      s.events[1].id = '1';
    });
    expect(problems.map((p) => p.path)).toEqual(['$.injects[0].serial']);
    expect(problems[0].message).toMatch(/^serial 1 is also the id of an event \(\$\.events\[1\]\.id\)/);
  });

  it('warns, without refusing, of an inject id that is also an event\'s id', () => {
    const patch = (s: ScenarioInput) => {
      s.injects![0].id = 'summit';
    };
    expect(problemsAfter(patch)).toEqual([]);
    const warnings = scenarioWarnings(miniScenario(patch));
    expect(at(warnings, '$.injects[0].id')).toHaveLength(1);
    expect(at(warnings, '$.injects[0].id')[0].message).toContain('also an event\'s id ($.events[0].id)');
  });
});

describe('an MSEL file\'s injects, checked as a scenario\'s', () => {
  const scenario = era('era4-after2022');
  const base = scenario.injects[0];
  const mselInject = (serial: number, over: Record<string, unknown> = {}) => ({ ...base, serial, id: `qa-${serial}`, ...over });

  it.each([
    ['a misspelt after.choice', [mselInject(40), mselInject(41, { year: undefined, after: { serial: 40, choice: 'acept' } })], '$.injects[1].after.choice', /inject 40 has no choice "acept" \(its choices: /],
    ['a loop', [mselInject(40, { year: undefined, after: { serial: 41, choice: base.choices[0].id } }), mselInject(41, { year: undefined, after: { serial: 40, choice: base.choices[0].id } })], '$.injects[0].after.serial', /injects 40 → 41 → 40/],
    ['a duplicate id', [mselInject(40), mselInject(41, { id: 'qa-40' })], '$.injects[1].id', /duplicate inject id "qa-40"/],
  ])('refuses %s by its path in the MSEL file', (_what, injects, path, message) => {
    const parsed = parseMsel(scenario, { scenario: scenario.id, injects });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(at(parsed.problems, path).map((p) => p.message)).toEqual([expect.stringMatching(message)]);
    expect(at(parsed.problems, path)[0].fr).toBeTruthy();
  });

  it('warns of an MSEL inject whose choices NATO\'s staff cannot make', () => {
    const parsed = parseMsel(scenario, { injects: [mselInject(40, { audience: ['red:russia', 'white'] })] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(mselWarnings(scenario, parsed.value).map((w) => w.path)).toEqual(['$.injects[0].audience']);
  });
});

describe('messages an author can act on', () => {
  it.each([
    ['fr', '$.title.fr', 'the French text is missing: add a "fr" string beside "en"', 'le texte français manque\u00a0: ajoutez une chaîne "fr" à côté de "en"'],
    ['en', '$.title.en', 'the English text is missing: add an "en" string beside "fr"', 'le texte anglais manque\u00a0: ajoutez une chaîne "en" à côté de "fr"'],
  ] as const)('a missing %s text says so in both languages, by its path', (lang, path, en, fr) => {
    const problems = problemsAfter((s) => {
      delete (s.title as Partial<Record<'en' | 'fr', string>>)[lang];
    });
    expect(problems).toEqual([{ path, message: en, fr }]);
  });

  it('says so wherever a text in two languages is required: an inject\'s choice, a partner\'s optional note, a history entry', () => {
    const problems = problemsAfter((s) => {
      delete (s.injects![0].choices[1].cost as Partial<Record<'en' | 'fr', string>>).fr;
      s.partners[0].note = { en: 'a note' } as { en: string; fr: string };
      delete (s.history.entries[0].text as Partial<Record<'en' | 'fr', string>>).en;
    });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['$.partners[0].note.fr', 'the French text is missing: add a "fr" string beside "en"'],
      ['$.injects[0].choices[1].cost.fr', 'the French text is missing: add a "fr" string beside "en"'],
      ['$.history.entries[0].text.en', 'the English text is missing: add an "en" string beside "fr"'],
    ]);
    for (const p of problems) expect(p.message + p.fr).not.toMatch(/Invalid input|expected string|received undefined|Entrée invalide/);
  });

  it('a text left out whole, or given as one string, asks for both languages', () => {
    const problems = problemsAfter((s) => {
      delete (s as Partial<ScenarioInput>).goal;
      (s as unknown as { context: string }).context = 'A test era';
    });
    expect(problems).toEqual([
      { path: '$.context', message: 'expected a text in English and French, { "en": "…", "fr": "…" }', fr: 'un texte en anglais et en français est attendu, sous les clés "en" et "fr"' },
      { path: '$.goal', message: 'the text is missing: expected a text in English and French, { "en": "…", "fr": "…" }', fr: 'le texte manque\u00a0: un texte en anglais et en français est attendu, sous les clés "en" et "fr"' },
    ]);
  });

  it('an empty audience says an inject needs at least one, and what one is', () => {
    const problems = problemsAfter((s) => {
      s.injects![0].audience = [];
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('$.injects[0].audience');
    expect(problems[0].message).toMatch(/^an inject needs at least one audience: "all", a group \("nato", .*\) or a role \("ally:<id>", /);
    expect(problems[0].fr).toMatch(/^un incident doit avoir au moins un destinataire\u00a0: /);
    expect(problems[0].message).not.toMatch(/Too small/);
  });

  it('a wrong type of text keeps zod\'s message, which names the type found', () => {
    const problems = problemsAfter((s) => {
      (s.title as unknown as { fr: number }).fr = 3;
    });
    expect(problems.map((p) => [p.path, p.message])).toEqual([['$.title.fr', 'Invalid input: expected string, received number']]);
  });
});

describe('warnings of scenario:check', () => {
  it('warns of an inject not addressed to NATO\'s staff that offers several choices, by its audience\'s path (EN and FR)', () => {
    const s = miniScenario((x) => {
      x.injects![0].audience = ['red:russia', 'ally:east'];
    });
    const warnings = scenarioWarnings(s);
    expect(warnings.map((w) => w.path)).toEqual(['$.injects[0].audience']);
    expect(warnings[0].message).toBe(
      'NATO\'s staff is not in this inject\'s audience ("red:russia", "ally:east"), and only NATO\'s staff answers cards: in an exercise where a role it names (or the White Cell) is held, the card is theirs to read only and its first choice, "a", stands, so "b" can never be chosen; add "nato" to the audience, or keep one choice',
    );
    expect(warnings[0].fr).toMatch(/^le Secrétariat international de l’OTAN n’est pas parmi les destinataires/);
  });

  it.each([
    ['"nato" in the audience', (x: ScenarioInput) => (x.injects![0].audience = ['nato', 'red:russia'])],
    ['"all"', (x: ScenarioInput) => (x.injects![0].audience = ['all'])],
    ['one choice only', (x: ScenarioInput) => ((x.injects![1].audience = ['partners']), (x.injects![0].audience = ['nato']))],
  ])('says nothing with %s', (_what, patch) => {
    expect(scenarioWarnings(miniScenario(patch))).toEqual([]);
  });

  it('warns of an untouched scaffold: the "edit me" title and an empty history', () => {
    const s = miniScenario((x) => {
      x.title = { en: 'Mini (custom era: edit me)', fr: 'Mini (époque personnalisée\u00a0: à modifier)' };
      x.history = { entries: [] };
    });
    expect(validateScenario(miniScenarioInput()).ok).toBe(true);
    const warnings = scenarioWarnings(s);
    expect(warnings.map((w) => w.path)).toEqual(['$.title', '$.history.entries']);
    expect(warnings[0].message).toMatch(/"edit me" mark of npm run scenario:new/);
    expect(warnings[1].message).toMatch(/^no history entries: the debrief will say there is no historical path/);
    for (const w of warnings) expect(w.fr).toBeTruthy();
  });

  it('the shipped eras are still valid', () => {
    for (const id of ['era1-enlargement', 'era2-stability', 'era3-global', 'era4-after2022']) expect(era(id).id).toBe(id);
  });
});
