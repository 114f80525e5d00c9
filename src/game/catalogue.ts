/**
 * The scenarios of the browser build, validated at start-up with the same schema as
 * `npm run scenario:check`. A scenario that fails is left out and reported (the title
 * screen lists the problems) instead of breaking the game.
 *
 * The era files are not compiled into the JavaScript: they are emitted as JSON assets
 * (found with a glob, so adding an era needs no code change) and fetched by the Preloader
 * with a real progress bar, which keeps the game's own script small and quick to start.
 */
import { validateScenario, Campaign, type Scenario } from '../core/scenario';
import type { Catalogue } from '../flow/machine';
import campaign from '../../scenarios/campaign.json';

/** Scenario file name (without .json) → URL of the emitted asset. */
export const SCENARIO_URLS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('../../scenarios/era*.json', { eager: true, query: '?url', import: 'default' }),
  ).map(([path, url]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), url]),
);

/** Validates the loaded files (name → parsed JSON; undefined when the file could not be fetched). */
export function loadCatalogue(files: Readonly<Record<string, unknown>>): { catalogue: Catalogue; problems: string[] } {
  const scenarios: Record<string, Scenario> = {};
  const problems: string[] = [];
  for (const [name, data] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    if (data === undefined || data === null) {
      problems.push(`scenarios/${name}.json could not be loaded`);
      continue;
    }
    const result = validateScenario(data);
    if (result.ok) scenarios[result.scenario.id] = result.scenario;
    else problems.push(...result.problems.slice(0, 5).map((p) => `${name}.json ${p.path}: ${p.message}`));
  }
  const parsed = Campaign.safeParse(campaign);
  const order = parsed.success ? parsed.data.eras : Object.keys(files);
  for (const id of order) {
    if (!(id in files)) problems.push(`campaign.json lists "${id}" but scenarios/${id}.json is not in this build`);
  }
  return { catalogue: { scenarios, campaign: order.filter((id) => id in scenarios) }, problems };
}
