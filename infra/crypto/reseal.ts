/**
 * Key rotation: every sealed identity not under the current key is opened with the key that
 * sealed it and sealed again under the current one, batch by batch. Each row is updated only if
 * it still holds what was read (a concurrent rotation changes nothing twice). Run by
 * `npm run keys -- rotate`.
 */
import type { Store } from '../../models/ports/store.port';
import type { IdentitySealer } from './identity-sealer';

const PENDING = `SELECT report_id, reporter_sealed FROM reports
WHERE reporter_sealed IS NOT NULL AND reporter_key_id IS DISTINCT FROM $1 ORDER BY report_id LIMIT $2`;
const RESEAL = `UPDATE reports SET reporter_sealed = $3, reporter_key_id = $4 WHERE report_id = $1 AND reporter_sealed = $2 RETURNING report_id`;

export async function resealIdentities(store: Store, sealer: IdentitySealer, batchSize = 500): Promise<{ resealed: number }> {
  let resealed = 0;
  for (;;) {
    const { rows } = await store.query<{ report_id: string; reporter_sealed: string }>(PENDING, [sealer.currentKeyId, batchSize]);
    if (rows.length === 0) return { resealed };
    await store.transaction(async (tx) => {
      for (const row of rows) {
        const { sealed, keyId } = sealer.seal(row.report_id, sealer.open(row.report_id, row.reporter_sealed));
        resealed += (await tx.query(RESEAL, [row.report_id, row.reporter_sealed, sealed, keyId])).rows.length === 0 ? 0 : 1;
      }
    });
  }
}
