/**
 * The printable after-action report and plenary comparison (docs/facilitator-guide.md): a
 * self-contained HTML document — inline SVG charts, print CSS for A4 and Letter, no fonts,
 * scripts, images or requests from anywhere — in English or French. Every text from the
 * record (notes, rationales, reasons) is escaped, so a note can never become markup.
 */
import { ALLIANCE_METRICS, type AllianceMetric } from '../core/constants';
import type { Aar } from './aar';
import type { Phase } from './types';

type Lang = 'en' | 'fr';

const T = {
  en: {
    title: 'After-action report',
    seed: 'Seed',
    hash: 'State hash',
    branch: 'Reported branch',
    branches: 'Branches left behind',
    rewound: 'rewound to',
    roles: 'Roles',
    held: 'held',
    bot: 'engine',
    score: 'Score',
    objective: 'Objective',
    target: 'Target',
    value: 'Value',
    met: 'Met',
    yes: 'yes',
    no: 'no',
    metrics: 'Alliance metrics by year',
    year: 'Year',
    phase: 'Phase',
    role: 'Role',
    move: 'Move',
    detail: 'Detail',
    minutes: 'Minutes per phase',
    proposals: 'Proposals and answers',
    round: 'Round',
    outcome: 'Outcome',
    answers: 'Answers',
    approve: 'approves',
    object: 'objects',
    deadlock: 'White Cell decision on the deadlock',
    results: 'Results and adjudications',
    region: 'Region',
    engine: "Engine's reading",
    white: 'White Cell',
    rationale: 'Rationale',
    none: 'none',
    injects: 'Injects',
    fate: 'Fate',
    audience: 'Audience',
    notes: 'White Cell notes',
    diagnostics: 'Diagnostics',
    upkeep: 'Upkeep share of the envelope',
    demand: 'Money on partners’ own demands',
    goal: 'Money weighted by the era’s goal',
    unmet: 'Unmet need per year (EUR m)',
    outbid: 'Competitor offers outbidding NATO',
    prioritisation: 'Money against strategic weight (−1…1)',
    sayDo: 'Say–do',
    nato: 'NATO staff: stated strategy and say–do score',
    allies: 'Allied capitals: years their priorities were funded, and their red line held',
    red: 'Red cells: offers signalled, bluffs signalled, offers honoured, bluffs at commitment',
    partners: 'Partner teams: demands stated and funded',
    luck: 'Luck vs skill',
    luckText: (n: number) => `NATO's decisions replayed over ${n} other seeds: p10, median, p90 of the score, and the team's own.`,
    own: 'own',
    history: 'Path vs history',
    ready: 'Aspirants ready for membership: team / history',
    source: 'source',
    timeline: 'Moves by year',
    turn: 'Year',
    unfinished: 'The exercise did not reach the era’s end.',
    fates: { pending: 'pending', published: 'published', held: 'held', skipped: 'skipped' },
    how: { time: 'on its time', white: 'by the White Cell' },
    seat: 'Seat',
    fundedYears: 'Priorities funded (years)',
    redLineYears: 'Red line held (years)',
    signalled: 'Offers signalled',
    bluffs: 'Bluffs signalled',
    honoured: 'Offers honoured',
    bluffsCommitted: 'Bluffs at commitment',
    stated: 'Demands stated',
    funded: 'Demands funded',
    colon: ': ',
    phases: { briefing: 'briefing', signals: 'signals', planning: 'planning', resolution: 'resolution', adjudication: 'adjudication', events: 'events', review: 'review' },
    strategies: { equal: 'equal treatment', prioritise: 'prioritise', east: 'the East first', south: 'the South first', global: 'global partners first' },
    compare: 'Plenary comparison',
    team: 'Syndicate',
    divergence: 'First divergence',
    noDivergence: 'The syndicates made the same moves.',
    cost: 'Score difference from there',
  },
  fr: {
    title: 'Rapport après action',
    seed: 'Graine',
    hash: 'Empreinte de l’état',
    branch: 'Branche rapportée',
    branches: 'Branches abandonnées',
    rewound: 'retour à',
    roles: 'Rôles',
    held: 'tenu',
    bot: 'moteur',
    score: 'Score',
    objective: 'Objectif',
    target: 'Cible',
    value: 'Valeur',
    met: 'Atteint',
    yes: 'oui',
    no: 'non',
    metrics: 'Indicateurs de l’Alliance par année',
    year: 'Année',
    phase: 'Phase',
    role: 'Rôle',
    move: 'Coup',
    detail: 'Détail',
    minutes: 'Minutes par phase',
    proposals: 'Propositions et réponses',
    round: 'Tour',
    outcome: 'Issue',
    answers: 'Réponses',
    approve: 'approuve',
    object: 's’oppose',
    deadlock: 'Décision de la cellule blanche sur le blocage',
    results: 'Résultats et arbitrages',
    region: 'Région',
    engine: 'Lecture du moteur',
    white: 'Cellule blanche',
    rationale: 'Justification',
    none: 'aucun',
    injects: 'Injects',
    fate: 'Sort',
    audience: 'Destinataires',
    notes: 'Notes de la cellule blanche',
    diagnostics: 'Diagnostics',
    upkeep: 'Part de l’enveloppe absorbée par l’entretien',
    demand: 'Argent consacré aux demandes des partenaires',
    goal: 'Argent pondéré par l’objectif de l’époque',
    unmet: 'Besoins non couverts par an (M EUR)',
    outbid: 'Offres concurrentes surenchérissant sur l’OTAN',
    prioritisation: 'Argent selon le poids stratégique (−1…1)',
    sayDo: 'Dire et faire',
    nato: 'État-major de l’OTAN : stratégie annoncée et score dire-faire',
    allies: 'Capitales alliées : années où leurs priorités ont été financées, et leur ligne rouge tenue',
    red: 'Cellules rouges : offres annoncées, bluffs annoncés, offres honorées, bluffs à l’engagement',
    partners: 'Équipes de partenaires : demandes formulées et financées',
    luck: 'Chance ou compétence',
    luckText: (n: number) => `Les décisions de l’OTAN rejouées sur ${n} autres graines : p10, médiane, p90 du score, et celui de l’équipe.`,
    own: 'équipe',
    history: 'Parcours et histoire',
    ready: 'Candidats prêts à l’adhésion : équipe / histoire',
    source: 'source',
    timeline: 'Coups par année',
    turn: 'Année',
    unfinished: 'L’exercice n’a pas atteint la fin de l’époque.',
    fates: { pending: 'en attente', published: 'publié', held: 'retenu', skipped: 'écarté' },
    how: { time: 'à son heure', white: 'par la cellule blanche' },
    seat: 'Siège',
    fundedYears: 'Priorités financées (années)',
    redLineYears: 'Ligne rouge tenue (années)',
    signalled: 'Offres annoncées',
    bluffs: 'Bluffs annoncés',
    honoured: 'Offres honorées',
    bluffsCommitted: 'Bluffs à l’engagement',
    stated: 'Demandes formulées',
    funded: 'Demandes financées',
    colon: '\u00a0: ',
    phases: { briefing: 'briefing', signals: 'signaux', planning: 'planification', resolution: 'résolution', adjudication: 'arbitrage', events: 'événements', review: 'bilan' },
    strategies: { equal: 'égalité de traitement', prioritise: 'priorisation', east: "l'Est d'abord", south: "le Sud d'abord", global: "les partenaires mondiaux d'abord" },
    compare: 'Comparaison en plénière',
    team: 'Syndicat',
    divergence: 'Première divergence',
    noDivergence: 'Les syndicats ont joué les mêmes coups.',
    cost: 'Écart de score à partir de là',
  },
} as const;

