// The cadence kept by the server: once a day at the set time (08:30 Beijing time unless ZG_SUPERVISE_AT says
// otherwise) a supervision run, then the day's digests; every tick, whatever delivery is due (e-mail, messengers, SMS). Each step is
// idempotent, so a restart, a second process or a late tick does no harm; the run itself happens once a day across
// all processes and machines over one database.
import { beijingClock, isTimeOfDay } from '../core/ledger/dates.ts';
import type { SendMail } from '../io/smtp-mail.ts';
import type { PostReminder } from '../io/reminder-post.ts';
import type { Db } from '../store/open-database.ts';
import { hasRunOn } from '../store/supervision.repository.ts';
import { deliverPending, prepareDigests, type DeliveryReport } from './supervision-delivery.ts';
import { runSupervisionOnce, type SupervisionRunResult } from './supervision-run.ts';

export interface ScheduleOptions {
  /** "08:30", Beijing time */
  readonly at: string;
  /** e-mail, when a server is configured */
  readonly send?: SendMail | undefined;
  /** the messengers and SMS */
  readonly post?: PostReminder | undefined;
  /** where the links in a short message point */
  readonly appUrl?: string | null | undefined;
}

export function supervisionSchedule(db: Db, opts: ScheduleOptions) {
  if (!isTimeOfDay(opts.at)) throw new Error(`ZG_SUPERVISE_AT should be HH:MM, not "${opts.at}"`);
  return {
    /** One tick: the day's run if it is time and it has not run today; then delivery of what is due. */
    async tick(now: Date = new Date()): Promise<{ run: SupervisionRunResult | null; digests: number; delivery: DeliveryReport | null }> {
      const { day, time } = beijingClock(now);
      let run: SupervisionRunResult | null = null;
      let digests = 0;
      // asked first without the lock (every tick of every process asks), then again under it by the run itself
      if (time >= opts.at && !(await hasRunOn(db, day, '自动督办'))) {
        run = await runSupervisionOnce(db, { at: `${day}T${opts.at}`, actor: '自动督办' });
        if (run) digests = await prepareDigests(db, day, now, opts.appUrl ?? null);
      }
      const delivery = opts.send || opts.post ? await deliverPending(db, { mail: opts.send, post: opts.post }, now) : null;
      return { run, digests, delivery };
    },
  };
}
