/**
 * The scenarios of the browser build, validated with the same schema as
 * `npm run scenario:check`. A scenario that fails is left out and reported (the title
 * screen lists the problems) instead of breaking the game.
 *
 * The era files are not compiled into the JavaScript: they are emitted as JSON assets
 * (found with a glob, so adding an era needs no code change) and fetched by the Preloader
 * with a real progress bar, which keeps the game's own script small and quick to start.
 *
 * Full validation of four eras takes a tenth of a second on a laptop, so it is kept off
 * the way to the title screen: the title reads each file's heading (id, era, title, years)
 * and the files are validated just after, a file per idle moment. Anything that needs a
 * scenario itself (starting or restoring a game, the credits) finishes validation first,
 * so no game ever runs on an unchecked file.
 *
 * A player's own eras (README, "Write your own era"): a scenario file opened on the title
 * screen is parsed and validated by the same loader and schema (`parseJsonText`,
 * `validateScenario`), refused with its problems named by file and JSON path, and, once
 * valid, playable as a single era and kept in the browser's storage (`CustomScenarioStore`)
 * for the next visit, until the player removes it. Kept files are validated again on the next
 * visit, with the shipped ones, since the format may have moved on. They never join the
 * campaign, and may not take a shipped era's id.
 *
 * The eras that ship are the ones the campaign lists. An era file an author placed in
 * scenarios/ beside them (`npm run scenario:new` writes there) is built in too, and playable
 * as a single era and in an exercise (`besideHeadings`), but it is the author's: it never
 * joins the campaign, and the file opened on the title screen with its id is pointed to it.
 */
import { validateScenario, type LocalizedText, type Scenario, type ScenarioProblem } from '../core/scenario';
import { otherGameFile, parseJsonText, type OtherGameFile } from '../core/load';
import type { Catalogue } from '../flow/machine';
import campaign from '../../scenarios/campaign.json';

/** Scenario file name (without .json) → URL of the emitted asset. */
export const SCENARIO_URLS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('../../scenarios/era*.json', { eager: true, query: '?url', import: 'default' }),
  ).map(([path, url]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), url]),
);

/** A file that came but is not JSON, with where parsing failed (see `parseJsonText`). */
export class UnreadableFile {
  constructor(readonly problem: ScenarioProblem) {}
}

/** What the title screen shows of a scenario before it is validated. */
export interface ScenarioHeading {
  id: string;
  era: number;
  title: LocalizedText;
  start: number;
  end: number;
}

/** A player's own scenario as kept between visits: the file's name and its JSON (minified). */
export interface StoredScenario {
  id: string;
  file: string;
  text: string;
  /** ISO date it was opened. */
  added: string;
}

/** Where a player's own scenarios are kept; `save` is false when the browser refused (full or blocked). */
export interface CustomScenarioStore {
  list(): StoredScenario[];
  save(entries: StoredScenario[]): boolean;
}

export const CUSTOM_SCENARIOS_KEY = 'coopsec.customScenarios.v1';

/** The store in `localStorage` (none when storage is blocked: then nothing is kept, and nothing breaks). */
export function browserScenarioStore(storage: Storage | null = typeof localStorage === 'undefined' ? null : safeStorage()): CustomScenarioStore {
  return {
    list() {
      try {
        const data = JSON.parse(storage?.getItem(CUSTOM_SCENARIOS_KEY) ?? '[]') as unknown;
        if (!Array.isArray(data)) return [];
        return data.filter((e): e is StoredScenario => !!e && typeof e.id === 'string' && typeof e.file === 'string' && typeof e.text === 'string' && typeof e.added === 'string');
      } catch {
        return [];
      }
    },
    save(entries) {
      if (!storage) return false;
      try {
        if (entries.length) storage.setItem(CUSTOM_SCENARIOS_KEY, JSON.stringify(entries));
        else storage.removeItem(CUSTOM_SCENARIOS_KEY);
        return true;
      } catch {
        return false;
      }
    },
  };
}

function safeStorage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** A scenario file bigger than this is refused before parsing (the shipped eras are under 200 kB). */
export const CUSTOM_FILE_LIMIT = 2_000_000;

