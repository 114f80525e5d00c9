/**
 * The projector's map (docs/facilitator-guide.md, "The projector"): the partners of the
 * year on the board's own projection (worldMap.ts, Natural Earth 1:110m, bundled with the
 * game and fetched from this server, never the internet), each shaded by its trust in NATO
 * in three bands, the partners that joined the Alliance in Allied blue. Drawn as SVG from
 * the observer's view, so it holds nothing the room may not see; a legend says what the
 * shades mean and the figure's text alternative lists the partners by band.
 */
import type { Scenario } from '../../core/scenario';
import type { RoleView } from '../../exercise/views';
import { WORLD_ATLAS_URL } from '../map/atlasAsset';
import { fetchWorldAtlas, hasWorldAtlas } from '../map/worldMap';
import { worldSvg } from '../map/worldSvg';
import { h, labelled, partnerName, x } from './widgets';

/** Trust bands on the 0–100 scale: below 40 strained, 40–69 working, 70 and up close (thirds of the range partners move in). */
const BANDS = [
  { id: 'low', below: 40, fill: '#c8763a' },
  { id: 'mid', below: 70, fill: '#c9b458' },
  { id: 'high', below: Infinity, fill: '#4fb39a' },
] as const;
const MEMBER_FILL = '#4d8fd6';
const LAND = '#3a4556';
const WIDTH = 960;
const HEIGHT = 440;

function bandOf(trust: number): (typeof BANDS)[number] {
  return BANDS.find((b) => trust < b.below) ?? BANDS[BANDS.length - 1];
}

/** The last map drawn and what it shows: a view that changes nothing on the map (most moves) reuses it rather than projecting the world again. */
let drawn: { key: string; svg: SVGSVGElement } | null = null;

function drawMap(view: RoleView): SVGSVGElement {
  const key = view.partners.map((p) => `${p.id}:${p.member ? 'm' : bandOf(p.trust).id}`).join(',');
  if (drawn?.key === key) return drawn.svg;
  const byIso = new Map(view.partners.map((p) => [p.id, p]));
  const svg = worldSvg({
    width: WIDTH,
    height: HEIGHT,
    partners: view.partners.map((p) => p.id),
    fill: (iso3) => {
      const partner = byIso.get(iso3);
      return partner ? (partner.member ? MEMBER_FILL : bandOf(partner.trust).fill) : undefined;
    },
    land: LAND,
    markerRadius: 5,
  });
  svg.setAttribute('aria-hidden', 'true');
  drawn = { key, svg };
  return svg;
}

/** The map with its legend and a text alternative naming the partners in each band. */
export function projectorMap(view: RoleView, scenario: Scenario | null): HTMLElement {
  const name = (id: string) => (scenario ? partnerName(scenario, id, view.year) : id);
  const groups = [
    ...BANDS.map((b) => ({ label: x(`exercise.map.${b.id}`), fill: b.fill, ids: view.partners.filter((p) => !p.member && bandOf(p.trust).id === b.id).map((p) => p.id) })),
    { label: x('exercise.map.member'), fill: MEMBER_FILL, ids: view.partners.filter((p) => p.member).map((p) => p.id) },
  ];
  const alt = x('exercise.map.alt', { year: view.year, groups: groups.filter((g) => g.ids.length).map((g) => labelled(g.label, g.ids.map(name).join(', '))).join('; ') });
  const canvas = h('div', { class: 'cx-proj-map-canvas' });
  // The legend's blue is for partners that joined, so it shows once one has (the Allies themselves are not drawn).
  const figure = h(
    'figure',
    { class: 'cx-proj-map', attrs: { role: 'img', 'aria-label': alt, 'data-testid': 'cx-proj-map' } },
    canvas,
    h('figcaption', { class: 'cx-proj-legend', attrs: { 'aria-hidden': 'true' } }, h('span', { text: x('exercise.map.title') }), ...groups.filter((g) => g.fill !== MEMBER_FILL || g.ids.length).map((g) => h('span', { class: 'cx-proj-key' }, h('span', { class: 'cx-proj-swatch', attrs: { style: `background:${g.fill}` } }), g.label))),
  );
  const draw = () => canvas.replaceChildren(drawMap(view));
  if (hasWorldAtlas()) draw();
  else
    void fetchWorldAtlas(WORLD_ATLAS_URL).then((ok) => {
      if (ok) draw();
    });
  return figure;
}
