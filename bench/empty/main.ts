/**
 * The benchmark's floor: an empty Phaser 4 game with the same renderer, size and scale mode
 * as the real one, built and served the same way. It sets `window.coopsec.ready` when its one
 * scene is created, so "navigation → ready" means the same thing for both.
 */
import { AUTO, Game, Scale, Scene } from 'phaser';

class Empty extends Scene {
  constructor() {
    super('Empty');
  }

  create(): void {
    (window as unknown as { coopsec: { ready: boolean } }).coopsec = { ready: true };
  }
}

new Game({
  type: AUTO,
  parent: 'game',
  width: 1920,
  height: 1080,
  backgroundColor: '#0b1626',
  banner: false,
  scale: { mode: Scale.FIT, autoCenter: Scale.CENTER_BOTH },
  audio: { noAudio: true },
  scene: [Empty],
});
