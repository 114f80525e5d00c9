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
import { installExerciseAutomation, launchConsole, launchJoin, launchKept } from './game/exercise/automation';
import { initCaptions } from './game/ui/toast';
import { installRotateHint } from './game/ui/rotateHint';
import { createRouter } from './game/router';
import { loadScenarioFiles } from './game/scenarioFiles';
import { saveSession } from './game/exercise/sessions';
import { readConsoleLink } from './net/protocol';

initI18n();
// A facilitated exercise's projector window (`?projector=<id>`, opened by the console)
// shows the observer's view it hears over a BroadcastChannel, and no game; a classroom's
// projector (`?watch=<code>`) joins the classroom server as an observer.
const params = new URLSearchParams(window.location.search);
const projector = params.get('projector');
const watch = params.get('watch');
if (projector) {
  void import('./game/exercise/projector').then((m) => m.startProjector(projector));
} else if (watch) {
  void import('./game/exercise/projector').then((m) => m.startClassroomProjector(watch));
} else {
  const game = StartGame('game');
  // Phaser boots inside StartGame (the page is already interactive), then waits for its first
  // frame: the era files are requested in that pause, off the way to it.
  window.setTimeout(() => loadScenarioFiles(), 0);
  createRouter(game);
  installAutomation(game);
  installExerciseAutomation();
  initCaptions(game);
  // A phone held upright is asked to turn for the solo game (a link to an exercise's screen opens over it instead).
  if (params.get('join') === null && params.get('console') === null && params.get('exercise') === null) installRotateHint();
  // A classroom's join address (`?join=<code>`, the QR code's): the join page over the title.
  const join = params.get('join');
  if (join !== null) void launchJoin(join);
  // A console's link from another laptop or the server's `--console` (its key in the fragment):
  // the key is kept as this browser's own and taken out of the address before anything else.
  const link = readConsoleLink(window.location.search, window.location.hash);
  if (link) {
    saveSession({ ...link, role: 'white' });
    history.replaceState(history.state, '', `?console=${encodeURIComponent(link.code)}`);
  }
  // A facilitator's console, reloaded: back to the exercise this browser runs.
  const consoleCode = params.get('console');
  if (consoleCode) void launchConsole(consoleCode);
  // An exercise on this laptop, reloaded (or its browser reopened on that address): back to it as this browser kept it.
  else if (params.get('exercise') === 'local') void launchKept();
}
