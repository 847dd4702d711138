/** One cluster: members side by side with shared entities highlighted, links with evidence, actions, audit trail. */
import type { AuditEntry, ClusterDetail, LinkView, MemberView } from '../review.views';
import { categoryName, isCategoryCode } from '../../models/categories';
import { api } from './client';
import { ACTION_NAMES, append, ENTITY_NAMES, formatTime, h, reasonForm, shortId, STATUS_NAMES } from './dom';
import { entityKey, highlightSegments } from './highlight';
import { renderEvidence } from './evidence';
import { DEFAULT_LIST } from './list-view';
import { correctionForm, correctionLine } from './classify-form';

export async function renderDetail(root: HTMLElement, clusterId: string, go: (hash: string, replace?: boolean) => void, flash?: string): Promise<void> {
  const [cluster, audit] = await Promise.all([
    api.get<ClusterDetail>(`/clusters/${clusterId}`),
    api.get<{ entries: AuditEntry[] }>(`/audit?clusterId=${clusterId}`),
  ]);
  if (cluster.clusterId !== clusterId) return go(`#/clusters/${cluster.clusterId}`, true);
  const label = new Map(cluster.members.map((m, i) => [m.leadId, `线索 ${i + 1}`]));
  const name = (leadId: string | null): string => (leadId ? (label.get(leadId) ?? shortId(leadId)) : '—');
  const after = (message: string) => async (): Promise<void> => renderDetail(root, cluster.clusterId, go, message);
  root.replaceChildren();
  append(root, [
    h('p', {}, h('a', { href: DEFAULT_LIST }, '← 返回线索簇列表')),
    flash ? h('div', { class: 'notice', role: 'status' }, flash) : null,
    summary(cluster),
    actions(cluster, after, go),
    legend(cluster),
    h('div', { class: 'members' }, ...cluster.members.map((m, i) => member(cluster, m, i, after))),
    links(cluster.links, name, after),
    auditTrail(audit.entries, name),
  ]);
}

function summary(c: ClusterDetail): HTMLElement {
  return h(
    'section',
    { class: 'panel summary' },
    h('h2', {}, '线索簇 ', h('code', {}, c.clusterId), ' ', h('span', { class: `tag ${c.status}` }, STATUS_NAMES[c.status] ?? c.status), c.crossProvince ? h('span', { class: 'tag cross' }, '跨省') : null),
    h(
      'div',
      {},
      h('span', { class: 'member-count' }, `共 ${c.memberCount} 条线索`),
      `，独立举报人 ${c.independentReporters} 人；涉及 ${c.provinceNames.join('、') || '未知省份'}；首次受理 ${formatTime(c.members[0]?.receivedAt)}，最早办理期限 ${formatTime(c.deadlineAt, false)}。`,
    ),
  );
}

function actions(c: ClusterDetail, after: (m: string) => () => Promise<void>, go: (hash: string) => void): HTMLElement {
  const confirm = reasonForm({
    label: '确认本簇线索为同一事件（理由可选）',
    placeholder: '例如：被举报人、地点、手段一致',
    button: '确认为同一事件',
    required: false,
    submit: async (reason) => {
      await api.post(`/clusters/${c.clusterId}/confirm`, reason ? { reason } : {});
      await after('已确认本线索簇。')();
    },
  });
  const other = h('input', { placeholder: '另一线索簇编号', 'aria-label': '另一线索簇编号', style: 'width:100%' });
  const merge = reasonForm({
    label: '与另一线索簇合并（先建立的线索簇保留编号）',
    placeholder: '合并理由（必填）',
    button: '合并',
    required: true,
    extra: other,
    submit: async (reason) => {
      const result = await api.post<{ clusterId: string }>(`/clusters/${c.clusterId}/merge`, { otherClusterId: other.value.trim(), reason });
      go(`#/clusters/${result.clusterId}`);
    },
  });
  return h('section', { class: 'panel actions' }, c.status === 'confirmed' ? h('div', { class: 'muted' }, '本簇已确认。') : h('div', {}, confirm), h('div', {}, merge));
}

function legend(c: ClusterDetail): HTMLElement {
  if (c.sharedEntities.length === 0) return h('div', { class: 'panel legend muted' }, '各条线索之间没有共同的实体。');
  return h(
    'div',
    { class: 'panel legend' },
    '共同要素（已在原文中高亮）：',
    ...c.sharedEntities.map((e) => h('mark', { class: `tag ${e.type}` }, `${ENTITY_NAMES[e.type] ?? e.type}：${e.texts.join(' / ')}（${e.leadIds.length} 条）`)),
  );
}

