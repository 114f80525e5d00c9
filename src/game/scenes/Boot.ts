/**
 * First scene: finds out what this browser allows before anything is loaded — whether
 * saves can be kept (private windows and locked-down machines often refuse storage) — and
 * records it in the game registry for the title screen, then hands over to the Preloader.
 * It draws nothing, and the hand-over happens at once, so it costs no frame of its own.
 */
import { SCENE } from '../sceneKeys';
import { Scene } from 'phaser';

/** Registry key: true when localStorage accepts a write (autosave, settings). */
export const STORAGE_OK = 'storageOk';

function storageWorks(): boolean {
  try {
    const probe = 'coopsec.probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

export class Boot extends Scene {
  constructor() {
    super(SCENE.Boot);
  }

  create(): void {
    this.registry.set(STORAGE_OK, storageWorks());
    // Straight from the scene manager, not through this scene's plugin, which would wait
    // for the next frame: Boot runs as the game boots, outside a frame, so the Preloader
    // starts now. Boot itself then stops at the next frame.
    this.game.scene.start('Preloader');
    this.scene.stop();
  }
}
