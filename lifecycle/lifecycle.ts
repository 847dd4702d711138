/**
 * The case lifecycle of a lead as a pure state machine: which action may move a case from which
 * state, who may take it, what it needs (a reason, a result, feedback), and what it changes.
 * No I/O: the service loads the case, calls {@link transition}, and stores what it returns with an
 * audit row per moved lead.
 *
 *   received → screened → routed → accepted → verifying → concluding → concluded → feedback-delivered
 *                           ▲   └──────────┴──────────┴─→ returned (退回 to the national office)
 *                           └─────────── reassign ───────────┘
 *   concluded / feedback-delivered → reopened → verifying
 *
 * `received` and `screened` belong to the pipeline (no console action applies); `concluding` is
 * a conclusion awaiting its sign-offs (dual review): it takes effect (`concluded`) only when the
 * province's supervisor (someone other than its author) and, when the policy asks for it, the
 * national office have both signed off.
 */
import { assertCan, assertSecondPerson, type Permission, type Principal } from '../models/access';
import type { CaseState } from '../models/case-state';
import { ConflictError, ValidationError } from '../models/errors';

export { CASE_STATES, publicStage, stateRank, PUBLIC_STAGE_NAMES, type CaseState, type PublicStage } from '../models/case-state';

export const CASE_STATE_NAMES: Readonly<Record<CaseState, string>> = {
  received: '已接收',
  screened: '已甄别',
  routed: '已分办',
  accepted: '已受理',
  verifying: '核查中',
  concluding: '办结待审核',
  concluded: '已办结',
  'feedback-delivered': '已反馈',
  returned: '已退回',
  reopened: '已重新启动',
};

/** The result of a verification (办结结论). */
export const CASE_RESULTS = ['substantiated', 'partly-substantiated', 'unsubstantiated', 'transferred'] as const;
export type CaseResult = (typeof CASE_RESULTS)[number];
export const CASE_RESULT_NAMES: Readonly<Record<CaseResult, string>> = {
  substantiated: '属实',
  'partly-substantiated': '部分属实',
  unsubstantiated: '不属实',
  transferred: '移交其他部门',
};

