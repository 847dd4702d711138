/**
 * Who may do what in the console: the one permission table. The console checks it at the edge
 * (each route names its permission) and the services check it again, so a route wired without
 * its guard still cannot act. Province scoping comes on top: a provincial user sees only leads,
 * clusters, queues and counts of their own province (and the shared view of a cross-province
 * cluster they belong to).
 *
 * Building on it: the routing workbench (issue #10) uses `rules:read`, `rules:draft` and
 * `rules:publish` with {@link assertSecondPerson} for the two-person publish; the case lifecycle
 * (issue #11) uses `case:work` (the provincial work queue), `case:sign-off-provincial` and
 * `case:sign-off-national` (dual review), `case:read`, `case:review`, `case:direct` and `supervision:read`.
 */
import { ForbiddenError, NotFoundError } from './errors';

export const ROLES = [
  'provincial-analyst',
  'provincial-supervisor',
  'national-analyst',
  'national-rule-editor',
  'national-approver',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** What a console user reads as their role. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  'provincial-analyst': '省级分析员',
  'provincial-supervisor': '省级负责人',
  'national-analyst': '全国办分析员',
  'national-rule-editor': '全国办规则编辑',
  'national-approver': '全国办审批人',
  auditor: '审计员',
};

/** Roles that belong to one province; every other role has national scope. */
export const PROVINCIAL_ROLES: readonly Role[] = ['provincial-analyst', 'provincial-supervisor'];

/** Roles of the national office: they log in with a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['national-analyst', 'national-rule-editor', 'national-approver', 'auditor'];

/**
 * Permission → the roles that hold it. Least privilege: the auditor reads the trail and nothing
 * else; rule editors and approvers touch rules, never leads; only supervisors and the national
 * office's analysts may open a reporter's identity (each time audited).
 */
export const PERMISSIONS = {
  /** Leads of a queue (provincial roles: their own province's queue only). */
  'queue:read': ['provincial-analyst', 'provincial-supervisor', 'national-analyst'],
  /** Duplicate clusters and their members. */
  'cluster:read': ['provincial-analyst', 'provincial-supervisor', 'national-analyst'],
  /** Confirm, split, merge, "not a duplicate". */
  'cluster:act': ['provincial-analyst', 'provincial-supervisor', 'national-analyst'],
  /** A reporter's identity and contact, decrypted; every opening is audited. */
  'identity:read': ['provincial-supervisor', 'national-analyst'],
  /** The whole audit trail (a cluster's own trail comes with `cluster:read`). */
  'audit:read': ['auditor', 'national-analyst'],
  /** Routing rule sets: read, draft, approve and publish (two different people). */
  'rules:read': ['national-analyst', 'national-rule-editor', 'national-approver', 'auditor'],
  'rules:draft': ['national-rule-editor'],
  'rules:publish': ['national-approver'],
  /** Re-route a lead by hand (routing workbench; audited, with a reason). */
  'lead:reroute': ['national-analyst'],
  /** Case lifecycle: the provincial work queue, sign-offs, supervision. */
  'case:work': ['provincial-analyst', 'provincial-supervisor'],
  'case:sign-off-provincial': ['provincial-supervisor'],
  'case:sign-off-national': ['national-analyst'],
  /** Cases: the work queue, one case and its history (provincial roles: their own province). */
  'case:read': ['provincial-analyst', 'provincial-supervisor', 'national-analyst'],
  /** Send a proposed conclusion back for more verification (either reviewer of the dual review). */
  'case:review': ['provincial-supervisor', 'national-analyst'],
  /** The national office directs cases: reassign a returned lead, reopen a concluded one, draw callbacks. */
  'case:direct': ['national-analyst'],
  'supervision:read': ['national-analyst', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** Where a user may look: one province, or the whole country. */
export type AccessScope = { readonly kind: 'province'; readonly provinceCode: string } | { readonly kind: 'national' };

/** Who acts in the console (resolved from a signed token), or the pipeline itself. */
export interface Principal {
  readonly id: string;
  readonly name: string;
  readonly role: Role | 'system';
  readonly scope: AccessScope;
}

export function can(who: Pick<Principal, 'role'>, permission: Permission): boolean {
  if (who.role === 'system') return permission === 'cluster:read' || permission === 'cluster:act';
  return (PERMISSIONS[permission] as readonly Role[]).includes(who.role);
}

/** Throws 403 (the console audits it) when the role lacks the permission. */
export function assertCan(who: Pick<Principal, 'role'>, permission: Permission): void {
  if (!can(who, permission)) throw new ForbiddenError('您的角色无权执行此操作', { permission });
}

/** True when the user may see data of this province (national scope sees every province). */
export function seesProvince(who: Pick<Principal, 'scope'>, provinceCode: string | null): boolean {
  return who.scope.kind === 'national' || (provinceCode !== null && who.scope.provinceCode === provinceCode);
}

/**
 * A resource outside the user's province: refused, audited, and answered exactly like an unknown
 * one (404), so that probing ids reveals nothing about other provinces.
 */
export function outOfScope(notFoundMessage: string): ForbiddenError {
  return new ForbiddenError('超出本省范围', { concealedAs: new NotFoundError(notFoundMessage) });
}

/** Two-person rule (e.g. a rule set is approved by someone other than its author). */
export function assertSecondPerson(author: string, approver: Pick<Principal, 'id'>): void {
  if (author === approver.id) throw new ForbiddenError('须由另一名人员审批，不能审批本人提交的内容', { rule: 'two-person' });
}

export function isProvincialRole(role: Role): boolean {
  return PROVINCIAL_ROLES.includes(role);
}

export function needsSecondFactor(role: Role): boolean {
  return SECOND_FACTOR_ROLES.includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
