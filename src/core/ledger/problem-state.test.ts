import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialState, transition, type ProblemAction, type ProblemState } from './problem-state.ts';

const run = (s: ProblemState, actions: ProblemAction[]) =>
  actions.reduce<{ s: ProblemState; errors: string[] }>(
    (acc, a) => {
      const t = transition(acc.s, a);
      return t.ok ? { s: t.state, errors: acc.errors } : { s: acc.s, errors: [...acc.errors, t.error] };
    },
    { s, errors: [] },
  );

describe('the life of a problem', () => {
  it('is closed only through an accepted request that carried evidence', () => {
    const { s, errors } = run(initialState(false), [
      { kind: 'report-progress' },
      { kind: 'request-closure', evidenceCount: 0 },
      { kind: 'accept-closure' },
      { kind: 'request-closure', evidenceCount: 2 },
      { kind: 'return-closure', reason: '' },
      { kind: 'return-closure', reason: '佐证材料不能证明整改到位' },
      { kind: 'request-closure', evidenceCount: 1 },
      { kind: 'accept-closure' },
    ]);
    expect(s.status).toBe('completed');
    expect(errors).toEqual(['申请销号须附佐证材料', '没有待审核的销号申请', '退回销号申请须写明理由']);
  });

  it('keeps a long-term problem on the ledger: accepted means phase complete (挂账不销账)', () => {
    const { s } = run(initialState(true), [{ kind: 'request-closure', evidenceCount: 1 }, { kind: 'accept-closure' }]);
    expect(s.status).toBe('phased');
    expect(transition(s, { kind: 'request-closure', evidenceCount: 3 })).toEqual({
      ok: false,
      error: '长期整改问题已阶段性完成，挂账不销账；请继续报告进展',
    });
  });

  it('reopens a relapsed problem on look-back and counts it', () => {
    const { s } = run(initialState(false), [
      { kind: 'request-closure', evidenceCount: 1 },
      { kind: 'accept-closure' },
      { kind: 'lookback', result: 'consolidated' },
      { kind: 'lookback', result: 'relapsed', newDeadline: '2025-09-30' },
    ]);
    expect(s).toMatchObject({ status: 'in-progress', reopenedCount: 1 });
  });

  it('reopens a relapsed problem only with a new deadline', () => {
    const done = run(initialState(false), [{ kind: 'request-closure', evidenceCount: 1 }, { kind: 'accept-closure' }]).s;
    expect(transition(done, { kind: 'lookback', result: 'relapsed' })).toEqual({
      ok: false,
      error: '问题反弹、重新整改，须定新的整改时限',
    });
    expect(transition(done, { kind: 'lookback', result: 'relapsed', newDeadline: '2025-09-30' })).toMatchObject({
      ok: true,
      reason: '回头看：问题反弹，重新整改，时限至 2025-09-30',
    });
  });

  it('takes a status another record states, but a pending closure request is not undone by "being rectified"', () => {
    const from = '依据台账工作簿“台账.xlsx”第3行';
    const pending = run(initialState(false), [{ kind: 'request-closure', evidenceCount: 1 }]).s;
    expect(transition(pending, { kind: 'import', status: 'in-progress', from })).toEqual({ ok: true, state: pending, reason: from });
    expect(transition(pending, { kind: 'import', status: 'completed', from })).toMatchObject({
      ok: true,
      state: { status: 'completed', pendingEvidence: 0 },
    });
    expect(transition(initialState(false), { kind: 'import', status: 'phased', from })).toMatchObject({
      ok: true,
      state: { status: 'phased' },
      reason: from,
    });
  });

  const action = fc.oneof(
    fc.constant<ProblemAction>({ kind: 'report-progress' }),
    fc.integer({ min: 0, max: 2 }).map((n): ProblemAction => ({ kind: 'request-closure', evidenceCount: n })),
    fc.constant<ProblemAction>({ kind: 'accept-closure' }),
    fc.constantFrom('', '材料不全').map((reason): ProblemAction => ({ kind: 'return-closure', reason })),
    fc
      .constantFrom<'consolidated' | 'relapsed'>('consolidated', 'relapsed')
      .map((result): ProblemAction => ({ kind: 'lookback', result, newDeadline: '2099-12-31' })),
  );

  it('property: no sequence of actions reaches "completed" without accepted evidence', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(action, { maxLength: 40 }), (longTerm, actions) => {
        let s = initialState(longTerm);
        for (const a of actions) {
          const t = transition(s, a);
          if (!t.ok) continue;
          if (t.state.status === 'completed' && s.status !== 'completed') {
            // the only way in: accepting a pending request that carried evidence, for a problem that is not long-term
            expect(a.kind).toBe('accept-closure');
            expect(s.status).toBe('closure-requested');
            expect(s.pendingEvidence).toBeGreaterThan(0);
            expect(longTerm).toBe(false);
          }
          s = t.state;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
