/**
 * compare.html: the plenary comparison as a printable, self-contained HTML document, made
 * like the after-action report (aarHtml.ts: inline SVG, print CSS, nothing loaded, every
 * text escaped), in English or French: the syndicates' scores, each metric's paths side by
 * side, where they first diverged and what differed, and what it cost from there.
 */
import { ALLIANCE_METRICS } from '../core/constants';
import type { Comparison } from './compare';
import { escapeHtml as esc, htmlPage, htmlTable, lineChart } from './aarHtml';
import { AAR_TEXT, formatNumber, formatSigned, metricName, type Lang } from './aarText';

/** The comparison as a printable HTML document, in `lang` (the comparison's own by default). */
export function compareHtml(c: Comparison, lang: Lang = c.lang): string {
  const t = AAR_TEXT[lang];
  const title = `${t.compareTitle} — ${c.scenario.title[lang]}`;
  const parts: string[] = [`<header><h1>${esc(title)}</h1><p class="meta">${c.scenario.start}–${c.scenario.end} · ${esc(t.seed)} ${c.seed} · ${esc(t.syndicates)}${t.colon}${c.teams.map((x) => esc(x.label)).join(', ')}</p></header>`];
  if (c.warnings.length) parts.push(`<section class="keep"><h3>${esc(t.warnings)}</h3><ul>${c.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul></section>`);

  parts.push(`<section class="major"><h2>${esc(t.scores)}</h2>`);
  const best = Math.max(...c.teams.map((x) => x.score));
  parts.push(
    htmlTable(
      [t.syndicate, t.score, t.finished, t.moveCount, t.roles],
      c.teams.map((x) => [
        `${esc(x.label)}`,
        `${x.score === best ? '<strong>' : ''}${formatNumber(x.score, lang)}${x.score === best ? '</strong>' : ''}`,
        esc(x.finished ? t.yes : t.no),
        String(x.moves),
        esc(x.heldNames.join(', ') || t.engine),
      ]),
      { numeric: [1, 3] },
    ),
  );
  parts.push(`<h3>${esc(t.metricPaths)}</h3><div class="grid2">`);
  const labels: (string | number)[] = [t.start, ...(c.teams.reduce((a, b) => (b.years.length > a.years.length ? b : a)).years)];
  for (const m of ALLIANCE_METRICS) parts.push(lineChart(labels, c.teams.map((x) => ({ name: x.label, values: x.metrics[m] })), metricName(lang, m), { width: 460, legend: 110 }));
  parts.push('</div></section>');

  parts.push(`<section><h2>${esc(t.divergence)}</h2>`);
  const d = c.divergence;
  if (!d) parts.push(`<p>${esc(t.noDivergence)}</p>`);
  else {
    parts.push(`<p><strong>${esc(t.divergedAt(d.year, d.phaseName))}</strong></p>`);
    parts.push(`<h3>${esc(t.whatDiffered)}</h3>`);
    parts.push(htmlTable([t.move, ...c.teams.map((x) => x.label)], d.differences.map((x) => [esc(x.what), ...x.values.map((v) => esc(v))])));
    parts.push(`<h4>${esc(t.agreed)} ${d.year}</h4>`);
    parts.push(htmlTable([t.syndicate, t.agreed], d.decisions.map((x) => [esc(x.label), esc(x.decision)])));
    parts.push(`<h3>${esc(t.cost)}</h3><p>${esc(t.costText(c.teams[0].label))}</p>`);
    parts.push(`<h4>${esc(t.scoreGap)} · ${esc(t.endGap)}</h4>`);
    parts.push(
      htmlTable(
        [t.syndicate, t.score, ...ALLIANCE_METRICS.map((m) => metricName(lang, m))],
        d.scoreGap.slice(1).map((g, i) => [esc(g.label), formatSigned(g.gap, lang), ...ALLIANCE_METRICS.map((m) => formatSigned(d.metricGap[i + 1].gaps[m], lang))]),
        { numeric: [1, ...ALLIANCE_METRICS.map((_, i) => i + 2)] },
      ),
    );
    parts.push(`<h4>${esc(t.gapByYear)}</h4>`);
    parts.push(
      htmlTable(
        [t.year, t.syndicate, ...ALLIANCE_METRICS.map((m) => metricName(lang, m))],
        d.byYear.flatMap((y) => y.gaps.map((g) => [String(y.year), esc(g.label), ...ALLIANCE_METRICS.map((m) => formatSigned(g.gaps[m], lang))])),
        { numeric: [0, ...ALLIANCE_METRICS.map((_, i) => i + 2)] },
      ),
    );
  }
  parts.push('</section>');
  return htmlPage(lang, title, parts.join('\n')).replace('</style>', `.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; } @media print { .grid2 figure { break-inside: avoid; } }</style>`);
}
