/**
 * npm run export -- lead ID [--out FILE] [--actor NAME] [--reason TEXT]
 *
 * Writes a lead's case file (JSON: the report and lead without the reporter's identity, its case,
 * its whole audit history with chain positions and hashes) to FILE or standard output, from
 * DATABASE_URL or PGLITE_DATA_DIR. The export is itself audited (actor: --actor, else the OS user).
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { loadConfig } from '../infra/config';
import { SqlLifecycleReadModel, SqlLifecycleStore } from '../lifecycle/lifecycle-store';
import { exportCaseFile } from '../lifecycle/case-file';
import { parseFlags } from './flags';
import { openSystemStore } from './system-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const [kind, leadId, ...rest] = process.argv.slice(2);
  if (kind !== 'lead' || !leadId || !UUID.test(leadId)) throw new Error('usage: npm run export -- lead LEAD_ID [--out FILE] [--actor NAME] [--reason TEXT]');
  const flags = parseFlags(rest, { out: '', actor: `cli:${userInfo().username}`, reason: '' });
  const store = await openSystemStore(loadConfig(process.env));
  try {
    const file = await exportCaseFile({ reads: new SqlLifecycleReadModel(store), store: new SqlLifecycleStore(store), clock: { now: () => new Date() } }, flags.actor, leadId, flags.reason || null);
    const json = `${JSON.stringify(file, null, 2)}\n`;
    if (flags.out) {
      writeFileSync(flags.out, json);
      console.error(`case file of ${leadId}: ${file.history.length} history entries → ${flags.out}`);
    } else process.stdout.write(json);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
