/** An analyst's correction of a lead's scope and categories: the current reading, and the form that changes it. */
import { CATEGORIES, categoryName, isCategoryCode } from '../../models/categories';
import type { MemberView } from '../review.views';
import { api } from './client';
import { formatTime, h, reasonForm } from './dom';

const TARGETS = CATEGORIES.filter((c) => c.no <= 12);

/** "分析员更正：属于涉黑涉恶 · 村霸、宗族恶势力（主要）、保护伞 — 理由…" or null when no one corrected it. */
export function correctionLine(m: MemberView): HTMLElement | null {
  const label = m.analystLabel;
  if (!label) return null;
  const names = label.categories.map((c, i) => `${isCategoryCode(c) ? categoryName(c) : c}${i === 0 && label.categories.length > 1 ? '（主要）' : ''}`);
  return h(
    'div',
    { class: 'correction' },
    `分析员更正：${label.inScope ? '属于涉黑涉恶' : '不属于涉黑涉恶'} · ${names.join('、')}（${formatTime(label.labelledAt)}${label.reason ? `，理由：${label.reason}` : ''}）`,
  );
}

/** The form, hidden until asked for; `done` re-renders the cluster with a message. */
export function correctionForm(m: MemberView, done: (message: string) => Promise<void>): HTMLElement {
  const current = m.analystLabel;
  const inScope = h('input', { type: 'checkbox', name: 'in-scope', ...(current?.inScope ?? m.primaryCategory !== 'OUT_OF_SCOPE' ? { checked: true } : {}) });
  const primary = h('select', { name: 'primary', 'aria-label': '主要类别' }, ...TARGETS.map((c) => h('option', { value: c.code }, c.name)));
  primary.value = current?.inScope && current.categories[0] ? current.categories[0] : isCategoryCode(m.primaryCategory) && TARGETS.some((t) => t.code === m.primaryCategory) ? m.primaryCategory : TARGETS[0]!.code;
  const others = TARGETS.map((c) => {
    const box = h('input', { type: 'checkbox', value: c.code, ...(current?.categories.slice(1).includes(c.code) ? { checked: true } : {}) });
    return { code: c.code, box, label: h('label', { class: 'inline' }, box, c.name) };
  });
  const invalid = h('input', { type: 'checkbox', name: 'invalid' });
  const choices = h('div', { class: 'choices' }, h('label', {}, '主要类别：', primary), h('div', {}, '其他可能类别：', ...others.map((o) => o.label)));
  const sync = (): void => void (choices.hidden = !inScope.checked);
  inScope.addEventListener('change', sync);
  sync();
  const form = reasonForm({
    label: '更正研判（记入标注，用于模型再训练）',
    placeholder: '更正理由（必填）',
    button: '提交更正',
    required: true,
    extra: h(
      'div',
      {},
      h('label', { class: 'inline' }, inScope, '属于涉黑涉恶'),
      h('label', { class: 'inline' }, invalid, '无效举报（不属于时）'),
      choices,
    ),
    submit: async (reason) => {
      const categories = inScope.checked
        ? [primary.value, ...others.filter((o) => o.box.checked && o.code !== primary.value).map((o) => o.code)]
        : [invalid.checked ? 'INVALID' : 'OUT_OF_SCOPE'];
      await api.post(`/leads/${m.leadId}/classification`, { inScope: inScope.checked, categories, reason });
      await done('已记录研判更正。');
    },
  });
  const box = h('div', { hidden: true, class: 'classify' }, form);
  return h('div', {}, h('button', { class: 'classify-toggle', onclick: () => (box.hidden = !box.hidden) }, '更正研判'), box);
}