function member(c: ClusterDetail, m: MemberView, i: number, after: (msg: string) => () => Promise<void>): HTMLElement {
  const shared = new Set(c.sharedEntities.map((e) => `${e.type}:${e.value}`));
  const text = h('div', { class: 'text' });
  for (const seg of highlightSegments(m.text, m.entities, shared)) {
    text.appendChild(seg.entity ? h('mark', { class: seg.entity.type, title: `${ENTITY_NAMES[seg.entity.type] ?? ''}：${entityKey(seg.entity).split(':').slice(1).join(':')}` }, seg.text) : document.createTextNode(seg.text));
  }
  const splitBox = h('div', { hidden: true });
  const canSplit = c.memberCount > 1;
  splitBox.appendChild(
    reasonForm({
      label: `将${`线索 ${i + 1}`}拆分为单独的线索簇`,
      placeholder: '拆分理由（必填）',
      button: '确认拆分',
      required: true,
      submit: async (reason) => {
        await api.post(`/clusters/${c.clusterId}/split`, { leadId: m.leadId, reason });
        await after(`已将线索 ${i + 1} 拆分为单独的线索簇。`)();
      },
    }),
  );
  return h(
    'article',
    { class: 'member', 'data-lead-id': m.leadId },
    h('h3', {}, `线索 ${i + 1} `, m.isCanonical ? h('span', { class: 'tag canonical' }, '代表线索') : null, m.isCopy ? h('span', { class: 'tag copy' }, '重复提交') : null),
    h('div', { class: 'muted' }, `编号 ${shortId(m.leadId)} · 受理 ${formatTime(m.receivedAt)} · 期限 ${formatTime(m.deadlineAt, false)}`),
    h('div', {}, `地点：${[m.provinceName, m.countyName].filter(Boolean).join(' ') || '未识别'}`),
    h('div', {}, `类别：${m.categories.slice(0, 2).map((k) => `${isCategoryCode(k.code) ? categoryName(k.code) : k.code}（${Math.round(k.probability * 100)}%）`).join('、')}`),
    h('div', {}, `可信度：${Math.round(m.credibility.score)} 分`),
    m.credibility.reasons.length ? h('ul', {}, ...m.credibility.reasons.map((r) => h('li', {}, `${r.message}（${r.weight > 0 ? '+' : ''}${r.weight}）`))) : null,
    h('div', {}, `去重判定：${m.dedupText}`),
    correctionLine(m),
    text,
    canSplit ? h('div', {}, h('button', { class: 'danger split', onclick: () => (splitBox.hidden = !splitBox.hidden) }, '拆分出此簇')) : null,
    splitBox,
    correctionForm(m, (message) => after(message)()),
  );
}

function links(all: readonly LinkView[], name: (id: string) => string, after: (msg: string) => () => Promise<void>): HTMLElement {
  if (all.length === 0) return h('section', { class: 'panel' }, h('h2', {}, '关联与证据'), h('p', { class: 'muted' }, '暂无关联记录。'));
  return h(
    'section',
    { class: 'panel links' },
    h('h2', {}, '关联与证据'),
    ...all.map((l) => {
      const box = h('div', { hidden: true });
      box.appendChild(
        reasonForm({
          label: `${name(l.leadId)} 与 ${name(l.otherLeadId)} 不是同一事件（较晚受理的一条将被拆出）`,
          placeholder: '理由（必填）',
          button: '确认不是重复',
          required: true,
          submit: async (reason) => {
            await api.post('/pairs/not-duplicate', { leadA: l.leadId, leadB: l.otherLeadId, reason });
            await after(`已标记 ${name(l.leadId)} 与 ${name(l.otherLeadId)} 不是重复。`)();
          },
        }),
      );
      return h(
        'div',
        { class: 'link' },
        h('strong', {}, `${name(l.leadId)} ↔ ${name(l.otherLeadId)}`),
        ` · ${l.kind === 'duplicate' ? '重复' : '相关'} · ${l.measureText}`,
        l.source === 'dedup' ? h('span', { class: 'muted' }, '（去重阶段）') : null,
        renderEvidence(l.evidence),
        h('button', { class: 'danger', onclick: () => (box.hidden = !box.hidden) }, '不是重复'),
        box,
      );
    }),
  );
}

function auditTrail(entries: readonly AuditEntry[], name: (id: string | null) => string): HTMLElement {
  const rows = entries.map((e) =>
    h('tr', {}, h('td', {}, formatTime(e.at)), h('td', {}, String(e.details.actorName ?? e.actor)), h('td', {}, ACTION_NAMES[e.action] ?? e.action), h('td', {}, name(e.leadId)), h('td', {}, e.reason ?? '')),
  );
  return h(
    'section',
    { class: 'panel audit' },
    h('h2', {}, '操作记录'),
    entries.length === 0
      ? h('p', { class: 'muted' }, '暂无操作记录。')
      : h('table', {}, h('thead', {}, h('tr', {}, ...['时间', '操作人', '操作', '线索', '理由'].map((t) => h('th', {}, t)))), h('tbody', {}, ...rows)),
  );
}
