// One way for the administration screens to send a change and say how it went: the server's Chinese message on
// failure, a short confirmation on success, and a fresh list either way.
import type { MessageInstance } from 'antd/es/message/interface';
import { api, ApiError } from '../../lib/api.ts';

export async function save<T>(
  message: MessageInstance,
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  done: { ok: string; reload: () => void },
): Promise<T | null> {
  try {
    const r = await api<T>(method, url, body);
    message.success(done.ok);
    return r;
  } catch (e) {
    message.error(e instanceof ApiError ? e.message : '保存失败');
    return null;
  } finally {
    done.reload();
  }
}

/** A form's values without the fields left empty: the server is told only what was filled in. */
export const withoutEmpty = (v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
