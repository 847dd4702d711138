/** Who acts on leads and clusters: a console user (role and scope from models/access.ts) or the pipeline itself. */
import type { AccessScope, Principal } from './access';

export type ActorScope = AccessScope;

/** A console user, resolved from a signed token; the name is kept for the review feature. */
export type Analyst = Principal;

/** The pipeline itself, when it merges clusters it opened concurrently (national scope, audited as "system"). */
export const SYSTEM_ACTOR: Analyst = { id: 'system', name: '系统自动查重', role: 'system', scope: { kind: 'national' } };
