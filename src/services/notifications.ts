// Use cases: the in-app notifications a person sees — those about problems within their scope — merged so that what
// one run said about one problem on one day is one notification (a reminder, a warning and a 督办单 together), and
// marking them read, one, several or all. Read is each person's own: one person's reading takes nothing off another's.
import type { Scope } from '../core/access/permissions.ts';
import type { Db } from '../store/open-database.ts';
import { countUnreadDays, countInScope, markReadBy, notificationsFor, unreadIds } from '../store/notification.repository.ts';
import { NotFoundError } from '../core/errors.ts';
import type { MergedNotification, NotificationKind } from '../core/contract/work.ts';

type Kind = NotificationKind;
/** the kind a merged notification is shown as: the most serious of its parts */
const SEVERITY: readonly Kind[] = ['escalation', 'overdue', 'warning', 'missed-report', 'due-soon'];

/** Who is asking: their scope, and who they are (what they have read). */
export interface Reader {
  readonly scope: Scope;
  readonly userId: number;
}

/** How many merged notifications this person has not read: the badge in the menu. */
export async function unreadNotifications(db: Db, who: Reader): Promise<number> {
  return countUnreadDays(db, who.scope, who.userId);
}

export async function listNotifications(db: Db, q: Reader & { status?: 'pending' | 'all'; limit?: number }) {
  const rows = await notificationsFor(db, {
    scope: q.scope,
    userId: q.userId,
    unreadOnly: q.status !== 'all',
    limit: (q.limit ?? 200) * 5,
  });
  const stateOf = (r: (typeof rows)[number]) => (r.status === 'cancelled' ? 'cancelled' : r.read ? 'read' : 'pending');
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.problem_id}:${r.day}:${stateOf(r)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const items: MergedNotification[] = [...groups.values()].slice(0, q.limit ?? 200).map((g) => {
    const kinds = [...new Set(g.map((r) => r.kind as Kind))].sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b));
    const first = g[0] as (typeof rows)[number];
    return {
      ids: g.map((r) => Number(r.id)),
      kind: kinds[0] as Kind,
      kinds,
      rung: g.find((r) => r.rung)?.rung ?? null,
      messages: g.map((r) => r.message),
      day: first.day,
      status: stateOf(first),
      cancelledReason: first.cancelled_reason,
      problem: first.problem,
      title: first.title,
      unit: first.unit,
    };
  });
  return { pending: await unreadNotifications(db, q), items };
}

/** Marks notifications read for this person: those given (each must be in their scope), or every unread one in it. */
export async function markRead(db: Db, which: readonly number[] | 'all', who: Reader): Promise<number> {
  const ids = which === 'all' ? await unreadIds(db, who.scope, who.userId) : [...new Set(which)];
  if (ids.length === 0) return 0;
  if (which !== 'all' && (await countInScope(db, who.scope, ids)) !== ids.length) throw new NotFoundError('没有这条提醒');
  return markReadBy(db, who.userId, ids);
}
