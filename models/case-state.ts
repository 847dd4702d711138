/**
 * The states of a lead's case (the lifecycle feature moves them) and what a reporter may read of
 * them: a coarse public stage (已受理 / 核查中 / 已办结). Here because the intake's look-up and the
 * lifecycle both need them, and neither may import the other.
 */
export const CASE_STATES = ['received', 'screened', 'routed', 'accepted', 'verifying', 'concluding', 'concluded', 'feedback-delivered', 'returned', 'reopened'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** How far along a state is: a cluster shows its most advanced member. */
export const CASE_STATES_BY_PROGRESS: readonly CaseState[] = ['received', 'screened', 'routed', 'returned', 'accepted', 'reopened', 'verifying', 'concluding', 'concluded', 'feedback-delivered'];

export function stateRank(state: CaseState): number {
  return CASE_STATES_BY_PROGRESS.indexOf(state);
}

/** What a reporter reads: received (已受理), being verified (核查中), concluded (已办结); or a report the pipeline could not process. */
export const PUBLIC_STAGES = ['received', 'verifying', 'concluded', 'rejected'] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];
export const PUBLIC_STAGE_NAMES: Readonly<Record<PublicStage, string>> = { received: '已受理', verifying: '核查中', concluded: '已办结', rejected: '未能处理，请重新提交' };

/** The public stage of a case state: a conclusion awaiting its sign-offs is still being verified. */
export function publicStage(state: CaseState): PublicStage {
  if (state === 'verifying' || state === 'concluding' || state === 'reopened') return 'verifying';
  if (state === 'concluded' || state === 'feedback-delivered') return 'concluded';
  return 'received';
}

/** Feedback reaches the reporter only once delivered. */
export function publicFeedback(state: CaseState, feedback: string | null): string | null {
  return state === 'feedback-delivered' ? feedback : null;
}
