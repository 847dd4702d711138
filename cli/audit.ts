/**
 * npm run audit -- verify     re-hash the audit log's chain (DATABASE_URL, or PGLITE_DATA_DIR)
 *
 * Prints the number of entries and the head hash (keep it elsewhere: a later run that still
 * reaches it proves nothing before it was rewritten); exits 1 naming the first broken entry.
 */
import { loadConfig } from '../infra/config';
import { verifyAuditChain } from '../infra/store/audit-chain';
import { openSystemStore } from './system-store';
import { runCommand } from './command';

async function main(): Promise<number> {
  const [command] = process.argv.slice(2);
  if (command !== 'verify') throw new Error('usage: npm run audit -- verify');
  const store = await openSystemStore(loadConfig(process.env));
  try {
    const report = await verifyAuditChain(store);
    if (!report.ok) {
      console.log(`audit chain BROKEN at entry ${report.firstBroken!.seq} (${report.firstBroken!.problem}): ${report.firstBroken!.message}`);
      console.log(`${report.entries} entries verified before it; head records ${report.head.seq}`);
      return 1;
    }
    console.log(`audit chain intact: ${report.entries} entries, head ${report.head.hash}`);
    return 0;
  } finally {
    await store.close();
  }
}

runCommand('audit', 'usage: npm run audit -- verify\n', main);
