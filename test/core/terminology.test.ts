/**
 * French a French officer would sign: every French text of every scenario file is scanned
 * for the forms docs/terminology.md bans (NATO's own French terms as nato.int writes them,
 * one spelling of Iraq, no anglicisms, French spacing before ; : ! ?). A hit names the file,
 * the JSON path and the form, so the author can go straight to it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { scenarioFiles } from '../../src/cli/files';
import { AAR_TEXT } from '../../src/exercise/aarText';
import { PROBLEM_TEXT } from '../../src/core/problemText';
import { roleName, scenarioRoles } from '../../src/exercise/roles';
import { eras } from '../exercise/support';
import { menuEn } from '../../src/i18n/menu.en';
import { menuFr } from '../../src/i18n/menu.fr';
import { boardEn } from '../../src/i18n/board.en';
import { boardFr } from '../../src/i18n/board.fr';

/** Each banned form, and what docs/terminology.md says to write instead. */
export const BANNED: { form: RegExp; use: string }[] = [
  { form: /\bPpP\b/, use: 'PPP (Partenariat pour la paix)' },
  { form: /\bpaquets?\b/i, use: 'ensemble de mesures' },
  { form: /\bpackages?\b/i, use: 'ensemble de mesures' },
  { form: /\bIrak\b|\birakien/i, use: 'Iraq, iraquien (as nato.int writes it)' },
  { form: /Dialogue Méditerranéen|dialogue Méditerranéen/, use: 'Dialogue méditerranéen' },
  { form: /Initiative de Coopération d.Istanbul|initiative de coopération d.Istanbul/, use: 'Initiative de coopération d’Istanbul' },
  { form: /Partenariat [Pp]our [Ll]a Paix|partenariat pour la paix/, use: 'Partenariat pour la paix' },
  { form: /Plan d.Action pour l.Adhésion/, use: 'Plan d’action pour l’adhésion' },
  { form: /[^\s\u00a0\u202f][;!?](?=\s|$|")/, use: 'a narrow no-break space (U+202F) before ; ! ?' },
  { form: /[^\s\u00a0\u202f\d]:(?=\s|$)/, use: 'a no-break space (U+00A0) before :' },
  { form: / [;:!?]/, use: 'a no-break space, not an ordinary one, before ; : ! ?' },
  { form: /\b(?:1[89]|20)\d\d-\d{2,4}\b/, use: 'an en dash in a span of years (1994–2004), as the English texts' },
  { form: /[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/, use: 'the typographic apostrophe (l’OTAN), as nato.int writes it' },
];

export interface Hit {
  file: string;
  path: string;
  form: string;
  use: string;
}

export function scanFrench(file: string, data: unknown): Hit[] {
  const hits: Hit[] = [];
  const walk = (v: unknown, path: string, key: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, ''));
    else if (v && typeof v === 'object') Object.entries(v as Record<string, unknown>).forEach(([k, x]) => walk(x, `${path}.${k}`, k));
    else if (key === 'fr' && typeof v === 'string') {
      for (const b of BANNED) {
        const m = b.form.exec(v);
        if (m) hits.push({ file, path, form: m[0], use: b.use });
      }
    }
  };
  walk(data, '$', '');
  return hits;
}

const files = scenarioFiles().map((f) => [basename(f), JSON.parse(readFileSync(f, 'utf8'))] as const);

describe('French terminology (docs/terminology.md)', () => {
  it('the scanner catches each banned form with its JSON path', () => {
    const hits = scanFrench('x.json', { a: [{ fr: 'Le PpP ; un paquet' }, { fr: "Formation en Irak : oui" }, { en: 'PpP ;' }, { fr: 'Élargissement, 1994-2004' }, { fr: "Le rôle de l'OTAN" }] });
    expect(hits.map((h) => `${h.path} ${h.form}`)).toEqual(['$.a[0].fr PpP', '$.a[0].fr paquet', '$.a[0].fr  ;', '$.a[1].fr Irak', '$.a[1].fr  :', '$.a[3].fr 1994-2004', "$.a[4].fr l'O"]);
    expect(scanFrench('x.json', { fr: 'Le PPP\u202f; un ensemble de mesures en Iraq\u00a0: oui, à 10:30, de 1994\u20132004, RSC-2334, l’OTAN' })).toEqual([]);
  });

  it.each(files)('%s uses NATO\u2019s French terms and French typography', (file, data) => {
    expect(scanFrench(file, data)).toEqual([]);
  });
});

/**
 * The French i18n bundles (src/i18n/fr.ts and *.fr.ts) and the French after-action report's
 * words (AAR_TEXT.fr) are scanned for the same forms, French spacing included: a no-break
 * space before ':' and a narrow one before ; ! ?, so a line never starts with the mark. Every
 * string of every export is checked (texts built by functions are checked where they are
 * written, by the same rule, in review).
 */
const TERMS = BANNED;
/** English titles quoted as they are published: English punctuation is theirs. */
const ENGLISH_TITLES = ['Retooling partnerships? NATO and Cooperative Security before and after 2022'];
const withoutEnglishTitles = (v: string) => ENGLISH_TITLES.reduce((t, title) => t.split(title).join('…'), v);
const bundleFiles = readdirSync('src/i18n').filter((f) => /^(.+\.)?fr\.ts$/.test(f));

describe('French terminology in the i18n bundles', () => {
  it('finds the French bundles', () => {
    expect(bundleFiles).toEqual(expect.arrayContaining(['fr.ts', 'board.fr.ts', 'menu.fr.ts']));
  });

  it.each(bundleFiles)('src/i18n/%s uses NATO\u2019s French terms', async (file) => {
    const mod = (await import(`../../src/i18n/${file.replace(/\.ts$/, '')}.ts`)) as Record<string, unknown>;
    const hits: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === 'string') for (const b of TERMS) { const m = b.form.exec(withoutEnglishTitles(v)); if (m) hits.push(`${path}: ${m[0]} (write ${b.use})`); }
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(mod, file);
    expect(hits).toEqual([]);
  });

  it('the French messages of the scenario check, and the French names of roles, use the same terms and spacing', () => {
    const hits: string[] = [];
    const check = (where: string, v: string) => {
      for (const b of TERMS) {
        const m = b.form.exec(v);
        if (m) hits.push(`${where}: ${m[0]} (write ${b.use})`);
      }
    };
    // A message built by a function is checked with stand-in values (its own words are what is checked).
    for (const [k, v] of Object.entries(PROBLEM_TEXT.fr)) {
      if (typeof v === 'string') check(`PROBLEM_TEXT.fr.${k}`, v);
      else if (typeof v === 'function') check(`PROBLEM_TEXT.fr.${k}`, String((v as (...a: unknown[]) => unknown)('X', 'Y', 'Z', 'W')));
    }
    for (const s of eras) for (const role of scenarioRoles(s)) check(`${s.id} ${role}`, roleName(s, role, 'fr'));
    expect(hits).toEqual([]);
  });

  it('the French after-action report uses the same terms and spacing', () => {
    const hits: string[] = [];
    for (const [k, v] of Object.entries(AAR_TEXT.fr)) if (typeof v === 'string') for (const b of TERMS) { const m = b.form.exec(v); if (m) hits.push(`AAR_TEXT.fr.${k}: ${m[0]} (write ${b.use})`); }
    expect(hits).toEqual([]);
  });

  it("the glossary names the board's actions with the board's own words, in both languages", () => {
    for (const [menu, board] of [[menuEn, boardEn], [menuFr, boardFr]] as const) {
      expect(menu.glossary.terms.gapAnalysis.term).toBe(board.board.actions.gapAnalysis);
      expect(menu.glossary.terms.intelligence.term).toBe(board.board.actions.intelligence);
    }
  });
});
