/**
 * The canvas behind the DOM panels: a dark navy briefing-room backdrop with a faint plotting
 * grid and a NATO-blue rule at the top; the title screen adds a large, quiet compass star.
 * Drawn once per scene into one Graphics object (nothing animates, so it costs no frame time).
 */
import type { Scene } from 'phaser';
import { BASE_HEIGHT, BASE_WIDTH } from './dom';

export function drawBackdrop(scene: Scene, options: { emblem?: boolean } = {}): void {
  const g = scene.add.graphics();
  g.fillGradientStyle(0x0e1d33, 0x0e1d33, 0x08111e, 0x08111e, 1);
  g.fillRect(0, 0, BASE_WIDTH, BASE_HEIGHT);

  g.lineStyle(1, 0x6d8db5, 0.07);
  for (let x = 0; x <= BASE_WIDTH; x += 80) g.lineBetween(x, 0, x, BASE_HEIGHT);
  for (let y = 0; y <= BASE_HEIGHT; y += 80) g.lineBetween(0, y, BASE_WIDTH, y);

  g.fillStyle(0x0a5aad, 1);
  g.fillRect(0, 0, BASE_WIDTH, 8);

  if (options.emblem) drawCompassStar(g, 1480, 560, 330);
}

/** A four-pointed compass star inside a ring, drawn in thin, low-contrast strokes. */
function drawCompassStar(g: ReturnType<Scene['add']['graphics']>, cx: number, cy: number, r: number): void {
  g.lineStyle(2, 0x9cc4ef, 0.16);
  g.strokeCircle(cx, cy, r * 0.62);
  g.strokeCircle(cx, cy, r * 0.64);
  const inner = r * 0.14;
  const points: Array<[number, number]> = [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ];
  for (const [dx, dy] of points) {
    const tipX = cx + dx * r;
    const tipY = cy + dy * r;
    // Each point is two triangles: one lit, one in shadow, as on the alliance's emblem.
    const leftX = cx + (dy === 0 ? 0 : -inner) + (dx === 0 ? 0 : 0);
    const leftY = cy + (dx === 0 ? 0 : -inner);
    const rightX = cx + (dy === 0 ? 0 : inner);
    const rightY = cy + (dx === 0 ? 0 : inner);
    g.fillStyle(0x9cc4ef, 0.1);
    g.fillTriangle(cx, cy, tipX, tipY, leftX, leftY);
    g.fillStyle(0x9cc4ef, 0.05);
    g.fillTriangle(cx, cy, tipX, tipY, rightX, rightY);
  }
  g.lineStyle(2, 0x9cc4ef, 0.12);
  for (let i = 0; i < 16; i++) {
    const a = (i / 16) * Math.PI * 2;
    const r0 = i % 4 === 0 ? r * 0.66 : r * 0.69;
    g.lineBetween(cx + Math.cos(a) * r0, cy + Math.sin(a) * r0, cx + Math.cos(a) * r * 0.74, cy + Math.sin(a) * r * 0.74);
  }
}
