/**
 * Country outlines for the main board, projected to screen pixels, plus the hit test that
 * turns a pointer position back into a country.
 *
 * Pure data and arithmetic (Natural Earth 1:110m via world-atlas, d3-geo, topojson-client),
 * no Phaser, so it runs and is tested in Node; MapLayer only draws what this returns. The
 * TopoJSON itself is not compiled into the JavaScript: the browser build fetches it as an
 * asset (atlasAsset.ts) and MapLayer hands it over with setWorldAtlas();
 * Node code and tests pass the imported JSON the same way. The
 * frame is fitted to a scenario's partners (its `focus`), so era 1 shows Europe and Central
 * Asia large enough to read and era 3 widens to the Asia-Pacific and Colombia; without a
 * focus it shows the whole band where NATO has partners, Colombia to New Zealand. Partners
 * too small to see at 1:110m (or missing from it, such as Bahrain) get a point marker that
 * is drawn and hit-tested like a country.
 */
import { geoArea, geoBounds, geoCentroid, geoNaturalEarth1, geoPath, type GeoContext } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPoint, Geometry, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
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

/** A point marker for a focus country too small to see or click as an outline. */
export interface CountryMarker {
  iso3: string;
  point: Point;
}

export interface WorldProjection {
  /** Visible countries only, largest first, so drawing in order leaves enclaves on top. */
  countries: ProjectedCountry[];
  /** Markers for tiny or missing focus countries, drawn and hit-tested above the outlines. */
  markers: CountryMarker[];
}

export type GeoExtent = { west: number; east: number; south: number; north: number };

/** Pointer distance (px) within which a marker counts as hit; generous, they are small. */
export const MARKER_HIT_RADIUS = 10;

/** A focus country whose outline covers less than this (px²) also gets a marker. */
const MARKER_AREA = 120;

/**
 * The smallest frame a focus is widened to (degrees), so a handful of neighbours does not
 * zoom in to one region, and the margin added around the partners (a share of the span).
 */
const MIN_SPAN = { lon: 60, lat: 30 } as const;
const MARGIN = 0.08;

/** Where partners that 1:110m leaves out sit (lon, lat), so they still get a marker. */
const MISSING_POINTS: Readonly<Record<string, [number, number]>> = {
  BHR: [50.56, 26.07],
  MLT: [14.44, 35.9],
  SGP: [103.82, 1.35],
};

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

let atlas: Atlas | null = null;
let features: Feature<Geometry, CountryProps>[] | null = null;

/**
 * Gives the module world-atlas's countries-110m TopoJSON (parsed). Until it has one, the
 * projection has no countries (sea and the markers of MISSING_POINTS only), so a failed
 * fetch leaves a blank map rather than a broken board.
 */
export function setWorldAtlas(data: unknown): void {
  const candidate = data as Partial<Atlas> | null | undefined;
  if (candidate?.type !== 'Topology' || !candidate.objects?.countries) throw new Error('not a world-atlas countries TopoJSON');
  atlas = candidate as Atlas;
  features = null;
}

export function hasWorldAtlas(): boolean {
  return atlas !== null;
}

let fetching: Promise<boolean> | null = null;

/** Fetches the atlas from `url` once (the screens drawing the map as SVG share it); false when it cannot be had, and the map stays empty. */
export function fetchWorldAtlas(url: string): Promise<boolean> {
  if (atlas) return Promise.resolve(true);
  fetching ??= fetch(url)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((data) => {
      setWorldAtlas(data);
      return true;
    })
    .catch(() => false);
  return fetching;
}

function countryFeatures(): Feature<Geometry, CountryProps>[] {
  if (!atlas) return [];
  if (!features) {
    const collection = feature(atlas, atlas.objects.countries) as FeatureCollection<Geometry, CountryProps>;
    features = collection.features;
  }
  return features;
}

/** Points along the edge of an extent: fitting to a point set avoids a >180° spherical polygon. */
function extentOutline({ west, east, south, north }: GeoExtent): MultiPoint {
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
 * The geographic box a country should keep in frame: its whole outline when that is
 * compact, else (Russia, which spans the antimeridian) its largest polygon's centroid.
 */
function countryBox(f: Feature<Geometry, CountryProps>): GeoExtent {
  const [[west, south], [east, north]] = geoBounds(f);
  if (west <= east && east - west <= 60) return { west, east, south, north };
  let main: Feature<Polygon> = f as Feature<Polygon>;
  if (f.geometry.type === 'MultiPolygon') {
    let best = -1;
    for (const coordinates of f.geometry.coordinates) {
      const polygon: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } };
      const area = geoArea(polygon);
      if (area > best) [best, main] = [area, polygon];
    }
  }
  const [lon, lat] = geoCentroid(main);
  return { west: lon - 10, east: lon + 10, south: lat - 5, north: lat + 5 };
}

