/**
 * The facilitator's console (the White Cell, docs/facilitator-guide.md): the phase and the
 * pause, timers, the MSEL as a table with publish / hold / skip, an ad-hoc inject from the
 * deck, the adjudication panel after each resolution (the engine's reading beside the
 * five-step scale, a rationale required), the deadlock decision, observer notes, the
 * timeline with rewind and branches, live metrics and a look over any role's shoulder.
 * Every control sends a White Cell move; the engine checks it and logs it.
 */
import { getLanguage, localized } from '../../i18n';
import { AAR_TEXT } from '../../exercise/aarText';
import type { Scenario } from '../../core/scenario';
import { ADJUDICATION_STEPS, PHASES, type AdjudicationStep, type LogEntry, type Move, type Phase, type RoleId } from '../../exercise/types';
import { fieldNumber, numberInput } from '../ui/decimal';
import type { RoleView } from '../../exercise/views';
import { playedScenario, type Branch, type Note } from '../../exercise/engine';
import { chronological } from '../../exercise/mselOrder';
import { metricsPanel, remembered, sendForms, type ScreenContext } from './roleScreens';
import { btn, field, h, labelled, metricName, num, partnerName, signed, panel, phaseName, regionName, roleLabel, select, table, textInput, x } from './widgets';
import { PARTNER_FIELDS, type PartnerField } from '../../core/constants';

/** When an inject fires, in words: its year, the answer to another inject it waits on (by that answer's label), its conditions on the state; partners named as in `year`. */
function conditionText(scenario: Scenario, serial: string, year: number): string {
  const inject = scenario.injects.find((i) => String(i.serial) === serial);
  if (!inject) return '';
  const parts: string[] = [];
  if (inject.year !== undefined) parts.push(x('exercise.msel.inYear', { year: inject.year }));
  if (inject.after) {
    const { serial: on, choice } = inject.after;
    const answer = scenario.injects.find((i) => i.serial === on)?.choices.find((c) => c.id === choice);
    parts.push(x('exercise.msel.after', { serial: on, choice: answer ? localized(answer.label) : choice }));
  }
  for (const c of inject.when) {
    if ('programme' in c) {
      const programme = scenario.programmes.find((p) => p.id === c.programme);
      parts.push(x(c.active ? 'exercise.msel.programmeRuns' : 'exercise.msel.programmeStopped', { programme: programme ? localized(programme.name) : c.programme }));
      continue;
    }
    const value = num(c.value, c.value % 1 ? 1 : 0);
    if (c.partner && (PARTNER_FIELDS as readonly string[]).includes(c.metric))
      parts.push(x('exercise.msel.partnerField', { partner: partnerName(scenario, c.partner, year), field: x(`exercise.msel.field.${c.metric as PartnerField}`), op: c.op, value }));
    else {
      const metric =
        c.metric === 'influence' ? x('exercise.msel.influence', { metric: metricName(c.competitor ?? 'russia'), region: regionName(c.region ?? 'east') }) : c.metric === 'readyAspirants' ? x('exercise.msel.readyAspirants') : metricName(c.metric);
      parts.push(x('exercise.msel.metricCondition', { metric, op: c.op, value }));
    }
  }
  // French puts a narrow no-break space before the semicolon.
  return parts.join(getLanguage() === 'fr' ? '\u202f; ' : '; ') || x('exercise.msel.manual');
}

/**
 * A note in the console's list. Notes stay with the exercise through a rewind; one made on a
 * line a later rewind went back past says so (the after-action report's rule), so the room
 * does not read it as part of the game now.
 */
