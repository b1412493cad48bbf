// Who is logged in, for every screen: the session from the server, its capabilities, logging in and out.
import { dropAllPending } from '../lib/pending-uploads.ts';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrf, whenLoggedOut } from '../lib/api.ts';
import type { Session } from '../lib/types.ts';

interface SessionState {
  session: Session | null;
  loading: boolean;
  /** `code`: the authenticator's, for an account that asks for one */
  login: (username: string, password: string, code?: string) => Promise<void>;
  logout: () => Promise<void>;
  /** asks the server again who is logged in (after a change of one's own password) */
  refresh: () => Promise<void>;
  can: (capability: string) => boolean;
  /** why the last session ended by itself (idle, or at its limit), for the login page to say */
  endedWhy: string | null;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const [endedWhy, setEndedWhy] = useState<string | null>(null);
  const accept = useCallback((s: Session | null) => {
    setCsrf(s?.csrf ?? null);
    setSession(s);
    if (s) setEndedWhy(null);
  }, []);
  useEffect(() => {
    whenLoggedOut((why) => {
      if (why) setEndedWhy(why);
      accept(null);
    });
    api('GET /api/session')
      .then(accept)
      .catch(() => accept(null))
      .finally(() => setLoading(false));
  }, [accept]);
  const login = useCallback(
    async (username: string, password: string, code?: string) =>
      accept(await api('POST /api/session', { body: { username, password, ...(code ? { code } : {}) } })),
    [accept],
  );
  const logout = useCallback(async () => {
    // what was being written stays on a shared computer no longer than its writer's session
    for (const k of Object.keys(localStorage)) if (k.startsWith('zg-draft:')) localStorage.removeItem(k);
    await dropAllPending();
    await api('DELETE /api/session').catch(() => undefined);
    accept(null);
  }, [accept]);
  const refresh = useCallback(async () => accept(await api('GET /api/session')), [accept]);
  const can = useCallback((c: string) => Boolean(session?.capabilities.includes(c)), [session]);
  return <Ctx.Provider value={{ session, loading, login, logout, refresh, can, endedWhy }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
