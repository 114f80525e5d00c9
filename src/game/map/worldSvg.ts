/**
 * The board's world map as SVG (docs/exercise.md): the year's partners on the board's own
 * projection (worldMap.ts), each filled by the caller, other land in a neutral colour, and
 * a marker for a partner too small to see. The projector and NATO's staff board in the
 * exercise draw it this way; the solo board draws the same projection on its canvas.
 * Partner shapes and markers carry `data-partner` (their ISO3 code), so a page can find
 * them, outline them or take clicks on them.
 */
import { projectWorld } from './worldMap';

const SVG = 'http://www.w3.org/2000/svg';
export const MAP_BORDER = 'rgba(136, 151, 170, 0.55)';

export interface WorldSvgOptions {
  width: number;
  height: number;
  /** The partners to frame, whose shapes `fill` colours. */
  partners: readonly string[];
  /** A partner's fill, or undefined to draw it as other land. */
  fill(iso3: string): string | undefined;
  land: string;
  markerRadius: number;
  /** A tooltip for a partner's shape (none when absent). */
  title?(iso3: string): string;
  /** Sizes the SVG in pixels (else it scales to its box). */
  sized?: boolean;
}

export function worldSvg(o: WorldSvgOptions): SVGSVGElement {
  const projection = projectWorld(o.width, o.height, o.partners);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${o.width} ${o.height}`);
  if (o.sized) {
    svg.setAttribute('width', String(o.width));
    svg.setAttribute('height', String(o.height));
  }
  svg.setAttribute('focusable', 'false');
  for (const country of projection.countries) {
    const fill = country.iso3 ? o.fill(country.iso3) : undefined;
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', country.rings.map((ring) => `M${ring.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join('L')}Z`).join(''));
    path.setAttribute('fill', fill ?? o.land);
    path.setAttribute('stroke', MAP_BORDER);
    path.setAttribute('stroke-width', '0.6');
    if (fill !== undefined && country.iso3) {
      path.setAttribute('data-partner', country.iso3);
      if (o.title) {
        const title = document.createElementNS(SVG, 'title');
        title.textContent = o.title(country.iso3);
        path.append(title);
      }
    }
    svg.append(path);
  }
  for (const marker of projection.markers) {
    const fill = o.fill(marker.iso3);
    if (fill === undefined) continue;
    const dot = document.createElementNS(SVG, 'circle');
    dot.setAttribute('cx', String(marker.point[0]));
    dot.setAttribute('cy', String(marker.point[1]));
    dot.setAttribute('r', String(o.markerRadius));
    dot.setAttribute('fill', fill);
    dot.setAttribute('stroke', '#fff');
    dot.setAttribute('stroke-width', '1');
    dot.setAttribute('data-partner', marker.iso3);
    svg.append(dot);
  }
  return svg;
}
