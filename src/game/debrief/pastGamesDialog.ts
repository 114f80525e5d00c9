/**
 * The title screen's "Past games" dialog (issue 14.3): the finished eras kept by pastGames.ts,
 * newest first, each with its score, grade and date; opening one shows its objectives (target,
 * value, met / not met) and offers the JSON and CSV exports of its turn records, and "Open the
 * full debrief": the same Debrief screen a just-finished era shows, with the game rebuilt from
 * its seed and log by the rules core (pastGames.ts); Back there returns to this list. A native
 * modal <dialog> keeps focus inside and closes on Esc; focus returns to the opener.
 */
import type { Game } from 'phaser';
import { dateText, t } from '../../i18n';
import { getBridge } from '../bridge';
import { SCENE } from '../sceneKeys';
import { listPastGames, PAST_LIMIT, rebuildPastGame, type PastGame } from './pastGames';
import { downloadText, recordsCsv } from './export';
import { localized, num, tr } from '../board/text';
import { shownDigits } from '../../core/grade';

/**
 * Opens the list. `game`: the Phaser game, to open a full debrief (without it the list only
 * summarises); `focusKey`: the entry to open and focus (coming back from its debrief).
 */
export function openPastGames(game?: Game, focusKey?: string): void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const dialog = document.createElement('dialog');
  dialog.className = 'cs-past';
  dialog.setAttribute('aria-labelledby', 'past-title');
  dialog.dataset.testid = 'past-games';
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}) => {
    const n = document.createElement(tag);
    if (text !== undefined) n.textContent = text;
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    return n;
  };
  const games = listPastGames();
  dialog.append(el('h2', tr('debrief.pastTitle'), { id: 'past-title' }), el('p', tr('debrief.pastLimit', { n: PAST_LIMIT })));
  if (!games.length) dialog.append(el('p', tr('debrief.pastNone'), { 'data-testid': 'past-none' }));
  for (const g of games) {
    const item = el('details', undefined, { 'data-testid': 'past-game' });
    if (g.key === focusKey) item.open = true;
    const date = dateText(g.finishedAt);
    item.append(el('summary', `${localized(g.title)} — ${num(g.score, 1)} / 100 · ${g.grade} · ${tr(`debrief.band.${g.grade}`)} · ${date}`));
    item.append(el('p', tr('debrief.metCount', { met: g.met, total: g.total, weight: '' }).replace(/\s*\(\s*[^)]*\)\.?/, '.')));
    const table = el('table');
    const head = el('tr');
    for (const k of ['debrief.objective', 'debrief.yours', 'debrief.targetHead', 'debrief.status'] as const) head.append(el('th', tr(k)));
    table.append(head);
    for (const o of g.objectives) {
      const row = el('tr');
      row.append(el('td', localized(o.label)), el('td', num(o.value, shownDigits(o))), el('td', tr(o.lowerIsBetter ? 'debrief.targetLower' : 'debrief.targetAtLeast', { target: o.target })), el('td', o.met ? `✓ ${tr('debrief.met')}` : `✗ ${tr('debrief.notMet')}`));
      table.append(row);
    }
    item.append(table);
    const base = `coopsec-${g.scenarioId}-${g.seed}`;
    const json = el('button', tr('debrief.exportJson'), { type: 'button', 'data-testid': 'past-json' });
    json.addEventListener('click', () => downloadText(`${base}.json`, JSON.stringify({ scenario: g.scenarioId, seed: g.seed, turns: g.turns }, null, 2), 'json'));
    const csv = el('button', tr('debrief.exportCsv'), { type: 'button', 'data-testid': 'past-csv' });
    csv.addEventListener('click', () => downloadText(`${base}.csv`, recordsCsv(g.turns), 'csv'));
    // The full debrief first: it is what a player opens a past game for.
    if (game) item.append(openButton(game, g, dialog));
    item.append(json, csv);
    dialog.append(item);
  }
  const close = el('button', t('shell.title.back'), { type: 'button', 'data-testid': 'past-close' });
  close.addEventListener('click', () => dialog.close());
  dialog.append(close);
  // Esc closes the dialog, and must not reach the game's own Esc handling behind it.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !dialog.open) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    dialog.close();
  };
  window.addEventListener('keydown', onKey, true);
  dialog.addEventListener('close', () => {
    window.removeEventListener('keydown', onKey, true);
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  if (focusKey) dialog.querySelector<HTMLElement>('details[open] [data-testid="past-open"]')?.focus();
}

/** "Open the full debrief", or why it cannot be (no log, era not loaded, rules changed since). */
function openButton(game: Game, past: PastGame, dialog: HTMLDialogElement): HTMLElement {
  const scenario = getBridge().catalogue.scenarios[past.scenarioId];
  const rebuilt = rebuildPastGame(scenario, past);
  if (!rebuilt.ok) {
    const p = document.createElement('p');
    p.dataset.testid = 'past-unavailable';
    p.textContent = t('past.unavailable', { reason: t(`past.${rebuilt.problem}`) });
    return p;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.style.fontWeight = '700';
  button.dataset.testid = 'past-open';
  button.textContent = t('past.open');
  button.title = t('past.openHint');
  button.addEventListener('click', () => {
    // The debrief's code is loaded on demand, as the router loads it for a finished era.
    void import('../scenes/Debrief').then(({ Debrief }) => {
      if (!game.scene.getScene(SCENE.Debrief)) game.scene.add(SCENE.Debrief, Debrief, false);
      dialog.close();
      game.scene.stop(SCENE.Title);
      game.scene.start(SCENE.Debrief, { past: { key: past.key, scenario, game: rebuilt.game, finishedAt: past.finishedAt } });
    });
  });
  return button;
}
