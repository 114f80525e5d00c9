/**
 * Entry point: the stylesheets, the language, the game, the era files' requests (in the
 * pause after Phaser's boot, see scenarioFiles.ts), the sound captions and the automation
 * API (`window.coopsec`, see docs/automation.md).
 */
import 'flag-icons/css/flag-icons.min.css';
import './game/ui/theme.css';
import { initI18n } from './i18n';
import { StartGame } from './game/main';
import { installAutomation } from './game/automation';
import { installExerciseAutomation } from './game/exercise/automation';
import { initCaptions } from './game/ui/toast';
import { createRouter } from './game/router';
import { loadScenarioFiles } from './game/scenarioFiles';

initI18n();
// A facilitated exercise's projector window (`?projector=<id>`, opened by the console)
// shows the observer's view it hears over a BroadcastChannel, and no game.
const projector = new URLSearchParams(window.location.search).get('projector');
if (projector) {
  void import('./game/exercise/projector').then((m) => m.startProjector(projector));
} else {
  const game = StartGame('game');
  // Phaser boots inside StartGame (the page is already interactive), then waits for its first
  // frame: the era files are requested in that pause, off the way to it.
  window.setTimeout(() => loadScenarioFiles(), 0);
  createRouter(game);
  installAutomation(game);
  installExerciseAutomation();
  initCaptions(game);
}
