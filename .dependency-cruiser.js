/**
 * The allowed arrows between the parts (docs/ARCHITECTURE.md draws them). Checked in CI by
 * `npm run lint:deps`; a violation fails the build.
 *
 *   models      the domain and its ports: imports nothing of ours
 *   stages      ingest/ screening/ dedup/ routing/: models only, never each other
 *   review      the review feature: models, and the API's HTTP helpers for its routes
 *   routing-workbench  the national office's rule sets: models, routing/'s pure evaluation, the API's HTTP helpers
 *   lifecycle   the case lifecycle feature: the same arrows as review
 *   api         the shared HTTP edge (hardened app, errors, helpers): models only
 *   intake      the internet-facing application: api, ingest, models; never console/ or review/
 *   console     the inner network's application: api, review, models; never ingest/ (the one-way flow)
 *   infra       adapters and wiring: anything above, never lab/ synth/ cli/ test/
 *   synth       the generator: models only
 *   lab         offline work: anything but cli/ (its flag parser aside) and test/
 *   cli, test   mains and tests: anything
 * Pages (`*\/page/`) are browser code: models and their own feature's view types only.
 */
const STAGES = '^(ingest|screening|dedup|routing)/';
const TEST = '\\.(test|contract)\\.ts$|^test/';

module.exports = {
  forbidden: [
    { name: 'models-import-nothing', severity: 'error', comment: 'models/ is the domain and its ports: it imports nothing of ours', from: { path: '^models/' }, to: { path: '^(ingest|screening|dedup|routing|review|lifecycle|api|intake|console|infra|lab|synth|cli|test|trained)/' } },
    { name: 'stages-import-models-only', severity: 'error', comment: 'a stage imports models/ only: stages meet on the bus', from: { path: '^(ingest|screening|dedup|routing)/([^/]+)/?', pathNot: TEST }, to: { path: '^(ingest|screening|dedup|routing|review|lifecycle|api|intake|console|infra|lab|synth|cli|test)/', pathNot: '^$1/' } },
    { name: 'review-imports-models-and-http', severity: 'error', from: { path: '^review/', pathNot: TEST }, to: { path: '^(ingest|screening|dedup|routing|intake|console|infra|lab|synth|cli|test)/|^api/(?!http\\.ts$)' } },
    { name: 'workbench-imports-models-routing-and-http', severity: 'error', from: { path: '^routing-workbench/', pathNot: TEST }, to: { path: '^(ingest|screening|dedup|review|intake|console|infra|lab|synth|cli|test)/|^api/(?!http\\.ts$)|^routing/(routing|reroute)\\.stage\\.ts$' } },
    { name: 'lifecycle-imports-models-and-http', severity: 'error', from: { path: '^lifecycle/', pathNot: TEST }, to: { path: '^(ingest|screening|dedup|routing|review|intake|console|infra|lab|synth|cli|test)/|^api/(?!http\\.ts$)' } },
    { name: 'api-imports-models-only', severity: 'error', comment: 'the shared HTTP edge knows no feature and no adapter', from: { path: '^api/', pathNot: TEST }, to: { path: '^(ingest|screening|dedup|routing|review|lifecycle|intake|console|infra|lab|synth|cli|test)/' } },
    { name: 'intake-holds-nothing-internal', severity: 'error', comment: 'the internet-facing application: submit and look up, nothing of the console', from: { path: '^intake/', pathNot: TEST }, to: { path: '^(screening|dedup|routing|review|lifecycle|console|infra|lab|synth|cli|test)/' } },
    { name: 'console-never-imports-intake', severity: 'error', comment: 'the inner network reads what intake wrote, through the store; never its code', from: { path: '^console/', pathNot: TEST }, to: { path: '^(ingest|intake|screening|dedup|routing|infra|lab|synth|cli|test)/' } },
    { name: 'infra-never-imports-offline', severity: 'error', from: { path: '^infra/', pathNot: TEST }, to: { path: '^(lab|synth|cli|test)/' } },
    { name: 'synth-imports-models-only', severity: 'error', from: { path: '^synth/', pathNot: TEST }, to: { path: '^(ingest|screening|dedup|routing|review|lifecycle|api|intake|console|infra|lab|cli|test)/' } },
    { name: 'lab-is-not-imported-by-runtime', severity: 'error', comment: 'offline work (training, calibration, labelling, evaluation) never runs in production', from: { path: '^(models|ingest|screening|dedup|routing|review|lifecycle|api|intake|console|infra|synth)/' }, to: { path: '^lab/' } },
    { name: 'lab-imports-no-mains', severity: 'error', comment: 'lab/ may use the command-line flag parser, nothing else of cli/', from: { path: '^lab/', pathNot: TEST }, to: { path: '^(cli|test)/', pathNot: '^cli/flags\\.ts$' } },
    { name: 'pages-are-browser-code', severity: 'error', comment: 'a page imports the domain and its own feature\'s view types, nothing that runs on the server', from: { path: '^([^/]+)/page/' }, to: { path: '^(ingest|screening|dedup|routing|api|intake|console|infra|lab|synth|cli|test)/|^models/ports/', pathNot: '^$1/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
