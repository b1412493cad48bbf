// A link to a problem that remembers where it was followed from (the ledger with its filters, 待办, 提醒), so that
// the problem page's breadcrumb leads back to that very list, not to an unfiltered one.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

const PLACE: Record<string, string> = {
  '/': '首页',
  '/ledger': '台账',
  '/todo': '待办',
  '/notifications': '督办提醒',
  '/supervision': '督办',
};

export interface CameFrom {
  readonly back: string;
  readonly label: string;
}

export function ProblemLink({ code, children }: { code: string; children?: ReactNode }) {
  const { pathname, search } = useLocation();
  const label = PLACE[pathname] ?? (pathname.startsWith('/problems/') ? pathname.slice('/problems/'.length) : '返回');
  const state: CameFrom = { back: `${pathname}${search}`, label };
  return (
    <Link to={`/problems/${encodeURIComponent(code)}`} state={state}>
      {children ?? code}
    </Link>
  );
}