export const CASE_ACTIONS = ['accept', 'verify', 'record-contact', 'conclude', 'sign-off-provincial', 'sign-off-national', 'send-back', 'deliver-feedback', 'return', 'reassign', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface ActionRule {
  readonly name: string;
  readonly from: readonly CaseState[];
  readonly permission: Permission;
  readonly reasonRequired: boolean;
  /** Moves the whole cluster (its members in the same state and province) or this lead alone. */
  readonly moves: 'cluster' | 'lead';
}

/** The one table of what is allowed. */
export const ACTION_RULES: Readonly<Record<CaseAction, ActionRule>> = {
  accept: { name: '受理', from: ['routed'], permission: 'case:work', reasonRequired: false, moves: 'cluster' },
  verify: { name: '开始核查', from: ['accepted', 'reopened'], permission: 'case:work', reasonRequired: false, moves: 'cluster' },
  'record-contact': { name: '记录联系举报人', from: ['accepted', 'verifying', 'reopened'], permission: 'case:work', reasonRequired: false, moves: 'lead' },
  conclude: { name: '提交办结', from: ['verifying'], permission: 'case:work', reasonRequired: true, moves: 'cluster' },
  'sign-off-provincial': { name: '省级审核通过', from: ['concluding'], permission: 'case:sign-off-provincial', reasonRequired: false, moves: 'cluster' },
  'sign-off-national': { name: '全国办复核通过', from: ['concluding'], permission: 'case:sign-off-national', reasonRequired: false, moves: 'cluster' },
  'send-back': { name: '审核退回重查', from: ['concluding'], permission: 'case:review', reasonRequired: true, moves: 'cluster' },
  'deliver-feedback': { name: '反馈举报人', from: ['concluded'], permission: 'case:work', reasonRequired: false, moves: 'cluster' },
  return: { name: '退回全国办', from: ['routed', 'accepted', 'verifying', 'reopened'], permission: 'case:work', reasonRequired: true, moves: 'cluster' },
  reassign: { name: '重新分办', from: ['returned'], permission: 'case:direct', reasonRequired: true, moves: 'cluster' },
  reopen: { name: '重新启动', from: ['concluded', 'feedback-delivered'], permission: 'case:direct', reasonRequired: true, moves: 'cluster' },
};

/** What the machine knows of a case. */
export interface CaseSnapshot {
  readonly state: CaseState;
  /** The province handling it. */
  readonly provinceCode: string;
  readonly result: CaseResult | null;
  /** The conclusion's summary (internal) and who proposed it. */
  readonly conclusion: string | null;
  readonly proposedBy: string | null;
  readonly provincialSignOffBy: string | null;
  readonly nationalSignOffBy: string | null;
  /** Fixed when the conclusion is proposed, from the dual-review policy. */
  readonly nationalReviewRequired: boolean;
  /** What the reporter reads on the look-up page once delivered. */
  readonly feedback: string | null;
  readonly contactedAt: string | null;
}

/** What a user asks for. */
export type CaseCommand =
  | { readonly action: Exclude<CaseAction, 'conclude' | 'deliver-feedback' | 'reassign'>; readonly reason?: string }
  | { readonly action: 'conclude'; readonly result: CaseResult; readonly reason: string }
  | { readonly action: 'deliver-feedback'; readonly feedback: string; readonly reason?: string }
  | { readonly action: 'reassign'; readonly provinceCode: string; readonly reason: string };

/** The case after the action, and what the audit row records beyond who, when and why. */
export interface CaseChange {
  readonly from: CaseState;
  readonly next: CaseSnapshot;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Whether the national office must also sign a conclusion off: from the policy, per category and priority. */
export type NationalReviewRule = () => boolean;

/**
 * Applies `command` to `current` for `who`. Throws 403 when the role lacks the action's
 * permission, 409 when the state does not allow it (with both named in Chinese), 400 when a
 * reason, result or feedback is missing. `nationalReview` is consulted only when concluding.
 */
export function transition(current: CaseSnapshot, command: CaseCommand, who: Principal, nationalReview: NationalReviewRule, at: Date): CaseChange {
  const rule = ACTION_RULES[command.action];
  assertCan(who, rule.permission);
  if (!rule.from.includes(current.state)) {
    throw new ConflictError(`线索当前状态为“${CASE_STATE_NAMES[current.state]}”，不能执行“${rule.name}”`, { state: current.state, action: command.action });
  }
  const reason = command.reason?.trim() ?? '';
  if (rule.reasonRequired && reason === '') throw new ValidationError(`“${rule.name}”须填写理由`);
  const from = current.state;
  const move = (next: Partial<CaseSnapshot>, details: Record<string, unknown> = {}): CaseChange => ({ from, next: { ...current, ...next }, details: { from, to: next.state ?? from, ...details } });
  const noSignOffs = { provincialSignOffBy: null, nationalSignOffBy: null };
  switch (command.action) {
    case 'accept':
      return move({ state: 'accepted' });
    case 'verify':
      return move({ state: 'verifying' });
    case 'record-contact':
      return move({ contactedAt: at.toISOString() }, { contactedAt: at.toISOString() });
    case 'conclude': {
      const required = nationalReview();
      return move({ state: 'concluding', result: command.result, conclusion: reason, proposedBy: who.id, nationalReviewRequired: required, ...noSignOffs }, { result: command.result, nationalReviewRequired: required });
    }
    case 'sign-off-provincial': {
      if (current.provincialSignOffBy) throw new ConflictError('省级审核已通过，无须重复审核', { state: from, action: command.action });
      assertSecondPerson(current.proposedBy ?? '', who);
      const done = !current.nationalReviewRequired || current.nationalSignOffBy !== null;
      return move({ state: done ? 'concluded' : 'concluding', provincialSignOffBy: who.id }, { result: current.result, takesEffect: done });
    }
    case 'sign-off-national': {
      if (!current.nationalReviewRequired) throw new ConflictError('该线索的办结无须全国办复核', { state: from, action: command.action });
      if (current.nationalSignOffBy) throw new ConflictError('全国办复核已通过，无须重复复核', { state: from, action: command.action });
      assertSecondPerson(current.proposedBy ?? '', who);
      const done = current.provincialSignOffBy !== null;
      return move({ state: done ? 'concluded' : 'concluding', nationalSignOffBy: who.id }, { result: current.result, takesEffect: done });
    }
    case 'send-back':
      return move({ state: 'verifying', result: null, conclusion: null, proposedBy: null, ...noSignOffs }, { rejectedResult: current.result });
    case 'deliver-feedback': {
      const feedback = command.feedback.trim();
      if (feedback === '') throw new ValidationError('“反馈举报人”须填写反馈内容');
      return move({ state: 'feedback-delivered', feedback });
    }
    case 'return':
      return move({ state: 'returned' });
    case 'reassign':
      return move({ state: 'routed', provinceCode: command.provinceCode, result: null, conclusion: null, proposedBy: null, ...noSignOffs }, { fromProvince: current.provinceCode, toProvince: command.provinceCode });
    case 'reopen':
      return move({ state: 'reopened', result: null, conclusion: null, proposedBy: null, feedback: null, ...noSignOffs }, { previousResult: current.result });
  }
}
