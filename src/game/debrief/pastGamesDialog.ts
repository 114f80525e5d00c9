/**
 * The title screen's "Past games" dialog (issue 14.3): the finished eras kept by pastGames.ts,
 * newest first, each with its score, grade and date; opening one shows its objectives (target,
 * value, met / not met) and offers the JSON and CSV exports of its turn records. A native modal
 * <dialog> keeps focus inside and closes on Esc; focus returns to the opener.
 */
import { t } from '../../i18n';
import { listPastGames, PAST_LIMIT } from './pastGames';
import { downloadText, recordsCsv } from './export';
import { localized, num, tr } from '../board/text';

export function openPastGames(): void {
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
    const date = new Date(g.finishedAt).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
    item.append(el('summary', `${localized(g.title)} — ${num(g.score, 1)} / 100 · ${g.grade} · ${tr(`debrief.band.${g.grade}`)} · ${date}`));
    item.append(el('p', tr('debrief.metCount', { met: g.met, total: g.total, weight: '' }).replace(/\s*\(\s*[^)]*\)\.?/, '.')));
    const table = el('table');
    const head = el('tr');
    for (const k of ['debrief.objective', 'debrief.yours', 'debrief.targetHead', 'debrief.status'] as const) head.append(el('th', tr(k)));
    table.append(head);
    for (const o of g.objectives) {
      const row = el('tr');
      row.append(el('td', localized(o.label)), el('td', num(o.value, o.value % 1 ? 1 : 0)), el('td', tr(o.lowerIsBetter ? 'debrief.targetLower' : 'debrief.targetAtLeast', { target: o.target })), el('td', o.met ? `✓ ${tr('debrief.met')}` : `✗ ${tr('debrief.notMet')}`));
      table.append(row);
    }
    item.append(table);
    const base = `coopsec-${g.scenarioId}-${g.seed}`;
    const json = el('button', tr('debrief.exportJson'), { type: 'button', 'data-testid': 'past-json' });
    json.addEventListener('click', () => downloadText(`${base}.json`, JSON.stringify({ scenario: g.scenarioId, seed: g.seed, turns: g.turns }, null, 2), 'json'));
    const csv = el('button', tr('debrief.exportCsv'), { type: 'button', 'data-testid': 'past-csv' });
    csv.addEventListener('click', () => downloadText(`${base}.csv`, recordsCsv(g.turns), 'csv'));
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
}
