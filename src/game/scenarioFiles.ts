/**
 * Fetches the era files as soon as Phaser has booted, in the pause while it waits for its
 * first frame, so the requests (answered from index.html's preloads) and the JSON parsing
 * use that pause instead of waiting for the Preloader scene. (Issued before the boot, the
 * requests' set-up took the main thread when Phaser needed it: the title came about 4 %
 * later in paired loads.) The Preloader reads the result: at once when everything is in,
 * or with its progress bar while files are still on their way; it starts the fetching
 * itself if nothing has. It also reads a player's own scenario file (`openScenarioFile`).
 */
import { parseJsonText } from '../core/load';
import { SCENARIO_URLS, UnreadableFile, type OpenResult, type ScenarioCatalogue } from './catalogue';

/** File name (without .json) → parsed JSON, undefined when the file could not be fetched, or an `UnreadableFile`. */
export type ScenarioFiles = Readonly<Record<string, unknown>>;

interface Loading {
  /** Every file settled (fetched and parsed, or failed). */
  done: Promise<ScenarioFiles>;
  /** Files settled so far, out of `total`. */
  settled: number;
  total: number;
  /** The files, once `done` has settled (a promise's value cannot be read synchronously). */
  files: ScenarioFiles | null;
  /** Called each time a file settles. */
  onProgress: ((fraction: number) => void) | null;
}

let loading: Loading | null = null;

/** A file's JSON; undefined when it could not be fetched, an `UnreadableFile` when it is not JSON (the catalogue reports both by name). */
async function fetchJson(url: string): Promise<unknown> {
  let text: string;
  try {
    // Same URL and same-origin credentials as the preload links, so the preloads answer.
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return undefined;
    text = await response.text();
  } catch {
    return undefined;
  }
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed.data : new UnreadableFile(parsed.problem);
}

/** Starts fetching every era file (once); later calls return the same loading. */
export function loadScenarioFiles(): Loading {
  if (loading) return loading;
  const entries = Object.entries(SCENARIO_URLS);
  const state: Loading = { done: Promise.resolve({}), settled: 0, total: entries.length, files: null, onProgress: null };
  state.done = Promise.all(
    entries.map(async ([name, url]) => {
      const data = await fetchJson(url);
      state.settled++;
      state.onProgress?.(state.settled / state.total);
      return [name, data] as const;
    }),
  ).then((pairs) => (state.files = Object.fromEntries(pairs)));
  loading = state;
  return state;
}

/**
 * A scenario file the player chose or dropped on the title screen, read as text and opened
 * in the catalogue (validated as the shipped eras are; see catalogue.ts). A file that cannot
 * be read, or is not a .json file, is refused with a message key, not an exception.
 */
export async function openScenarioFile(
  catalogue: Pick<ScenarioCatalogue, 'openCustom'>,
  file: Pick<File, 'name' | 'size' | 'text'>,
): Promise<OpenResult | { ok: false; reason: 'read' | 'notJson' }> {
  if (!/\.json$/i.test(file.name)) return { ok: false, reason: 'notJson' };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, reason: 'read' };
  }
  return catalogue.openCustom(file.name, text);
}
