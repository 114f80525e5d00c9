/**
 * `npm run sim -- --scenario <id-or-path> [--seed <n>] [--policy <name>] [--runs <n>] [--json]` (seed 1 and
 * policy `equal` unless given)
 *
 * The headless simulator for facilitators balancing a scenario and for tests. One run is
 * played through the flow statechart exactly as the browser plays it and printed turn by
 * turn (or as one JSON object); `--runs` plays many seeds through the rules core and
 * prints the spread of the score and key metrics. Bad input exits non-zero with a message.
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
import { formatProblems, loadScenarioFile, resolveScenario, scenarioIds, unknownScenario } from './files';
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
  if (!loaded.ok) fail(formatProblems(loaded.file, loaded.problems));
  const scenario = (loaded as { scenario: Scenario }).scenario;

  if (args.runs !== undefined) {
    const runs = integer('runs', args.runs, 1);
    // Seeds seed..seed+runs-1 are played; one past MAX_SEED would repeat an earlier seed's game.
    if (seed + runs - 1 > MAX_SEED) fail(`--runs ${runs} from --seed ${seed} goes past the last seed, ${MAX_SEED}; give --runs ${MAX_SEED - seed + 1} or fewer, or a smaller seed`);
    const rows: { score: number; security: number; consensus: number; trust: number; coherence: number; ready: number }[] = [];
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
      tick(i + 1);
    }
    const keys = ['score', 'security', 'consensus', 'trust', 'coherence', 'ready'] as const;
    const spread = Object.fromEntries(
      keys.map((k) => {
        const v = rows.map((r) => r[k]).sort((a, b) => a - b);
        return [k, { mean: v.reduce((a, b) => a + b, 0) / v.length, p10: percentile(v, 0.1), p50: percentile(v, 0.5), p90: percentile(v, 0.9) }];
      }),
    );
    if (args.json) {
      console.log(JSON.stringify({ scenario: scenario.id, policy, seeds: [seed, seed + runs - 1], runs, spread }, null, 2));
      return;
    }
    console.log(`${scenario.id}  policy ${policy}  seeds ${seed}..${seed + runs - 1}  (${runs} runs)`);
    console.log('metric        mean     p10     p50     p90');
    for (const k of keys) {
      const s = spread[k];
      console.log(`${k.padEnd(10)} ${[s.mean, s.p10, s.p50, s.p90].map((x) => x.toFixed(1).padStart(7)).join(' ')}`);
    }
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
      objectives: score.objectives.map((o) => ({ id: o.id, value: round(o.value), target: o.target, attainment: round(o.attainment) })),
    };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`${titleWithYears(scenario.title.en, scenario)}  seed ${seed}  policy ${policy}\n`);
  state.turns.forEach((_, i) => console.log(turnLine(scenario, state, i)));
  console.log(`\nscore ${score.score.toFixed(1)} / 100`);
  for (const o of score.objectives) {
    console.log(`  ${o.label.en.padEnd(44)} ${o.value.toFixed(1).padStart(6)}  target ${o.lowerIsBetter ? '≤' : '≥'} ${o.target}`);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

main();