/** What another of the game's files is, said when it is opened as a scenario, and where it goes instead. */
const OTHER_FILE: Record<OtherGameFile, LocalizedText> = {
  campaign: { en: 'this is the campaign’s list of eras (campaign.json), not a scenario: open one era’s file', fr: 'c’est la liste des époques de la campagne (campaign.json), pas un scénario\u00a0: ouvrez le fichier d’une époque' },
  msel: { en: 'this is a master events list (MSEL), not a scenario: give it to an exercise on its set-up (Run an exercise, Master events list)', fr: 'c’est une liste principale des incidents (MSEL), pas un scénario\u00a0: donnez-la à un exercice sur sa mise en place (Animer un exercice, Liste principale des incidents)' },
  plan: { en: 'this is an exercise plan (the seats and scripted moves of npm run exercise), not a scenario', fr: 'c’est un plan d’exercice (les sièges et les coups scriptés de npm run exercise), pas un scénario' },
  exercise: { en: 'this is an exercise record (exercise.json), not a scenario: take it up again from Run an exercise', fr: 'c’est l’enregistrement d’un exercice (exercise.json), pas un scénario\u00a0: reprenez-le depuis Animer un exercice' },
  save: { en: 'this is a saved game, not a scenario: open it with Load a save file', fr: 'c’est une partie sauvegardée, pas un scénario\u00a0: ouvrez-la avec Charger une sauvegarde' },
  aar: { en: 'this is an after-action report, not a scenario', fr: 'c’est un rapport après action, pas un scénario' },
};

/** What opening a scenario file gave: the era, ready to play, or its problems in both languages. */
export type OpenResult =
  | { ok: true; scenario: Scenario; replaced: boolean; kept: boolean }
  | { ok: false; problems: LocalizedText[] };
/**
 * The heading of a file that has one, else null. Checked by hand rather than with the
 * schema library: this runs before the title screen, and the library's first parse compiles
 * its parsers, which the title need not wait for (full validation comes just after).
 */
function headingOf(data: unknown): ScenarioHeading | null {
  if (!data || typeof data !== 'object') return null;
  const { id, era, title, start, end } = data as Record<string, unknown>;
  const text = title as Record<string, unknown> | null | undefined;
  const named = !!text && typeof text === 'object' && typeof text.en === 'string' && typeof text.fr === 'string' && text.en !== '' && text.fr !== '';
  if (typeof id !== 'string' || typeof era !== 'number' || typeof start !== 'number' || typeof end !== 'number' || !named) return null;
  return { id, era, title: { en: text.en as string, fr: text.fr as string }, start, end };
}

/** The campaign's eras in order, when campaign.json lists them (`npm run scenario:check` checks the rest of it). */
function campaignEras(data: unknown): string[] | null {
  const eras = (data as { eras?: unknown } | null)?.eras;
  return Array.isArray(eras) && eras.length > 0 && eras.every((e) => typeof e === 'string') ? eras : null;
}

/**
 * The catalogue the flow statechart plays from. `scenarios` and `campaign` are complete
 * and validated whenever read; `headings` and `problems` are what is known so far.
 */
export class ScenarioCatalogue implements Catalogue {
  private valid: Record<string, Scenario> = {};
  /** Files not validated yet, in name order. */
  private pending: Array<[string, unknown]>;
  private order: string[];
  private known: ScenarioHeading[] = [];
  private broken = new Set<string>();
  private listeners = new Set<() => void>();
  /** In both languages, so the title shows them in whichever the player picks. */
  readonly problems: LocalizedText[] = [];
  /** The player's own scenarios, by id, in the order opened; their JSON validated with the rest. */
  private custom: StoredScenario[];
  private customKnown = new Map<string, ScenarioHeading>();
  /** The campaign's eras: the ones that ship with the game. */
  private readonly shipped: ReadonlySet<string>;
  /** Every era file in this build: the campaign's and any an author placed beside them. */
  private readonly built: ReadonlySet<string>;
  /** Headings of the era files built in beside the campaign's, in id order. */
  private readonly beside: ScenarioHeading[];

