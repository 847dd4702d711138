/**
 * npm run rules -- <command> — the routing workbench for people who script, on the deployment's
 * store (DATABASE_URL, or the embedded PGLITE_DATA_DIR), as `npm run users` does:
 *
 *   validate FILE                                   errors (rule and field) and warnings; exit 1 on errors
 *   dry-run FILE [--since DATE] [--until DATE]      the difference table against the active set
 *   draft FILE --as USER [--note TEXT]              store a draft (a national rule editor)
 *   dry-run --draft ID --as USER [--since …]        dry-run a stored draft and record it for publication
 *   publish ID --as USER --reason TEXT              approve and publish a draft (a national approver, not its author)
 *   rollback VERSION --as USER --reason TEXT        re-publish an earlier version
 *   list                                            versions and drafts
 *
 * `--as` names a console user whose role decides, as in the console; access to the store is the
 * trust boundary here, as for `npm run users`. Every change is audited like the console's.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../infra/config';
import { systemClock, systemIds } from '../infra/runtime/system-runtime';
import { SqlConsoleUserStore } from '../console/sql-users';
import type { Principal } from '../models/access';
import { formatDryRun } from '../routing/dry-run';
import { checkRuleSet } from '../routing/rule-set-validation';
import { createWorkbench } from '../routing-workbench/create-workbench';
import { parseFlags } from './flags';
import { openSystemStore } from './system-store';

const USAGE = 'usage: npm run rules -- validate FILE | dry-run FILE [--since DATE] [--until DATE] | dry-run --draft ID --as USER | draft FILE --as USER [--note TEXT] | publish ID --as USER --reason TEXT | rollback VERSION --as USER --reason TEXT | list';

function readRules(file: string | undefined): unknown {
  if (!file) throw new Error(USAGE);
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const positional = rest[0] && !rest[0].startsWith('--') ? rest[0] : undefined;
  const flags = parseFlags(positional ? rest.slice(1) : rest, { since: '', until: '', as: '', note: '', reason: '', draft: '' });
  if (command === 'validate') {
    const check = checkRuleSet(readRules(positional));
    for (const e of check.errors) console.log(`error: ${e.message}`);
    for (const w of check.warnings) console.log(`warning: ${w.message}`);
    console.log(check.valid ? `valid: ${(readRules(positional) as { rules: unknown[] }).rules.length} rules, ${check.warnings.length} warning(s)` : `invalid: ${check.errors.length} error(s)`);
    process.exitCode = check.valid ? 0 : 1;
    return;
  }
  if (!['dry-run', 'draft', 'publish', 'rollback', 'list'].includes(command ?? '')) throw new Error(USAGE);
  const store = await openSystemStore(loadConfig(process.env));
  try {
    const workbench = createWorkbench({
      store,
      bus: { publish: async () => { throw new Error('re-routing is done in the console (it needs the bus)'); } },
      clock: systemClock,
      ids: systemIds,
    });
    const as = async (): Promise<Principal> => {
      const user = flags.as ? await new SqlConsoleUserStore(store).find(flags.as) : undefined;
      if (!user || user.disabled) throw new Error('--as names an active console user (npm run users -- list)');
      return { id: user.userId, name: user.displayName, role: user.role, scope: { kind: 'national' } };
    };
    const script: Principal = { id: 'cli', name: 'rules CLI', role: 'national-analyst', scope: { kind: 'national' } };
    const period = { ...(flags.since ? { from: flags.since } : {}), ...(flags.until ? { to: flags.until } : {}) };
    if (command === 'list') {
      const o = await workbench.overview(script);
      for (const v of o.versions) console.log(`version ${v.version}${v.version === o.activeVersion ? ' (active)' : ''}\t${v.publishedAt}\t${v.publishedBy}\t${v.rules} rules\t${v.republishedFrom ? `re-publishes ${v.republishedFrom}\t` : ''}${v.reason ?? ''}`);
      for (const d of o.drafts) console.log(`draft ${d.draftId}\t${d.status}\trevision ${d.revision}\tby ${d.author}\t${d.dryRun?.revision === d.revision ? 'dry-run' : 'no dry run'}\t${d.note ?? ''}`);
    } else if (command === 'dry-run') {
      const run = flags.draft ? await workbench.dryRun(await as(), { draftId: flags.draft }, period) : await workbench.dryRun(script, { rules: readRules(positional) }, period);
      console.log(`against version ${run.againstVersion}, ${run.seconds} s`);
      console.log(formatDryRun(run.result));
    } else if (command === 'draft') {
      const d = await workbench.createDraft(await as(), { rules: readRules(positional), ...(flags.note ? { note: flags.note } : {}) });
      console.log(`draft ${d.draftId} saved (${d.warnings.length} warning(s))`);
      for (const w of d.warnings) console.log(`warning: ${w.message}`);
    } else if (command === 'publish') {
      if (!positional) throw new Error(USAGE);
      const v = await workbench.approveAndPublish(await as(), positional, flags.reason);
      console.log(`published version ${v.version} (workers apply it within seconds)`);
    } else {
      const v = await workbench.rollback(await as(), Number(positional), flags.reason);
      console.log(`version ${positional} re-published as version ${v.version}`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
