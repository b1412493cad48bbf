// How far the server has got reading an upload — the pages of a scan being recognised — shown while the page waits.
// The upload carries a token of its own (form field `progress`); the page asks GET /api/progress/:token every second
// until the upload's answer arrives. Before the server has news, the question has no answer, and nothing is shown.
import { useState } from 'react';
import { api } from './api.ts';

export interface UploadProgress {
  readonly done: number;
  readonly total: number;
}

/** A token the server accepts: 32 hexadecimal digits, from the browser's random source (also on plain http). */
function token(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function useUploadProgress() {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  /** Sends `form` by `send`, following its progress meanwhile. */
  const track = async <T>(form: FormData, send: () => Promise<T>): Promise<T> => {
    const t = token();
    form.append('progress', t);
    let waiting = true;
    const poll = async () => {
      while (waiting) {
        await new Promise((r) => setTimeout(r, 1000));
        if (!waiting) break;
        try {
          const p = await api('GET /api/progress/:token', { params: { token: t } });
          if (waiting && p.total > 0) setProgress(p);
        } catch {
          // no news yet (the upload is still on its way), or none to come: the answer itself will tell
        }
      }
    };
    void poll();
    try {
      return await send();
    } finally {
      waiting = false;
      setProgress(null);
    }
  };
  return { progress, track };
}
