import { describe, expect, it } from 'vitest';
import { commentPeriodEnd, DEFAULT_PUBLICATION, publicationOf, redact, shownContacts } from './publication.ts';

describe('a public version of a text', () => {
  it('turns people’s names into 某 (longest names first) and takes out mobile numbers, keeping landlines', () => {
    const text = '王示例同志牵头，王示负责，联系电话13812345678，办公电话0763-3361234。';
    expect(redact(text, DEFAULT_PUBLICATION, ['王示', '王示例'])).toBe('王某同志牵头，王某负责，联系电话（略），办公电话0763-3361234。');
  });
  it('leaves what the settings keep, and ignores one-character names that would mangle the text', () => {
    const keep = publicationOf({ hide: { personNames: false, personalPhones: false } });
    expect(redact('张三 13812345678', keep, ['张三'])).toBe('张三 13812345678');
    expect(redact('王某同志', DEFAULT_PUBLICATION, ['王'])).toBe('王某同志');
  });
  it('always takes out an identity number, keeping numbers that only look long (a document number, an amount)', () => {
    const keep = publicationOf({ hide: { personNames: false, personalPhones: false } });
    expect(redact('违规发放补贴给44180219850312432X等3人', keep, [])).toBe('违规发放补贴给（身份证号略）等3人');
    expect(redact('合同编号202401150000012345，金额123456789012345678元', keep, [])).toBe(
      '合同编号202401150000012345，金额123456789012345678元',
    );
  });
});

describe('publication settings', () => {
  it('reads stored settings over the report’s contacts over the defaults, refusing what makes no sense', () => {
    const report = [{ kind: 'phone' as const, value: '0763-3361234' }];
    expect(publicationOf(null, report)).toEqual({ ...DEFAULT_PUBLICATION, contacts: report });
    expect(publicationOf({ commentDays: 0, issuer: '  ', contacts: [{ kind: 'fax', value: 1 }] }, report)).toEqual({
      ...DEFAULT_PUBLICATION,
      contacts: [],
    });
    expect(publicationOf({ commentDays: 10, issuer: ' 中共示例县委 ' })).toMatchObject({ commentDays: 10, issuer: '中共示例县委' });
  });
  it('counts the comment period from the day of publication, that day included', () => {
    expect(commentPeriodEnd('2025-12-02', 15)).toBe('2025-12-16');
    expect(commentPeriodEnd('2025-02-20', 15)).toBe('2025-03-06');
  });
  it('shows a public version no person and no mobile number among the contacts; the internal version all', () => {
    const s = publicationOf({
      contacts: [
        { kind: 'person', value: '李示例' },
        { kind: 'phone', value: '13812345678' },
        { kind: 'phone', value: '0763-3361234' },
        { kind: 'email', value: 'xc@example.cn' },
      ],
    });
    expect(shownContacts(s, true).map((c) => c.value)).toEqual(['0763-3361234', 'xc@example.cn']);
    expect(shownContacts(s, false)).toHaveLength(4);
  });
});
