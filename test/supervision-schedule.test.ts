// The server's daily cadence: nothing before the set time, one run after it however many ticks come, the next day again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionSchedule } from '../src/services/supervision-schedule.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';

describe('the daily supervision schedule', () => {
  let l: Ledger;
  beforeAll(async () => {
    l = await testLedger();
  });
  afterAll(async () => l?.close());

  it('runs once a day at the set time, Beijing time', async () => {
    const s = supervisionSchedule(l.db, { at: '08:30' });
    const at = (iso: string) => new Date(iso);
    expect((await s.tick(at('2025-03-03T00:10:00Z'))).run).toBeNull(); // 08:10 in Beijing
    expect((await s.tick(at('2025-03-03T00:31:00Z'))).run?.day).toBe('2025-03-03');
    expect((await s.tick(at('2025-03-03T00:32:00Z'))).run).toBeNull();
    expect((await s.tick(at('2025-03-03T15:59:00Z'))).run).toBeNull(); // 23:59 the same day
    expect((await s.tick(at('2025-03-04T00:30:00Z'))).run?.day).toBe('2025-03-04');
    const runs = await l.db.selectFrom('supervision_run').select('day').orderBy('day').execute();
    expect(runs.map((r) => r.day)).toEqual(['2025-03-03', '2025-03-04']);
    expect(() => supervisionSchedule(l.db, { at: '8点半' })).toThrow();
  });
});
