import { describe, expect, it } from 'vitest';
import { importOwnerOf, unitNamedIn } from './owner-by-name.ts';

const units = [
  { id: 1, name: '示例县农业农村局' },
  { id: 2, name: '计划财务股' },
  { id: 3, name: '示例县水利局' },
  { id: 4, name: '另一县水利局' },
];

describe('the unit a report names as its own', () => {
  it('sees through the Party body’s wrapping and the county’s name left out', () => {
    expect(unitNamedIn(units, ['县农业农村局党组'])).toBe(1);
    expect(unitNamedIn(units, ['中共示例县农业农村局党组'])).toBe(1);
    expect(unitNamedIn(units, [null, '示例县水利局'])).toBe(3);
  });

  it('gives no owner where two units could be meant, or none', () => {
    expect(unitNamedIn(units, ['县水利局党组'])).toBeNull(); // 示例县 or 另一县
    expect(unitNamedIn(units, ['县教育局'])).toBeNull();
    expect(unitNamedIn(units, ['局'])).toBeNull();
    expect(unitNamedIn(units, [])).toBeNull();
  });

  it('takes the first name that settles it', () => {
    expect(unitNamedIn(units, ['县水利局党组', '中共示例县水利局党组'])).toBe(3);
  });
});

describe('whose ledger an import goes into', () => {
  it('is the administrator’s choice, and for anyone else their own unit whatever they chose', () => {
    expect(importOwnerOf({ role: 'admin', unitId: null }, 7)).toBe(7);
    expect(importOwnerOf({ role: 'admin', unitId: null }, null)).toBeNull();
    expect(importOwnerOf({ role: 'office', unitId: 3 }, 7)).toBe(3);
    expect(importOwnerOf({ role: 'office', unitId: 3 }, null)).toBe(3);
  });
});