function noteItem(n: Note, branches: readonly Branch[]): HTMLElement {
  const left = branches.find((b) => b.seq > n.seq && b.toYear <= n.year);
  const text = labelled(`${n.year} ${phaseName(n.phase)}${n.serial ? ` #${n.serial}` : ''}`, n.text);
  return h('li', { class: left ? 'cx-muted' : undefined, text: left ? `${text} (${x('exercise.notes.leftLine', { year: left.toYear })})` : text });
}

export function consoleScreen(ctx: ScreenContext, view: RoleView, renderShoulder: (role: RoleId) => HTMLElement[]): HTMLElement[] {
  const own = view.own.kind === 'white' ? view.own : null;
  if (!own) return [];
  const send = ctx.send;
  const played = playedScenario(ctx.scenario, own.setup);
  const out: HTMLElement[] = [];

  // Phase, pause, timers.
  // The White Cell may move on at any time: the engine then moves for whoever has not.
  const advanceBlocked = view.waitingFor.some((r) => r !== 'white');
  const timerPhase = select(PHASES.map((p) => ({ value: p, label: phaseName(p) })), view.phase, { testId: 'cx-timer-phase' });
  const minutes = numberInput(10, { min: 0, max: 240 }, { 'data-testid': 'cx-timer-minutes' });
  const extend = numberInput(2, { min: 1, max: 60 }, { 'data-testid': 'cx-extend-minutes' });
  /** Sends a timer control with the field's minutes in seconds; a field that holds no such number says so and sends nothing. */
  const timed = (input: HTMLInputElement, move: (seconds: number) => Move) => {
    const m = fieldNumber(input);
    if (m !== null) send(move(Math.round(m * 60)));
  };
  // Once the era is over the engine takes only notes and rewinds: no control that it would refuse is offered.
  const over = view.finished;
  if (over) out.push(panel(x('exercise.console.controlTitle'), { testId: 'cx-control' }, h('p', { attrs: { 'data-testid': 'cx-over' }, text: x('exercise.console.over') })));
  else out.push(
    panel(
      x('exercise.console.controlTitle'),
      { testId: 'cx-control' },
      h('div', { class: 'cx-row' },
        btn(x('exercise.console.advance'), () => send({ role: 'white', type: 'phase.advance' }), { primary: true, testId: 'cx-advance', disabled: view.finished }),
        view.paused ? btn(x('exercise.console.resume'), () => send({ role: 'white', type: 'white.resume' }), { testId: 'cx-resume' }) : btn(x('exercise.console.pause'), () => send({ role: 'white', type: 'white.pause' }), { testId: 'cx-pause', disabled: view.finished }),
      ),
      advanceBlocked ? h('p', { class: 'cx-muted', attrs: { 'data-testid': 'cx-advance-hint' }, text: advanceHint(view) }) : null,
      h('div', { class: 'cx-row' }, field(x('exercise.console.timerPhase'), timerPhase), field(x('exercise.console.minutes'), minutes), btn(x('exercise.console.setTimer'), () => timed(minutes, (seconds) => ({ role: 'white', type: 'white.timer', phase: timerPhase.value as Phase, seconds })), { testId: 'cx-set-timer' })),
      h('div', { class: 'cx-row' }, field(x('exercise.console.extendBy'), extend), btn(x('exercise.console.extend'), () => timed(extend, (seconds) => ({ role: 'white', type: 'white.extend', seconds })), { testId: 'cx-extend', disabled: !view.timer })),
    ),
  );

  // Deadlock.
  const open = view.proposals[view.proposals.length - 1];
  if (view.phase === 'planning' && !view.agreed && open?.outcome === 'objected' && view.waitingFor.includes('white')) {
    const whyKey = `deadlock ${view.branch} ${view.year} ${open.round}`;
    const why = remembered(ctx, whyKey, textInput('', { wide: true, testId: 'cx-deadlock-rationale', label: x('exercise.console.rationale') }));
    out.push(
      panel(
        x('exercise.console.deadlockTitle'),
        { testId: 'cx-deadlock' },
        h('p', { text: x('exercise.console.deadlockLead') }),
        h('div', { class: 'cx-row' }, field(x('exercise.console.rationale'), why)),
        h('div', { class: 'cx-row' },
          btn(x('exercise.console.acceptProposal'), () => sendForms(ctx, { role: 'white', type: 'white.decide', outcome: 'accept', rationale: why.value }, [whyKey]), { testId: 'cx-decide-accept' }),
          btn(x('exercise.console.statusQuo'), () => sendForms(ctx, { role: 'white', type: 'white.decide', outcome: 'statusQuo', rationale: why.value }, [whyKey]), { testId: 'cx-decide-statusquo' }),
        ),
      ),
    );
  }

  // Adjudication.
  if (view.phase === 'adjudication' && view.results) {
    const rows = view.results.map((r) => {
      const done = view.adjudications.find((a) => a.region === r.region);
      // A region's step and rationale are kept while another region is adjudicated (or refused for want of a rationale).
      const key = `adjudication ${view.branch} ${view.year} ${r.region}`;
      const step = remembered(ctx, `${key} step`, select(ADJUDICATION_STEPS.map((s) => ({ value: s, label: x(`exercise.step.${s}`) })), done?.step ?? r.engine, { testId: `cx-adj-step-${r.region}`, label: x('exercise.console.stepFor', { region: regionName(r.region) }) }));
      const why = remembered(ctx, `${key} why`, textInput(done?.rationale ?? '', { testId: `cx-adj-rationale-${r.region}`, label: x('exercise.console.rationaleFor', { region: regionName(r.region) }) }));
      return [
        regionName(r.region),
        signed(r.natoDelta, 2),
        signed(r.competitorDelta, 2),
        x(`exercise.step.${r.engine}`),
        done ? x(`exercise.step.${done.step}`) : step,
        done ? done.rationale : why,
        done ? x('exercise.console.adjudicated') : btn(x('exercise.console.adjudicate'), () => sendForms(ctx, { role: 'white', type: 'white.adjudicate', region: r.region, step: step.value as AdjudicationStep, rationale: why.value }, [`${key} step`, `${key} why`]), { testId: `cx-adjudicate-${r.region}` }),
      ];
    });
    out.push(
      panel(
        x('exercise.console.adjTitle'),
        { testId: 'cx-adjudication', wide: true },
        h('p', { class: 'cx-muted', text: x('exercise.console.adjLead') }),
        table([x('exercise.col.region'), x('exercise.console.natoDelta'), x('exercise.console.compDelta'), x('exercise.console.engine'), x('exercise.console.yourStep'), x('exercise.console.rationale'), ''], rows, { numeric: [1, 2] }),
      ),
    );
  }

  // Notes: the facilitator writes them down at any moment. After what the room waits on the
  // White Cell for (a deadlock, an adjudication), which comes first, right under the controls.
  // What the facilitator types is kept while anything else happens (`remembered`), until it is sent.
  const note = remembered(ctx, 'note', textInput('', { wide: true, testId: 'cx-note-text', label: x('exercise.notes.text') }));
  const noteInject = remembered(ctx, 'note inject', select([{ value: '', label: x('exercise.notes.turn', { year: view.year }) }, ...chronological(played, own.msel).map((i) => ({ value: i.serial, label: `#${i.serial} ${localized(i.title)}` }))], '', { testId: 'cx-note-inject' }));
  out.push(
    panel(
      x('exercise.notes.title'),
      { testId: 'cx-notes' },
      h('div', { class: 'cx-row' }, field(x('exercise.notes.text'), note)),
      h('div', { class: 'cx-row' }, field(x('exercise.notes.tiedTo'), noteInject), btn(x('exercise.notes.add'), () => sendForms(ctx, { role: 'white', type: 'white.note', text: note.value, ...(noteInject.value ? { serial: noteInject.value } : {}) }, ['note', 'note inject']), { testId: 'cx-note-add' })),
      own.notes.length ? h('ul', { class: 'cx-list' }, ...own.notes.map((n) => noteItem(n, own.branches))) : null,
    ),
  );

  // MSEL, in the order the era will meet it.
  const mselRows = chronological(played, own.msel).map((i) => {
    // One line of buttons a row: the long text columns wrap instead, and the rows stay short.
    const actions = h('div', { class: 'cx-row cx-nowrap' });
    if (i.fate !== 'published' && !over) actions.append(btn(x('exercise.msel.publish'), () => send({ role: 'white', type: 'white.publish', serial: i.serial }), { testId: `cx-publish-${i.serial}` }));
    if (i.fate === 'pending' && !over) actions.append(btn(x('exercise.msel.hold'), () => send({ role: 'white', type: 'white.hold', serial: i.serial }), { testId: `cx-hold-${i.serial}` }));
    if ((i.fate === 'pending' || i.fate === 'held') && !over) actions.append(btn(x('exercise.msel.skip'), () => send({ role: 'white', type: 'white.skip', serial: i.serial }), { testId: `cx-skip-${i.serial}` }));
    return [i.serial, conditionText(played, i.serial, view.year), i.audience.map((a) => audienceName(ctx.scenario, a)).join(', '), localized(i.title), h('span', { class: `cx-nowrap${i.fate === 'published' ? ' cx-good' : i.fate === 'skipped' ? ' cx-muted' : ''}`, text: x(`exercise.fate.${view.finished && (i.fate === 'pending' || i.fate === 'held') ? 'unreached' : i.fate}`) }), actions];
  });
  // The deck's cards not dealt yet this era: the engine refuses one dealt already.
  const undealt = ctx.scenario.events.filter((e) => !own.dealt.includes(e.id));
  const deck = select(undealt.map((e) => ({ value: e.id, label: `${localized(e.title)}` })), undealt[0]?.id ?? '', { testId: 'cx-adhoc-event' });
  out.push(
    panel(
      x('exercise.msel.title'),
      { testId: 'cx-msel', wide: true },
      table([x('exercise.msel.serial'), x('exercise.msel.when'), x('exercise.msel.audience'), x('exercise.msel.inject'), x('exercise.msel.state'), ''], mselRows),
      over || !undealt.length ? null : h('div', { class: 'cx-row' }, field(x('exercise.msel.adhoc'), deck), btn(x('exercise.msel.deal'), () => send({ role: 'white', type: 'white.adhoc', eventId: deck.value }), { testId: 'cx-adhoc' })),
    ),
  );

  // Timeline: years, rewind, branches.
  const years: number[] = [];
  for (let y = ctx.scenario.start; y <= view.year; y++) years.push(y);
  const toYear = remembered(ctx, 'rewind year', select(years.map((y) => ({ value: String(y), label: String(y) })), String(years[0]), { testId: 'cx-rewind-year' }));
  const why = remembered(ctx, 'rewind why', textInput('', { wide: true, testId: 'cx-rewind-rationale', label: x('exercise.timeline.rationale') }));
  out.push(
    panel(
      x('exercise.timeline.title'),
      { testId: 'cx-timeline' },
      h('p', { text: view.branch ? x('exercise.timeline.branch', { n: view.branch }) : x('exercise.timeline.original') }),
      h('ol', { class: 'cx-list', attrs: { 'aria-label': x('exercise.timeline.years') } }, ...years.map((y) => h('li', { text: y === view.year ? `${y} — ${phaseName(view.phase)}` : String(y), attrs: y === view.year ? { 'aria-current': 'step' } : {} }))),
      h('div', { class: 'cx-row' }, field(x('exercise.timeline.to'), toYear), field(x('exercise.timeline.rationale'), why), btn(x('exercise.timeline.rewind'), () => sendForms(ctx, { role: 'white', type: 'white.rewind', toYear: Number(toYear.value), rationale: why.value }, ['rewind year', 'rewind why']), { testId: 'cx-rewind' })),
      own.branches.length ? h('ul', { class: 'cx-list' }, ...own.branches.map((b) => h('li', { text: x('exercise.timeline.branchLine', { id: b.id, parent: b.parent, year: b.toYear, why: b.rationale }) }))) : null,
    ),
  );

  out.push(metricsPanel(view, ctx.scenario));

  // Look over a shoulder.
  const roles = (ctx.client.roles().filter((r) => r !== 'white') as RoleId[]);
  const chosen = (ctx.memo.shoulder as RoleId | undefined) ?? roles[0];
  const who = select(roles.map((r) => ({ value: r, label: roleLabel(ctx.scenario, r) })), chosen, { testId: 'cx-shoulder-role' });
  who.addEventListener('change', () => {
    ctx.memo.shoulder = who.value;
    ctx.rerender();
  });
  out.push(panel(x('exercise.console.shoulderTitle'), { testId: 'cx-shoulder', wide: true }, h('div', { class: 'cx-row' }, field(x('exercise.console.shoulderRole'), who)), h('div', { class: 'cx-grid' }, ...renderShoulder(chosen))));

  // The latest moves of the line in play (the view leaves out those a rewind abandoned), each
  // numbered by its seq in the record, as the after-action report numbers it: a gap in the
  // numbers is a line left behind, and the rewind that left it says so in words.
  out.push(
    panel(
      x('exercise.console.logTitle'),
      { testId: 'cx-log' },
      h('ol', { class: 'cx-list' }, ...own.recentLog.map((e) => h('li', { class: e.move.type === 'white.rewind' ? 'cx-log-rewind' : undefined, attrs: { value: String(e.seq) }, text: `${e.year} ${phaseName(e.phase)} — ${logLine(ctx.scenario, e)}` }))),
    ),
  );
  return out;
}

/** A move of the latest-moves list: who made it and what; a rewind (the White Cell's alone) says where to and why. */
function logLine(scenario: Scenario, e: LogEntry): string {
  if (e.move.type === 'white.rewind') return x('exercise.console.rewound', { year: e.move.toYear, why: e.move.rationale.trim() });
  return `${roleLabel(scenario, e.role)} ${AAR_TEXT[getLanguage()].moveTypes[e.move.type] ?? e.move.type}`;
}

/**
 * What moving on now does, said before the facilitator presses it: in planning, what stands
 * for the year (the engine proposes in NATO's place, capitals not heard are taken to agree,
 * an objection left standing passes the status quo); elsewhere, the engine moves for the
 * tables still to move.
 */
function advanceHint(view: RoleView): string {
  if (view.phase !== 'planning' || view.agreed) return x('exercise.console.planningBlocks');
  const open = view.proposals[view.proposals.length - 1];
  if (!open || open.outcome === 'objected') return x('exercise.console.advanceEnginePlans');
  return x('exercise.console.advanceOpenVote');
}

/** An MSEL audience in words: a group of roles, or one role by its name. */
function audienceName(scenario: Scenario, audience: string): string {
  return ['all', 'allies', 'partners', 'red'].includes(audience) ? x(`exercise.msel.audienceGroup.${audience}` as never) : roleLabel(scenario, audience as RoleId);
}
