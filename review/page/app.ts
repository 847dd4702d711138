/**
 * The analysts' review page (plain TypeScript, bundled by the API with esbuild). Asks once for
 * the analyst's token (kept in sessionStorage), then routes by the address: #/?filters for the
 * list, #/clusters/<id> for one cluster.
 */
import { api, ApiError, token } from './client';
import { renderDetail } from './detail-view';
import { h } from './dom';
import { DEFAULT_LIST, renderList } from './list-view';

interface Me {
  name: string;
  scopeName: string;
}

const root = document.getElementById('app') as HTMLElement;
const who = document.getElementById('who') as HTMLElement;
const logout = document.getElementById('logout') as HTMLButtonElement;

function go(hash: string, replace = false): void {
  if (replace) history.replaceState(null, '', hash);
  else if (location.hash !== hash) return void (location.hash = hash);
  void route();
}

function login(message?: string): void {
  who.textContent = '';
  logout.hidden = true;
  const input = h('input', { type: 'password', name: 'token', placeholder: '访问令牌', autocomplete: 'off', 'aria-label': '访问令牌' });
  const form = h(
    'form',
    { class: 'panel login', onsubmit: (e: Event) => (e.preventDefault(), input.value.trim() && (token.set(input.value.trim()), void route())) },
    h('h2', {}, '请输入分析人员访问令牌'),
    h('p', { class: 'muted' }, '令牌仅保存在本浏览器标签页中，关闭标签页后需重新输入。'),
    message ? h('div', { class: 'error' }, message) : null,
    input,
    h('button', { class: 'primary', type: 'submit' }, '进入'),
  );
  root.replaceChildren(form);
  input.focus();
}

async function route(): Promise<void> {
  if (!token.get()) return login();
  try {
    const me = await api.get<Me>('/me');
    who.textContent = `${me.scopeName} · ${me.name}`;
    logout.hidden = false;
    const hash = location.hash || DEFAULT_LIST;
    const detail = /^#\/clusters\/([0-9a-fA-F-]{36})$/.exec(hash);
    if (detail) await renderDetail(root, detail[1]!.toLowerCase(), go);
    else await renderList(root, new URLSearchParams(hash.split('?')[1] ?? ''), go);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      token.clear();
      return login('令牌无效或已过期，请重新输入。');
    }
    root.replaceChildren(h('div', { class: 'error' }, error instanceof Error ? error.message : String(error)), h('a', { href: DEFAULT_LIST }, '返回列表'));
  }
}

logout.addEventListener('click', () => {
  token.clear();
  login();
});
window.addEventListener('hashchange', () => void route());
void route();
