import type { Principal } from '../models/access';
import { ConflictError, ForbiddenError, ValidationError } from '../models/errors';
import { ACTION_RULES, CASE_ACTIONS, CASE_STATES, publicStage, transition, type CaseAction, type CaseCommand, type CaseSnapshot, type CaseState } from './lifecycle';

const at = new Date('2024-05-10T08:00:00Z');
const analyst: Principal = { id: 'gs-analyst', name: '甲', role: 'provincial-analyst', scope: { kind: 'province', provinceCode: '62' } };
const supervisor: Principal = { id: 'gs-chief', name: '乙', role: 'provincial-supervisor', scope: { kind: 'province', provinceCode: '62' } };
const national: Principal = { id: 'nat-1', name: '丙', role: 'national-analyst', scope: { kind: 'national' } };
const auditor: Principal = { id: 'aud', name: '丁', role: 'auditor', scope: { kind: 'national' } };

const base: CaseSnapshot = {
  state: 'routed', provinceCode: '62', result: null, conclusion: null, proposedBy: null, provincialSignOffBy: null, nationalSignOffBy: null,
  nationalReviewRequired: false, feedback: null, contactedAt: null,
};

/** A command for each action, with what it needs. */
const COMMANDS: Record<CaseAction, CaseCommand> = {
  accept: { action: 'accept' },
  verify: { action: 'verify' },
  'record-contact': { action: 'record-contact' },
  conclude: { action: 'conclude', result: 'substantiated', reason: '经核查，收保护费属实' },
  'sign-off-provincial': { action: 'sign-off-provincial' },
  'sign-off-national': { action: 'sign-off-national' },
  'send-back': { action: 'send-back', reason: '证据不足' },
  'deliver-feedback': { action: 'deliver-feedback', feedback: '您反映的问题已查实，相关人员已依法处理。' },
  return: { action: 'return', reason: '不属本省管辖' },
  reassign: { action: 'reassign', provinceCode: '51', reason: '改由四川办理' },
  reopen: { action: 'reopen', reason: '回访不满意' },
};

/** Who may take each action, and what a valid move leads to (from a case set up for it). */
const ACTOR: Record<CaseAction, Principal> = {
  accept: analyst, verify: analyst, 'record-contact': analyst, conclude: analyst, 'sign-off-provincial': supervisor, 'sign-off-national': national,
  'send-back': supervisor, 'deliver-feedback': analyst, return: analyst, reassign: national, reopen: national,
};
const EXPECTED: Record<CaseAction, (from: CaseState) => CaseState> = {
  accept: () => 'accepted', verify: () => 'verifying', 'record-contact': (s) => s, conclude: () => 'concluding',
  // Set up below with the other sign-off already given: each one completes the conclusion.
  'sign-off-provincial': () => 'concluded', 'sign-off-national': () => 'concluded',
  'send-back': () => 'verifying', 'deliver-feedback': () => 'feedback-delivered', return: () => 'returned', reassign: () => 'routed', reopen: () => 'reopened',
};
const setUp = (state: CaseState, action: CaseAction): CaseSnapshot => {
  const concluding = { proposedBy: analyst.id, result: 'substantiated' as const, nationalReviewRequired: true };
  if (action === 'sign-off-provincial') return { ...base, state, ...concluding, nationalSignOffBy: national.id };
  if (action === 'sign-off-national') return { ...base, state, ...concluding, provincialSignOffBy: supervisor.id };
  return { ...base, state };
};

describe('the case state machine', () => {
  const pairs = CASE_STATES.flatMap((state) => CASE_ACTIONS.map((action) => [state, action] as const));
  const valid = pairs.filter(([s, a]) => ACTION_RULES[a].from.includes(s));
  const invalid = pairs.filter(([s, a]) => !ACTION_RULES[a].from.includes(s));

  it('has both valid and invalid moves for every action', () => {
    expect(valid).toHaveLength(18);
    expect(invalid).toHaveLength(CASE_STATES.length * CASE_ACTIONS.length - 18);
  });

  it.each(valid)('from %s, %s is allowed and lands where the table says', (state, action) => {
    const change = transition(setUp(state, action), COMMANDS[action], ACTOR[action], () => false, at);
    expect(change.from).toBe(state);
    expect(change.next.state).toBe(EXPECTED[action](state));
    expect(change.details).toMatchObject({ from: state, to: EXPECTED[action](state) });
  });

  it.each(invalid)('from %s, %s is refused with 409 naming the state and the action', (state, action) => {
    const attempt = () => transition(setUp(state, action), COMMANDS[action], ACTOR[action], () => false, at);
    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow(new RegExp(`“.+”.*不能执行“${ACTION_RULES[action].name}”`));
  });

  it.each(CASE_ACTIONS)('%s is refused to a role without its permission (403), before any state check', (action) => {
    expect(() => transition(setUp('received', action), COMMANDS[action], auditor, () => false, at)).toThrow(ForbiddenError);
  });

  it.each(CASE_ACTIONS.filter((a) => ACTION_RULES[a].reasonRequired))('%s needs a reason', (action) => {
    const state = ACTION_RULES[action].from[0]!;
    const withoutReason = { ...COMMANDS[action], reason: '  ' } as CaseCommand;
    expect(() => transition(setUp(state, action), withoutReason, ACTOR[action], () => false, at)).toThrow(ValidationError);
  });

  it('records the contact without moving the case', () => {
    const change = transition({ ...base, state: 'verifying' }, { action: 'record-contact' }, analyst, () => false, at);
    expect(change.next).toMatchObject({ state: 'verifying', contactedAt: at.toISOString() });
  });

  it('refuses empty feedback', () => {
    expect(() => transition({ ...base, state: 'concluded' }, { action: 'deliver-feedback', feedback: ' ' }, analyst, () => false, at)).toThrow(ValidationError);
  });

  it('reassigns a returned lead to another province and forgets the old conclusion', () => {
    const change = transition({ ...base, state: 'returned', result: 'unsubstantiated' }, COMMANDS.reassign, national, () => false, at);
    expect(change.next).toMatchObject({ state: 'routed', provinceCode: '51', result: null });
    expect(change.details).toMatchObject({ fromProvince: '62', toProvince: '51' });
  });
});

