/**
 * The world map on the main board: draws projectWorld()'s outlines into a Container, colours
 * partner countries, outlines the hovered and selected country, and reports hover and
 * selection through callbacks. Scenes own game logic; this only draws and listens.
 *
 * Performance: a Graphics object re-tessellates its polygons every frame, and ~170 countries
 * with thousands of points would eat the frame budget. So the countries are baked once into
 * a canvas texture shown by an Image, re-baked only when the colours or the rectangle change;
 * the live Graphics holds just the one or two highlight outlines. Input is a single Zone
 * whose pointer position is resolved with hitTest, not one hit area per country. The board
 * is not redrawn while nothing changes (ui/renderGate.ts), so every bake and highlight
 * change asks for a frame with requestRender().
 */
import { GameObjects, Math as PhaserMath, type Scene, type Textures } from 'phaser';
import { requestRender } from '../ui/renderGate';
import { WORLD_ATLAS_KEY, WORLD_ATLAS_URL } from './atlasAsset';
import { hasWorldAtlas, hitTest, projectWorld, setWorldAtlas, type CountryMarker, type ProjectedCountry } from './worldMap';

/** A restrained palette that reads on a projector: dark sea, muted land, thin light borders. */
export const MAP_STYLE = {
  sea: 0x0f1b2a,
  land: 0x3a4556,
  border: 0x8897aa,
  borderAlpha: 0.55,
  hover: 0xffffff,
  selected: 0xf5c542,
} as const;

/** Radius (px) of the dot that stands for a partner too small to see. */
const MARKER_RADIUS = 5;

export interface MapRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapLayerOptions extends MapRect {
  /** Fill colour (0xRRGGBB) per iso3; countries not listed get the neutral land colour. */
  colours?: Readonly<Record<string, number>>;
  /** The countries to frame (iso3); tiny ones among them get a marker. Empty: the whole band. */
  focus?: readonly string[];
  onHover?: (iso3: string | null) => void;
  onSelect?: (iso3: string) => void;
}

let instances = 0;

type Outline = { country: ProjectedCountry; points: PhaserMath.Vector2[][] };

export class MapLayer {
  readonly container: GameObjects.Container;
  private readonly scene: Scene;
  private readonly textureKey = `map-layer-${instances++}`;
  private readonly painter: GameObjects.Graphics;
  private readonly image: GameObjects.Image;
  private readonly highlight: GameObjects.Graphics;
  private readonly zone: GameObjects.Zone;
  private rect: MapRect;
  private colours: Readonly<Record<string, number>>;
  private outlines: Outline[] = [];
  private markers: CountryMarker[] = [];
  private focus: readonly string[];
  private hovered: string | null = null;
  private selected: string | null = null;
  private readonly onHover?: (iso3: string | null) => void;
  private readonly onSelect?: (iso3: string) => void;

  /**
   * For the scene's preload(): fetches the world atlas unless it is in Phaser's JSON cache
   * already (the title screen fetches it in the background) or parsed by an earlier board.
   */
  static preload(scene: Scene): void {
    if (!hasWorldAtlas() && !scene.cache.json.exists(WORLD_ATLAS_KEY)) scene.load.json(WORLD_ATLAS_KEY, WORLD_ATLAS_URL);
  }

  /** Hands the fetched atlas to worldMap once; Phaser's copy is then dropped. */
  private static takeAtlas(scene: Scene): void {
    if (hasWorldAtlas()) return;
    const data: unknown = scene.cache.json.get(WORLD_ATLAS_KEY);
    try {
      setWorldAtlas(data);
      scene.cache.json.remove(WORLD_ATLAS_KEY);
    } catch {
      console.warn('the world map data could not be loaded; the board shows the sea and markers only');
    }
  }

  constructor(scene: Scene, options: MapLayerOptions) {
    MapLayer.takeAtlas(scene);
    this.scene = scene;
    this.rect = { x: options.x, y: options.y, width: options.width, height: options.height };
    this.colours = options.colours ?? {};
    this.focus = options.focus ?? [];
    this.onHover = options.onHover;
    this.onSelect = options.onSelect;

    this.container = scene.add.container(this.rect.x, this.rect.y);
    // Not on the display list: it only paints into the baked texture.
    this.painter = scene.make.graphics({}, false);
    this.image = scene.add.image(0, 0, '__DEFAULT').setOrigin(0, 0);
    this.highlight = scene.add.graphics();
    this.zone = scene.add.zone(0, 0, this.rect.width, this.rect.height).setOrigin(0, 0).setInteractive({ useHandCursor: false });
    this.container.add([this.image, this.highlight, this.zone]);

    this.zone.on('pointermove', (_pointer: unknown, localX: number, localY: number) => this.setHover(this.countryAt(localX, localY)));
    this.zone.on('pointerout', () => this.setHover(null));
    this.zone.on('pointerdown', (_pointer: unknown, localX: number, localY: number) => {
      const iso3 = this.countryAt(localX, localY);
      if (!iso3) return;
      this.setSelected(iso3);
      this.onSelect?.(iso3);
    });

    this.layout();
  }

