/**
 * The roles a scenario offers a facilitated exercise (docs/exercise.md): NATO staff, one
 * Allied capital per `allies` entry, one partner team per `partnerTeams` entry (one per
 * region with partners when the scenario names none), a red cell per competitor with an
 * assistance budget, the White Cell and observers. Also which roles an inject's audience
 * reaches.
 */
import { COMPETITORS, REGIONS, type CompetitorId } from '../core/constants';
import type { LocalizedText, PartnerTeam, Scenario } from '../core/scenario';
import type { RoleId, RoleKind, RoleSeat } from './types';

export function roleKind(role: RoleId): RoleKind {
  const colon = role.indexOf(':');
  return (colon < 0 ? role : role.slice(0, colon)) as RoleKind;
}

/** The id after the colon: an ally id, a partner team id or a competitor. */
export function roleSubject(role: RoleId): string {
  const colon = role.indexOf(':');
  return colon < 0 ? '' : role.slice(colon + 1);
}

const REGION_TEAM_NAMES: Record<string, LocalizedText> = {
  east: { en: 'Eastern partners', fr: 'Partenaires de l’Est' },
  south: { en: 'Southern partners', fr: 'Partenaires du Sud' },
  global: { en: 'Partners across the globe', fr: 'Partenaires à travers le monde' },
};

/** The scenario's partner teams, or one per region with partners when it names none. */
export function partnerTeams(scenario: Scenario): PartnerTeam[] {
  if (scenario.partnerTeams.length) return scenario.partnerTeams;
  return REGIONS.map((region) => ({
    id: region,
    name: REGION_TEAM_NAMES[region],
    partners: scenario.partners.filter((p) => p.region === region).map((p) => p.id),
  })).filter((t) => t.partners.length > 0);
}

/** Competitors with an assistance budget somewhere: each can be a red cell. */
export function redCells(scenario: Scenario): CompetitorId[] {
  return COMPETITORS.filter((c) => REGIONS.some((r) => scenario.competitors[c][r] > 0));
}

/** Every role the scenario offers, in the order a seat board lists them (observers last). */
export function scenarioRoles(scenario: Scenario): RoleId[] {
  return [
    'nato',
    ...scenario.allies.map((a) => `ally:${a.id}` as RoleId),
    ...partnerTeams(scenario).map((t) => `partner:${t.id}` as RoleId),
    ...redCells(scenario).map((c) => `red:${c}` as RoleId),
    'white',
    'observer',
  ];
}

export function isScenarioRole(scenario: Scenario, role: string): role is RoleId {
  return (scenarioRoles(scenario) as string[]).includes(role);
}

/** The partner team a partner belongs to, if any. */
export function teamOf(scenario: Scenario, partner: string): PartnerTeam | undefined {
  return partnerTeams(scenario).find((t) => t.partners.includes(partner));
}

/** Whether a role holds the seat (a human plays it) in these seats. Observers never act. */
export function isHeld(seats: Partial<Record<RoleId, RoleSeat>>, role: RoleId): boolean {
  return role !== 'observer' && !!seats[role]?.held;
}

/**
 * Whether an inject addressed to `audience` reaches `role`. The White Cell sees every
 * inject; observers see what is addressed to all.
 */
export function reaches(audience: readonly string[], role: RoleId): boolean {
  if (role === 'white') return true;
  const group = AUDIENCE_GROUP[roleKind(role)];
  return audience.some((a) => a === 'all' || a === role || a === group);
}

/** The audience word that names every role of a kind. */
const AUDIENCE_GROUP: Record<RoleKind, string> = { nato: 'nato', ally: 'allies', partner: 'partners', red: 'red', white: 'white', observer: 'observer' };

/** A role's display name in a language. */
export function roleName(scenario: Scenario, role: RoleId, lang: 'en' | 'fr'): string {
  const kind = roleKind(role);
  const subject = roleSubject(role);
  switch (kind) {
    case 'nato':
      return lang === 'fr' ? 'Secrétariat international de l’OTAN' : 'NATO International Staff';
    case 'ally':
      return scenario.allies.find((a) => a.id === subject)?.name[lang] ?? subject;
    case 'partner':
      return partnerTeams(scenario).find((t) => t.id === subject)?.name[lang] ?? subject;
    case 'red':
      return lang === 'fr' ? `Cellule rouge (${subject === 'russia' ? 'Russie' : 'Chine'})` : `Red cell (${subject === 'russia' ? 'Russia' : 'China'})`;
    case 'white':
      return lang === 'fr' ? 'Cellule blanche (animation)' : 'White Cell (facilitator)';
    case 'observer':
      return lang === 'fr' ? 'Observateur' : 'Observer';
    default: {
      const never: never = kind;
      return never;
    }
  }
}
