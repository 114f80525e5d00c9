/**
 * The game factory (as in Phaser's vite-ts template): `StartGame(parent)` builds the Phaser
 * game at a 1920×1080 base size, fitted and centred to the window (readable on a 1920×1080
 * projector and on a 1366×768 laptop), with a DOM container so every interactive panel is a
 * real, focusable HTML element. Phaser's own audio is off: all sound goes through Howler
 * (src/audio/sound.ts). Only the scenes on the way to the title are registered at boot:
 * the others are added when first wanted (sceneRegistry.ts; Board, EventCard and Debrief
 * are also fetched on demand by the router). Boot checks what the browser allows and
 * hands over to the Preloader at once; the canvas is redrawn only when something on it
 * changed.
 */
import { AUTO, Game, Scale, type Types } from 'phaser';
import { Boot } from './scenes/Boot';
import { Preloader } from './scenes/Preloader';
import { Title } from './scenes/Title';
import { BASE_HEIGHT, BASE_WIDTH } from './ui/dom';
import { installRenderGate } from './ui/renderGate';
import { SCENE_KEYS } from './sceneKeys';

/** Dark navy of a staff-college briefing room; matches theme.css's --cs-bg. */
export const BACKGROUND = '#0b1626';

export function gameConfig(parent: string | HTMLElement): Types.Core.GameConfig {
  return {
    type: AUTO,
    parent,
    width: BASE_WIDTH,
    height: BASE_HEIGHT,
    backgroundColor: BACKGROUND,
    banner: false,
    scale: { mode: Scale.FIT, autoCenter: Scale.CENTER_BOTH },
    dom: { createContainer: true },
    // Phaser also listens for presses on the whole window and hit-tests them against the
    // canvas; with HTML panels and callouts over the map, a click on a button would select
    // the country beneath it. The canvas's own events are all the board needs.
    input: { windowEvents: false },
    audio: { noAudio: true },
    scene: [Boot, Preloader, Title],
  };
}

/**
 * Scenes that draw nothing on their own between changes (backdrops, the baked map, DOM
 * panels): while only these run, the canvas is redrawn only when something changed (see
 * ui/renderGate.ts). A scene with its own canvas animation stays off this list. The
 * Debrief is on it: its charts are chart.js canvases in the DOM panels, not Phaser's, and
 * a full-size redraw every frame (software WebGL on many laptops) would take CPU from the
 * luck-vs-skill worker running beside it.
 */
export const STATIC_SCENES = SCENE_KEYS;

export function StartGame(parent: string | HTMLElement): Game {
  const game = new Game(gameConfig(parent));
  installRenderGate(game, STATIC_SCENES);
  return game;
}