/**
 * The extent that frames the focus countries: their union, a margin around it, widened to
 * MIN_SPAN about its centre. Unknown codes are ignored; no known code gives BOARD_EXTENT.
 */
export function focusExtent(focus: readonly string[]): GeoExtent {
  const boxes: GeoExtent[] = [];
  const wanted = new Set(focus);
  const found = new Set<string>();
  for (const f of countryFeatures()) {
    const iso3 = isoOf(f);
    if (iso3 && wanted.has(iso3)) {
      boxes.push(countryBox(f));
      found.add(iso3);
    }
  }
  for (const iso3 of wanted) {
    const point = MISSING_POINTS[iso3];
    if (point && !found.has(iso3)) boxes.push({ west: point[0], east: point[0], south: point[1], north: point[1] });
  }
  if (!boxes.length) return { ...BOARD_EXTENT };
  let west = Math.min(...boxes.map((b) => b.west));
  let east = Math.max(...boxes.map((b) => b.east));
  let south = Math.min(...boxes.map((b) => b.south));
  let north = Math.max(...boxes.map((b) => b.north));
  const padLon = Math.max(2, (east - west) * MARGIN);
  const padLat = Math.max(2, (north - south) * MARGIN);
  [west, east, south, north] = [west - padLon, east + padLon, south - padLat, north + padLat];
  const widen = (lo: number, hi: number, min: number): [number, number] => {
    if (hi - lo >= min) return [lo, hi];
    const mid = (lo + hi) / 2;
    return [mid - min / 2, mid + min / 2];
  };
  [west, east] = widen(west, east, MIN_SPAN.lon);
  [south, north] = widen(south, north, MIN_SPAN.lat);
  return { west: Math.max(-180, west), east: Math.min(180, east), south: Math.max(-80, south), north: Math.min(84, north) };
}

function isoOf(f: Feature<Geometry, CountryProps>): string | null {
  return alpha3FromNumeric(f.id ?? null) ?? ISO3_BY_NAME[f.properties?.name ?? ''] ?? null;
}

/**
 * Projects every country into a `width` × `height` pixel frame (origin top-left). The
 * focus countries' extent (BOARD_EXTENT without a focus) is fitted inside a small margin
 * and centred; the spare room on the longer axis shows more of the world, and everything
 * outside the frame is clipped away.
 */
export function projectWorld(width: number, height: number, focus: readonly string[] = []): WorldProjection {
  const margin = Math.round(Math.min(width, height) * 0.02);
  const extent = focus.length ? focusExtent(focus) : BOARD_EXTENT;
  const centre = (extent.west + extent.east) / 2;
  const projection = geoNaturalEarth1()
    .rotate([-centre, 0])
    .fitExtent(
      [
        [margin, margin],
        [width - margin, height - margin],
      ],
      extentOutline(extent),
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
      iso3: isoOf(f),
      name,
      rings,
      centroid: labelPoint(rings),
      bbox: bboxOf(rings),
      area: rings.reduce((sum, r) => sum + Math.abs(ringArea(r)), 0),
    });
  }
  countries.sort((a, b) => b.area - a.area);

  const markers: CountryMarker[] = [];
  const inFrame = ([x, y]: Point) => x >= 0 && x <= width && y >= 0 && y <= height;
  for (const iso3 of new Set(focus)) {
    const c = countries.find((x) => x.iso3 === iso3);
    if (c) {
      if (c.area < MARKER_AREA) markers.push({ iso3, point: c.centroid });
      continue;
    }
    const lonLat = MISSING_POINTS[iso3];
    const point = lonLat ? (projection(lonLat) as Point | null) : null;
    if (point && inFrame(point)) markers.push({ iso3, point: [Math.round(point[0] * 100) / 100, Math.round(point[1] * 100) / 100] });
  }
  return { countries: countries.map(({ area: _area, ...country }) => country), markers };
}

/**
 * The iso3 of the country under (x, y), or null over sea or a territory without a code.
 * Markers are drawn on top, so the nearest one within MARKER_HIT_RADIUS wins first.
 */
export function hitTest(countries: readonly ProjectedCountry[], x: number, y: number, markers: readonly CountryMarker[] = []): string | null {
  let nearest: string | null = null;
  let best = MARKER_HIT_RADIUS * MARKER_HIT_RADIUS;
  for (const m of markers) {
    const d = (m.point[0] - x) ** 2 + (m.point[1] - y) ** 2;
    if (d <= best) [best, nearest] = [d, m.iso3];
  }
  if (nearest) return nearest;
  // Last drawn is on top: search from the end so an enclave wins over its surroundings.
  for (let i = countries.length - 1; i >= 0; i--) {
    const c = countries[i]!;
    const [x0, y0, x1, y1] = c.bbox;
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    if (pointInRings(c.rings, x, y)) return c.iso3;
  }
  return null;
}
