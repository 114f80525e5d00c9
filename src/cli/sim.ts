/**
 * `npm run sim -- --scenario <id-or-path> [--seed <n>] [--policy <name>] [--runs <n>] [--json]` (seed 1 and
 * policy `equal` unless given)
 *
 * The headless simulator for facilitators balancing a scenario and for tests. One run is
 * played through the flow statechart exactly as the browser plays it and printed turn by
 * turn (or as one JSON object), ending with each objective's value, target and whether it
 * was met; `--runs` plays many seeds through the rules core and prints the spread of the
 * score and key metrics, then how many runs met each objective, as the balancer's
 * "Objectives within reach" does for every era (docs/balance.md): that is how a scenario
 * author sees whether an era's targets can be reached (docs/scenario-authoring.md).
 * Bad input exits non-zero with one line saying what and where.
 */
import { parseArgs } from 'node:util';
import { createActor } from 'xstate';
import { createFlowMachine, phaseOf } from '../flow/machine';
import { POLICIES, POLICY_NAMES, policyRng, type PolicyName } from '../core/policies';
import { simulateEra } from '../core/game';
import { scoreEra } from '../core/score';
import { eventView } from '../core/events';
import { titleWithYears, type Scenario } from '../core/scenario';
import { averageOf, readyAspirants, type GameState } from '../core/state';
import { objectiveMet, shownDigits } from '../core/grade';
import { formatProblems, loadScenarioFile, resolveScenario, scenarioIds, shownPath, unknownScenario } from './files';
import { fail, integer, percentile, progress, cliArgs, argsError, seedFlag, MAX_SEED } from './common';

const USAGE = 'usage: npm run sim -- --scenario <id-or-path> [--seed <n>, default 1] [--policy <equal|prioritise|random>, default equal] [--runs <n>] [--json]';

