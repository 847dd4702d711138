/**
 * npm run keys -- new       print a fresh key (base64 of 32 random bytes), for REPORTER_KEY, QUERY_CODE_KEY, CONSOLE_TOKEN_SECRET
 * npm run keys -- rotate    re-seal every reporter identity under the current key
 *
 * Rotation, production: set REPORTER_KEY to the new key and REPORTER_PREVIOUS_KEYS to the old
 * one(s), run `keys rotate`, restart the processes with the same variables, and drop the old
 * keys from REPORTER_PREVIOUS_KEYS once the command reports 0 rows left.
 * Embedded (PGLITE_DATA_DIR without REPORTER_KEY): the command adds a new key to the keyring file
 * beside the data and re-seals; the old keys stay in the file.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../infra/config';
import { IdentitySealer } from '../infra/crypto/identity-sealer';
import { addKeyToKeyring, resolveKeys } from '../infra/crypto/keyring';
import { resealIdentities } from '../infra/crypto/reseal';
import { jsonLogger } from '../infra/runtime/system-runtime';
import { openSystemStore } from './system-store';

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command === 'new') {
    console.log(randomBytes(32).toString('base64'));
    return;
  }
  if (command !== 'rotate') throw new Error('usage: npm run keys -- new|rotate');
  const config = loadConfig(process.env);
  const keys = resolveKeys(config, jsonLogger(config.logLevel));
  if (keys.source === 'random (this process only)') throw new Error('nothing to rotate: set REPORTER_KEY (and REPORTER_PREVIOUS_KEYS) or PGLITE_DATA_DIR');
  const reporter = keys.source === 'keyring file' ? addKeyToKeyring(config.keyringFile!) : keys.reporter;
  const sealer = new IdentitySealer(reporter);
  const store = await openSystemStore(config);
  try {
    const { resealed } = await resealIdentities(store, sealer);
    const { rows } = await store.query<{ n: string | number }>('SELECT count(*) AS n FROM reports WHERE reporter_sealed IS NOT NULL AND reporter_key_id IS DISTINCT FROM $1', [sealer.currentKeyId]);
    console.log(`current key ${sealer.currentKeyId}: re-sealed ${resealed} identities; ${Number(rows[0]!.n)} left under other keys`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
