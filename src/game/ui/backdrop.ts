/**
 * The backdrop behind the DOM panels: a dark navy briefing-room gradient with a faint
 * plotting grid and a NATO-blue rule at the top; the title screen adds a large, quiet
 * compass star. It is a DOM element at the bottom of Phaser's DOM container (so it scales
 * with the canvas like every panel), styled by theme.css's .cs-backdrop, with the star as
 * inline SVG — not canvas Graphics: the screens before the board then draw nothing on the
 * canvas, so the first frames compile no shaders and push no full-screen fills through
 * WebGL (on software WebGL that was a few hundred milliseconds before the title showed),
 * and the browser paints the backdrop once and keeps it.
 */
import type { Scene } from 'phaser';

const SVG = 'http://www.w3.org/2000/svg';

export function drawBackdrop(scene: Scene, options: { emblem?: boolean } = {}): void {
  const node = document.createElement('div');
  node.className = 'cs-backdrop';
  node.setAttribute('aria-hidden', 'true');
  if (options.emblem) node.append(compassStar(1480, 560, 330));
  const element = scene.add.dom(0, 0, node).setOrigin(0, 0).setDepth(-1000);
  element.pointerEvents = 'none';
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/** A four-pointed compass star inside a ring, drawn in thin, low-contrast strokes. */
function compassStar(cx: number, cy: number, r: number): SVGSVGElement {
  const root = svg('svg', { class: 'cs-emblem', viewBox: '0 0 1920 1080', width: 1920, height: 1080 });
  const stroke = { fill: 'none', stroke: '#9cc4ef', 'stroke-width': 2 };
  root.append(svg('circle', { cx, cy, r: r * 0.62, ...stroke, 'stroke-opacity': 0.16 }), svg('circle', { cx, cy, r: r * 0.64, ...stroke, 'stroke-opacity': 0.16 }));
  const inner = r * 0.14;
  const points: Array<[number, number]> = [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ];
  for (const [dx, dy] of points) {
    const tip = `${cx + dx * r},${cy + dy * r}`;
    // Each point is two triangles: one lit, one in shadow, as on the alliance's emblem.
    const left = `${cx + (dy === 0 ? 0 : -inner)},${cy + (dx === 0 ? 0 : -inner)}`;
    const right = `${cx + (dy === 0 ? 0 : inner)},${cy + (dx === 0 ? 0 : inner)}`;
    root.append(
      svg('polygon', { points: `${cx},${cy} ${tip} ${left}`, fill: '#9cc4ef', 'fill-opacity': 0.1 }),
      svg('polygon', { points: `${cx},${cy} ${tip} ${right}`, fill: '#9cc4ef', 'fill-opacity': 0.05 }),
    );
  }
  let ticks = '';
  for (let i = 0; i < 16; i++) {
    const a = (i / 16) * Math.PI * 2;
    const r0 = i % 4 === 0 ? r * 0.66 : r * 0.69;
    const r1 = r * 0.74;
    ticks += `M${(cx + Math.cos(a) * r0).toFixed(1)} ${(cy + Math.sin(a) * r0).toFixed(1)}L${(cx + Math.cos(a) * r1).toFixed(1)} ${(cy + Math.sin(a) * r1).toFixed(1)}`;
  }
  root.append(svg('path', { d: ticks, ...stroke, 'stroke-opacity': 0.12 }));
  return root;
}
