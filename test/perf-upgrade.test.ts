// A self-evaluation stored before its amounts were kept as decimal strings (migration 0021) reads back, once
// migrated, with every amount the figure it was: budget, funding, spending and the basic-data tables, blanks kept.
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { PGliteDialect } from '../src/store/pglite-dialect.ts';
import { migrationProvider } from '../src/store/migrations/index.ts';
import { migrate } from '../src/store/open-database.ts';
import type { Database } from '../src/store/schema.ts';
import { getEvaluation } from '../src/services/perf-evaluations.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

/** as the edit screen saved it then: amounts as JSON numbers */
const before = {
  unit: '示例局',
  year: 2024,
  budget: { initial: 300.5, adjusted: 320, executed: 89.974, weight: 10, rate: 99.53, score: 9.95, line: 4 },
  funding: [
    { source: '一般公共预算', amount: 89.9, line: 5 },
    { source: '其他资金', amount: 0.074, line: 6 },
  ],
  spending: [{ type: '基本支出', amount: 1e-7, line: 7 }],
  staffing: { authorized: 20, actual: 19, controlRate: 95, line: 8 },
  indicators: [],
  basics: [{ title: '经费控制情况', columns: ['预算数', '决算数'], rows: [{ label: '三公经费', values: [12.3, null], line: 9 }] }],
  totals: null,
  problems: [],
  measures: [],
};

describe('a self-evaluation kept before amounts were exact', () => {
  it('reads back every amount as the figure it was, after the upgrade', async () => {
    const lite = new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(lite, () => lite.close()) });
    try {
      const upTo0020 = {
        getMigrations: async () =>
          Object.fromEntries(Object.entries(await migrationProvider.getMigrations()).filter(([name]) => name < '0021')),
      };
      expect((await new Migrator({ db, provider: upTo0020 }).migrateToLatest()).error).toBeUndefined();
      await sql`insert into perf_evaluation (unit, year, data, created_by) values ('示例局', 2024, ${JSON.stringify(before)}::jsonb, '整改办')`.execute(
        db,
      );
      await migrate(db);
      const { evaluation: e, scored } = await getEvaluation(db, 1, {}, FULL_SCOPE);
      expect(e.budget).toMatchObject({ initial: '300.5', adjusted: '320', executed: '89.974', weight: 10, rate: 99.53 });
      expect(e.funding.map((f) => f.amount)).toEqual(['89.9', '0.074']);
      expect(e.spending.map((f) => f.amount)).toEqual(['0.0000001']);
      expect(e.basics[0]?.rows[0]?.values).toEqual(['12.3', null]);
      expect(e.staffing).toMatchObject({ authorized: 20, actual: 19 });
      // the parts add up exactly: no funding-sum finding from a float's last digit
      expect(scored.findings.map((f) => f.rule)).not.toContain('funding-sum');
    } finally {
      await db.destroy();
    }
  });
});
