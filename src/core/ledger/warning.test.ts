import { describe, expect, it } from 'vitest';
import { warningColour, type WarnedItem } from './warning.ts';

const item = (o: Partial<WarnedItem>): WarnedItem => ({
  status: 'in-progress',
  deadline: '2024-06-30',
  startDate: '2024-01-01',
  progress: 50,
  lastProgressAt: '2024-03-25',
  ...o,
});

describe('warning colours', () => {
  it('red past the deadline, blue near it, green on track, none when completed', () => {
    expect(warningColour(item({}), '2024-07-01')).toBe('red');
    expect(warningColour(item({ progress: 95, lastProgressAt: '2024-06-20' }), '2024-06-25')).toBe('blue');
    expect(warningColour(item({}), '2024-04-01')).toBe('green');
    expect(warningColour(item({ status: 'completed' }), '2024-07-01')).toBeNull();
  });
  it('yellow behind the straight line from start to deadline, or when reports stopped', () => {
    expect(warningColour(item({ progress: 10, lastProgressAt: '2024-04-10' }), '2024-04-15')).toBe('yellow'); // ~58% expected
    expect(warningColour(item({ lastProgressAt: '2024-03-01' }), '2024-04-01')).toBe('yellow'); // 31 days silent
    expect(
      warningColour(item({ lastProgressAt: '2024-03-01' }), '2024-04-01', { nearDays: 7, reportEveryDays: 45, behindPoints: 20 }),
    ).toBe('green');
  });
  it('a phase-complete long-term item is never overdue', () => {
    expect(warningColour(item({ status: 'phased', lastProgressAt: '2024-07-01' }), '2024-07-05')).toBe('green');
  });
});
