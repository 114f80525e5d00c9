/**
 * First scene: nothing to load yet, so it only paints the backdrop (no flash of an empty
 * canvas) and hands over to the Preloader.
 */
import { Scene } from 'phaser';
import { drawBackdrop } from '../ui/backdrop';

export class Boot extends Scene {
  constructor() {
    super('Boot');
  }

  create(): void {
    drawBackdrop(this);
    this.scene.start('Preloader');
  }
}
