/**
 * Render on demand. The game's screens are still pictures behind DOM panels: the backdrop,
 * the baked world map and its highlight outline change only when the player does something.
 * Phaser 4 (up to 4.2) has no switch to skip a frame's rendering, so redrawing and
 * re-presenting the full 1920×1080 canvas every frame is the board's whole frame cost
 * (software WebGL on a projector laptop managed ~13 fps with the browser re-compositing the
 * canvas under the panels 60 times a second).
 *
 * The gate keeps Phaser's loop running — the input manager, scene updates, the scene queue,
 * timers and tweens all step as usual, so `time.delayedCall` and the like still fire — and
 * only skips the render pass (canvas clear, scene render, the DOM elements' CSS placement)
 * while nothing visible can have changed. A frame is rendered when:
 *  - a running scene is not in the static list (e.g. a scene with its own animation);
 *  - the running, visible scenes changed (started, stopped, slept, shown, hidden or
 *    reordered) or one's display list grew or shrank — unless they hold nothing at all
 *    and the canvas shows nothing yet (the page background is the canvas colour) (a cheap fingerprint, checked after the scenes' update);
 *  - a running scene has a tween or a camera effect in progress;
 *  - the scale manager resized, the tab came back, or the WebGL context was restored;
 *  - code that changes what is drawn without any of the above asks for it with
 *    `requestRender()` (MapLayer does, when it re-bakes the map or moves the highlight).
 * Each reason renders the next frame (on software WebGL, every presented frame of the
 * full-size canvas costs a synchronous read-back on the main thread, so spare frames count).
 * When nothing is drawn, the browser keeps showing the canvas's last picture and has no
 * canvas to re-composite. The HEADLESS renderer (unit tests) is left alone.
 */
import { CANVAS, Core, Renderer, Scenes, WEBGL, type Game, type Scene } from 'phaser';

/** Frames rendered after each reason to render: the frame that shows the change. */
const FRAMES_AFTER_CHANGE = 1;

let pending = 0;
let rendered = 0;
let skipped = 0;

/** Asks for the next frames to be rendered (call after changing what a static scene draws). */
export function requestRender(frames = FRAMES_AFTER_CHANGE): void {
  pending = Math.max(pending, frames);
}

/** Frames rendered and skipped since the gate was installed (for benchmarks and diagnostics). */
export function renderStats(): { rendered: number; skipped: number } {
  return { rendered, skipped };
}

type Tweens = { tweens?: readonly unknown[] };
type Effect = { isRunning?: boolean } | undefined;
type CameraEffects = { fadeEffect?: Effect; flashEffect?: Effect; shakeEffect?: Effect; panEffect?: Effect; zoomEffect?: Effect; rotateToEffect?: Effect };

function running(scene: Scene): boolean {
  const status = scene.sys.settings.status;
  return scene.sys.settings.visible && status >= Scenes.LOADING && status < Scenes.SLEEPING;
}

function animating(scene: Scene): boolean {
  const tweens = (scene.sys as unknown as { tweens?: Tweens }).tweens;
  if (tweens?.tweens?.length) return true;
  for (const camera of scene.sys.cameras?.cameras ?? []) {
    const c = camera as unknown as CameraEffects;
    if (c.fadeEffect?.isRunning || c.flashEffect?.isRunning || c.shakeEffect?.isRunning || c.panEffect?.isRunning || c.zoomEffect?.isRunning || c.rotateToEffect?.isRunning) {
      return true;
    }
  }
  return false;
}

/**
 * Installs the gate on a game that has just been constructed (before it boots).
 * `staticScenes`: keys of scenes that draw nothing on their own between changes.
 */
export function installRenderGate(game: Game, staticScenes: readonly string[]): void {
  if (game.config.renderType !== WEBGL && game.config.renderType !== CANVAS) return;
  const still = new Set(staticScenes);
  let fingerprint = '';
  /** The canvas shows nothing but the background (true before the first frame too). */
  let blank = true;
  let objects = 0;

  const needsRender = (): boolean => {
    let print = '';
    let render = false;
    objects = 0;
    for (const scene of game.scene.scenes as Scene[]) {
      if (!running(scene)) continue;
      const settings = scene.sys.settings;
      const count = scene.sys.displayList?.length ?? 0;
      objects += count;
      print += `${settings.key}:${settings.status}:${count};`;
      if (!still.has(settings.key) || animating(scene)) render = true;
    }
    if (print !== fingerprint) {
      fingerprint = print;
      // Scenes with nothing to show over a canvas that shows nothing change nothing.
      if (objects > 0 || !blank) requestRender();
    }
    if (pending > 0) {
      pending--;
      return true;
    }
    return render;
  };

  const original = game.step;
  game.step = function gatedStep(this: Game, time: number, delta: number): void {
    const internals = this as unknown as { pendingDestroy: boolean };
    if (internals.pendingDestroy || this.isPaused) return original.call(this, time, delta);
    const events = this.events;
    // As Phaser's own step, up to the render pass.
    events.emit(Core.Events.PRE_STEP, time, delta);
    events.emit(Core.Events.STEP, time, delta);
    this.scene.update(time, delta);
    events.emit(Core.Events.POST_STEP, time, delta);
    const renderer = this.renderer;
    if (needsRender()) {
      rendered++;
      blank = objects === 0;
      renderer.preRender();
      events.emit(Core.Events.PRE_RENDER, renderer, time, delta);
      this.scene.render(renderer);
      renderer.postRender();
      events.emit(Core.Events.POST_RENDER, renderer, time, delta);
      return;
    }
    skipped++;
    // The input manager polls pointers on PRE_RENDER; it must keep doing so.
    events.emit(Core.Events.PRE_RENDER, renderer, time, delta);
    // SceneManager.render ends the scenes' processing window; do the same.
    (this.scene as unknown as { isProcessing: boolean }).isProcessing = false;
  };

  const again = () => requestRender();
  game.events.on(Core.Events.VISIBLE, again);
  game.events.once(Core.Events.READY, () => {
    game.scale.on('resize', again);
    game.renderer?.on?.(Renderer.Events.RESTORE_WEBGL, again);
  });
}
