import { describe, expect, it } from 'vitest';
import { completionRate, formatRate, rateAgrees } from './completion-rate.ts';

describe('completion rate', () => {
  it('counts only completed items', () => {
    expect(formatRate(completionRate(688, 697) as number)).toBe('98.71');
    expect(completionRate(0, 0)).toBeNull();
  });
  it('accepts a stated rate rounded or truncated at its own precision, nothing else', () => {
    expect(rateAgrees(74.05, 2, 137, 185)).toBe(true); // 74.054…
    expect(rateAgrees(97, 0, 31, 32)).toBe(true); // 96.875 rounded
    expect(rateAgrees(96, 0, 31, 32)).toBe(true); // truncated
    expect(rateAgrees(95, 0, 31, 32)).toBe(false);
    expect(rateAgrees(75.44, 2, 43, 57)).toBe(true);
    expect(rateAgrees(74.06, 2, 137, 185)).toBe(false);
  });
});