const METRIC_NAMES: Record<Lang, Record<AllianceMetric, string>> = {
  en: { security: 'Security', stabilityEast: 'Stability East', stabilitySouth: 'Stability South', liberalOrder: 'Liberal Order', coherence: 'Coherence', consensus: 'Allied Consensus', relevance: 'Relevance' },
  fr: { security: 'Sécurité', stabilityEast: 'Stabilité Est', stabilitySouth: 'Stabilité Sud', liberalOrder: 'Ordre libéral', coherence: 'Cohérence', consensus: 'Consensus allié', relevance: 'Pertinence' },
};

const COLOURS = ['#1f4e79', '#b5651d', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#5d4037'];

/** Escapes text for HTML content and attributes. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const num = (v: number, lang: Lang, digits = 1) => (Number.isFinite(v) ? v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—');
const pct = (v: number, lang: Lang) => `${num(100 * v, lang, 0)} %`;

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** An inline SVG line chart of series over years, 0–100, with a legend and a text alternative. */
export function lineChart(years: number[], series: { name: string; values: number[] }[], title: string): string {
  const w = 640;
  const h = 260;
  const left = 36;
  const right = 150;
  const top = 12;
  const bottom = 28;
  const x = (i: number) => left + (years.length < 2 ? 0 : (i * (w - left - right)) / (years.length - 1));
  const y = (v: number) => top + ((100 - Math.max(0, Math.min(100, v))) * (h - top - bottom)) / 100;
  const grid = [0, 25, 50, 75, 100].map((v) => `<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="10">${v}</text>`).join('');
  const ticks = years.map((yr, i) => `<text x="${x(i)}" y="${h - 10}" text-anchor="middle" font-size="10">${yr}</text>`).join('');
  const lines = series
    .map((s, k) => {
      const colour = COLOURS[k % COLOURS.length];
      const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      const legend = `<rect x="${w - right + 10}" y="${top + k * 16}" width="10" height="10" fill="${colour}"/><text x="${w - right + 24}" y="${top + k * 16 + 9}" font-size="11">${escapeHtml(s.name)}</text>`;
      return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>${legend}`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${w} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${grid}${ticks}${lines}</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 24px auto; max-width: 960px; line-height: 1.4; font-size: 14px; }
  h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 2px solid #1f4e79; padding-bottom: 2px; } h3 { font-size: 15px; margin: 16px 0 6px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12.5px; }
  th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  thead th { background: #e8eef5; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure { margin: 8px 0; break-inside: avoid; } figcaption { font-size: 12px; color: #444; }
  .meta { color: #444; } .muted { color: #555; } .warn { color: #8a1c1c; font-weight: 600; }
  section { break-inside: auto; }
  @page { size: A4; margin: 16mm 14mm; }
  @media print { body { margin: 0; max-width: none; font-size: 11.5px; } h2 { break-after: avoid; page-break-after: avoid; } section.turn { break-before: auto; } a { color: inherit; text-decoration: none; } }
`;

const page = (lang: Lang, title: string, body: string) =>
  `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;

/** The after-action report as a printable HTML document. */
export function aarHtml(aar: Aar, lang: Lang = aar.lang): string {
  const t = T[lang];
  const years = aar.turns.map((x) => x.year);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(t.title)} — ${escapeHtml(aar.scenario.title)}</h1>`);
  parts.push(`<p class="meta">${aar.scenario.start}–${aar.scenario.end} · ${t.seed} ${aar.seed} · ${t.hash} <code>${aar.hash}</code> · ${t.branch} ${aar.branch}</p>`);
  if (!aar.finished) parts.push(`<p class="warn">${escapeHtml(t.unfinished)}</p>`);
  if (aar.branches.length) parts.push(`<p>${escapeHtml(t.branches)}${t.colon}${aar.branches.map((b) => `${b.parent} → ${b.id} (${t.rewound} ${b.toYear}${t.colon}${escapeHtml(b.rationale)})`).join(' ; ')}</p>`);
  parts.push(`<h2>${escapeHtml(t.roles)}</h2>${table([t.role, t.seat], aar.roles.map((r) => [escapeHtml(r.name), r.held ? escapeHtml(t.held) : `${escapeHtml(t.bot)}${r.bot ? ` (${escapeHtml(r.bot)})` : ''}`]))}`);

  parts.push(`<h2>${escapeHtml(t.score)}${t.colon}${num(aar.score.score, lang)} / 100</h2>`);
  parts.push(table([t.objective, t.target, t.value, t.met], aar.score.objectives.map((o) => [escapeHtml(o.label[lang]), `${o.lowerIsBetter ? '≤' : '≥'} ${num(o.target, lang)}`, num(o.value, lang), o.attainment >= 1 ? escapeHtml(t.yes) : escapeHtml(t.no)])));

  parts.push(`<h2>${escapeHtml(t.metrics)}</h2>`);
  parts.push(lineChart(years, ALLIANCE_METRICS.map((m) => ({ name: METRIC_NAMES[lang][m], values: aar.turns.map((x) => x.metrics[m]) })), t.metrics));
  parts.push(table([t.year, ...ALLIANCE_METRICS.map((m) => METRIC_NAMES[lang][m])], aar.turns.map((x) => [String(x.year), ...ALLIANCE_METRICS.map((m) => num(x.metrics[m], lang))])));

  parts.push(`<h2>${escapeHtml(t.timeline)}</h2>`);
  for (const turn of aar.turns) {
    const sec: string[] = [`<h3>${t.turn} ${turn.year}</h3>`];
    const mins = Object.entries(turn.minutes);
    // A headless rehearsal plays in milliseconds: only a real room's timings are worth a line.
    if (mins.some(([, m]) => (m as number) > 0)) sec.push(`<p class="muted">${escapeHtml(t.minutes)}${t.colon}${mins.map(([p, m]) => `${escapeHtml(t.phases[p as Phase])} ${num(m as number, lang)}`).join(' · ')}</p>`);
    sec.push(table([t.phase, t.role, t.move, t.detail], turn.moves.map((m) => [escapeHtml(t.phases[m.phase]), escapeHtml(m.role), escapeHtml(m.type), escapeHtml(m.detail)])));
    if (turn.proposals.some((p) => Object.keys(p.responses).length)) {
      sec.push(`<p><strong>${escapeHtml(t.proposals)}</strong></p>`);
      sec.push(table([t.round, t.outcome, t.answers], turn.proposals.map((p) => [String(p.round), escapeHtml(p.outcome), Object.entries(p.responses).map(([ally, r]) => `${escapeHtml(ally)}: ${r.approve ? escapeHtml(t.approve) : `${escapeHtml(t.object)} — ${escapeHtml(r.reason ?? '')}`}`).join('<br>')])));
    }
    if (turn.deadlock) sec.push(`<p>${escapeHtml(t.deadlock)}${t.colon}${escapeHtml(turn.deadlock.outcome)} — ${escapeHtml(turn.deadlock.rationale)}</p>`);
    if (turn.results.length) {
      sec.push(`<p><strong>${escapeHtml(t.results)}</strong></p>`);
      sec.push(table([t.region, t.engine, t.white, t.rationale], turn.results.map((r) => {
        const a = turn.adjudications.find((x) => x.region === r.region);
        return [escapeHtml(r.region), escapeHtml(r.engine), a ? escapeHtml(a.step) : '—', a ? escapeHtml(a.rationale) : ''];
      })));
    }
    parts.push(`<section class="turn">${sec.join('')}</section>`);
  }

  parts.push(`<h2>${escapeHtml(t.injects)}</h2>`);
  parts.push(table(['#', t.detail, t.audience, t.fate], aar.injects.map((i) => [escapeHtml(i.serial), escapeHtml(i.title), escapeHtml(i.audience.join(', ')), `${escapeHtml(t.fates[i.fate])}${i.how ? ` (${escapeHtml(t.how[i.how])}${i.year ? `, ${i.year}` : ''})` : ''}`])) || `<p>${escapeHtml(t.none)}</p>`);

  parts.push(`<h2>${escapeHtml(t.notes)}</h2>`);
  parts.push(table([t.year, t.phase, 'Inject', t.detail], aar.notes.map((n) => [String(n.year), escapeHtml(t.phases[n.phase]), escapeHtml(n.serial ?? ''), escapeHtml(n.text)])) || `<p>${escapeHtml(t.none)}</p>`);

  const d = aar.diagnostics;
  parts.push(`<h2>${escapeHtml(t.diagnostics)}</h2>`);
  parts.push(table([t.diagnostics, t.value], [
    [escapeHtml(t.upkeep), pct(d.upkeepShare, lang)],
    [escapeHtml(t.demand), pct(d.demandDrivenShare, lang)],
    [escapeHtml(t.goal), pct(d.goalShare, lang)],
    [escapeHtml(t.unmet), num(d.unmetNeed, lang)],
    [escapeHtml(t.outbid), pct(d.outbidShare, lang)],
    [escapeHtml(t.prioritisation), num(d.prioritisation, lang, 2)],
  ]));

  parts.push(`<h2>${escapeHtml(t.sayDo)}</h2>`);
  const strategy = aar.sayDo.nato.strategy as keyof typeof t.strategies | null;
  parts.push(`<p>${escapeHtml(t.nato)}${t.colon}${escapeHtml(strategy ? t.strategies[strategy] : '—')} · ${aar.sayDo.nato.score ?? '—'}</p>`);
  parts.push(`<p>${escapeHtml(t.allies)}</p>` + table([t.role, t.fundedYears, t.redLineYears], aar.sayDo.allies.map((a) => [escapeHtml(a.name), `${a.honoured} / ${a.years}`, `${a.redLineHeld} / ${a.years}`])));
  if (aar.sayDo.red.length) parts.push(`<p>${escapeHtml(t.red)}</p>` + table([t.role, t.signalled, t.bluffs, t.honoured, t.bluffsCommitted], aar.sayDo.red.map((r) => [escapeHtml(r.competitor), String(r.signalled), String(r.bluffsSignalled), String(r.honoured), String(r.bluffsCommitted)])));
  if (aar.sayDo.partners.length) parts.push(`<p>${escapeHtml(t.partners)}</p>` + table([t.role, t.stated, t.funded], aar.sayDo.partners.map((p) => [escapeHtml(p.name), String(p.demands), String(p.funded)])));

  if (aar.luck) {
    parts.push(`<h2>${escapeHtml(t.luck)}</h2><p>${escapeHtml(t.luckText(aar.luck.seeds))}</p>`);
    parts.push(table(['p10', 'p50', 'p90', t.own], [[num(aar.luck.p10, lang), num(aar.luck.p50, lang), num(aar.luck.p90, lang), num(aar.luck.own, lang)]]));
  }

  parts.push(`<h2>${escapeHtml(t.history)}</h2>`);
  if (aar.history.readyAspirants !== undefined) parts.push(`<p>${escapeHtml(t.ready)}${t.colon}${aar.history.teamReadyAspirants} / ${aar.history.readyAspirants}</p>`);
  parts.push(table([t.year, t.detail], aar.history.entries.map((h) => [String(h.year), `${escapeHtml(h.text)} <span class="muted">(${escapeHtml(t.source)}: ${escapeHtml(h.source)})</span>`])));

  return page(lang, `${t.title} — ${aar.scenario.title}`, parts.join('\n'));
}

export { T as AAR_TEXT, METRIC_NAMES, page as htmlPage, table as htmlTable, num as formatNumber };
