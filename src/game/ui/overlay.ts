/**
 * Overlay screens (Settings, Sources & credits) open over another screen and give the
 * keyboard focus back to the control that opened them when they close — the path a
 * keyboard or screen-reader user expects.
 */
import type { Scene } from 'phaser';
import { focusFirst, mountScreen } from './dom';

export class OverlayScreen {
  private opener: HTMLElement | null = null;

  constructor(private readonly scene: Scene) {}

  /** Call from the scene's init(): remembers what had the focus. */
  remember(): void {
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }

  /** Call from the scene's create(): mounts the screen over the current one. */
  mount(label: string, render: (root: HTMLElement) => void, back: () => void = () => this.close()): void {
    const screen = mountScreen(this.scene, render, { overlay: true, label, back });
    focusFirst(screen.root);
  }

  close(): void {
    const opener = this.opener;
    this.scene.scene.stop();
    // The opener is inert until this overlay's cleanup runs; focus it just after.
    window.setTimeout(() => {
      // After a language switch the opener was re-rendered: find its replacement by id.
      const target = opener?.isConnected ? opener : opener?.id ? document.getElementById(opener.id) : null;
      target?.focus({ preventScroll: true });
    }, 0);
  }
}
