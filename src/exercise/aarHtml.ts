/**
 * aar.html: the after-action report as a printable, self-contained HTML document
 * (docs/facilitator-guide.md, "The after-action review"). Inline SVG charts; no fonts,
 * scripts, images, style sheets or links loaded from anywhere (sources are printed as
 * text); print CSS for A4 and Letter alike (margins only, no fixed paper size; each major
 * section starts a page; table rows, charts and headings are kept from splitting badly;
 * table heads repeat on each page). English or French: every heading and label from
 * aarText.ts, the scenario's own texts in the report's language. Every text that comes
 * from the record — notes, rationales, objections — is escaped, so a note can never
 * become markup. Pure: no DOM.
 */
import { ALLIANCE_METRICS, COMPETITORS, REGIONS } from '../core/constants';
import type { Aar, AarBranch, AarMove, AarTurn } from './aar';
import { objectiveMet, valueDigits } from '../core/grade';
import { AAR_TEXT, competitorName, formatMoney, formatNumber, formatPercent, formatSigned, metricName, regionName, type AarMessages, type Lang } from './aarText';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
const esc = escapeHtml;

/** A table; cells are HTML the caller has escaped. `numeric` columns align right. */
export function htmlTable(head: string[], rows: string[][], options: { numeric?: number[]; nowrap?: number[]; className?: string } = {}): string {
  if (!rows.length) return '';
  const num = new Set(options.numeric ?? []);
  const nw = new Set(options.nowrap ?? []);
  const cls = (i: number) => (num.has(i) ? ' class="num"' : nw.has(i) ? ' class="nw"' : '');
  return `<table${options.className ? ` class="${options.className}"` : ''}><thead><tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Colours that stay apart in print and for the common colour-vision deficiencies (Okabe–Ito, darkened for paper). */
export const CHART_COLOURS = ['#0b4f8a', '#c45a00', '#00795c', '#a8327a', '#5b4a9e', '#8a6d00', '#3a3a3a'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

export interface ChartSeries {
  name: string;
  values: number[];
  colour?: string;
  dash?: string;
}

/**
 * An inline SVG line chart over labelled points (years), 0–100 unless told, with a legend,
 * a title for screen readers, and markers so lines read apart in black and white too.
 */
export function lineChart(labels: (string | number)[], series: ChartSeries[], title: string, range: { min?: number; max?: number; width?: number; legend?: number } = {}): string {
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  let min = range.min ?? 0;
  let max = range.max ?? 100;
  if (range.min === undefined && all.length && Math.min(...all) < min) min = Math.floor(Math.min(...all) / 5) * 5;
  if (range.max === undefined && all.length && Math.max(...all) > max) max = Math.ceil(Math.max(...all) / 5) * 5;
  if (max <= min) max = min + 1;
  const legendRows = series.length;
  const w = range.width ?? 680;
  const left = 40;
  const right = range.legend ?? 190;
  const top = 12;
  const plotH = w < 600 ? 180 : 220;
  const h = Math.max(top + plotH + 30, top + legendRows * 17 + 10);
  const bottom = top + plotH;
  const x = (i: number) => left + (labels.length < 2 ? (w - left - right) / 2 : (i * (w - left - right)) / (labels.length - 1));
  const y = (v: number) => top + ((max - Math.max(min, Math.min(max, v))) * plotH) / (max - min);
  const ticks = 5;
  const grid = Array.from({ length: ticks }, (_, k) => min + ((max - min) * k) / (ticks - 1))
    .map((v) => `<line x1="${left}" x2="${w - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${v === 0 && min < 0 ? '#777' : '#d4d4d4'}" stroke-width="1"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#333">${esc(Number(v.toFixed(1)))}</text>`)
    .join('');
  // Thin the year labels when there are many, so they never overlap.
  const every = Math.max(1, Math.ceil(labels.length / 12));
  const xLabels = labels.map((l, i) => (i % every === 0 || i === labels.length - 1 ? `<text x="${x(i).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" font-size="10" fill="#333">${esc(l)}</text>` : '')).join('');
  const lines = series
    .map((s, k) => {
      const colour = s.colour ?? CHART_COLOURS[k % CHART_COLOURS.length];
      const dash = s.dash ?? DASHES[Math.floor(k / CHART_COLOURS.length) % DASHES.length];
      const pts = s.values.map((v, i) => (Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : null)).filter((p): p is string => p !== null);
      const marks = pts.map((p) => {
        const [cx, cy] = p.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="2.2" fill="${colour}"/>`;
      });
      const ly = top + k * 17;
      const legend = `<line x1="${w - right + 10}" x2="${w - right + 32}" y1="${ly + 6}" y2="${ly + 6}" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/><text x="${w - right + 38}" y="${ly + 10}" font-size="11" fill="#1a1a1a">${esc(s.name)}</text>`;
      return `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${pts.join(' ')}"/>${marks.join('')}${legend}`;
    })
    .join('');
  return `<figure class="chart"><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="100%"><title>${esc(title)}</title><line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#777"/>${grid}${xLabels}${lines}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}

/** A one-line spread: p10–p90 band, median tick, and the team's own score, 0–100+. */
function spreadChart(luck: NonNullable<Aar['luck']>, t: AarMessages, lang: Lang): string {
  const w = 680;
  const left = 40;
  const right = 40;
  const hi = Math.max(100, Math.ceil(Math.max(luck.p90, luck.own) / 10) * 10);
  const x = (v: number) => left + (Math.max(0, Math.min(hi, v)) * (w - left - right)) / hi;
  const axis = Array.from({ length: hi / 10 + 1 }, (_, i) => i * 10)
    .map((v) => `<line x1="${x(v)}" x2="${x(v)}" y1="44" y2="48" stroke="#777"/><text x="${x(v)}" y="60" font-size="10" text-anchor="middle" fill="#333">${v}</text>`)
    .join('');
  const label = `p10 ${formatNumber(luck.p10, lang)} · p50 ${formatNumber(luck.p50, lang)} · p90 ${formatNumber(luck.p90, lang)} · ${t.own} ${formatNumber(luck.own, lang)}`;
  return `<figure class="chart"><svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} 70" width="100%"><title>${esc(label)}</title><line x1="${left}" x2="${w - right}" y1="44" y2="44" stroke="#777"/>${axis}<rect x="${x(luck.p10)}" y="18" width="${Math.max(1, x(luck.p90) - x(luck.p10))}" height="20" fill="#c9d9ea" stroke="#0b4f8a"/><line x1="${x(luck.p50)}" x2="${x(luck.p50)}" y1="14" y2="42" stroke="#0b4f8a" stroke-width="2"/><path d="M ${x(luck.own)} 40 l -6 -10 h 12 z" fill="#c45a00"/><text x="${x(luck.own)}" y="12" font-size="10" text-anchor="middle" fill="#c45a00">${esc(t.own)}</text></svg><figcaption>${esc(label)}</figcaption></figure>`;
}

export const REPORT_STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { font-family: "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 24px auto; max-width: 980px; padding: 0 16px; line-height: 1.4; font-size: 14px; background: #fff; }
  h1 { font-size: 24px; margin: 0 0 4px; color: #0b2d4d; }
  h2 { font-size: 18px; margin: 22px 0 8px; border-bottom: 2px solid #0b4f8a; padding-bottom: 2px; color: #0b2d4d; }
  h3 { font-size: 15px; margin: 16px 0 6px; color: #0b2d4d; }
  h4 { font-size: 13px; margin: 10px 0 4px; }
  p { margin: 4px 0 8px; }
  table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; font-size: 12.5px; }
  th, td { border: 1px solid #b8b8b8; padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
  td.nw { white-space: nowrap; }
  th { background: #e6edf5; font-weight: 600; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  table.kv th { width: 38%; background: #f3f6f9; }
  table.history td:nth-child(2) { width: 58%; } table.history td:nth-child(3) { width: 36%; }
  figure { margin: 8px 0 12px; } figcaption { font-size: 12px; color: #444; }
  .meta { color: #333; } .muted { color: #555; font-size: 0.92em; } .warn { color: #8a1c1c; font-weight: 600; }
  .tag { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 0.9em; white-space: nowrap; background: #eef1f4; border: 1px solid #c9d0d8; }
  .tag.white { background: #fff4e0; border-color: #d9a441; } .tag.team { background: #e4f1e8; border-color: #6fae84; }
  .year { border-top: 1px solid #c9d0d8; padding-top: 4px; margin-top: 14px; }
  h2 + .year { border-top: 0; margin-top: 0; padding-top: 0; }
  details.abandoned { margin: 4px 0 12px; } details.abandoned summary { font-weight: 600; cursor: pointer; }
  nav ol { columns: 2; margin: 4px 0 0; padding-left: 20px; }
  code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
  @page { margin: 14mm 12mm 16mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10.5px; }
    h1 { font-size: 20px; } h2 { font-size: 15px; margin-top: 0; } h3 { font-size: 13px; }
    table { font-size: 9.5px; }
    section.major + section.major { break-before: page; }
    h2, h3, h4 { break-after: avoid; }
    tr, figure, .keep { break-inside: avoid; }
    thead { display: table-header-group; }
    .year { break-inside: auto; }
    nav { display: none; }
    details.abandoned summary { list-style: none; }
    figure.chart svg { max-height: 62mm; }
    th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }
`;

/** The page around a report's body. */
export function htmlPage(lang: Lang, title: string, body: string): string {
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${REPORT_STYLE}</style></head><body>${body}</body></html>\n`;
}

const tag = (text: string, kind: 'white' | 'team' | '' = '') => `<span class="tag${kind ? ` ${kind}` : ''}">${esc(text)}</span>`;

/**
 * The rewind that left a move of an abandoned line behind: the first after it that went back
 * to its year or before (a rewind to a later year replays it, as the engine does).
 */
function abandonedBy(branches: AarBranch[], m: AarMove): AarBranch | undefined {
  const after = branches.filter((b) => b.seq > m.seq);
  return after.find((b) => b.toYear <= m.year) ?? after[0];
}

/**
 * Under the rewinds, each abandoned line's moves, in the columns and words of a year's moves,
 * so a director can show the room what it did, then what it did instead. Open by default:
 * a closed details element does not print.
 */
function abandonedLines(aar: Aar, t: AarMessages, lang: Lang): string {
  return aar.branches
    .map((b) => {
      const moves = aar.abandonedMoves.filter((m) => abandonedBy(aar.branches, m) === b);
      if (!moves.length) return '';
      const rows = moves.map((m) => [String(m.seq), String(m.year), esc(t.phases[m.phase]), esc(m.roleName), esc(t.moveTypes[m.type] ?? m.type), esc(m.detail)]);
      return `<details class="abandoned" open data-rewind="${b.seq}"><summary>${esc(t.abandonedMoves(b.seq, moves.length))} <span class="muted">(${esc(t.branchN(b.parent))} → ${esc(t.branchN(b.id))}${t.colon}${esc(b.rationale)})</span></summary>${htmlTable(
        [t.seq, t.year, t.phase, t.role, t.move, t.detail],
        rows,
        { numeric: [0, 1], nowrap: [2] },
      )}</details>`;
    })
    .join('');
}

function turnSection(aar: Aar, turn: AarTurn, t: AarMessages, lang: Lang): string {
  const out: string[] = [`<div class="year"><h3 id="y${turn.year}">${esc(t.year)} ${turn.year}</h3>`];
  const mins = Object.entries(turn.minutes).filter(([, m]) => (m ?? 0) > 0);
  // A headless rehearsal plays in milliseconds: only a real room's timings are worth a line.
  if (mins.length) out.push(`<p class="muted">${esc(t.minutes)}${t.colon}${mins.map(([p, m]) => `${esc(t.phases[p as keyof typeof t.phases])} ${formatNumber(m as number, lang)}`).join(' · ')}</p>`);
  if (turn.agreed) out.push(`<p><strong>${esc(t.agreed)}</strong>${t.colon}${esc(turn.agreed.summary)}</p>`);

  const teamMoves = turn.moves;
  if (teamMoves.length) {
    // A headless rehearsal plays in milliseconds: times are shown only where a room took real time.
    const timed = aar.turns.some((x) => Object.values(x.minutes).some((m) => (m ?? 0) > 0));
    out.push(`<h4>${esc(t.moves)}</h4>`);
    out.push(
      htmlTable(
        [t.seq, t.phase, ...(timed ? [t.time, t.intoPhase] : []), t.role, t.move, t.detail],
        teamMoves.map((m) => [
          String(m.seq),
          esc(t.phases[m.phase]),
          ...(timed ? [m.at !== undefined ? esc(new Date(m.at).toISOString().slice(11, 19)) : '', m.intoPhase !== undefined ? `${formatNumber(m.intoPhase / 60, lang)} min` : ''] : []),
          esc(m.roleName),
          esc(t.moveTypes[m.type] ?? m.type),
          esc(m.detail),
        ]),
        { numeric: [0], nowrap: timed ? [1, 2, 3] : [1] },
      ),
    );
  } else out.push(`<p class="muted">${esc(t.noMoves)}</p>`);

  if (turn.proposals.length && (turn.proposals.length > 1 || turn.proposals.some((p) => p.answers.length))) {
    out.push(`<h4>${esc(t.proposals)}</h4>`);
    out.push(
      htmlTable(
        [t.round, t.by, t.proposed, t.answers, t.outcome],
        turn.proposals.map((p) => [
          String(p.round),
          p.by === 'team' ? tag(t.held, 'team') : tag(t.engine),
          esc(p.summary),
          p.answers.map((a) => `${esc(a.name)}${t.colon}${a.approve ? esc(t.approves) : `<strong>${esc(t.objects)}</strong> — ${esc(a.reason ?? '')}`}${a.by === 'engine' ? ` <span class="muted">(${esc(t.engine)})</span>` : ''}`).join('<br>') || '—',
          esc(t.outcomes[p.outcome] ?? p.outcome),
        ]),
        { numeric: [0] },
      ),
    );
  }
  if (turn.deadlock) out.push(`<p>${tag(t.whiteActions, 'white')} ${esc(t.deadlock)}${t.colon}${esc(t.deadlockOutcomes[turn.deadlock.outcome])} — ${esc(turn.deadlock.rationale)}</p>`);
  if (turn.pushes.length) out.push(`<p>${esc(t.pushes)}${t.colon}${turn.pushes.map((p) => `${esc(p.name)} → ${esc(p.partnerName)}`).join(' · ')}</p>`);

  if (turn.signals.length) {
    out.push(`<h4>${esc(t.signals)}</h4>`);
    out.push(
      htmlTable(
        [t.competitor, t.partner, t.amount, t.intent, t.committed, t.seenThrough],
        turn.signals.map((s) => [esc(competitorName(lang, s.competitor)), esc(s.partnerName), formatNumber(s.amount, lang), esc(s.bluff ? t.bluff : t.genuine), esc(s.honoured === null ? t.uncommitted : s.honoured ? t.honoured : t.dropped), esc(s.seenThrough ? t.yes : t.no)]),
        { numeric: [2] },
      ),
    );
  }
  if (turn.offers.total > 0 && !turn.signals.length) out.push(`<p class="muted">${esc(t.drawnOffers(turn.offers.total, turn.offers.outbid))}</p>`);

  if (turn.demands.length || turn.selfFinancing.length) {
    out.push(`<h4>${esc(t.partnerMoves)}</h4>`);
    const rows = [
      ...turn.demands.map((d) => [esc(d.partnerName), `${esc(t.demand)}${t.colon}${esc(d.focusName)}`, formatNumber(d.received, lang)]),
      ...turn.selfFinancing.map((f) => [esc(f.partnerName), `${esc(t.selfFinancing)}${t.colon}${formatPercent(f.share, lang)}`, '']),
    ];
    out.push(htmlTable([t.partner, t.detail, t.received], rows, { numeric: [2] }));
  }
  if (turn.gapAnalyses.length) out.push(`<p>${esc(t.gapAnalyses)}${t.colon}${turn.gapAnalyses.map((g) => `${esc(g.partnerName)} ${esc(g.accepted ? t.gapAccepted : t.gapRefused)} (${esc(g.answeredBy === 'team' ? t.gapByTeam : t.gapByDice)})`).join(' · ')}</p>`);

  if (turn.results.length) {
    out.push(`<h4>${esc(t.results)}</h4>`);
    out.push(
      htmlTable(
        [t.region, t.natoDelta, t.competitorDelta, t.engineStep, t.whiteStep, t.delta, t.rationale],
        turn.results.map((r) => [
          esc(regionName(lang, r.region)),
          formatSigned(r.natoDelta, lang),
          formatSigned(r.competitorDelta, lang),
          esc(t.steps[r.engine]),
          r.white ? `<strong>${esc(t.steps[r.white.step])}</strong>` : `<span class="muted">${esc(t.notAdjudicated)}</span>`,
          r.white ? formatSigned(r.white.delta, lang) : '',
          r.white ? esc(r.white.rationale) : '',
        ]),
        { numeric: [1, 2, 5] },
      ),
    );
  }
  if (turn.cards.length) {
    out.push(`<h4>${esc(t.events)}</h4>`);
    out.push(htmlTable([t.card, t.choice, t.chosenBy], turn.cards.map((c) => [`${esc(c.title)} <span class="muted">(${esc(t.sources[c.source])}${c.source === 'inject' ? ` ${esc(c.id)}` : ''})</span>`, esc(c.choice), esc(t.choosers[c.by] ?? c.by)])));
  }
  const notes = aar.notes.filter((n) => n.onLine && n.year === turn.year);
  if (notes.length) out.push(`<h4>${esc(t.notes)}</h4><ul>${notes.map((n) => `<li>${esc(t.phases[n.phase])}${n.serial ? ` [${esc(n.serial)}${n.injectTitle ? ` — ${esc(n.injectTitle)}` : ''}]` : ''}${t.colon}${esc(n.text)}</li>`).join('')}</ul>`);
  out.push('</div>');
  return out.join('');
}

/** The after-action report as a printable HTML document, in `lang` (the report's own by default). */
export function aarHtml(aar: Aar, lang: Lang = aar.lang): string {
  const t = AAR_TEXT[lang];
  const labels: (string | number)[] = [t.start, ...aar.turns.map((x) => x.year)];
  const sections: string[] = [];
  const section = (id: string, title: string, body: string) => sections.push(`<section class="major" id="${id}"><h2>${esc(title)}</h2>${body}</section>`);

  // Head and setup.
  const head: string[] = [];
  head.push(`<p class="meta">${esc(t.era)} ${aar.scenario.era}, ${aar.scenario.start}–${aar.scenario.end} · ${esc(t.seed)} ${aar.seed} · ${esc(t.hash)} <code>${esc(aar.hash)}</code> · ${esc(t.branch)}${t.colon}${esc(t.branchN(aar.branch))}</p>`);
  if (!aar.finished) head.push(`<p class="warn">${esc(t.unfinished(aar.stoppedAt.year, t.phases[aar.stoppedAt.phase]))}</p>`);
  if (aar.rules) head.push(`<p class="warn" data-testid="aar-rules">${esc(t.rulesChanged(aar.rules.recorded, aar.rules.current))}</p>`);
  head.push(`<p class="muted">${esc(t.generated)}</p>`);
  const toc = [
    ['setup', t.setup],
    ['score', t.score],
    ['years', t.yearByYear],
    ['msel', t.injects],
    ['debrief', `${t.diagnostics} · ${t.sayDo}`],
    ['luck', `${t.luck} · ${t.history}`],
  ];
  head.push(`<nav><strong>${esc(t.contents)}</strong><ol>${toc.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>`);

  const setup = aar.setup;
  const timers = Object.entries(setup.timers).filter(([, s]) => s);
  section(
    'setup',
    t.setup,
    htmlTable(
      [t.setup, t.detail],
      [
        [esc(t.consensus), esc(t.consensusMode[setup.consensus])],
        [esc(t.rounds), String(setup.rounds)],
        [esc(t.deadlockRule), esc(t.deadlockRules[setup.deadlock])],
        [esc(t.msel), esc(setup.msel === 'own' ? t.mselOwn(setup.injectCount) : t.mselScenario(setup.injectCount))],
        [esc(t.timers), [timers.length ? timers.map(([p, s]) => `${esc(t.phases[p as keyof typeof t.phases])} ${formatNumber((s as number) / 60, lang, 0)} min`).join(' · ') : esc(t.untimed), setup.timersSet ? esc(t.timersSet(setup.timersSet)) : null].filter(Boolean).join(' · ')],
      ],
      { className: 'kv' },
    ) +
      `<h3>${esc(t.roles)}</h3>` +
      htmlTable([t.role, t.seat], aar.roles.map((r) => [esc(r.name), r.held ? tag(t.held, 'team') : esc(r.role === 'nato' ? t.policy(t.policies[r.bot ?? 'equal'] ?? r.bot ?? '') : t.engine)])) +
      `<h3>${esc(t.branches)}</h3>` +
      (aar.branches.length
        ? htmlTable(
            [t.seq, t.rewindTo, t.rationale, t.abandoned],
            aar.branches.map((b) => [
              String(b.seq),
              `${b.toYear}${t.colon}${esc(t.branchN(b.parent))} → ${esc(t.branchN(b.id))}`,
              esc(b.rationale),
              b.abandoned ? esc(t.abandonedText(b.abandoned.moves, b.abandoned.year, t.phases[b.abandoned.phase], formatNumber(b.abandoned.score, lang), b.abandoned.lineScore === null || b.abandoned.lineScore === undefined ? null : formatNumber(b.abandoned.lineScore, lang))) : '—',
            ]),
            { numeric: [0] },
          ) + abandonedLines(aar, t, lang)
        : `<p class="muted">${esc(t.noBranches)}</p>`),
  );

  // Score and metric paths.
  const metricsSeries = ALLIANCE_METRICS.map((m) => ({ name: metricName(lang, m), values: [aar.initial.metrics[m], ...aar.turns.map((x) => x.metrics[m])] }));
  const influenceSeries = COMPETITORS.flatMap((c, ci) =>
    REGIONS.map((r, ri) => ({ name: `${competitorName(lang, c)} · ${regionName(lang, r)}`, values: [aar.initial.influence[c][r], ...aar.turns.map((x) => x.influence[c][r])], colour: CHART_COLOURS[ri], dash: ci === 0 ? '' : '6 3' })),
  );
  section(
    'score',
    `${t.score}${t.colon}${t.scoreOutOf(formatNumber(aar.score.score, lang))} · ${t.grade(aar.grade.grade, t.bands[aar.grade.grade])}`,
    `<p>${esc(t.gradeRule(aar.grade.met, aar.grade.total, formatPercent(aar.grade.metWeight, lang)))}</p>` +
    htmlTable(
      [t.objective, t.target, t.value, t.attainment, t.result],
      aar.score.objectives.map((o) => [esc(o.label[lang]), `${o.lowerIsBetter ? '≤' : '≥'}\u00a0${formatNumber(o.target, lang, Number.isInteger(o.target) ? 0 : 1)}`, formatNumber(o.value, lang, valueDigits(o)), formatPercent(o.attainment, lang), esc(objectiveMet(o) ? t.met : t.notMet)]),
      { numeric: [1, 2, 3] },
    ) +
      `<h3>${esc(t.metrics)}</h3>` +
      lineChart(labels, metricsSeries, t.metricsChart) +
      `<h3>${esc(t.influence)}</h3>` +
      lineChart(labels, influenceSeries, t.influenceChart) +
      htmlTable([t.year, ...ALLIANCE_METRICS.map((m) => metricName(lang, m))], [[esc(t.start), ...ALLIANCE_METRICS.map((m) => formatNumber(aar.initial.metrics[m], lang))], ...aar.turns.map((x) => [String(x.year), ...ALLIANCE_METRICS.map((m) => formatNumber(x.metrics[m], lang))])], {
        numeric: ALLIANCE_METRICS.map((_, i) => i + 1),
      }),
  );

  // Year by year.
  section('years', t.yearByYear, aar.turns.map((turn) => turnSection(aar, turn, t, lang)).join(''));

  // MSEL, ad-hoc cards, notes.
  const injectRows = aar.injects.map((i) => [
    esc(i.serial),
    esc(i.title),
    esc(i.audienceNames.join(', ')),
    `${esc(t.fates[i.fate])}${i.how ? ` (${esc(t.how[i.how])}${i.year ? `, ${i.year}${i.phase ? ` ${esc(t.phases[i.phase])}` : ''}` : ''})` : ''}`,
    i.actions.map((a) => `${esc(t.moveTypes[a.type] ?? a.type)} — ${a.year} ${esc(t.phases[a.phase])} (#${a.seq})${a.onLine ? '' : ` <span class="muted">${esc(t.offLine)}</span>`}`).join('<br>'),
  ]);
  const noteRows = aar.notes.map((n) => [String(n.seq), `${n.year} ${esc(t.phases[n.phase])}${n.onLine ? '' : ` <span class="muted">(${esc(t.offLine)})</span>`}`, n.serial ? `${esc(n.serial)}${n.injectTitle ? ` — ${esc(n.injectTitle)}` : ''}` : '', esc(n.text)]);
  section(
    'msel',
    t.injects,
    (htmlTable([t.serial, t.detail, t.audience, t.fate, t.whiteActions], injectRows, { numeric: [0] }) || `<p>${esc(t.none)}</p>`) +
      (aar.adhoc.length ? `<h3>${esc(t.adhoc)}</h3>` + htmlTable([t.seq, t.year, t.card], aar.adhoc.map((a) => [String(a.seq), String(a.year), esc(a.title)]), { numeric: [0] }) : '') +
      `<h3>${esc(t.notes)}</h3>` +
      (htmlTable([t.seq, t.year, t.serial, t.detail], noteRows, { numeric: [0] }) || `<p class="muted">${esc(t.noNotes)}</p>`),
  );

  // Diagnostics and say–do.
  const d = aar.diagnostics;
  const sd = aar.sayDo;
  const debrief: string[] = [];
  debrief.push(
    htmlTable(
      [t.diagnostics, t.value],
      [
        [esc(t.diag.upkeepShare), formatPercent(d.upkeepShare, lang)],
        [esc(t.diag.overlapPairs), formatNumber(d.overlapPairs, lang)],
        [esc(t.diag.demandDrivenShare), formatPercent(d.demandDrivenShare, lang)],
        [esc(t.diag.goalShare), formatPercent(d.goalShare, lang)],
        [esc(t.diag.unmetNeed), formatNumber(d.unmetNeed, lang)],
        [esc(t.diag.outbidShare), formatPercent(d.outbidShare, lang)],
        [esc(t.diag.prioritisation), formatNumber(d.prioritisation, lang, 2)],
      ],
      { numeric: [1], className: 'kv' },
    ),
  );
  debrief.push(`<h3>${esc(t.sayDo)}</h3><h4>${esc(t.sayDoNato)}</h4>`);
  debrief.push(
    htmlTable(
      [t.stated, t.sayDoScore, t.spentByRegion],
      [[esc(sd.nato.strategyName ?? t.notStated), sd.nato.score === null ? '—' : String(sd.nato.score), REGIONS.map((r) => `${esc(regionName(lang, r))} ${formatPercent(sd.nato.byRegion[r], lang)}`).join(' · ')]],
      { numeric: [1] },
    ),
  );
  const frac = (n: number | null, of: number) => (n === null ? esc(t.notAsked) : `${n} / ${of}`);
  debrief.push(`<h4>${esc(t.allies)}</h4>`);
  debrief.push(
    htmlTable(
      [t.role, t.priorityPartners, t.priorityRegions, t.priorityFocus, t.redLine, t.objections],
      sd.allies.map((a) => [esc(a.name), frac(a.partners, a.years), frac(a.regions, a.years), frac(a.focus, a.years), a.redLine ? `${a.redLineHeld} / ${a.years} <span class="muted">(${esc(a.redLine)})</span>` : esc(t.notAsked), String(a.objections)]),
      { numeric: [5] },
    ),
  );
  if (sd.red.length) {
    debrief.push(`<h4>${esc(t.redSayDo)}</h4>`);
    debrief.push(htmlTable([t.competitor, t.signalled, t.bluffsSignalled, t.honouredOffers, t.bluffsCommitted, t.turned], sd.red.map((r) => [esc(r.name), String(r.signalled), String(r.bluffsSignalled), String(r.honoured), String(r.bluffsCommitted), String(r.turned)]), { numeric: [1, 2, 3, 4, 5] }));
  }
  if (sd.partners.length) {
    debrief.push(`<h4>${esc(t.partnerSayDo)}</h4>`);
    debrief.push(htmlTable([t.role, t.demandsStated, t.demandsFunded, t.moneyOnDemands, t.selfFinancing], sd.partners.map((p) => [esc(p.name), String(p.demands), String(p.funded), formatNumber(p.money, lang), String(p.selfFinancing)]), { numeric: [1, 2, 3, 4] }));
  }
  section('debrief', t.diagnostics, debrief.join(''));

  // Luck vs skill and history.
  const last: string[] = [];
  if (aar.luck) {
    last.push(`<p>${esc(t.luckText(aar.luck.seeds))}</p>`);
    last.push(spreadChart(aar.luck, t, lang));
    last.push(`<p>${esc(t.luckRank(aar.luck.below))}</p>`);
  } else last.push(`<p class="muted">${esc(t.luckOff)}</p>`);
  last.push(`<h3>${esc(t.history)}</h3>`);
  if (aar.history.readyAspirants !== undefined) last.push(`<p>${esc(t.ready)}${t.colon}${esc(t.readyTeam)} ${aar.history.teamReadyAspirants}, ${esc(t.readyHistory)} ${aar.history.readyAspirants}</p>`);
  last.push(htmlTable([t.year, t.historyYear, t.teamYear], aar.history.entries.map((h) => [String(h.year), `${esc(h.text)}<br><span class="muted">${esc(t.source)}${t.colon}${esc(h.source)}</span>`, esc(h.team)]), { numeric: [0], className: 'history' }));
  section('luck', t.luck, last.join(''));

  const title = `${t.title} — ${aar.scenario.title}`;
  return htmlPage(lang, title, `<header><h1>${esc(title)}</h1>${head.join('')}</header>${sections.join('\n')}`);
}

export { formatNumber, formatMoney };
