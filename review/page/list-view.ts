/** The cluster list with its filters; the filters live in the address (#/?status=open&minSize=2). */
import { CATEGORIES } from '../../models/categories';
import type { ClusterListItem } from '../review.views';
import { api } from './client';
import { formatTime, h, shortId, STATUS_NAMES } from './dom';

const PAGE = 20;
/** Every cluster, single reports included: a report nobody else sent is a lead too. */
export const DEFAULT_LIST = '#/';

export async function renderList(root: HTMLElement, params: URLSearchParams, go: (hash: string) => void): Promise<void> {
  const offset = Number(params.get('offset') ?? 0);
  const query = new URLSearchParams(params);
  query.set('limit', String(PAGE));
  const page = await api.get<{ total: number; clusters: ClusterListItem[] }>(`/clusters?${query.toString()}`);
  root.replaceChildren(filters(params, go), table(page.clusters, go), pager(page.total, offset, params, go));
}

function filters(params: URLSearchParams, go: (hash: string) => void): HTMLElement {
  const status = h('select', { name: 'status' }, h('option', { value: '' }, '全部状态'), h('option', { value: 'open' }, '待审核'), h('option', { value: 'confirmed' }, '已确认'));
  status.value = params.get('status') ?? '';
  const minSize = h('input', { name: 'minSize', type: 'number', min: 1, max: 999, style: 'width:5em', value: params.get('minSize') ?? '', placeholder: '不限' });
  const cross = h('input', { name: 'crossProvince', type: 'checkbox', checked: params.get('crossProvince') === 'true' });
  const from = h('input', { name: 'from', type: 'date', value: params.get('from') ?? '' });
  const to = h('input', { name: 'to', type: 'date', value: params.get('to') ?? '' });
  const search = h('input', { name: 'q', type: 'search', maxlength: 100, style: 'width:16em', value: params.get('q') ?? '', placeholder: '姓名、地点、查询码或线索编号' });
  const category = h('select', { name: 'category' }, h('option', { value: '' }, '全部类别'), ...CATEGORIES.map((c) => h('option', { value: c.code }, `${c.no}. ${c.name}`)));
  category.value = params.get('category') ?? '';
  const apply = (): void => {
    const p = new URLSearchParams();
    if (search.value.trim()) p.set('q', search.value.trim());
    if (status.value) p.set('status', status.value);
    if (minSize.value) p.set('minSize', minSize.value);
    if (cross.checked) p.set('crossProvince', 'true');
    if (from.value) p.set('from', from.value);
    if (to.value) p.set('to', to.value);
    if (category.value) p.set('category', category.value);
    go(`#/?${p.toString()}`);
  };
  const form = h(
    'form',
    { class: 'panel filters', onsubmit: (e: Event) => (e.preventDefault(), apply()) },
    h('label', {}, '搜索', search),
    h('label', {}, '状态', status),
    h('label', {}, '最少线索数', minSize),
    h('label', {}, cross, '仅跨省'),
    h('label', {}, '受理日期', from, '至', to),
    h('label', {}, '类别', category),
    h('button', { class: 'primary', type: 'submit' }, '查询'),
    h('button', { type: 'button', onclick: () => go(DEFAULT_LIST) }, '重置'),
  );
  return form;
}

function table(clusters: readonly ClusterListItem[], go: (hash: string) => void): HTMLElement {
  if (clusters.length === 0) return h('div', { class: 'panel muted' }, '没有符合条件的线索簇。');
  const head = h('tr', {}, ...['线索簇', '代表线索摘要', '线索数', '独立举报人', '首次受理', '最近受理', '涉及省份', '状态', '最早办理期限', '主要类别'].map((t) => h('th', {}, t)));
  const rows = clusters.map((c) =>
    h(
      'tr',
      { class: 'row', 'data-cluster-id': c.clusterId, onclick: () => go(`#/clusters/${c.clusterId}`) },
      h('td', {}, h('a', { href: `#/clusters/${c.clusterId}` }, h('code', {}, shortId(c.clusterId)))),
      h('td', {}, c.excerpt),
      h('td', { class: 'member-count' }, c.memberCount),
      h('td', {}, c.independentReporters),
      h('td', {}, formatTime(c.firstSeen)),
      h('td', {}, formatTime(c.lastSeen)),
      h('td', {}, c.provinceNames.join('、') || '—', c.crossProvince ? h('span', { class: 'tag cross' }, '跨省') : null),
      h('td', {}, h('span', { class: `tag ${c.status}` }, STATUS_NAMES[c.status] ?? c.status)),
      h('td', {}, formatTime(c.deadlineAt, false)),
      h('td', {}, c.categoryNames.join('、')),
    ),
  );
  return h('table', { class: 'clusters' }, h('thead', {}, head), h('tbody', {}, ...rows));
}

function pager(total: number, offset: number, params: URLSearchParams, go: (hash: string) => void): HTMLElement {
  const to = (o: number): void => {
    const p = new URLSearchParams(params);
    if (o > 0) p.set('offset', String(o));
    else p.delete('offset');
    go(`#/?${p.toString()}`);
  };
  return h(
    'div',
    { class: 'pager' },
    h('span', { class: 'muted' }, `共 ${total} 个线索簇`),
    h('button', { disabled: offset === 0, onclick: () => to(Math.max(0, offset - PAGE)) }, '上一页'),
    h('button', { disabled: offset + PAGE >= total, onclick: () => to(offset + PAGE) }, '下一页'),
  );
}
