/** Versioned routing rules in SQL. */
import type { RoutingRulesRepository, RulesVersion } from '../../models/ports/repositories.port';
import { isoColumn as toIso, jsonColumn as parseJson, type Store } from '../../models/ports/store.port';

export class SqlRoutingRulesRepository<R> implements RoutingRulesRepository<R> {
  constructor(private readonly store: Store) {}

  async current(): Promise<RulesVersion<R> | undefined> {
    const { rows } = await this.store.query<{ version: number; rules: unknown; published_at: Date | string; published_by: string }>(
      'SELECT version, rules, published_at, published_by FROM routing_rules ORDER BY version DESC LIMIT 1',
    );
    const r = rows[0];
    return r && { version: Number(r.version), rules: parseJson(r.rules) as R, publishedAt: toIso(r.published_at), publishedBy: r.published_by };
  }

  async publish(rules: R, publishedBy: string, at: Date): Promise<RulesVersion<R>> {
    const { rows } = await this.store.query<{ version: number }>(
      `INSERT INTO routing_rules (version, rules, published_at, published_by)
       SELECT COALESCE(MAX(version), 0) + 1, $1::jsonb, $2, $3 FROM routing_rules
       RETURNING version`,
      [JSON.stringify(rules), at, publishedBy],
    );
    return { version: Number(rows[0]!.version), rules, publishedAt: at.toISOString(), publishedBy };
  }
}
