/**
 * npm run demo [-- --count N --seed S --serve]
 *
 * Starts the embedded pipeline (in-process bus, PGlite, in-process index; no servers), submits a
 * generated batch through the HTTP API, waits until every report is routed and prints a summary
 * against the generator's truth. Exits 0 when every accepted report was routed exactly once.
 * With --serve both applications stay up afterwards: the intake on HOST:PORT (citizens) and the
 * console on HOST:CONSOLE_PORT (analysts), with throw-away console users the demo creates and
 * prints (random passwords; a TOTP secret for the national-office user).
 */
import { openEmbeddedAdapters, closeAdapters } from '../infra/embedded';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../infra/config';
import { resolveKeys } from '../infra/crypto/keyring';
import { provisionUser } from '../console/auth/provision';
import type { Services } from '../infra/pipeline';
import { describeEmbedder, openEmbedder } from '../infra/embedding/open-embedder';
import { createServices, STAGE_NAMES, startWorkers, type Runtime } from '../infra/pipeline';
import { jsonLogger, systemClock, systemIds } from '../infra/runtime/system-runtime';
import { createObservability } from '../infra/observability/observe';
import { categoryName, isCategoryCode } from '../models/categories';
import { provinceName } from '../models/divisions';
import { TOPICS } from '../models/topics';
import { generateReports } from '../synth/generator';
import { loadOutcomes, pairMetrics, submitAll, table, waitUntilRouted } from './batch';
import { runCommand } from './command';
import { COMMANDS } from './commands';
import { categorySummary, refusalSummary } from './demo-summary';
import { showLifecycle } from './demo-lifecycle';
import { parseFlags } from './flags';

/** The demo's own console users, created at each --serve with fresh random passwords. */
const DEMO_USERS = [
  { userId: 'demo-gansu', displayName: '甘肃省演示分析员', role: 'provincial-analyst', provinceCode: '62' },
  { userId: 'demo-gansu-lead', displayName: '甘肃省演示负责人', role: 'provincial-supervisor', provinceCode: '62' },
  { userId: 'demo-national', displayName: '全国办演示分析员', role: 'national-analyst' },
  { userId: 'demo-auditor', displayName: '演示审计员', role: 'auditor' },
] as const;

