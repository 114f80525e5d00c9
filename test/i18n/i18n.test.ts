/**
 * The i18n layer: the French bundle matches the English one key for key and is actually
 * translated, the language choice survives a reload (and bad storage), and switching
 * notifies listeners; every save problem reads as a sentence in both languages.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { dateText, getLanguage, hasKey, initI18n, localized, onLanguageChange, setLanguage, t, type ShellKey } from '../../src/i18n/index';
import { migrate, readSave, SAVE_FORMAT } from '../../src/flow/save';

/** Leaf paths with their values, e.g. ['ui.next', 'Next']. */
function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]));
}

/** Keys whose French is rightly the same as the English, each for a stated reason. */
const SAME_IN_FRENCH: Record<string, string> = {
  'language.en': 'language names are shown in their own language',
  'language.fr': 'language names are shown in their own language',
  'ui.volume': 'the French word is "volume"',
  'metric.consensus': 'the French word is "consensus"',
};

class MemoryStorage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
}

describe('bundles', () => {
  const enLeaves = new Map(leaves(en));
  const frLeaves = new Map(leaves(fr));

  it('have exactly the same keys', () => {
    expect([...frLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
    expect([...enLeaves.keys()].filter((k) => !frLeaves.has(k))).toEqual([]);
  });

  it('hold only non-empty strings', () => {
    for (const [key, value] of [...enLeaves, ...frLeaves]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('are translated, apart from the allow-list', () => {
    const untranslated = [...enLeaves].filter(([k, v]) => frLeaves.get(k) === v && !(k in SAME_IN_FRENCH)).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it('keep the same placeholders in both languages', () => {
    const placeholders = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [key, value] of enLeaves) expect(placeholders(frLeaves.get(key)), key).toEqual(placeholders(value));
  });

  it('have caption keys for every sound the audio module can caption', () => {
    const captions = ['click', 'stinger', 'turnEnd', 'music.era1', 'music.era2', 'music.era3', 'music.era4'];
    for (const c of captions) expect(enLeaves.has(`sound.caption.${c}`), c).toBe(true);
  });
});

describe('language', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.stubGlobal('localStorage', storage);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('translates and interpolates in the chosen language', () => {
    initI18n('fr');
    expect(t('phase.briefing')).toBe('Breffage');
    expect(t('ui.yearValue', { year: 1994 })).toBe('Année 1994');
    expect(t('sound.caption.stinger')).toBe('Signal d’événement');
    initI18n('en');
    expect(t('ui.yearValue', { year: 2030 })).toBe('Year 2030');
    expect(t('ui.sourcesCredits')).toBe('Sources & credits');
  });

  it('writes a moment one way on every screen, in the language chosen (save slots, past games, a kept exercise)', () => {
    const when = new Date(2026, 11, 6, 8, 46);
    initI18n('en');
    expect(dateText(when)).toBe('6 Dec 2026, 08:46');
    expect(dateText(when.toISOString(), false)).toBe('6 Dec 2026');
    initI18n('fr');
    expect(dateText(when)).toBe('6 déc. 2026, 08:46');
    expect(dateText(when.getTime(), false)).toBe('6 déc. 2026');
    // A damaged save's date: nothing written rather than "Invalid Date".
    expect(dateText('yesterday')).toBe('');
    initI18n('en');
  });

  it('remembers the choice across a reload', () => {
    initI18n('en');
    setLanguage('fr');
    expect(storage.getItem('coopsec.lang')).toBe('fr');
    expect(initI18n()).toBe('fr');
    expect(t('ui.next')).toBe('Suivant');
  });

  it.each([
    ['garbage', 'klingon'],
    ['empty', ''],
  ])('ignores a %s stored language', (_label, raw) => {
    storage.setItem('coopsec.lang', raw);
    vi.stubGlobal('navigator', { language: 'en-GB' });
    expect(initI18n()).toBe('en');
  });

  it('falls back to the browser language, then copes with storage that throws', () => {
    vi.stubGlobal('navigator', { language: 'fr-CA' });
    expect(initI18n()).toBe('fr');
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('SecurityError');
      },
    });
    vi.stubGlobal('navigator', { language: 'de-DE' });
    expect(initI18n()).toBe('en');
    expect(() => setLanguage('fr')).not.toThrow();
    expect(getLanguage()).toBe('fr');
  });

  it('notifies listeners of a real change only, until they unsubscribe', () => {
    initI18n('en');
    const heard: string[] = [];
    const off = onLanguageChange((lang) => heard.push(lang));
    setLanguage('en');
    setLanguage('fr');
    off();
    setLanguage('en');
    expect(heard).toEqual(['fr']);
  });

  it('picks inline text in the current language, falling back to English', () => {
    initI18n('fr');
    expect(localized({ en: 'Partnership', fr: 'Partenariat' })).toBe('Partenariat');
    expect(localized({ en: 'Partnership', fr: '' })).toBe('Partnership');
    setLanguage('en');
    expect(localized({ en: 'Partnership', fr: 'Partenariat' })).toBe('Partnership');
  });
});

describe('save problems', () => {
  afterEach(() => vi.unstubAllGlobals());

  // One bad save per problem the reader can report (readSave and the migration chain).
  const envelope = (extra: object) => JSON.stringify({ format: SAVE_FORMAT, version: 1, ...extra });
  const problems = [
    readSave(''),
    readSave('{"format": "coopsec-save", garbage'),
    readSave('{"hello": "world"}'),
    readSave(JSON.stringify({ format: SAVE_FORMAT })),
    readSave(JSON.stringify({ format: SAVE_FORMAT, version: 99 })),
    migrate({ version: 1 }, 2),
    readSave(envelope({})),
    readSave(envelope({ snapshot: { status: 'done' } })),
    readSave(envelope({ snapshot: { status: 'active', context: {} } })),
    readSave(envelope({ snapshot: { status: 'active', context: { seed: 1, game: { year: 'soon' } } } })),
  ];

  it('are all told apart by a code', () => {
    const codes = problems.map((p) => (p.ok ? 'ok' : p.code));
    expect(codes).toEqual(['empty', 'not-json', 'foreign', 'no-version', 'newer', 'no-migration', 'no-snapshot', 'not-running', 'incomplete', 'damaged']);
  });

  it.each(['en', 'fr'] as const)('each reads as a sentence in %s, with its figures filled in', (lang) => {
    vi.stubGlobal('localStorage', new MemoryStorage());
    initI18n(lang);
    for (const p of problems) {
      if (p.ok) throw new Error('a bad save was read');
      const key = `shell.saveReason.${p.code}` as ShellKey;
      expect(hasKey(key), key).toBe(true);
      const text = t(key, p.params);
      expect(text).not.toMatch(/\{\{|\}\}/);
      for (const value of Object.values(p.params ?? {})) expect(text).toContain(String(value));
    }
    // The bridge's own problem: a save for a scenario this build does not have.
    expect(t('shell.saveReason.unknown-scenario' as ShellKey, { id: 'era9-future' })).toContain('era9-future');
  });
});
