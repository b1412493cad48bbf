// How many notifications are unread and how much waits in 待办, for the badges in the menu: asked again when the
// person moves to another screen and every minute, and at once after marking something read.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { api } from '../../lib/api.ts';

interface Counts {
  unread: number;
  todo: number;
  reload: () => void;
}

const Ctx = createContext<Counts>({ unread: 0, todo: 0, reload: () => {} });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [counts, setCounts] = useState({ unread: 0, todo: 0 });
  const location = useLocation();
  const reload = useCallback(() => {
    Promise.all([api('GET /api/notifications/unread'), api('GET /api/todo')])
      .then(([n, t]) => setCounts({ unread: n.pending, todo: Object.values(t).reduce((a, l) => a + l.length, 0) }))
      .catch(() => undefined);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again on every move to another screen
  useEffect(() => {
    reload();
    const t = setInterval(reload, 60_000);
    return () => clearInterval(t);
  }, [reload, location.pathname]);
  return <Ctx.Provider value={{ ...counts, reload }}>{children}</Ctx.Provider>;
}

export const useUnread = () => useContext(Ctx);
