/**
 * The analysts' review page (plain TypeScript, bundled with esbuild, served by the console).
 * Signs in with user name, password and, for the national office, the authenticator's code; the
 * short-lived token is kept in sessionStorage. Then routes by the address: #/?filters for the
 * list, #/clusters/<id> for one cluster.
 */
import { api, ApiError, signIn, token } from './client';
import { renderDetail } from './detail-view';
import { h } from './dom';
import { DEFAULT_LIST, renderList } from './list-view';

interface Me {
  name: string;
  roleName: string;
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
  const field = (name: string, label: string, type: string, extra: Record<string, string> = {}) =>
    h('label', { class: 'field' }, label, h('input', { type, name, 'aria-label': label, autocomplete: 'off', ...extra }));
  const error = h('div', { class: 'error', hidden: message ? undefined : 'hidden' }, message ?? '');
  const form = h(
    'form',
    { class: 'panel login' },
    h('h2', {}, '登录线索审核系统'),
    h('p', { class: 'muted' }, '全国办和审计人员须填写身份验证器中的六位动态验证码；登录状态 15 分钟后失效。'),
    error,
    field('userId', '用户名', 'text', { autocomplete: 'username' }),
    field('password', '密码', 'password', { autocomplete: 'current-password' }),
    field('totp', '动态验证码（全国办）', 'text', { inputmode: 'numeric', maxlength: '6' }),
    h('button', { class: 'primary', type: 'submit' }, '登录'),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    signIn(value('userId'), value('password'), value('totp')).then(
      () => void route(),
      (err: unknown) => {
        error.hidden = false;
        error.textContent = err instanceof Error ? err.message : String(err);
      },
    );
  });
  root.replaceChildren(form);
  (form.elements.namedItem('userId') as HTMLInputElement).focus();
}

async function route(): Promise<void> {
  if (!token.get()) return login();
  try {
    const me = await api.get<Me>('/me');
    who.textContent = `${me.scopeName} · ${me.roleName} · ${me.name}`;
    logout.hidden = false;
    const hash = location.hash || DEFAULT_LIST;
    const detail = /^#\/clusters\/([0-9a-fA-F-]{36})$/.exec(hash);
    if (detail) await renderDetail(root, detail[1]!.toLowerCase(), go);
    else await renderList(root, new URLSearchParams(hash.split('?')[1] ?? ''), go);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      token.clear();
      return login('登录已失效，请重新登录。');
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