async function provisionDemoUsers(services: Pick<Services, 'users'>): Promise<string[]> {
  const lines: string[] = [];
  for (const u of DEMO_USERS) {
    const password = randomBytes(12).toString('base64url');
    const made = await provisionUser(services.users, { ...u, password }, new Date());
    lines.push(`  ${u.userId.padEnd(16)} ${u.role.padEnd(22)} password ${password}${made.totp ? `  TOTP secret ${made.totp.secret} (code: npm run users -- code ${made.totp.secret})` : ''}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2), { count: 300, seed: 1, serve: false, timeout: 600 });
  const config = loadConfig(process.env, 'embedded');
  const runtime: Runtime = { clock: systemClock, ids: systemIds, logger: jsonLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) };
  const started = Date.now();
  const embedder = await openEmbedder(config.embedder, runtime.logger, config.modelDir);
  const adapters = await openEmbeddedAdapters({ embedder, ...(config.pgliteDataDir ? { pgliteDataDir: config.pgliteDataDir } : {}) });
  const obs = createObservability(adapters, runtime);
  const services = await createServices(obs.adapters, runtime, {
    keys: resolveKeys(config, runtime.logger),
    ...(config.consoleTokenSecret ? { consoleTokenSecret: config.consoleTokenSecret } : {}),
  });
  const subscriptions = await startWorkers(obs.adapters, { stages: obs.stages(services), handled: services.handled }, runtime);
  obs.watch(subscriptions, STAGE_NAMES);
  const app = services.buildApp();
  obs.instrumentApp(app, 'intake');
  console.log(`xiansuo demo — embedded mode (in-process bus, PGlite, in-process index), started in ${Date.now() - started} ms`);
  console.log(`embedder: ${describeEmbedder(adapters.embedder)}`);

  const batch = generateReports({ count: flags.count, seed: flags.seed });
  const t0 = Date.now();
  // The batch is one in-process client: the intake's per-client rate limit (20 submissions a
  // minute) would refuse most of it. The served intake (--serve) keeps its limits.
  const { submitted, rejected } = await submitAll(services.buildApp({ limits: { overall: false } }), services, batch);
  const routed = await waitUntilRouted(adapters.store, submitted.length, flags.timeout * 1000);
  const seconds = (Date.now() - t0) / 1000;
  const outcomes = await loadOutcomes(adapters.store);

  console.log(`\nsubmitted ${batch.length} generated reports (seed ${flags.seed}) through POST /api/v1/reports: ${submitted.length} accepted (201), ${rejected.length} refused (4xx)`);
  const kindOf = new Map(batch.map((g) => [g.id, g.truth.kind]));
  console.log(refusalSummary(rejected.map((r) => ({ ...r, ...(kindOf.get(r.id) ? { kind: kindOf.get(r.id)! } : {}) }))));
  console.log(`routed ${routed}/${submitted.length} in ${seconds.toFixed(1)} s (${(routed / seconds).toFixed(1)} reports/s end to end)`);

  const routedMessages = adapters.bus.topicNames().filter((t) => t.startsWith('leads.'));
  const perQueue = routedMessages.map((t) => [t, queueLabel(t), adapters.bus.messages(t).length] as const).sort((a, b) => b[2] - a[2]);
  console.log(`\nleads routed to each queue (topic)\n${table(['topic', 'queue', 'leads'], perQueue)}`);

  const rows = submitted.map((s) => ({ s, o: outcomes.get(s.reportId) }));
  console.log(`\n${categorySummary(rows.map(({ s, o }) => ({ truthPrimary: s.generated.truth.categories[0] ?? '?', truthAll: s.generated.truth.categories, predicted: o?.primaryCategory })))}`);
  const withProvince = rows.filter(({ s }) => s.generated.truth.provinceCode !== null);
  const provinceRight = withProvince.filter(({ s, o }) => o?.provinceCode === s.generated.truth.provinceCode).length;
  console.log(`province accuracy (the lead's province = the generator's, over accepted reports whose text lets a reader place them): ${pct(provinceRight, withProvince.length)}`);

  const clusterItems = rows.map(({ s, o }) => ({ truth: s.generated.truth.incidentId, found: o?.clusterId ?? s.reportId }));
  const truthClusters = countMulti(clusterItems.map((x) => x.truth));
  const foundClusters = countMulti(clusterItems.map((x) => x.found));
  const m = pairMetrics(clusterItems);
  console.log(`\nduplicate clusters (2+ reports of one incident): found ${foundClusters}, generator's truth ${truthClusters}`);
  console.log(
    `duplicate pairs (two reports in one cluster): found ${m.foundPairs}, true ${m.truePairs}; pairwise precision ${m.precision.toFixed(3)} (found pairs that are true), recall ${m.recall.toFixed(3)} (true pairs found), F1 ${m.f1.toFixed(3)}`,
  );
  const dead = adapters.bus.messages(TOPICS.dead).length;
  const routedOnce = new Set(routedMessages.flatMap((t) => adapters.bus.messages(t).map((x) => x.key)));
  const totalRouted = routedMessages.reduce((n, t) => n + adapters.bus.messages(t).length, 0);
  console.log(`dead letters (messages a stage could not process): ${dead}; routed messages ${totalRouted}, distinct leads ${routedOnce.size} (equal: nothing routed twice)`);

  const lifecycleOk = await showLifecycle(services, adapters.store, app);
  const ok = routed === submitted.length && totalRouted === routedOnce.size && routedOnce.size === submitted.length && lifecycleOk;
  if (flags.serve) {
    const users = await provisionDemoUsers(services);
    const consoleApp = services.buildConsoleApp();
    obs.instrumentApp(consoleApp, 'console');
    await app.listen({ host: config.host, port: config.port });
    await consoleApp.listen({ host: config.host, port: config.consolePort });
    const opsPort = await obs.listen(config.host, config.opsPort);
    console.log(`\nintake (citizens, the outer network): http://${config.host}:${config.port}/api/v1/reports`);
    console.log(`console (analysts, the inner network): http://${config.host}:${config.consolePort}/review/ — sign in as one of:`);
    console.log(users.join('\n'));
    console.log(`operators: http://${config.host}:${opsPort}/metrics, /readyz, /livez (npm run status -- --url http://${config.host}:${opsPort})`);
    console.log('(throw-away demo users with fresh passwords at every start; Ctrl-C to stop)');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    await Promise.all([app.close(), consoleApp.close(), obs.close()]);
  }
  await Promise.all(subscriptions.map((s) => s.stop()));
  await closeAdapters(adapters);
  if (!ok) console.error('demo FAILED: not every accepted report was routed exactly once');
  return ok ? 0 : 1;
}

function queueLabel(topic: string): string {
  if (topic === TOPICS.national) return '全国扫黑办';
  if (topic === TOPICS.outOfScope) return '非涉黑涉恶（转其他渠道）';
  if (topic === TOPICS.held) return '无效举报（暂存待复核）';
  return provinceName(topic.replace('leads.province.', ''));
}

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
}

function countMulti(keys: readonly string[]): number {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.values()].filter((n) => n >= 2).length;
}

runCommand('demo', COMMANDS.demo!.usage, main);
