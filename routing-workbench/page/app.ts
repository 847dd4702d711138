/** The routing workbench page: the rules in force with coverage, a draft editor with inline validation, dry run, two-person publish. */
interface Issue { readonly message: string }
interface Rule { readonly id: string; readonly reason: string; readonly when: Record<string, unknown>; readonly route: string }
interface Move { readonly from: string; readonly to: string; readonly count: number; readonly byProvince: Record<string, number>; readonly samples: ReadonlyArray<{ leadId: string; fromRule: string; toRule: string }> }
interface DryRun { readonly seconds: number; readonly againstVersion: number; readonly result: { leads: number; moved: number; moves: readonly Move[] } }
interface Draft { readonly draftId: string; readonly author: string; readonly status: string; readonly revision: number; readonly note: string | null; readonly dryRun: (DryRun & { revision: number }) | null; readonly publishedVersion: number | null }

const TOKEN_KEY = 'xiansuo.routing.token';
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const QUEUES: Record<string, string> = { national: '全国扫黑办', 'out-of-scope': '转其他渠道', held: '暂存待复核' };
const queueName = (q: string): string => QUEUES[q] ?? `省级（${q}）`;

function el(tag: string, text?: string, attrs: Record<string, string> = {}): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function row(cells: Array<string | HTMLElement>): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    if (typeof c === 'string') td.textContent = c;
    else td.append(c);
    tr.append(td);
  }
  return tr;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const data = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (res.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin();
  }
  if (!res.ok) throw new Error(data.message ?? `请求失败（${res.status}）`);
  return data;
}

function say(text: string, kind: 'notice' | 'error' = 'notice'): void {
  const box = $('message');
  box.replaceChildren(el('div', text, { class: kind }));
}

function showLogin(): void {
  $('login').hidden = false;
  $('app').hidden = true;
}

async function loadRules(): Promise<void> {
  const overview = await call<{ activeVersion: number; drafts: Draft[] }>('GET', '/api/v1/routing/rule-sets');
  const active = await call<{ rules: { rules: Rule[] } }>('GET', `/api/v1/routing/rule-sets/${overview.activeVersion}`);
  const coverage = await call<{ rules: Array<{ ruleId: string; leads: number; dead: boolean }> }>('GET', '/api/v1/routing/coverage');
  $('active-version').textContent = String(overview.activeVersion);
  const hits = new Map(coverage.rules.map((r) => [r.ruleId, r]));
  $('rules').querySelector('tbody')!.replaceChildren(
    ...active.rules.rules.map((r, i) => row([String(i + 1), r.id, JSON.stringify(r.when), queueName(r.route === 'province' ? '案发地' : r.route), r.reason, `${hits.get(r.id)?.leads ?? 0}${hits.get(r.id)?.dead ? '（未命中）' : ''}`])),
  );
  const editor = $<HTMLTextAreaElement>('editor');
  if (!editor.value) editor.value = JSON.stringify(active.rules, null, 2);
  $('drafts').querySelector('tbody')!.replaceChildren(...overview.drafts.map(draftRow));
}

function draftRow(d: Draft): HTMLTableRowElement {
  const actions = el('span');
  if (d.status === 'draft') {
    const dry = el('button', '试运行', { 'data-draft': d.draftId, class: 'dry-run' });
    dry.addEventListener('click', () => void dryRun(d.draftId));
    const publish = el('button', '审批发布', { 'data-draft': d.draftId, class: 'publish primary' });
    publish.addEventListener('click', () => void publishDraft(d.draftId));
    actions.append(dry, ' ', publish);
  }
  const dried = d.dryRun && d.dryRun.revision === d.revision ? `已试运行（移动 ${d.dryRun.result.moved} 条）` : '未试运行';
  const status = d.status === 'published' ? `已发布为第 ${d.publishedVersion} 版` : d.status === 'draft' ? `草案（第 ${d.revision} 稿）` : '已撤回';
  return row([`${d.draftId.slice(0, 8)} ${d.note ?? ''}`, d.author, status, dried, actions]);
}

let validating: number | undefined;
function validateSoon(): void {
  window.clearTimeout(validating);
  validating = window.setTimeout(() => void validate(), 300);
}