function parse() {
  try {
    return parseArgs({
      args: cliArgs(),
      options: {
        scenario: { type: 'string' },
        seed: { type: 'string', default: '1' },
        policy: { type: 'string', default: 'equal' },
        runs: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${argsError(error)}\n${USAGE}`);
  }
}

/** Plays one era through the statechart with a bot in NATO's seat. */
export function playThroughFlow(scenario: Scenario, seed: number, policy: PolicyName): GameState {
  const machine = createFlowMachine({ scenarios: { [scenario.id]: scenario }, campaign: [scenario.id] });
  const actor = createActor(machine).start();
  const bot = POLICIES[policy];
  const rng = policyRng(seed);
  actor.send({ type: 'game.start', scenarioId: scenario.id, seed });
  let last: GameState | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const snap = actor.getSnapshot();
    const phase = phaseOf(snap.value);
    if (snap.context.game) last = snap.context.game;
    if (phase === 'debrief') break;
    if (phase === 'turn.planning') {
      actor.send({ type: 'decision.set', decision: bot(scenario, snap.context.game!, rng) });
      if (actor.getSnapshot().context.rejection) actor.send({ type: 'allocation.spread', mode: 'equal' });
    }
    actor.send({ type: 'phase.advance' });
  }
  actor.stop();
  return last!;
}

function turnLine(scenario: Scenario, state: GameState, i: number): string {
  const t = state.turns[i];
  const a = t.alliance;
  const f = (v: number) => v.toFixed(0).padStart(3);
  const events = t.events.map((e) => eventView(scenario, state, e)?.title.en ?? e.id).join('; ');
  return [
    `${t.year}  share ${t.share.toFixed(1)} %  envelope €${t.envelope.toFixed(1)}m  upkeep €${(t.upkeep + t.overlapCost).toFixed(1)}m  allocated €${t.allocated.toFixed(1)}m`,
    `      security${f(a.security)}  east${f(a.stabilityEast)}  south${f(a.stabilitySouth)}  order${f(a.liberalOrder)}  coherence${f(a.coherence)}  consensus${f(a.consensus)}  relevance${f(a.relevance)}  trust${f(t.avgTrust)}  ready ${t.readyAspirants}`,
    events ? `      events: ${events}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function main(): void {
  const args = parse();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.scenario) fail(`--scenario is required; valid scenarios: ${scenarioIds().join(', ')}\n${USAGE}`);
  const file = resolveScenario(args.scenario!);
  if (!file) fail(unknownScenario(args.scenario!));
  if (!POLICY_NAMES.includes(args.policy as PolicyName)) fail(`unknown policy "${args.policy}"; valid policies: ${POLICY_NAMES.join(', ')}`);
  const policy = args.policy as PolicyName;
  const seed = seedFlag(args.seed!);
  const loaded = loadScenarioFile(file!);
  // The campaign (scenarios/campaign.json, or `--scenario campaign`) lists eras; it is not one.
  if (!loaded.ok && loaded.campaignEras) {
    const eras = loaded.campaignEras.map(shownPath).join(', ');
    fail(`${shownPath(file!)} is the campaign's list of eras, not a scenario; ${eras ? `give --scenario one of the era files it lists: ${eras}` : 'it lists no era files'}`);
  }
  if (!loaded.ok) fail(formatProblems(loaded.file, loaded.problems));
  const scenario = (loaded as { scenario: Scenario }).scenario;

  if (args.runs !== undefined) {
    const runs = integer('runs', args.runs, 1);
    // Seeds seed..seed+runs-1 are played; one past MAX_SEED would repeat an earlier seed's game.
    if (seed + runs - 1 > MAX_SEED) fail(`--runs ${runs} from --seed ${seed} goes past the last seed, ${MAX_SEED}; give --runs ${MAX_SEED - seed + 1} or fewer, or a smaller seed`);
    const rows: { score: number; security: number; consensus: number; trust: number; coherence: number; ready: number }[] = [];
    // Per objective (the era's order): its value in each run, and how many runs met it.
    const reach = scenario.objectives.map(() => ({ values: [] as number[], met: 0 }));
    let allMet = 0;
    const tick = progress(runs, !args.json && process.stderr.isTTY);
    for (let i = 0; i < runs; i++) {
      // Score-only: the spread needs the final state, not the turns' review records.
      const { state, score } = simulateEra(scenario, seed + i, policy, false);
      rows.push({
        score: score.score,
        security: state.alliance.security,
        consensus: state.alliance.consensus,
        trust: averageOf(scenario, state, 'trust'),
        coherence: state.alliance.coherence,
        ready: readyAspirants(scenario, state),
      });
      score.objectives.forEach((o, k) => {
        reach[k].values.push(o.value);
        if (objectiveMet(o)) reach[k].met++;
      });
      if (score.objectives.every(objectiveMet)) allMet++;
      tick(i + 1);
    }
    const keys = ['score', 'security', 'consensus', 'trust', 'coherence', 'ready'] as const;
    const spreadOf = (values: number[]) => {
      const v = [...values].sort((a, b) => a - b);
      return { mean: v.reduce((a, b) => a + b, 0) / v.length, p10: percentile(v, 0.1), p50: percentile(v, 0.5), p90: percentile(v, 0.9) };
    };
    const spread = Object.fromEntries(keys.map((k) => [k, spreadOf(rows.map((r) => r[k]))]));
    // Named as a single run names them (id, target), with the runs that met each target and
    // the spread of its value, in the shape of `spread`.
    const objectives = scenario.objectives.map((o, k) => ({ id: o.id, target: o.target, lowerIsBetter: !!o.lowerIsBetter, metRuns: reach[k].met, value: spreadOf(reach[k].values) }));
    if (args.json) {
      console.log(JSON.stringify({ scenario: scenario.id, policy, seeds: [seed, seed + runs - 1], runs, spread, objectives, allMetRuns: allMet }, null, 2));
      return;
    }
    console.log(`${scenario.id}  policy ${policy}  seeds ${seed}..${seed + runs - 1}  (${runs} runs)`);
    console.log('metric        mean     p10     p50     p90');
    for (const k of keys) {
      const s = spread[k];
      console.log(`${k.padEnd(10)} ${[s.mean, s.p10, s.p50, s.p90].map((x) => x.toFixed(1).padStart(7)).join(' ')}`);
    }
    console.log('');
    for (const line of reachLines(scenario, policy, objectives, runs, allMet)) console.log(line);
    return;
  }

  const state = playThroughFlow(scenario, seed, policy);
  const score = scoreEra(scenario, state);
  if (args.json) {
    const out = {
      scenario: scenario.id,
      seed,
      policy,
      turns: state.turns.map((t) => ({
        year: t.year,
        share: t.share,
        envelope: round(t.envelope),
        upkeep: round(t.upkeep + t.overlapCost),
        allocated: round(t.allocated),
        metrics: Object.fromEntries(Object.entries(t.alliance).map(([k, v]) => [k, round(v)])),
        influence: t.influence,
        readyAspirants: t.readyAspirants,
        avgTrust: round(t.avgTrust),
        avgAlignment: round(t.avgAlignment),
        gapAnalyses: t.gapAnalyses,
        events: t.events.map((e) => ({ id: e.id, source: e.source, counterfactual: e.counterfactual, choice: e.choice })),
      })),
      score: score.score,
      objectives: score.objectives.map((o) => ({ id: o.id, value: round(o.value), target: o.target, lowerIsBetter: o.lowerIsBetter, attainment: round(o.attainment), met: objectiveMet(o) })),
    };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`${titleWithYears(scenario.title.en, scenario)}  seed ${seed}  policy ${policy}\n`);
  state.turns.forEach((_, i) => console.log(turnLine(scenario, state, i)));
  console.log(`\nscore ${score.score.toFixed(1)} / 100`);
  const width = labelWidth(scenario);
  for (const o of score.objectives) {
    // As many decimals as tell a near miss from a hit (49.98 against 50 is not 50.0), as the debrief shows it.
    const value = o.value.toFixed(shownDigits(o)).padStart(6);
    console.log(`${labelCell(o.label.en, width)}${value}  target ${o.lowerIsBetter ? '≤' : '≥'} ${o.target}  ${objectiveMet(o) ? 'met' : 'not met'}`);
  }
}

/** Objective labels are padded to the longest of the era's, up to this: a longer one gets its own line. */
const LABEL_MAX = 50;

const labelWidth = (scenario: Scenario) => Math.min(LABEL_MAX, Math.max(...scenario.objectives.map((o) => o.label.en.length)));

/**
 * The label padded to the column after `indent`, or, longer than the column, alone on its
 * line with the column left blank on the next, so the figures stay aligned.
 */
function labelCell(label: string, width: number, indent = '  '): string {
  return label.length <= width ? `${indent}${label.padEnd(width)} ` : `${indent}${label}\n${indent}${''.padEnd(width)} `;
}

/**
 * The multi-run summary's objectives: for each, its target, the runs that met it and its
 * value's p10/p50/p90, then the runs that met them all and the ones no run met, so an author
 * reads at once which targets this policy reaches and which are out of its reach.
 */
function reachLines(scenario: Scenario, policy: PolicyName, objectives: { target: number; lowerIsBetter: boolean; metRuns: number; value: { p10: number; p50: number; p90: number } }[], runs: number, allMet: number): string[] {
  const width = Math.max('objective'.length, labelWidth(scenario));
  const runsWidth = String(runs).length;
  const metWidth = 2 * runsWidth + 8;
  const lines = [`${'objective'.padEnd(width)}  ${'target'.padEnd(7)}  ${'runs met'.padEnd(metWidth)}${['p10', 'p50', 'p90'].map((h) => h.padStart(7)).join(' ')}`];
  scenario.objectives.forEach((o, k) => {
    const r = objectives[k];
    const target = `${r.lowerIsBetter ? '≤' : '≥'} ${r.target}`.padEnd(7);
    // Rounded, but never to 0 % when a run met it nor to 100 % when one did not (199 of 200).
    const pct = Math.min(r.metRuns < runs ? 99 : 100, Math.max(r.metRuns > 0 ? 1 : 0, Math.round((100 * r.metRuns) / runs)));
    const met = `${String(r.metRuns).padStart(runsWidth)}/${runs}  ${String(pct).padStart(3)} %`.padEnd(metWidth);
    const values = [r.value.p10, r.value.p50, r.value.p90].map((x) => x.toFixed(1).padStart(7)).join(' ');
    lines.push(`${labelCell(o.label.en, width, '')} ${target}  ${met}${values}`);
  });
  lines.push(`every objective met in ${allMet} of ${runs} run${runs === 1 ? '' : 's'}`);
  const never = scenario.objectives.filter((_, k) => objectives[k].metRuns === 0).map((o) => o.label.en);
  if (never.length) lines.push(`met in none of the ${runs} run${runs === 1 ? '' : 's'} with policy ${policy}: ${never.join('; ')}`);
  return lines;
}

const round = (v: number) => Math.round(v * 100) / 100;

main();
