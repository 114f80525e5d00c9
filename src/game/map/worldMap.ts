/**
 * Country outlines for the main board, projected to screen pixels, plus the hit test that
 * turns a pointer position back into a country.
 *
 * Pure data and arithmetic (Natural Earth 1:110m via world-atlas, d3-geo, topojson-client),
 * no Phaser, so it runs and is tested in Node; MapLayer only draws what this returns. The
 * frame is cropped to where NATO's partnerships are (Europe, the Mediterranean and Middle
 * East, Central Asia, the Asia-Pacific) while keeping Colombia at its western edge and New
 * Zealand at its eastern edge, so every partner is on the board without an inset.
 */
import { geoNaturalEarth1, geoPath, type GeoContext } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPoint, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import { alpha3FromNumeric } from './isoNumeric';

export type Point = [number, number];
export type Bbox = [x0: number, y0: number, x1: number, y1: number];

export interface ProjectedCountry {
  /** ISO 3166-1 alpha-3, or null for territories without one (Northern Cyprus, Somaliland). */
  iso3: string | null;
  /** Natural Earth's short English name; display names come from i18n. */
  name: string;
  /** Every visible ring, as screen points; holes (e.g. Lesotho in South Africa) are rings too. */
  rings: number[][][];
  /** A point inside the country's largest visible polygon, for labels, markers and flags. */
  centroid: Point;
  bbox: Bbox;
}

export interface WorldProjection {
  /** Visible countries only, largest first, so drawing in order leaves enclaves on top. */
  countries: ProjectedCountry[];
}

/**
 * The region that must fit on the board: Colombia (79°W) to New Zealand (178°E), southern
 * New Zealand (47°S) to northern Scandinavia and Russia (72°N). Anything beyond is clipped.
 */
export const BOARD_EXTENT = { west: -82, east: 180, south: -47, north: 72 } as const;

/** Territories the 1:110m data leaves without an ISO numeric id but the game may name. */
const ISO3_BY_NAME: Readonly<Record<string, string>> = {
  // Not an ISO-assigned code: XKX is the user-assigned code used by the EU and the IMF.
  Kosovo: 'XKX',
};

type CountryProps = { name: string };
type Atlas = Topology<{ countries: GeometryCollection<CountryProps> }>;

let features: Feature<Geometry, CountryProps>[] | null = null;

function countryFeatures(): Feature<Geometry, CountryProps>[] {
  if (!features) {
    const topology = atlas as unknown as Atlas;
    const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, CountryProps>;
    features = collection.features;
  }
  return features;
}

/** Points along the edge of BOARD_EXTENT: fitting to a point set avoids a >180° spherical polygon. */
function extentOutline(): MultiPoint {
  const { west, east, south, north } = BOARD_EXTENT;
  const coordinates: number[][] = [];
  for (let lon = west; lon <= east; lon += 2) coordinates.push([lon, south], [lon, north]);
  for (let lat = south; lat <= north; lat += 2) coordinates.push([west, lat], [east, lat]);
  return { type: 'MultiPoint', coordinates };
}

/** Collects the rings that d3's path generator emits, instead of drawing them to a canvas. */
function ringRecorder(): { context: GeoContext; rings: number[][][] } {
  const rings: number[][][] = [];
  let ring: number[][] | null = null;
  const round = (v: number) => Math.round(v * 100) / 100;
  const context: GeoContext = {
    beginPath() {},
    moveTo(x, y) {
      ring = [[round(x), round(y)]];
      rings.push(ring);
    },
    lineTo(x, y) {
      if (!ring) return;
      const last = ring[ring.length - 1]!;
      const point = [round(x), round(y)];
      if (point[0] !== last[0] || point[1] !== last[1]) ring.push(point);
    },
    closePath() {
      ring = null;
    },
    arc() {},
  };
  return { context, rings };
}

/** Shoelace area (signed; the sign gives the winding). */
function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return sum / 2;
}

function ringCentroid(ring: number[][]): Point {
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as Point;
    const [x1, y1] = ring[i] as Point;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a === 0) return ring[0] ? [ring[0][0]!, ring[0][1]!] : [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/** Even-odd point-in-polygon over all of a country's rings, so holes count as outside. */
export function pointInRings(rings: number[][][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Point;
      const [xj, yj] = ring[j] as Point;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * A label point inside the largest polygon: its area centroid when that falls inside (the
 * usual case), otherwise the middle of the widest inside span on the ring's middle row
 * (for crescent shapes such as Croatia or Vietnam).
 */
function labelPoint(rings: number[][][]): Point {
  let largest = rings[0]!;
  for (const ring of rings) if (Math.abs(ringArea(ring)) > Math.abs(ringArea(largest))) largest = ring;
  const c = ringCentroid(largest);
  if (pointInRings(rings, c[0], c[1])) return c;
  const ys = largest.map((p) => p[1]!);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Point;
      const [xj, yj] = ring[j] as Point;
      if (yi > y !== yj > y) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  crossings.sort((a, b) => a - b);
  let best: Point = c;
  let width = -1;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    const span = crossings[k + 1]! - crossings[k]!;
    if (span > width) {
      width = span;
      best = [(crossings[k]! + crossings[k + 1]!) / 2, y];
    }
  }
  return best;
}

function bboxOf(rings: number[][][]): Bbox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring as Point[]) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

/**
 * Projects every country into a `width` × `height` pixel frame (origin top-left). The
 * board extent is fitted inside a small margin and centred; the spare room on the longer
 * axis shows more of the world, and everything outside the frame is clipped away.
 */
export function projectWorld(width: number, height: number): WorldProjection {
  const margin = Math.round(Math.min(width, height) * 0.02);
  const centre = (BOARD_EXTENT.west + BOARD_EXTENT.east) / 2;
  const projection = geoNaturalEarth1()
    .rotate([-centre, 0])
    .fitExtent(
      [
        [margin, margin],
        [width - margin, height - margin],
      ],
      extentOutline(),
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);

  const countries: (ProjectedCountry & { area: number })[] = [];
  for (const f of countryFeatures()) {
    const { context, rings: raw } = ringRecorder();
    geoPath(projection, context)(f);
    const rings = raw.filter((r) => r.length >= 3 && Math.abs(ringArea(r)) > 0.01);
    if (rings.length === 0) continue;
    const name = f.properties?.name ?? '';
    countries.push({
      iso3: alpha3FromNumeric(f.id ?? null) ?? ISO3_BY_NAME[name] ?? null,
      name,
      rings,
      centroid: labelPoint(rings),
      bbox: bboxOf(rings),
      area: rings.reduce((sum, r) => sum + Math.abs(ringArea(r)), 0),
    });
  }
  countries.sort((a, b) => b.area - a.area);
  return { countries: countries.map(({ area: _area, ...country }) => country) };
}

/** The iso3 of the country under (x, y), or null over sea or a territory without a code. */
export function hitTest(countries: readonly ProjectedCountry[], x: number, y: number): string | null {
  // Last drawn is on top: search from the end so an enclave wins over its surroundings.
  for (let i = countries.length - 1; i >= 0; i--) {
    const c = countries[i]!;
    const [x0, y0, x1, y1] = c.bbox;
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    if (pointInRings(c.rings, x, y)) return c.iso3;
  }
  return null;
}
