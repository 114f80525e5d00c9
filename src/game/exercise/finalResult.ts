/**
 * The era's result at the end of an exercise (docs/facilitator-guide.md, "When the era
 * ends"): NATO's score out of 100, its grade and each objective against its target, as
 * every seat, the console and the projector read it once the last year is reviewed. The
 * view carries it (`RoleView.final`), worked out by the solo debrief's own rule, so the
 * room and the after-action report tell the same figure.
 */
import { localized } from '../../i18n';
import { tr as t } from '../board/text';
import { shownDigits } from '../../core/grade';
import type { FinalView } from '../../exercise/views';
import { h, num, panel, table, x } from './widgets';


/** The grade in words, as the solo debrief says it: "B · Successful". */
export const gradeText = (f: FinalView) => `${f.grade} · ${t(`debrief.band.${f.grade}`)}`;

/** The result as a panel: the score and grade, then each objective; `lead`: the console's line on where the review starts. */
export function finalPanel(f: FinalView, options: { projector?: boolean; lead?: boolean } = {}): HTMLElement {
  const rows = f.objectives.map((o) => [
    localized(o.label),
    num(o.value, shownDigits(o)),
    x(o.lowerIsBetter ? 'exercise.final.atMost' : 'exercise.final.atLeast', { target: num(o.target, Number.isInteger(o.target) ? 0 : 1) }),
    h('span', { class: o.met ? 'cx-good' : 'cx-bad', text: o.met ? `✓ ${t('debrief.met')}` : `✗ ${t('debrief.notMet')}` }),
  ]);
  return panel(
    x('exercise.final.title'),
    { testId: 'cx-final', wide: true },
    h(
      'p',
      { class: options.projector ? 'cx-final-line cx-proj-big' : 'cx-final-line' },
      h('span', { text: x('exercise.final.score') }),
      ' ',
      h('strong', { class: 'cx-final-score', attrs: { 'data-testid': 'cx-final-score' }, text: num(f.score, 1) }),
      h('span', { class: 'cx-muted', text: ' / 100' }),
      ' ',
      h('span', { class: `cx-badge cx-grade cx-grade-${f.grade}`, attrs: { 'data-testid': 'cx-final-grade' }, text: gradeText(f) }),
    ),
    // Why a high score can carry a middling grade: the grade counts objectives met, the score progress towards all.
    // (On the wall the count alone: the facilitator says the rule; a screen has room for it.)
    h('p', { attrs: { 'data-testid': 'cx-final-rule' } }, x('exercise.final.met', { met: f.met, total: f.total, weight: `${num(f.metWeight * 100, 0)}\u00a0%` }), options.projector ? null : ` ${x('exercise.final.rule')}`),
    table([t('debrief.objective'), x('exercise.final.value'), t('debrief.targetHead'), t('debrief.status')], rows, { numeric: [1, 2], testId: 'cx-final-objectives', caption: x('exercise.final.title') }),
    options.lead ? h('p', { class: 'cx-muted', text: x('exercise.final.next') }) : null,
  );
}
