/**
 * Fetches the era files the moment the game's script runs, before Phaser has booted, so
 * the requests (answered from index.html's preloads) and the JSON parsing overlap the
 * engine's start-up instead of waiting for the Preloader scene. The Preloader reads the
 * result: at once when everything is in, or with its progress bar while files are still
 * on their way.
 */
import { SCENARIO_URLS } from './catalogue';

/** File name (without .json) → parsed JSON, or undefined when the file could not be fetched or parsed. */
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

async function fetchJson(url: string): Promise<unknown> {
  try {
    // Same URL and same-origin credentials as the preload links, so the preloads answer.
    const response = await fetch(url, { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as unknown) : undefined;
  } catch {
    // A missing or damaged file is reported by the catalogue, by name.
    return undefined;
  }
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
