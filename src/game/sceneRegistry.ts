/**
 * Scenes the title screen does not need (the era briefing, the campaign's end, the
 * settings and credits overlays) are registered with the game the first time they are
 * wanted rather than at boot: Phaser sets up every registered scene's systems when the game
 * boots, and that work would otherwise come before the title. Their code is small and
 * already loaded; the board, event card and debrief, which are not, are the router's to
 * fetch (router.ts).
 */
import type { Game, Scene } from 'phaser';
import { Settings } from './scenes/Settings';
import { Credits } from './scenes/Credits';
import { EraIntro } from './scenes/EraIntro';
import { CampaignEnd } from './scenes/CampaignEnd';

const LATER: Readonly<Record<string, new () => Scene>> = { Settings, Credits, EraIntro, CampaignEnd };

/** True when the game has the scene `key`, registering it now if it is one of the later ones. */
export function ensureScene(game: Game, key: string): boolean {
  if (game.scene.getScene(key)) return true;
  const scene = LATER[key];
  if (!scene) return false;
  game.scene.add(key, scene, false);
  return true;
}
