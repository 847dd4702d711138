/** The review API as the page calls it: the session token from sessionStorage, errors as Chinese messages. */
const TOKEN_KEY = 'xiansuo.review.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string): void => sessionStorage.setItem(TOKEN_KEY, value),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token.get() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1/review${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请稍后重试');
  }
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'INTERNAL', data.message ?? `请求失败（${res.status}）`);
  return data as T;
}

/** Signs in at the console; keeps the short-lived token for this tab. */
export async function signIn(userId: string, password: string, totp: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, password, ...(totp ? { totp } : {}) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请稍后重试');
  }
  const data = (await res.json().catch(() => ({}))) as { token?: string; code?: string; message?: string };
  if (!res.ok || !data.token) throw new ApiError(res.status, data.code ?? 'INTERNAL', data.message ?? `登录失败（${res.status}）`);
  token.set(data.token);
}

export const api = {
  get: <T>(path: string): Promise<T> => call<T>('GET', path),
  post: <T>(path: string, body: unknown): Promise<T> => call<T>('POST', path, body),
};
