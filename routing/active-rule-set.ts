/**
 * Hot reload: the rule set in force, compiled once per version. Each call costs nothing until
 * `refreshMs` has passed; then one cheap query asks for the latest version, and a new version is
 * loaded and compiled. A worker therefore applies a published set within `refreshMs` (1 s by
 * default) without a restart, on either bus; leads already routed keep the version they record.
 */
import type { Clock } from '../models/ports/runtime.port';
import { compileRuleSet, type CompiledRuleSet } from './evaluate';
import type { RuleSetVersions } from './routing.port';
import { DEFAULT_RULE_SET } from './rule-set';

export interface ActiveRuleSet {
  current(): Promise<CompiledRuleSet>;
}

export const DEFAULT_REFRESH_MS = 1000;

export function createActiveRuleSet(deps: { versions: RuleSetVersions; clock: Clock; refreshMs?: number }): ActiveRuleSet {
  const refreshMs = deps.refreshMs ?? DEFAULT_REFRESH_MS;
  let compiled: CompiledRuleSet | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  return {
    async current() {
      const now = deps.clock.now().getTime();
      if (compiled && now - checkedAt < refreshMs) return compiled;
      const version = await deps.versions.latestVersion();
      checkedAt = now;
      if (version === undefined) return (compiled = compileRuleSet(DEFAULT_RULE_SET, 0));
      if (compiled?.version !== version) {
        const rules = await deps.versions.rulesOf(version);
        compiled = compileRuleSet(rules ?? DEFAULT_RULE_SET, rules ? version : 0);
      }
      return compiled;
    },
  };
}
