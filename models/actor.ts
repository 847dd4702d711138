/** Who acts on leads and clusters: an analyst of one province, the national office, or the system. */
export type ActorScope = { readonly kind: 'province'; readonly provinceCode: string } | { readonly kind: 'national' };

/** Who acts: resolved by the API from a bearer token, or the pipeline itself. */
export interface Analyst {
  readonly id: string;
  readonly name: string;
  readonly scope: ActorScope;
}

/** The pipeline itself, when it merges clusters it opened concurrently (national scope, audited as "system"). */
export const SYSTEM_ACTOR: Analyst = { id: 'system', name: '系统自动查重', scope: { kind: 'national' } };
