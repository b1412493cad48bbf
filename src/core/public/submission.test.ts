import { describe, expect, it } from 'vitest';
import {
  periodRefusal,
  periodState,
  referenceOf,
  sameText,
  submissionFigures,
  submissionRefusal,
  submissionSentence,
  typedReference,
} from './submission.ts';

describe('what the public sends', () => {
  it('refuses a submission without a kind, too short or too long, or with a phone that is no number', () => {
    expect(submissionRefusal({ kind: 'gift', content: '这是一条足够长的反映内容。' })).toContain('请选择反映的类别');
    expect(submissionRefusal({ kind: 'opinion', content: '  太短了  ' })).toContain('至少写10个字');
    expect(submissionRefusal({ kind: 'opinion', content: '。。。。。。。。。。。。' })).toContain('至少写10个字');
    expect(submissionRefusal({ kind: 'opinion', content: '长'.repeat(2001) })).toBe('反映的内容共2001字，超过2000字的上限，请精简后再提交');
    expect(submissionRefusal({ kind: 'opinion', content: '这是一条足够长的反映内容。', phone: '打我电话' })).toContain('不是电话号码');
    expect(submissionRefusal({ kind: 'lead', content: '这是一条足够长的反映内容。', phone: '0763-1234567' })).toBeNull();
  });

  it('is open from the day of publication through the last day of the period', () => {
    const p = { publishedOn: '2025-03-03', periodEnd: '2025-03-17' };
    expect([
      periodState(p, '2025-03-02'),
      periodState(p, '2025-03-03'),
      periodState(p, '2025-03-17'),
      periodState(p, '2025-03-18'),
    ]).toEqual(['before', 'open', 'open', 'closed']);
    expect(periodRefusal(p, '2025-03-18')).toContain('公开期限已于2025-03-17结束');
  });

  it('gives a reference a person can type back in any case, with or without dashes', () => {
    const ref = referenceOf('2025', 17, 'K7Q3MX');
    expect(ref).toBe('YJ2025-000017-K7Q3MX');
    expect(typedReference(' yj2025000017k7q3mx ')).toBe(ref);
    expect(typedReference('YJ2025-17-K7Q3MX')).toBeNull();
  });

  it('takes the same words with other spacing and punctuation as the same text', () => {
    expect(sameText('三组至今未通自来水。')).toBe(sameText(' 三组 至今未通自来水！'));
    expect(sameText('三组至今未通自来水')).not.toBe(sameText('四组至今未通自来水'));
  });

  it('counts received and handled on a day, a repeat once, and says 已全部办理 only when true', () => {
    const rows = [
      { receivedOn: '2025-03-04', handledOn: '2025-03-06', duplicate: false },
      { receivedOn: '2025-03-05', handledOn: null, duplicate: true },
      { receivedOn: '2025-03-05', handledOn: '2025-03-10', duplicate: false },
    ];
    expect(submissionFigures(rows, '2025-03-07')).toEqual({ received: 2, handled: 1 });
    expect(submissionSentence(submissionFigures(rows, '2025-03-07'))).toBe('公开期间共收到干部群众反映2件，已办理1件，其余1件正在办理。');
    expect(submissionSentence(submissionFigures(rows, '2025-03-10'))).toBe('公开期间共收到干部群众反映2件，已全部办理。');
    expect(submissionSentence(submissionFigures([], '2025-03-10'))).toBeNull();
  });
});
