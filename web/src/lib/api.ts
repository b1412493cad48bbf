// The one way the web application talks to the server: JSON (or a form with files), the session's CSRF token on
// every change, and the server's Chinese message on every error.
import { useCallback, useEffect, useState } from 'react';
import type { Answer, Request, Route } from '../../../src/core/contract/api.ts';
import { addressOf, queryString } from '../../../src/core/contract/address.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * The connection itself failed: the network is down, or the server stopped (restarted, or killed mid-upload). Whether
 * a change that was sent got written cannot be known here, so the message says to look before sending it again.
 */
const unreachable = () =>
  new ApiError(0, 'UNREACHABLE', '无法连接整改通服务器（网络中断或服务器已停止）。请稍后刷新页面，确认操作是否已完成后再重试');

/** Fetch, with a lost connection as an ApiError: every screen shows its message rather than a generic failure. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw unreachable();
  }
}

/** The body as JSON; what is not JSON (a proxy's error page, an answer cut off when the server died) is said to be so. */
async function jsonOf(r: Response): Promise<unknown> {
  let text: string;
  try {
    text = await r.text();
  } catch {
    throw unreachable();
  }
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(r.status, 'BAD_ANSWER', `服务器的应答不完整或无法识别（${r.status}），请稍后刷新页面重试`);
  }
}

let csrf: string | null = null;
/** told when the server says nobody is logged in; `why` when the session just ended (idle, or at its limit) */
let onLoggedOut: (why: string | null) => void = () => {};

export function setCsrf(token: string | null): void {
  csrf = token;
}
export function whenLoggedOut(f: (why: string | null) => void): void {
  onLoggedOut = f;
}

/**
 * Sends a route its request — path parameters, query string, body — as the contract says it takes them, and gives
 * back its answer as the contract says it answers: `api('POST /api/problems/:code/progress', { params: { code },
 * body: { text } })`. The method is the route's own.
 */
export function api<R extends Route>(route: R, req?: Request<R>): Promise<Answer<R>> {
  return call(route, req, {});
}

/**
 * What the page asks by itself, not the person (the menu's counts every minute): marked so, so that an open tab left
 * alone still reaches the idle timeout the security policy sets.
 */
export function askedByThePage<R extends Route>(route: R, req?: Request<R>): Promise<Answer<R>> {
  return call(route, req, { 'x-zg-background': '1' });
}

async function call<R extends Route>(route: R, req: Request<R> | undefined, extra: Record<string, string>): Promise<Answer<R>> {
  const method = route.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE';
  const url = addressOf(route, req?.params, req?.query);
  const body: unknown = req?.body;
  const headers: Record<string, string> = { ...extra };
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await send(url, { method, headers, body: payload, credentials: 'same-origin' });
  const json = await jsonOf(r);
  if (!r.ok) throw refusal(r.status, json);
  return json as Answer<R>;
}

/** The server's refusal as an ApiError in its own words; a session that ended sends the person to the login. */
function refusal(status: number, json: unknown): ApiError {
  const e = (json ?? {}) as { code?: string; message?: string; failures?: unknown; reasons?: unknown };
  if (status === 401 && (e.code === 'NOT_LOGGED_IN' || e.code === 'SESSION_ENDED'))
    onLoggedOut(e.code === 'SESSION_ENDED' ? (e.message ?? null) : null);
  return new ApiError(status, e.code ?? 'ERROR', e.message ?? `请求失败（${status}）`, e.failures ?? e.reasons);
}

/**
 * Sends a form with files, telling `onProgress` the share sent so far (0–1) — what fetch cannot — for a photo going
 * up over a phone's connection. A dropped connection is the same ApiError as `api`'s, so the screen can offer a retry.
 */
export function upload<R extends Route>(
  route: R,
  req: Request<R> & { body: FormData },
  onProgress: (sent: number) => void,
): Promise<Answer<R>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(route.split(' ')[0] as string, addressOf(route, req.params, req.query));
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(unreachable());
    xhr.onabort = () => reject(unreachable());
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : null;
      } catch {
        return reject(new ApiError(xhr.status, 'BAD_ANSWER', `服务器的应答不完整或无法识别（${xhr.status}），请稍后重试`));
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as Answer<R>);
      else reject(refusal(xhr.status, json));
    };
    xhr.send(req.body);
  });
}

/**
 * Downloads a generated file (a .docx or .xlsx) under the name the server gives it. Returns what the server found
 * reading a generated report back (`x-zg-findings`), so the screen can say so.
 */
export async function download<R extends Route>(route: R, req: Request<R>): Promise<{ fileName: string; findings: string[] }> {
  const r = await send(address(route, req), { credentials: 'same-origin' });
  if (!r.ok) {
    const e = (await r.json().catch(() => ({}))) as { code?: string; message?: string };
    if (r.status === 401 && (e.code === 'NOT_LOGGED_IN' || e.code === 'SESSION_ENDED'))
      onLoggedOut(e.code === 'SESSION_ENDED' ? (e.message ?? null) : null);
    throw new ApiError(r.status, e.code ?? 'ERROR', e.message ?? `下载失败（${r.status}）`);
  }
  const disposition = r.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const fileName = m ? decodeURIComponent(m[1] as string) : '下载文件';
  const blob = await r.blob().catch(() => {
    throw unreachable();
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  const findings = r.headers.get('x-zg-findings');
  return { fileName, findings: findings ? (JSON.parse(decodeURIComponent(findings)) as string[]) : [] };
}

/** The address of a route's request, for a link to a file the browser opens or saves itself. */
export const address = <R extends Route>(route: R, req: Request<R>): string => addressOf(route, req.params, req.query);

/** Query-string from an object, leaving out empty values. */
export const qs = (params: Record<string, string | number | boolean | undefined | null>): string => queryString(params);

/** GET a route's answer (none while `req` is null); `reload` fetches it again. */
export function useGet<R extends Route>(
  route: R,
  req: Request<R> | null,
): { data: Answer<R> | null; current: boolean; error: ApiError | null; loading: boolean; reload: () => void } {
  // the last answer stays while the next is asked for (a table keeps its rows and pages while a filter changes);
  // `current` says it answers this very address, so a page can keep showing it when only a reload failed — a phone
  // that lost its signal still shows the problem it was on
  const [held, setHeld] = useState<{ url: string; data: Answer<R> } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  // the request's address stands for the request: the same address, the same answer
  const url = req === null ? null : addressOf(route, req.params, req.query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address carries the request; tick asks again
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    api(route, req as Request<R>)
      .then((d) => live && (setHeld({ url, data: d }), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', '无法连接服务器')))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [url, tick]);
  const data = held?.data ?? null;
  const current = held !== null && held.url === url;
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, current, error, loading, reload };
}
