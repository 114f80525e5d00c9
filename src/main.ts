/**
 * Entry point: the era files' requests first (they overlap Phaser's start-up), then the
 * stylesheets, the language, the game, the sound captions and the automation API
 * (`window.coopsec`, see docs/automation.md), in that order.
 */
import 'flag-icons/css/flag-icons.min.css';
import './game/ui/theme.css';
import { initI18n } from './i18n';
import { StartGame } from './game/main';
import { installAutomation } from './game/automation';
import { initCaptions } from './game/ui/toast';
import { createRouter } from './game/router';
import { loadScenarioFiles } from './game/scenarioFiles';

loadScenarioFiles();
initI18n();
const game = StartGame('game');
createRouter(game);
installAutomation(game);
initCaptions(game);
