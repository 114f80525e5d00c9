/**
 * Every Phaser scene's key, declared once: the scenes' constructors, the router, the
 * lazy scene registry, the render gate and the automation API all read them from here.
 */
export const SCENE = {
  Boot: 'Boot',
  Preloader: 'Preloader',
  Title: 'Title',
  Settings: 'Settings',
  Credits: 'Credits',
  GameMenu: 'GameMenu',
  EraIntro: 'EraIntro',
  CampaignEnd: 'CampaignEnd',
  Board: 'Board',
  EventCard: 'EventCard',
  Debrief: 'Debrief',
} as const;

export type SceneKey = (typeof SCENE)[keyof typeof SCENE];

/** All of them, in the order the game registers them. */
export const SCENE_KEYS: readonly SceneKey[] = Object.values(SCENE);

/** Scenes driven by the flow (the router runs them by phase); the others are overlays or boot steps. */
export const FLOW_SCENES = [SCENE.Title, SCENE.EraIntro, SCENE.Board, SCENE.EventCard, SCENE.Debrief, SCENE.CampaignEnd] as const;
