import { describe, expect, it } from 'vitest';
import { orgChangeRefusal } from './org-changes.ts';

// an office of unit 10, with units 11 and 12 below it; 20 is another bureau
const office = { kind: 'sources', units: [10, 11, 12] } as const;

describe('who may change which part of the organisation', () => {
  it('lets an administrator change anything', () => {
    expect(orgChangeRefusal({ kind: 'all' }, { kind: 'edit-unit', unit: 20, newParent: null })).toBeNull();
  });
  it('lets an office keep its own tree: add, edit, move within, retire below, rename its own unit', () => {
    expect(orgChangeRefusal(office, { kind: 'add-unit', parent: 11 })).toBeNull();
    expect(orgChangeRefusal(office, { kind: 'add-person', unit: 12 })).toBeNull();
    expect(orgChangeRefusal(office, { kind: 'edit-unit', unit: 12, newParent: 11 })).toBeNull();
    expect(orgChangeRefusal(office, { kind: 'edit-unit', unit: 10 })).toBeNull();
    expect(orgChangeRefusal(office, { kind: 'retire-unit', unit: 12 })).toBeNull();
  });
  it('refuses another bureau’s units, moving a unit out, and moving or retiring its own unit', () => {
    expect(orgChangeRefusal(office, { kind: 'edit-unit', unit: 20 })).toBe('只能管理本单位及其下级单位');
    expect(orgChangeRefusal(office, { kind: 'add-unit', parent: 20 })).toContain('须在本单位之下');
    expect(orgChangeRefusal(office, { kind: 'add-unit', parent: null })).toContain('须在本单位之下');
    expect(orgChangeRefusal(office, { kind: 'add-person', unit: null })).toContain('须属于本单位');
    expect(orgChangeRefusal(office, { kind: 'edit-unit', unit: 12, newParent: 20 })).toContain('不能把单位移出');
    expect(orgChangeRefusal(office, { kind: 'edit-unit', unit: 10, newParent: 20 })).toBe('不能移动本单位，请由系统管理员办理');
    expect(orgChangeRefusal(office, { kind: 'retire-unit', unit: 10 })).toBe('不能撤销本单位，请由系统管理员办理');
  });
});
