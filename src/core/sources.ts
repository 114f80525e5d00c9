/**
 * The source registry (`scenarios/sources.json`): every host a scenario may cite, classed
 * by kind (official, research, press), and the hosts it may never cite (propaganda
 * outlets, content farms, copies of encyclopaedias). `npm run scenario:check` refuses a
 * source whose host is denied or unclassified, and warns when an event or inject rests on
 * press sources alone. See docs/sources-audit.md for the method.
 */
import { z } from 'zod';

export const SOURCE_KINDS = ['official', 'research', 'press'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const host = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a lower-case host name such as nato.int (no scheme, no path)');

export const SourceRegistrySchema = z
  .object({
    $schema: z.string().optional(),
    kinds: z.record(host, z.enum(SOURCE_KINDS)),
    deny: z.array(host),
  })
  .strict();
export type SourceRegistry = z.infer<typeof SourceRegistrySchema>;

export function sourcesJsonSchema(): object {
  return z.toJSONSchema(SourceRegistrySchema, { io: 'input', target: 'draft-2020-12' });
}

/** The host of a URL without its leading `www.`; undefined when the URL does not parse. */
export function sourceHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** The registry's verdict on one host: a sub-domain inherits its parent's kind (shape.nato.int from nato.int) unless it is classed itself. */
export function classifyHost(registry: SourceRegistry, h: string): SourceKind | 'denied' | 'unclassified' {
  const parts = h.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const candidate = parts.slice(i).join('.');
    if (registry.deny.includes(candidate)) return 'denied';
    const kind = registry.kinds[candidate];
    if (kind) return kind;
  }
  return 'unclassified';
}

export interface SourceFinding {
  level: 'error' | 'warning';
  path: string;
  host: string;
  message: string;
  fr: string;
}

/** Every `source` (and `sources[]`) field in a parsed scenario file, with its JSON path. */
function collectSources(node: unknown, path: string, out: { path: string; url: string }[]): void {
  if (Array.isArray(node)) node.forEach((x, i) => collectSources(x, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const at = `${path}.${k}`;
      if ((k === 'source' || k === 'url') && typeof v === 'string') out.push({ path: at, url: v });
      else if (k === 'sources' && Array.isArray(v)) v.forEach((u, i) => typeof u === 'string' && out.push({ path: `${at}[${i}]`, url: u }));
      else collectSources(v, at, out);
    }
  }
}

/**
 * Checks a scenario's sources against the registry: errors for denied, unclassified or
 * unparseable hosts; a warning for each event or inject whose sources are all press.
 */
export function checkSources(registry: SourceRegistry, scenario: unknown): SourceFinding[] {
  const found: { path: string; url: string }[] = [];
  collectSources(scenario, '$', found);
  const findings: SourceFinding[] = [];
  const kindsByItem = new Map<string, SourceKind[]>();
  for (const { path, url } of found) {
    const h = sourceHost(url);
    if (!h) {
      findings.push({ level: 'error', path, host: url, message: `malformed source URL "${url}"`, fr: `URL de source mal formée «\u00a0${url}\u00a0»` });
      continue;
    }
    const verdict = classifyHost(registry, h);
    if (verdict === 'denied') {
      findings.push({ level: 'error', path, host: h, message: `source host "${h}" is on the deny list of scenarios/sources.json (propaganda, content farm or copy): cite a primary source`, fr: `l’hôte «\u00a0${h}\u00a0» figure sur la liste d’exclusion de scenarios/sources.json (propagande, ferme de contenus ou copie)\u00a0: citez une source primaire` });
    } else if (verdict === 'unclassified') {
      findings.push({ level: 'error', path, host: h, message: `source host "${h}" is not classified in scenarios/sources.json (add it under kinds as official, research or press, or cite another source)`, fr: `l’hôte «\u00a0${h}\u00a0» n’est pas classé dans scenarios/sources.json (ajoutez-le sous kinds comme official, research ou press, ou citez une autre source)` });
    } else {
      const item = /^\$\.(events|injects)\[\d+\]/.exec(path)?.[0];
      if (item) kindsByItem.set(item, [...(kindsByItem.get(item) ?? []), verdict]);
    }
  }
  for (const [item, kinds] of kindsByItem) {
    if (kinds.every((k) => k === 'press')) {
      findings.push({ level: 'warning', path: item, host: '', message: 'rests on press sources only: add an official or research source', fr: 'ne repose que sur des sources de presse\u00a0: ajoutez une source officielle ou de recherche' });
    }
  }
  return findings;
}
