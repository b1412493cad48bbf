// One way for the administration screens to send a change and say how it went: the server's Chinese message on
// failure, a short confirmation on success, and a fresh list either way.
import type { MessageInstance } from 'antd/es/message/interface';
import { api, ApiError } from '../../lib/api.ts';
import type { Answer, Request, Route } from '../../lib/types.ts';

export async function save<R extends Route>(
  message: MessageInstance,
  route: R,
  req: Request<R>,
  done: { ok: string; reload: () => void },
): Promise<Answer<R> | null> {
  try {
    const r = await api(route, req);
    message.success(done.ok);
    return r;
  } catch (e) {
    message.error(e instanceof ApiError ? e.message : '保存失败');
    return null;
  } finally {
    done.reload();
  }
}

/**
 * A form's values without the fields left empty: the server is told only what was filled in. The form's fields are
 * named as the route's body is (`T`); the server checks what they hold.
 */
export const withoutEmpty = <T>(v: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as T;