describe('dual review', () => {
  const proposed = (required: boolean) => transition({ ...base, state: 'verifying' }, COMMANDS.conclude, analyst, () => required, at).next;

  it('takes effect on the province alone when the policy asks for no national review', () => {
    const c = proposed(false);
    expect(c).toMatchObject({ state: 'concluding', result: 'substantiated', proposedBy: analyst.id, nationalReviewRequired: false });
    const signed = transition(c, COMMANDS['sign-off-provincial'], supervisor, () => true, at);
    expect(signed.next.state).toBe('concluded');
    expect(() => transition(c, COMMANDS['sign-off-national'], national, () => true, at)).toThrow('无须全国办复核');
  });

  it('takes effect only when the province and the national office have both signed, in either order', () => {
    const c = proposed(true);
    const provinceFirst = transition(c, COMMANDS['sign-off-provincial'], supervisor, () => true, at).next;
    expect(provinceFirst.state).toBe('concluding');
    expect(transition(provinceFirst, COMMANDS['sign-off-national'], national, () => true, at).next).toMatchObject({ state: 'concluded', provincialSignOffBy: supervisor.id, nationalSignOffBy: national.id });
    const nationalFirst = transition(c, COMMANDS['sign-off-national'], national, () => true, at).next;
    expect(nationalFirst.state).toBe('concluding');
    expect(transition(nationalFirst, COMMANDS['sign-off-provincial'], supervisor, () => true, at).next.state).toBe('concluded');
  });

  it('refuses a sign-off by the conclusion\'s own author, and a second sign-off of the same level', () => {
    const bySupervisor = transition({ ...base, state: 'verifying' }, COMMANDS.conclude, supervisor, () => true, at).next;
    expect(() => transition(bySupervisor, COMMANDS['sign-off-provincial'], supervisor, () => true, at)).toThrow(ForbiddenError);
    const once = transition(proposed(true), COMMANDS['sign-off-provincial'], supervisor, () => true, at).next;
    expect(() => transition(once, COMMANDS['sign-off-provincial'], { ...supervisor, id: 'gs-chief-2' }, () => true, at)).toThrow(ConflictError);
  });

  it('refuses a provincial analyst\'s sign-off and a provincial sign-off by the national office', () => {
    expect(() => transition(proposed(true), COMMANDS['sign-off-provincial'], analyst, () => true, at)).toThrow(ForbiddenError);
    expect(() => transition(proposed(true), COMMANDS['sign-off-provincial'], national, () => true, at)).toThrow(ForbiddenError);
    expect(() => transition(proposed(true), COMMANDS['sign-off-national'], supervisor, () => true, at)).toThrow(ForbiddenError);
  });

  it('sends a conclusion back for more verification, clearing its sign-offs', () => {
    const half = transition(proposed(true), COMMANDS['sign-off-provincial'], supervisor, () => true, at).next;
    const back = transition(half, COMMANDS['send-back'], national, () => true, at);
    expect(back.next).toMatchObject({ state: 'verifying', result: null, provincialSignOffBy: null, nationalSignOffBy: null });
    expect(back.details).toMatchObject({ rejectedResult: 'substantiated' });
  });
});

describe('the public stage', () => {
  it.each([
    ['received', 'received'], ['routed', 'received'], ['returned', 'received'], ['accepted', 'received'],
    ['verifying', 'verifying'], ['concluding', 'verifying'], ['reopened', 'verifying'],
    ['concluded', 'concluded'], ['feedback-delivered', 'concluded'],
  ] as const)('%s reads as %s', (state, stage) => {
    expect(publicStage(state)).toBe(stage);
  });
});
