/**
 * The scenarios bundled into the browser build, validated at start-up with the same schema
 * as `npm run scenario:check`. A scenario that fails is left out and reported (the title
 * screen lists the problems) instead of breaking the game.
 *
 * Era files are picked up with a glob, so adding an era needs no code change and a file
 * that is missing (or still being written) is reported rather than failing the build.
 */
import { validateScenario, Campaign, type Scenario } from '../core/scenario';
import type { Catalogue } from '../flow/machine';
import campaign from '../../scenarios/campaign.json';

const FILES: Record<string, unknown> = Object.fromEntries(
  Object.entries(import.meta.glob('../../scenarios/era*.json', { eager: true, import: 'default' })).map(([path, data]) => [
    path.replace(/^.*\//, '').replace(/\.json$/, ''),
    data,
  ]),
);

export function loadCatalogue(): { catalogue: Catalogue; problems: string[] } {
  const scenarios: Record<string, Scenario> = {};
  const problems: string[] = [];
  for (const [name, data] of Object.entries(FILES).sort(([a], [b]) => a.localeCompare(b))) {
    const result = validateScenario(data);
    if (result.ok) scenarios[result.scenario.id] = result.scenario;
    else problems.push(...result.problems.slice(0, 5).map((p) => `${name}.json ${p.path}: ${p.message}`));
  }
  const parsed = Campaign.safeParse(campaign);
  const order = parsed.success ? parsed.data.eras : Object.keys(FILES);
  for (const id of order) {
    if (!(id in FILES)) problems.push(`campaign.json lists "${id}" but scenarios/${id}.json is not in this build`);
  }
  return { catalogue: { scenarios, campaign: order.filter((id) => id in scenarios) }, problems };
}
