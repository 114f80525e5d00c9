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
 */
import { validateScenario, type LocalizedText, type Scenario, type ScenarioProblem } from '../core/scenario';
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

  /** `files`: file name → parsed JSON (undefined when the file could not be fetched, an `UnreadableFile` when it is not JSON). */
  constructor(files: Readonly<Record<string, unknown>>) {
    // File names are plain ASCII: code-unit order is name order, without starting up the
    // locale-aware collator (a first localeCompare costs more than the rest of this class).
    this.pending = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.order = campaignEras(campaign) ?? Object.keys(files);
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
    const [name, data] = next;
    const before = this.problems.length;
    if (data === undefined || data === null) {
      this.problems.push({ en: `scenarios/${name}.json could not be loaded`, fr: `scenarios/${name}.json n'a pas pu être chargé` });
      this.broken.add(name);
    } else if (data instanceof UnreadableFile) {
      const { path, message, fr } = data.problem;
      this.problems.push({ en: `${name}.json ${path}: ${message}`, fr: `${name}.json : ${fr ?? message}` });
      this.broken.add(name);
    } else {
      const result = validateScenario(data);
      if (result.ok) this.valid[result.scenario.id] = result.scenario;
      else {
        this.broken.add(name);
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
