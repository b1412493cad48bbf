// A 自评表 or a 绩效目标表 sent from the 绩效自评 screen: filed for the unit chosen (if any), refused cell by cell —
// the reasons kept for the page to list — and what was kept handed to `done`.
import { App } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { Answer } from '../../lib/types.ts';

type Route = 'POST /api/perf' | 'POST /api/perf-targets';

export function usePerfUpload<R extends Route>(route: R, owner: number | null, done: (kept: Answer<R>) => void) {
  const { message } = App.useApp();
  const [reasons, setReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setReasons([]);
    const form = new FormData();
    if (owner !== null) form.append('owner', String(owner));
    form.append('file', file);
    try {
      // (both routes take the file alone: a form, no path parameters)
      done((await api(route as 'POST /api/perf', { body: form })) as Answer<R>);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setReasons(e.details as string[]);
      message.error(e instanceof ApiError ? e.message : '上传失败');
    } finally {
      setBusy(false);
    }
  };
  return { reasons, busy, upload };
}
