/**
 * npm run bench -- routing [--sizes 10000,100000]
 *
 * A dry run as the workbench does it (POST /api/v1/routing/dry-runs): load the facts of every
 * stored lead with its cluster as it stands, evaluate the active set and a draft, count the
 * moves. Leads are seeded straight into an embedded store (PGlite, in memory) with varied facts
 * (provinces, categories, officials, clusters); seeding is not timed. Prints one line per size,
 * `dry run: N leads in S s`. Asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { PROVINCE_CODES } from '../models/divisions';
import { CATEGORY_CODES } from '../models/categories';
import type { Store } from '../models/ports/store.port';
import { closeAdapters, openEmbeddedAdapters } from '../infra/embedded';
import { createServices, type Runtime } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import type { Principal } from '../models/access';
import type { StoredLeadFacts } from '../routing/lead-facts';
import { DEFAULT_RULE_SET, OFFICIAL_SYSTEMS, type RuleSet } from '../routing/rule-set';
import { parseFlags } from './flags';

const BATCH = 5000;
const SEED_ROWS = `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, at timestamptz, province text, category text, cluster uuid, facts jsonb)),
reports_in AS (
  INSERT INTO reports (report_id, query_code_hash, received_at, status, status_updated_at, reporter_profile, payload, published_at)
  SELECT id, id::text, at, 'routed', at, '{"realName":false,"contactGiven":false}'::jsonb, '{}'::jsonb, at FROM r RETURNING report_id),
leads_in AS (
  INSERT INTO leads (lead_id, received_at, screening, primary_category, province_code, credibility, embedder_id, embedding, cluster_id, dedup, route, route_topic, routed_at, updated_at, routing_facts)
  SELECT id, at, '{"text":""}'::jsonb, category, province, 50, 'bench', '{}', cluster,
    jsonb_build_object('decision', CASE WHEN cluster = id THEN 'new' ELSE 'duplicate' END, 'clusterId', cluster, 'score', 0.8),
    jsonb_build_object('ruleId', 'province', 'rulesVersion', 1), 'leads.province.' || coalesce(province, 'none'), at, at, facts::text
  FROM r WHERE id IN (SELECT report_id FROM reports_in) RETURNING lead_id)
SELECT count(*) FROM leads_in`;

/** A seeded generator (mulberry32): the same leads on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(store: Store, count: number, rnd: () => number): Promise<void> {
  const clusters: Array<{ id: string; province: string | null }> = [];
  for (let done = 0; done < count; done += BATCH) {
    const rows = [];
    for (let i = 0; i < Math.min(BATCH, count - done); i++) {
      const id = randomUUID();
      const province = rnd() < 0.05 ? null : PROVINCE_CODES[Math.floor(rnd() * 31)]!;
      const category = rnd() < 0.1 ? 'OUT_OF_SCOPE' : rnd() < 0.03 ? 'INVALID' : CATEGORY_CODES[Math.floor(rnd() * 12)]!;
      const joined = rnd() < 0.2 && clusters.length > 0 ? clusters[Math.floor(rnd() * clusters.length)]! : undefined;
      if (!joined) clusters.push({ id, province });
      const officials = rnd() < 0.3 ? [{ level: Math.floor(rnd() * 6), system: OFFICIAL_SYSTEMS[Math.floor(rnd() * 5)]!, provinceCode: rnd() < 0.8 ? null : province }] : [];
      const facts: StoredLeadFacts = {
        provinceCode: province,
        prefectureCode: province ? `${province}01` : null,
        countyCode: null,
        subjectProvinces: province ? [province] : [],
        categories: [{ code: category as never, probability: 0.6 }, { code: 'VICE', probability: rnd() * 0.4 }],
        inScope: category !== 'OUT_OF_SCOPE' && category !== 'INVALID',
        credibility: Math.round(rnd() * 100),
        officials,
        realName: rnd() < 0.4,
        channel: 'online',
        entities: [`人员${Math.floor(rnd() * 5000)}`],
      };
      rows.push({ id, at: new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 300) * 86_400_000).toISOString(), province, category, cluster: joined?.id ?? id, facts });
    }
    await store.query(SEED_ROWS, [JSON.stringify(rows)]);
  }
}

/** The draft a campaign might try: Gansu and Qinghai kept at the national office, anonymous low-credibility leads held. */
const DRAFT: RuleSet = {
  rules: [
    ...DEFAULT_RULE_SET.rules.slice(0, -1),
    { id: 'northwest-campaign', reason: '西北专项行动', when: { provinceIn: ['62', '63'] }, route: 'national' },
    { id: 'weak-anonymous', reason: '匿名且可信度低，暂存复核', when: { realName: false, credibilityBelow: 15 }, route: 'held' },
    DEFAULT_RULE_SET.rules[DEFAULT_RULE_SET.rules.length - 1]!,
  ],
};

export async function benchRouting(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, { sizes: '10000,100000', seed: 1 });
  const sizes = flags.sizes.split(',').map(Number).sort((a, b) => a - b);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes is a comma-separated list of positive integers');
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger('error') };
  const adapters = await openEmbeddedAdapters();
  try {
    const services = await createServices(adapters, runtime, { reporterKey: Buffer.alloc(32, 1) });
    const office: Principal = { id: 'bench', name: 'bench', role: 'national-analyst', scope: { kind: 'national' } };
    const rnd = random(flags.seed);
    let seeded = 0;
    for (const size of sizes) {
      await seed(adapters.store, size - seeded, rnd);
      seeded = size;
      await services.workbench.dryRun(office, { rules: DRAFT }); // warm-up: JIT and PGlite caches
      const t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const run = await services.workbench.dryRun(office, { rules: DRAFT });
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      const used = process.cpuUsage(cpu);
      // PGlite runs inside this process: its CPU time is the work; wall time also shows the machine's load.
      const cpuSeconds = (used.user + used.system) / 1e6;
      console.log(
        `dry run: ${run.result.leads} leads in ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s, load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; moved ${run.result.moved}, ${run.result.moves.length} kinds of move)`,
      );
    }
  } finally {
    await closeAdapters(adapters);
  }
}
