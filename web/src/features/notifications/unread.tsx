// How many notifications are unread and how much waits in 待办, for the badges in the menu: asked again when the
// person moves to another screen and every minute, and at once after marking something read. What is asked every
// minute is marked as the page's own asking: it does not keep an unattended session alive.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { askedByThePage } from '../../lib/api.ts';
import { useSession } from '../../app/session.tsx';

interface Counts {
  unread: number;
  todo: number;
  reload: () => void;
}

const Ctx = createContext<Counts>({ unread: 0, todo: 0, reload: () => {} });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [counts, setCounts] = useState({ unread: 0, todo: 0 });
  const location = useLocation();
  // the three administrators have no ledger: asking for its counts would only be refused (and logged as refused)
  const business = useSession().can('read');
  const reload = useCallback(() => {
    if (!business) return;
    Promise.all([askedByThePage('GET /api/notifications/unread'), askedByThePage('GET /api/todo')])
      .then(([n, t]) => setCounts({ unread: n.pending, todo: Object.values(t).reduce((a, l) => a + l.length, 0) }))
      .catch(() => undefined);
  }, [business]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again on every move to another screen
  useEffect(() => {
    reload();
    const t = setInterval(reload, 60_000);
    return () => clearInterval(t);
  }, [reload, location.pathname]);
  return <Ctx.Provider value={{ ...counts, reload }}>{children}</Ctx.Provider>;
}

export const useUnread = () => useContext(Ctx);
