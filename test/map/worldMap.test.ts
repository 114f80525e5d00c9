/**
 * The projected board map: every partner region lands inside the frame, the ISO table maps
 * the atlas ids, and a pointer on a country finds that country (holes and sea find nothing).
 */
import { describe, expect, it } from 'vitest';
import atlas from 'world-atlas/countries-110m.json';
import { ISO_NUMERIC_TO_ALPHA3, alpha3FromNumeric } from '../../src/game/map/isoNumeric';
import { hitTest, pointInRings, projectWorld, setWorldAtlas, type ProjectedCountry } from '../../src/game/map/worldMap';

// The browser build fetches the atlas as an asset; here it is imported directly.
setWorldAtlas(atlas);

const FRAMES: [number, number][] = [
  [1280, 720],
  [960, 640],
  [800, 600],
];

const byIso = (countries: ProjectedCountry[], iso3: string) => countries.find((c) => c.iso3 === iso3);

describe.each(FRAMES)('projectWorld(%i, %i)', (width, height) => {
  const { countries } = projectWorld(width, height);

  it.each(['POL', 'UKR', 'AUS', 'NZL', 'JPN', 'JOR', 'COL', 'GEO', 'MNG', 'KOR', 'IRL', 'MAR'])('%s is wholly inside the frame', (iso3) => {
    const c = byIso(countries, iso3);
    expect(c, iso3).toBeDefined();
    const [x0, y0, x1, y1] = c!.bbox;
    expect(x0).toBeGreaterThanOrEqual(0);
    expect(y0).toBeGreaterThanOrEqual(0);
    expect(x1).toBeLessThanOrEqual(width);
    expect(y1).toBeLessThanOrEqual(height);
    expect(x1 - x0).toBeGreaterThan(2);
  });

  it('puts countries where they are: Europe north-west of Jordan, Japan east of Poland, Colombia west of all', () => {
    const [pol, jor, jpn, col, aus] = ['POL', 'JOR', 'JPN', 'COL', 'AUS'].map((iso) => byIso(countries, iso)!.centroid);
    expect(pol![1]).toBeLessThan(jor![1]);
    expect(pol![0]).toBeLessThan(jor![0]);
    expect(jpn![0]).toBeGreaterThan(pol![0]);
    expect(col![0]).toBeLessThan(pol![0]);
    expect(aus![1]).toBeGreaterThan(jpn![1]);
  });

  it.each(['POL', 'UKR', 'AUS', 'JPN', 'JOR', 'COL', 'HRV', 'VNM', 'CHL', 'ZAF', 'LSO', 'NOR', 'ITA'])('hitTest at the %s label point returns it', (iso3) => {
    const c = byIso(countries, iso3)!;
    expect(pointInRings(c.rings, ...c.centroid)).toBe(true);
    expect(hitTest(countries, ...c.centroid)).toBe(iso3);
  });

  it('finds nothing over open sea or outside the frame', () => {
    const aus = byIso(countries, 'AUS')!;
    const jor = byIso(countries, 'JOR')!;
    // Halfway between Jordan and Australia lies the Indian Ocean.
    expect(hitTest(countries, (aus.centroid[0] + jor.centroid[0]) / 2, (aus.centroid[1] * 0.7 + jor.centroid[1] * 0.3))).toBeNull();
    expect(hitTest(countries, -10, -10)).toBeNull();
  });

  it('keeps every point inside the frame and lists larger countries first', () => {
    for (const c of countries) {
      for (const ring of c.rings) {
        for (const [x, y] of ring) {
          expect(x! >= -0.01 && x! <= width + 0.01 && y! >= -0.01 && y! <= height + 0.01).toBe(true);
        }
      }
    }
    const rus = countries.findIndex((c) => c.iso3 === 'RUS');
    const lso = countries.findIndex((c) => c.iso3 === 'LSO');
    expect(rus).toBeLessThan(lso);
  });
});

