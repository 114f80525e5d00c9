/**
 * Scenes the title screen does not need (the era briefing, the campaign's end, the
 * settings, credits and in-game menu overlays) are registered with the game the first time they are
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
import { GameMenu } from './scenes/GameMenu';
import { SCENE } from './sceneKeys';

const LATER: Readonly<Record<string, new () => Scene>> = {
  [SCENE.Settings]: Settings,
  [SCENE.Credits]: Credits,
  [SCENE.EraIntro]: EraIntro,
  [SCENE.CampaignEnd]: CampaignEnd,
  [SCENE.GameMenu]: GameMenu,
};

/** Opens the in-game menu over whatever runs (Esc or the Menu button of an in-game screen). */
export function openGameMenu(game: Game, view?: 'glossary' | 'quit' | 'load'): void {
  if (game.scene.isActive(SCENE.GameMenu)) return;
  ensureScene(game, SCENE.GameMenu);
  game.scene.start(SCENE.GameMenu, view ? { view } : undefined);
  game.scene.bringToTop(SCENE.GameMenu);
}

/** True when the game has the scene `key`, registering it now if it is one of the later ones. */
export function ensureScene(game: Game, key: string): boolean {
  if (game.scene.getScene(key)) return true;
  const scene = LATER[key];
  if (!scene) return false;
  game.scene.add(key, scene, false);
  return true;
}
