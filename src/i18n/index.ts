/**
 * The game's i18n layer: English and French bundles shipped with the code (no loading, no
 * backend), the current language remembered in localStorage, and listeners for a language
 * switch so open scenes can re-label themselves.
 *
 * It uses a private i18next instance rather than the library's global one, so nothing else
 * in the page (or a test) can change its configuration behind its back.
 */
import i18next, { type i18n } from 'i18next';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { boardEn } from './board.en';
import { boardFr } from './board.fr';
import { shellEn, type ShellKey } from './shell.en';
import { shellFr } from './shell.fr';
import { exerciseEn, type ExerciseKey } from './exercise.en';
import { exerciseFr } from './exercise.fr';
import { menuEn, type MenuKey } from './menu.en';
import { menuFr } from './menu.fr';

export type Language = 'en' | 'fr';
export type { MessageKey, Messages } from './en';
export type { ShellKey } from './shell.en';
export type { ExerciseKey } from './exercise.en';
export type { MenuKey } from './menu.en';

export const LANGUAGES: readonly Language[] = ['en', 'fr'];
export const LANGUAGE_STORAGE_KEY = 'coopsec.lang';

/** Text given in both languages inline, as scenario files do. */
export interface LocalizedText {
  en: string;
  fr: string;
}

let instance: i18n | null = null;
const listeners = new Set<(lang: Language) => void>();

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'fr';
}

/** localStorage may be missing (Node) or throw (privacy modes); a language choice is then per session. */
function readStored(): Language | null {
  try {
    const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function store(lang: Language): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not remembered, but still applied.
  }
}

function browserLanguage(): Language {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return nav?.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function markDocument(lang: Language): void {
  // Screen readers and hyphenation follow <html lang>.
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/**
 * Initialises synchronously. Language order: the argument, the remembered choice, the
 * browser's language, English. Calling it again re-initialises (useful in tests).
 */
export function initI18n(lang?: Language): Language {
  const chosen = lang ?? readStored() ?? browserLanguage();
  instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: { ...en, ...shellEn, ...boardEn, ...exerciseEn, ...menuEn } }, fr: { translation: { ...fr, ...shellFr, ...boardFr, ...exerciseFr, ...menuFr } } },
    lng: chosen,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    // Strings go into Phaser text and textContent, never innerHTML, so escaping would only mangle "&" and quotes.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  markDocument(chosen);
  return chosen;
}

function i18(): i18n {
  if (!instance) initI18n();
  return instance as i18n;
}

/** The string for `key` in the current language, with `{{name}}` placeholders filled from `vars`. */
export function t(key: MessageKey | ShellKey | ExerciseKey | MenuKey, vars?: Record<string, string | number>): string {
  return i18().t(key, vars ?? {}) as string;
}

/** Whether a key exists (for messages chosen by a code at run time). */
export function hasKey(key: string): boolean {
  return i18().exists(key);
}

export function getLanguage(): Language {
  const lang = i18().language;
  return isLanguage(lang) ? lang : 'en';
}

/** Switches language and remembers it; listeners hear only of an actual change. */
export function setLanguage(lang: Language): void {
  if (!isLanguage(lang)) return;
  store(lang);
  if (lang === getLanguage()) return;
  void i18().changeLanguage(lang);
  markDocument(lang);
  for (const listener of [...listeners]) listener(lang);
}

/** Subscribes to language switches; returns the unsubscribe function. */
export function onLanguageChange(listener: (lang: Language) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The locale numbers and dates are written in: British English or French (one way in every screen). */
export function locale(lang: Language = getLanguage()): string {
  return lang === 'fr' ? 'fr-FR' : 'en-GB';
}

/**
 * A moment as the screens write it ("6 Dec 2026, 08:46" / "6 déc. 2026, 08:46"), its time
 * left out for a day; empty for a date that does not read (a damaged save's).
 */
export function dateText(when: Date | string | number, withTime = true): string {
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale(), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
}

/** Picks the current language from inline text, falling back to English if the French is empty. */
export function localized(text: LocalizedText): string {
  return (getLanguage() === 'fr' ? text.fr : text.en) || text.en;
}