  /**
   * `files`: file name → parsed JSON (undefined when the file could not be fetched, an `UnreadableFile` when it is not JSON).
   * `store`: where the player's own scenarios are kept (the browser's storage by default).
   */
  constructor(files: Readonly<Record<string, unknown>>, private readonly store: CustomScenarioStore = browserScenarioStore()) {
    this.built = new Set(Object.keys(files));
    // File names are plain ASCII: code-unit order is name order, without starting up the
    // locale-aware collator (a first localeCompare costs more than the rest of this class).
    this.pending = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.order = campaignEras(campaign) ?? Object.keys(files);
    this.shipped = new Set(this.order);
    for (const id of this.order) {
      if (!(id in files)) {
        this.problems.push({
          en: `campaign.json lists "${id}" but scenarios/${id}.json is not in this build`,
          fr: `campaign.json cite « ${id} » mais scenarios/${id}.json ne fait pas partie de cette version`,
        });
      }
    }
    const headings = new Map<string, ScenarioHeading>();
    for (const [name, data] of this.pending) {
      const heading = headingOf(data);
      if (heading?.id === name) headings.set(name, heading);
    }
    this.known = this.order.flatMap((id) => headings.get(id) ?? []);
    this.beside = this.pending.flatMap(([id]) => (this.shipped.has(id) ? [] : (headings.get(id) ?? [])));
    // The player's kept scenarios: listed at once, validated with the rest. A file built in
    // with the same id (the author's copy in scenarios/, edited since) is the one played.
    this.custom = this.store.list().filter((e) => !this.built.has(e.id));
    for (const entry of this.custom) {
      const parsed = parseJsonText(entry.text);
      const data = parsed.ok ? parsed.data : new UnreadableFile(parsed.problem);
      const heading = headingOf(data);
      if (heading?.id === entry.id) this.customKnown.set(entry.id, heading);
      this.pending.push([entry.id, data]);
    }
  }

  /** Every scenario that passed validation, by id (validates what is left first). */
  get scenarios(): Record<string, Scenario> {
    this.settle();
    return this.valid;
  }

  /** Era ids in campaign order, valid ones only (validates what is left first). */
  get campaign(): string[] {
    this.settle();
    return this.order.filter((id) => id in this.valid);
  }

  /** The campaign's eras as far as known without validating: headings of files not found broken. */
  get headings(): readonly ScenarioHeading[] {
    return this.known.filter((h) => !this.broken.has(h.id));
  }

  /** Era files built in beside the campaign's (an author's, placed in scenarios/), as far as not found broken: single eras, never the campaign's. */
  get besideHeadings(): readonly ScenarioHeading[] {
    return this.beside.filter((h) => !this.broken.has(h.id));
  }

  /** The player's own scenarios in the order opened, each with its file's name and whether it failed validation. */
  get customHeadings(): ReadonlyArray<ScenarioHeading & { file: string; broken: boolean }> {
    return this.custom.flatMap((e) => {
      const heading = this.customKnown.get(e.id) ?? { id: e.id, era: 0, title: { en: e.id, fr: e.id }, start: 0, end: 0 };
      return [{ ...heading, file: e.file, broken: this.broken.has(e.id) }];
    });
  }

  /** True for a scenario the player opened (not one of the shipped eras). */
  isCustom(id: string): boolean {
    return this.custom.some((e) => e.id === id);
  }