describe('hitTest', () => {
  const square = (x: number, y: number, s: number) => [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
  ];
  const outer: ProjectedCountry = { iso3: 'AAA', name: 'Outer', rings: [square(0, 0, 100), square(40, 40, 20)], centroid: [10, 10], bbox: [0, 0, 100, 100] };
  const enclave: ProjectedCountry = { iso3: 'BBB', name: 'Enclave', rings: [square(40, 40, 20)], centroid: [50, 50], bbox: [40, 40, 60, 60] };

  it.each([
    [10, 10, 'AAA'],
    [50, 50, 'BBB'],
    [150, 50, null],
  ])('at (%i, %i) finds %s, treating a hole as not part of its country', (x, y, expected) => {
    expect(hitTest([outer, enclave], x, y)).toBe(expected);
  });
});

describe('ISO numeric table', () => {
  const geometries = (atlas as unknown as { objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } } }).objects.countries.geometries;

  it('covers every id in countries-110m', () => {
    const missing = geometries.filter((g) => g.id !== undefined && !ISO_NUMERIC_TO_ALPHA3[g.id]).map((g) => `${g.id} ${g.properties.name}`);
    expect(missing).toEqual([]);
  });

  it('maps codes one-to-one to well-formed alpha-3 codes', () => {
    const values = Object.values(ISO_NUMERIC_TO_ALPHA3);
    expect(new Set(values).size).toBe(values.length);
    for (const [k, v] of Object.entries(ISO_NUMERIC_TO_ALPHA3)) {
      expect(k).toMatch(/^\d{3}$/);
      expect(v).toMatch(/^[A-Z]{3}$/);
    }
  });

  it.each([
    ['616', 'POL'],
    [4, 'AFG'],
    ['36', 'AUS'],
    ['170', 'COL'],
    ['807', 'MKD'],
    [null, null],
    ['999', null],
  ])('alpha3FromNumeric(%s) is %s', (code, expected) => {
    expect(alpha3FromNumeric(code)).toBe(expected);
  });
});

describe('projectWorld with a focus (the era frames its own partners)', () => {
  const europe = ['POL', 'CZE', 'HUN', 'SVN', 'EST', 'UKR', 'RUS', 'GEO', 'ARM', 'KAZ', 'UZB', 'MNE', 'ALB', 'FIN', 'EGY', 'ISR', 'MAR', 'JOR', 'BHR'];
  const framed = projectWorld(1010, 500, europe);
  const whole = projectWorld(1010, 500);
  const width = (p: { countries: ProjectedCountry[] }, iso3: string) => {
    const [x0, , x1] = byIso(p.countries, iso3)!.bbox;
    return x1 - x0;
  };

  it('draws Europe larger than the whole band does, and leaves the Americas out', () => {
    expect(width(framed, 'POL')).toBeGreaterThan(1.8 * width(whole, 'POL'));
    expect(width(framed, 'POL')).toBeGreaterThan(50);
    expect(byIso(framed.countries, 'COL')).toBeUndefined();
  });

  it.each(['POL', 'UKR', 'GEO', 'KAZ', 'MAR', 'EGY', 'JOR', 'FIN'])('%s is wholly inside the frame', (iso3) => {
    const [x0, y0, x1, y1] = byIso(framed.countries, iso3)!.bbox;
    expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(0);
    expect(x1).toBeLessThanOrEqual(1010);
    expect(y1).toBeLessThanOrEqual(500);
  });

  it('gives tiny or missing partners a marker that hitTest finds', () => {
    const bahrain = framed.markers.find((m) => m.iso3 === 'BHR');
    expect(bahrain, 'Bahrain is not in 1:110m but gets a marker').toBeDefined();
    expect(hitTest(framed.countries, ...bahrain!.point, framed.markers)).toBe('BHR');
    expect(hitTest(framed.countries, bahrain!.point[0] + 3, bahrain!.point[1] + 3, framed.markers)).toBe('BHR');
    const pol = byIso(framed.countries, 'POL')!;
    expect(hitTest(framed.countries, ...pol.centroid, framed.markers)).toBe('POL');
    expect(framed.markers.some((m) => m.iso3 === 'POL')).toBe(false);
  });

  it('widens a small focus to a sensible minimum', () => {
    const [x0, , x1] = byIso(projectWorld(1010, 500, ['MNE']).countries, 'MNE')!.bbox;
    expect(x1 - x0).toBeLessThan(100);
  });
});
