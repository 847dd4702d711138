/** Tiny DOM helpers for the review page: elements built from data, never from HTML strings. */
type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | undefined | ((event: Event) => void);

/** `h('button', { class: 'primary', onclick: … }, '确认')`; text children are text nodes (no HTML injection). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(name, '');
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(value);
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Beijing time, the way analysts read it: 2024-05-01 10:00. */
export function formatTime(iso: string | null | undefined, withTime = true): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return withTime ? `${d.slice(0, 10)} ${d.slice(11, 16)}` : d.slice(0, 10);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

export const STATUS_NAMES: Record<string, string> = { open: '待审核', confirmed: '已确认' };
export const ACTION_NAMES: Record<string, string> = { confirm: '确认', split: '拆分', merge: '合并', 'not-duplicate': '标记不是重复', classify: '更正研判' };
export const ENTITY_NAMES: Record<string, string> = {
  place: '地点',
  person: '人名',
  organisation: '单位',
  official: '公职人员',
  phone: '电话',
  id_number: '身份证号',
  amount: '金额',
  date: '时间',
};

/**
 * An inline form asking for a reason, under `anchor`; `submit` gets the trimmed reason.
 * Required reasons cannot be sent empty.
 */
export function reasonForm(opts: { label: string; placeholder: string; button: string; required: boolean; extra?: HTMLElement; submit: (reason: string) => Promise<void> }): HTMLElement {
  const area = h('textarea', { placeholder: opts.placeholder, maxlength: 500, 'aria-label': opts.label });
  const msg = h('div', { class: 'error', hidden: true });
  const go = h('button', { class: 'primary' }, opts.button);
  go.addEventListener('click', () => {
    const reason = area.value.trim();
    if (opts.required && !reason) {
      msg.textContent = '请填写理由';
      msg.hidden = false;
      return;
    }
    go.disabled = true;
    opts.submit(reason).catch((error: unknown) => {
      msg.textContent = error instanceof Error ? error.message : String(error);
      msg.hidden = false;
      go.disabled = false;
    });
  });
  return h('div', { class: 'askform' }, h('label', {}, opts.label), opts.extra ?? null, area, msg, h('div', {}, go));
}
