/**
 * The glossary a newcomer reads (src/i18n/menu.en.ts, `glossary.terms`): the list the menu
 * shows, and each entry's explanation as a tooltip for the metric tiles and controls that
 * use the term, so hovering a word explains it rather than repeating its name.
 */
import { t, type MenuKey } from '../../i18n';
import { menuEn } from '../../i18n/menu.en';

export type GlossaryTerm = keyof typeof menuEn.glossary.terms;
export const GLOSSARY_TERMS = Object.keys(menuEn.glossary.terms) as GlossaryTerm[];

export function glossaryTerm(id: GlossaryTerm): string {
  return t(`glossary.terms.${id}.term` as MenuKey);
}

/** The explanation of a term, for a `title` tooltip: "Coherence — how tidy …". */
export function explain(id: GlossaryTerm): string {
  return `${glossaryTerm(id)} — ${t(`glossary.terms.${id}.text` as MenuKey)}`;
}

/** The whole glossary as a definition list, in the current language, sorted by term. */
export function glossaryList(): HTMLElement {
  // Built without the Phaser-bound helpers of dom.ts, so this module also loads in Node tests.
  const el = (tag: string, text?: string, id?: string): HTMLElement => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (id) node.id = id;
    return node;
  };
  const list = el('dl');
  list.className = 'cs-glossary';
  const entries = GLOSSARY_TERMS.map((id) => ({ id, term: glossaryTerm(id), text: t(`glossary.terms.${id}.text` as MenuKey) }));
  entries.sort((a, b) => a.term.localeCompare(b.term));
  for (const e of entries) list.append(el('dt', e.term, `glossary-${e.id}`), el('dd', e.text));
  return list;
}
