/** Opens a report's sealed identity (the only reader of `reporter_sealed`), for the console's identity service. */
import type { ReporterIdentityVault, RevealedIdentity } from '../../models/ports/identity-vault.port';
import type { Queryable } from '../../models/ports/store.port';
import type { IdentitySealer } from '../crypto/identity-sealer';

const FIND = `
SELECT r.report_id, r.reporter_sealed, l.province_code, l.route_topic
FROM reports r LEFT JOIN leads l ON l.lead_id = r.report_id
WHERE r.report_id = $1`;

export class SqlIdentityVault implements ReporterIdentityVault {
  constructor(
    private readonly db: Queryable,
    private readonly sealer: Pick<IdentitySealer, 'open'>,
  ) {}

  async reveal(reportId: string): Promise<RevealedIdentity | undefined> {
    const { rows } = await this.db.query<{ report_id: string; reporter_sealed: string | null; province_code: string | null; route_topic: string | null }>(FIND, [reportId]);
    const r = rows[0];
    if (!r) return undefined;
    const routed = /^leads\.province\.(\d{2})$/.exec(r.route_topic ?? '');
    return {
      reportId: r.report_id,
      provinceCode: r.province_code,
      routeProvinceCode: routed ? routed[1]! : null,
      identity: r.reporter_sealed === null ? null : this.sealer.open(r.report_id, r.reporter_sealed),
    };
  }
}
