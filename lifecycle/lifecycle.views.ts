/** What console users read of a case: the record with its Chinese names, and the actions its state allows. */
import { provinceName } from '../models/divisions';
import { ACTION_RULES, CASE_ACTIONS, CASE_RESULT_NAMES, CASE_STATE_NAMES, type CaseAction } from './lifecycle';
import { DEADLINE_FLAG_NAMES, PRIORITY_NAMES } from './lifecycle.policy';
import type { CaseRecord } from './lifecycle.port';

export interface CaseView extends CaseRecord {
  readonly stateName: string;
  readonly resultName: string | null;
  readonly priorityName: string;
  readonly deadlineFlagName: string;
  readonly provinceName: string;
  /** Actions the state allows (the user's role may still refuse some). */
  readonly actions: ReadonlyArray<{ action: CaseAction; name: string }>;
}

export function toCaseView(c: CaseRecord): CaseView {
  return {
    ...c,
    stateName: CASE_STATE_NAMES[c.state],
    resultName: c.result ? CASE_RESULT_NAMES[c.result] : null,
    priorityName: PRIORITY_NAMES[c.priority],
    deadlineFlagName: DEADLINE_FLAG_NAMES[c.deadlineFlag],
    provinceName: provinceName(c.provinceCode),
    actions: CASE_ACTIONS.filter((a) => ACTION_RULES[a].from.includes(c.state)).map((a) => ({ action: a, name: ACTION_RULES[a].name })),
  };
}