  /** The iso3 under a point in the layer's own coordinates (0,0 = top-left of the map). */
  countryAt(x: number, y: number): string | null {
    return hitTest(
      this.outlines.map((o) => o.country),
      x,
      y,
      this.markers,
    );
  }

  /** Where to pin a marker or flag for a country, in scene coordinates; null if off the map. */
  anchorOf(iso3: string): [number, number] | null {
    const point = this.markers.find((m) => m.iso3 === iso3)?.point ?? this.outlines.find((o) => o.country.iso3 === iso3)?.country.centroid;
    return point ? [this.rect.x + point[0], this.rect.y + point[1]] : null;
  }

  /** Reframes the map on these countries (e.g. the partners at the table this year). */
  setFocus(focus: readonly string[]): void {
    if (focus.length === this.focus.length && focus.every((id, i) => id === this.focus[i])) return;
    this.focus = [...focus];
    this.layout();
  }

  setColours(colours: Readonly<Record<string, number>>): void {
    this.colours = colours;
    this.bake();
  }

  /** Selection is also settable from outside (e.g. a partner card was clicked). */
  setSelected(iso3: string | null): void {
    if (iso3 === this.selected) return;
    this.selected = iso3;
    this.drawHighlight();
  }

  setRect(rect: MapRect): void {
    this.rect = { ...rect };
    this.container.setPosition(rect.x, rect.y);
    this.zone.setSize(rect.width, rect.height);
    this.layout();
  }

  destroy(): void {
    this.zone.removeAllListeners();
    this.container.destroy();
    this.painter.destroy();
    if (this.scene.textures.exists(this.textureKey)) this.scene.textures.remove(this.textureKey);
  }

  private setHover(iso3: string | null): void {
    if (iso3 === this.hovered) return;
    this.hovered = iso3;
    this.drawHighlight();
    this.onHover?.(iso3);
  }

  private layout(): void {
    const { countries, markers } = projectWorld(this.rect.width, this.rect.height, this.focus);
    this.markers = markers;
    // Vector2 arrays are built once per layout so redraws allocate nothing.
    this.outlines = countries.map((country) => ({
      country,
      points: country.rings.map((ring) => ring.map(([x, y]) => new PhaserMath.Vector2(x, y))),
    }));
    // The canvas texture has a fixed size, so a new rectangle needs a fresh one.
    this.image.setTexture('__DEFAULT');
    if (this.scene.textures.exists(this.textureKey)) this.scene.textures.remove(this.textureKey);
    this.bake();
    this.drawHighlight();
  }

  private bake(): void {
    const g = this.painter;
    const { width, height } = this.rect;
    g.clear();
    g.fillStyle(MAP_STYLE.sea, 1);
    g.fillRect(0, 0, width, height);
    // Largest first (projectWorld's order), so enclaves such as Lesotho paint over their hosts.
    for (const { country, points } of this.outlines) {
      const fill = country.iso3 ? this.colours[country.iso3] : undefined;
      g.fillStyle(fill ?? MAP_STYLE.land, 1);
      for (const ring of points) g.fillPoints(ring, true);
    }
    g.lineStyle(1, MAP_STYLE.border, MAP_STYLE.borderAlpha);
    for (const { points } of this.outlines) for (const ring of points) g.strokePoints(ring, true);
    // Markers for partners too small to see at 1:110m, in their framework colour.
    for (const { iso3, point } of this.markers) {
      g.fillStyle(this.colours[iso3] ?? MAP_STYLE.land, 1);
      g.fillCircle(point[0], point[1], MARKER_RADIUS);
      g.lineStyle(1.5, MAP_STYLE.hover, 0.85);
      g.strokeCircle(point[0], point[1], MARKER_RADIUS);
    }

    const textures = this.scene.textures;
    if (textures.exists(this.textureKey)) (textures.get(this.textureKey) as Textures.CanvasTexture).clear();
    g.generateTexture(this.textureKey, Math.ceil(width), Math.ceil(height));
    this.image.setTexture(this.textureKey);
    requestRender();
  }

  private drawHighlight(): void {
    const g = this.highlight;
    g.clear();
    const outline = (iso3: string | null, colour: number, width: number) => {
      if (!iso3) return;
      const marker = this.markers.find((m) => m.iso3 === iso3);
      if (marker) {
        g.lineStyle(width, colour, 1);
        g.strokeCircle(marker.point[0], marker.point[1], MARKER_RADIUS + 2);
      }
      for (const o of this.outlines) {
        if (o.country.iso3 !== iso3) continue;
        g.lineStyle(width, colour, 1);
        for (const ring of o.points) g.strokePoints(ring, true);
      }
    };
    if (this.hovered !== this.selected) outline(this.hovered, MAP_STYLE.hover, 1.5);
    outline(this.selected, MAP_STYLE.selected, 2.5);
    requestRender();
  }
}
