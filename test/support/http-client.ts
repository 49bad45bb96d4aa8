/** A response as tests look at it. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Sends JSON to the API under test over real HTTP on loopback. */
export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A client bound to one caller's credentials. */
export function apiClient(baseUrl: string, token?: string) {
  const call = (method: string) => (path: string, body?: unknown, headers?: Record<string, string>) =>
    request(baseUrl, method, `/api/v1${path}`, { token, body, headers });
  return { get: call('GET'), post: call('POST'), patch: call('PATCH'), delete: call('DELETE') };
}

/** Signs a new user up through better-auth and returns their session token. */
export async function signUp(baseUrl: string, name = 'Test User'): Promise<{ token: string; userId: string; email: string }> {
  const local = name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
  const email = `${local}.${Math.random().toString(36).slice(2, 10)}@example.com`;
  const response = await request(baseUrl, 'POST', '/api/auth/sign-up/email', { body: { email, password: 'correct-horse-battery', name } });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { token: response.body.token, userId: response.body.user.id, email };
}
