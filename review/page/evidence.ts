/** The evidence of a link, as the dedup scorer records it: its Chinese explanation, contributions, closest sentences. */
import { h } from './dom';

const FIELD_NAMES: Record<string, string> = {
  person: '被举报人',
  official: '公职人员',
  organisation: '单位',
  phone: '电话',
  id_number: '身份证号',
  place: '地点',
  date: '时间',
  amount: '金额',
  category: '类别',
  cosine: '语义相似度',
  shingle: '文字重合度',
};

const STATE_NAMES: Record<string, string> = {
  agree: '一致',
  disagree: '不一致',
  missing: '未提及',
  county: '同一区县',
  prefecture: '同一地市',
  province: '同一省份',
};

interface Contribution {
  field?: string;
  state?: string;
  weight?: number;
  detail?: string;
  value?: number;
  /** Chinese, every code named (review/cluster-views.ts). */
  label?: string;
}

export function renderEvidence(evidence: unknown): HTMLElement {
  const box = h('div', { class: 'evidence' });
  if (!evidence || typeof evidence !== 'object') return box;
  const e = evidence as { text?: unknown; contributions?: unknown; sentences?: { a?: unknown; b?: unknown } };
  if (typeof e.text === 'string') box.appendChild(h('p', {}, e.text));
  if (Array.isArray(e.contributions) && e.contributions.length > 0) {
    box.appendChild(
      h(
        'ul',
        {},
        ...(e.contributions as Contribution[]).map((c) => {
          const w = typeof c.weight === 'number' ? ` ${c.weight >= 0 ? '+' : ''}${c.weight.toFixed(1)}` : '';
          const state = STATE_NAMES[c.state ?? ''] ?? '';
          if (c.label) return h('li', {}, `${c.label}${w}`);
          const what = typeof c.value === 'number' ? c.value.toFixed(2) : state;
          return h('li', {}, `${FIELD_NAMES[c.field ?? ''] ?? '其他'}：${what}${w}`);
        }),
      ),
    );
  }
  if (e.sentences && typeof e.sentences.a === 'string' && typeof e.sentences.b === 'string') {
    box.append(h('div', { class: 'muted' }, '最相近的句子：'), h('blockquote', {}, e.sentences.a), h('blockquote', {}, e.sentences.b));
  }
  return box;
}