  /**
   * Opens a player's scenario file: the same parsing and validation as the shipped eras; a
   * valid one is playable at once and kept for the next visit (replacing a kept one with the
   * same id). Problems name the file and the JSON path, in English and French, never a stack.
   */
  openCustom(file: string, text: string): OpenResult {
    const named = (path: string, en: string, fr: string): LocalizedText => ({ en: `${file} ${path}: ${en}`, fr: `${file} ${path} : ${fr}` });
    if (text.length > CUSTOM_FILE_LIMIT) {
      const mb = (CUSTOM_FILE_LIMIT / 1e6).toLocaleString('en');
      return { ok: false, problems: [{ en: `${file}: the file is larger than ${mb} MB; a scenario file is far smaller`, fr: `${file} : le fichier dépasse ${mb.replace('.', ',')} Mo ; un fichier de scénario est bien plus petit` }] };
    }
    const parsed = parseJsonText(text);
    // The French message of a syntax error already says where (ligne, colonne).
    if (!parsed.ok) return { ok: false, problems: [{ en: `${file} ${parsed.problem.path}: ${parsed.problem.message}`, fr: `${file} : ${parsed.problem.fr ?? parsed.problem.message}` }] };
    const result = validateScenario(parsed.data);
    if (!result.ok) {
      // Another of the game's files fails every scenario key: one line saying what it is helps more than that list.
      const other = otherGameFile(parsed.data);
      if (other) return { ok: false, problems: [{ en: `${file}: ${OTHER_FILE[other].en}`, fr: `${file}\u00a0: ${OTHER_FILE[other].fr}` }] };
      return { ok: false, problems: result.problems.map((p) => named(p.path, p.message, p.fr ?? p.message)) };
    }
    const scenario = result.scenario;
    if (this.shipped.has(scenario.id)) {
      return { ok: false, problems: [named('id', `"${scenario.id}" is the id of an era that ships with the game; give your era its own id (npm run scenario:new -- --from ${scenario.id} --id <new-id>)`, `«\u00a0${scenario.id}\u00a0» est l’identifiant d’une époque livrée avec le jeu\u202f; donnez un identifiant propre à votre époque (npm run scenario:new -- --from ${scenario.id} --id <nouvel-id>)`)] };
    }
    if (this.built.has(scenario.id)) {
      return { ok: false, problems: [named('id', `"${scenario.id}" is built into this game from scenarios/${scenario.id}.json: play it from "Single era" or "Run an exercise" (it is that file, as edited there); to keep this file apart, give it another id`, `«\u00a0${scenario.id}\u00a0» fait partie de ce jeu depuis scenarios/${scenario.id}.json\u00a0: jouez-la depuis «\u00a0Une seule époque\u00a0» ou «\u00a0Animer un exercice\u00a0» (c’est ce fichier, tel que modifié là)\u202f; pour garder ce fichier à part, donnez-lui un autre identifiant`)] };
    }
    this.settle();
    const replaced = this.isCustom(scenario.id);
    const entry: StoredScenario = { id: scenario.id, file, text: JSON.stringify(parsed.data), added: new Date().toISOString() };
    this.custom = [...this.custom.filter((e) => e.id !== scenario.id), entry];
    this.valid[scenario.id] = scenario;
    this.broken.delete(scenario.id);
    this.customKnown.set(scenario.id, { id: scenario.id, era: scenario.era, title: scenario.title, start: scenario.start, end: scenario.end });
    const kept = this.store.save(this.custom);
    return { ok: true, scenario, replaced, kept };
  }

  /** Forgets a player's scenario (here and in storage); false when there was none with that id. */
  removeCustom(id: string): boolean {
    if (!this.isCustom(id)) return false;
    this.settle();
    this.custom = this.custom.filter((e) => e.id !== id);
    this.customKnown.delete(id);
    this.broken.delete(id);
    delete this.valid[id];
    this.store.save(this.custom);
    return true;
  }

  /** The campaign's first era (the tutorial's), whether or not its file loaded. */
  get firstEra(): string | undefined {
    return this.order[0];
  }

  /** How many eras the campaign lists (whether or not their files loaded). */
  get expected(): number {
    return this.order.length;
  }

  get settled(): boolean {
    return this.pending.length === 0;
  }

  /** Called whenever validation finds a problem (the title screen re-renders its list). */
  onProblems(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates one pending file; false when none was left. */
  step(): boolean {
    const next = this.pending.shift();
    if (!next) return false;
    const [id, data] = next;
    // A kept scenario is named by the player's file name; a shipped one by scenarios/<name>.json.
    const customFile = this.custom.find((e) => e.id === id)?.file;
    const name = customFile ? customFile.replace(/\.json$/i, '') : id;
    const before = this.problems.length;
    if (data === undefined || data === null) {
      this.problems.push({ en: `scenarios/${name}.json could not be loaded`, fr: `scenarios/${name}.json n’a pas pu être chargé` });
      this.broken.add(id);
    } else if (data instanceof UnreadableFile) {
      const { path, message, fr } = data.problem;
      this.problems.push({ en: `${name}.json ${path}: ${message}`, fr: `${name}.json : ${fr ?? message}` });
      this.broken.add(id);
    } else {
      const result = validateScenario(data);
      if (result.ok) this.valid[result.scenario.id] = result.scenario;
      else {
        this.broken.add(id);
        this.problems.push(...result.problems.slice(0, 5).map((p) => ({ en: `${name}.json ${p.path}: ${p.message}`, fr: `${name}.json ${p.path} : ${p.fr ?? p.message}` })));
      }
    }
    if (this.problems.length > before) for (const listener of this.listeners) listener();
    return true;
  }

  /** Validates everything still pending, now. */
  settle(): void {
    while (this.step());
  }

  /** Validates the pending files one per idle moment, after the title screen is up. */
  settleWhenIdle(): void {
    const idle: (callback: () => void) => void =
      typeof requestIdleCallback === 'function' ? (callback) => requestIdleCallback(callback, { timeout: 500 }) : (callback) => setTimeout(callback, 0);
    const next = () => {
      if (this.step()) idle(next);
    };
    idle(next);
  }
}
