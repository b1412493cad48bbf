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
  const county = { unitId: 1, scope: { kind: 'sources', units: [1, 3, 7] } } as const;
  it('is the importer’s own unit, or one below it that it chose', () => {
    expect(importOwnerOf(county, null)).toBe(1);
    expect(importOwnerOf(county, 7)).toBe(7);
    expect(importOwnerOf({ unitId: 3, scope: { kind: 'sources', units: [3] } }, 3)).toBe(3);
  });
  it('refuses a unit outside the importer’s own', () => {
    expect(() => importOwnerOf({ unitId: 3, scope: { kind: 'sources', units: [3] } }, 7)).toThrow('只能导入到本单位或下级单位的台账');
    expect(() => importOwnerOf({ unitId: 3, scope: { kind: 'problems', units: [3] } }, 7)).toThrow('只能导入到本单位或下级单位的台账');
  });
});
