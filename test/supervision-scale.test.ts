// A supervision run over more items than it holds at once (2,000): taken a slice at a time, it creates exactly what
// deciding the whole ledger in one go creates; a second run of the same day reads only what changed since the first,
// so it creates nothing for the unchanged and the right reminders for a moved deadline.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSupervision } from '../src/core/supervision/plan.ts';
import { runSupervision, SHOWN } from '../src/services/supervision-run.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { supervisedItems } from '../src/store/supervision.repository.ts';
import { testLedger } from './support/ledger.ts';

const DAY = '2025-06-30';
let l: Ledger;
const run = (q: string) => sql.raw(q).execute(l.db);

describe('supervision over 4,500 open problems', () => {
  beforeAll(async () => {
    l = await testLedger();
    await run(`insert into org_unit (name, kind) select '单位' || g, 'bureau' from generate_series(1, 9) g`);
    await run(`insert into source (code, kind, title) values ('XC2025-01', 'xuncha', '巡察')`);
    // overdue, due soon, behind, on track: every kind of reminder, spread over units and slices
    await run(`insert into problem (source_id, code, ordinal, title, status, lead_unit_id, start_date, deadline, progress, last_progress_at)
               select 1, 'XC2025-01-' || g, g, '问题' || g, 'in-progress', 1 + g % 9, date '2025-01-01',
                      date '2025-06-20' + (g % 30), (g * 7) % 101, date '2025-05-01' + (g % 60)
                 from generate_series(1, 4500) g`);
  });
  afterAll(() => l.close());

  it('creates, slice by slice, exactly what deciding the whole ledger at once would', async () => {
    const whole = await supervisedItems(l.db, { day: DAY, after: null, limit: 1_000_000 });
    const expected = planSupervision(whole.items, DAY).actions;
    expect(expected.length).toBeGreaterThan(SHOWN);
    const first = await runSupervision(l.db, { at: `${DAY}T08:30` });
    expect(first.created).toBe(expected.length);
    // the answer lists the first ones in the order decided, and counts the rest
    expect(first.actions.map((a) => a.key)).toEqual(expected.slice(0, SHOWN).map((a) => a.key));
    const stored = await sql<{ n: number }>`select count(*)::int as n from notification`.execute(l.db);
    expect(stored.rows[0]?.n).toBe(expected.length);
  });

  it('on a second run the same day reads only what changed: nothing new for the rest, new reminders for a moved deadline', async () => {
    expect((await runSupervision(l.db, { at: `${DAY}T10:00` })).created).toBe(0);
    expect((await supervisedItems(l.db, { day: DAY, after: null, limit: 1_000_000 })).items).toHaveLength(0);
    await run(`update problem set deadline = date '2025-07-02' where code = 'XC2025-01-7'`);
    const left = (await supervisedItems(l.db, { day: DAY, after: null, limit: 1_000_000 })).items;
    expect(left.map((i) => i.code)).toEqual(['XC2025-01-7']);
    const again = await runSupervision(l.db, { at: `${DAY}T11:00` });
    // due in two days now, and no longer red but behind its plan
    expect(again.actions.map((a) => a.key)).toEqual(['due-soon:XC2025-01-7:2025-07-02:3:u8', 'warning:XC2025-01-7:yellow:2025-06-30']);
    // what the old deadline called for no longer applies
    expect(again.cancelled).toBeGreaterThan(0);
  });

  it('on the next day decides every item again', async () => {
    expect((await supervisedItems(l.db, { day: '2025-07-01', after: null, limit: 1_000_000 })).items).toHaveLength(4500);
  });
});