async function validate(): Promise<boolean> {
  const box = $('validation');
  let rules: unknown;
  try {
    rules = JSON.parse($<HTMLTextAreaElement>('editor').value);
  } catch {
    box.replaceChildren(el('div', 'JSON 格式不正确', { class: 'error' }));
    return false;
  }
  const check = await call<{ valid: boolean; errors: Issue[]; warnings: Issue[] }>('POST', '/api/v1/routing/validate', { rules });
  box.replaceChildren(
    ...check.errors.map((e) => el('div', e.message, { class: 'error' })),
    ...check.warnings.map((w) => el('div', w.message, { class: 'warning' })),
    ...(check.valid && check.warnings.length === 0 ? [el('div', '校验通过', { class: 'notice' })] : []),
  );
  return check.valid;
}

async function saveDraft(): Promise<void> {
  if (!(await validate())) return;
  const note = $<HTMLInputElement>('note').value.trim();
  const d = await call<Draft>('POST', '/api/v1/routing/drafts', { rules: JSON.parse($<HTMLTextAreaElement>('editor').value), ...(note ? { note } : {}) });
  say(`草案已保存：${d.draftId}`);
  await loadRules();
}

async function dryRun(draftId: string): Promise<void> {
  const run = await call<DryRun>('POST', '/api/v1/routing/dry-runs', { draftId });
  $('dry-run').hidden = false;
  $('dry-summary').textContent = `对照第 ${run.againstVersion} 版，共 ${run.result.leads} 条线索，${run.result.moved} 条改变去向（用时 ${run.seconds} 秒）。`;
  $('moves').querySelector('tbody')!.replaceChildren(
    ...run.result.moves.map((m) => row([queueName(m.from), queueName(m.to), String(m.count), m.samples.map((s) => `${s.leadId.slice(0, 8)}（${s.fromRule} → ${s.toRule}）`).join('；')])),
  );
  const byProvince = new Map<string, number>();
  for (const m of run.result.moves) for (const [p, n] of Object.entries(m.byProvince)) byProvince.set(p, (byProvince.get(p) ?? 0) + n);
  const max = Math.max(1, ...byProvince.values());
  $('chart').replaceChildren(
    ...[...byProvince].sort((a, b) => b[1] - a[1]).map(([p, n]) => {
      const bar = el('div', undefined, { class: 'bar' });
      bar.append(el('span', p === 'unknown' ? '省份未知' : `省份 ${p}`, { class: 'label' }), el('span', undefined, { class: 'fill', style: `width:${Math.round((300 * n) / max)}px` }), el('span', String(n)));
      return bar;
    }),
  );
  await loadRules();
}

async function publishDraft(draftId: string): Promise<void> {
  const reason = $<HTMLInputElement>('reason').value.trim();
  const v = await call<{ version: number }>('POST', `/api/v1/routing/drafts/${draftId}/publish`, { reason });
  say(`已发布第 ${v.version} 版，各分流进程数秒内生效`);
  $<HTMLTextAreaElement>('editor').value = '';
  await loadRules();
}

async function start(): Promise<void> {
  try {
    const me = await call<{ name: string; roleName?: string; role: string }>('GET', '/api/v1/auth/me');
    $('who').textContent = `${me.name}`;
    $('login').hidden = true;
    $('app').hidden = false;
    await loadRules();
  } catch (e) {
    if (!$('app').hidden) say((e as Error).message, 'error');
  }
}

const guard = (fn: () => Promise<void>) => () => void fn().catch((e: Error) => say(e.message, 'error'));
$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData($<HTMLFormElement>('login'));
  void fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: form.get('userId'), password: form.get('password'), ...(form.get('totp') ? { totp: form.get('totp') } : {}) }),
  })
    .then(async (res) => {
      const data = (await res.json()) as { token?: string; message?: string };
      if (!res.ok || !data.token) throw new Error(data.message ?? '登录失败');
      sessionStorage.setItem(TOKEN_KEY, data.token);
      $('login-error').hidden = true;
      await start();
    })
    .catch((e: Error) => {
      $('login-error').hidden = false;
      $('login-error').textContent = e.message;
    });
});
$('editor').addEventListener('input', validateSoon);
$('save').addEventListener('click', guard(saveDraft));
if (sessionStorage.getItem(TOKEN_KEY)) void start();
else showLogin();
