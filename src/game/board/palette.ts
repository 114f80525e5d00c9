/**
 * Framework colours for the map and legend: one colour per family of frameworks (the
 * membership track, the Euro-Atlantic partnership, the two southern dialogues, partners
 * across the globe), chosen to stay apart for colour-blind viewers and on a projector.
 */
import type { Scenario } from '../../core/scenario';
import { frameworksOf, type GameState } from '../../core/state';

export type FrameworkFamily = 'map' | 'pfp' | 'md' | 'ici' | 'global' | 'other' | 'member';

export const FAMILY_COLOUR: Record<FrameworkFamily, number> = {
  map: 0x3fa37a,
  pfp: 0x3f7cc2,
  md: 0xd9822b,
  ici: 0xc9b03a,
  global: 0x9a6cc9,
  other: 0x6f8196,
  member: 0x1f3f66,
};

const FAMILY_OF: Record<string, FrameworkFamily> = {
  map: 'map',
  pfp: 'pfp',
  nacc: 'pfp',
  eapc: 'pfp',
  md: 'md',
  ici: 'ici',
  global: 'global',
  patg: 'global',
  pii: 'global',
  eop: 'global',
  itpp: 'global',
};
const ORDER: FrameworkFamily[] = ['map', 'pfp', 'md', 'ici', 'global', 'other'];

export function familyOf(frameworks: Iterable<string>): FrameworkFamily | null {
  let best: FrameworkFamily | null = null;
  for (const f of frameworks) {
    const fam = FAMILY_OF[f] ?? 'other';
    if (best === null || ORDER.indexOf(fam) < ORDER.indexOf(best)) best = fam;
  }
  return best;
}

export const css = (colour: number) => `#${colour.toString(16).padStart(6, '0')}`;

/** Map colours for the year: every partner by its main framework family, new members in Allied blue. */
export function mapColours(scenario: Scenario, game: GameState): { colours: Record<string, number>; families: Set<FrameworkFamily> } {
  const colours: Record<string, number> = {};
  const families = new Set<FrameworkFamily>();
  for (const p of scenario.partners) {
    const fam = game.partners[p.id].member ? 'member' : familyOf(frameworksOf(scenario, game, p.id));
    if (!fam) continue;
    colours[p.id] = FAMILY_COLOUR[fam];
    families.add(fam);
  }
  return { colours, families };
}
