import { describe, expect, it } from 'vitest';
import { maskIdentifiers, maskName, maskPhone } from './personal-data.ts';

describe('personal information as a list shows it', () => {
  it('hides the middle of a phone number and keeps its separators', () => {
    expect(maskPhone('13800001234')).toBe('138****1234');
    expect(maskPhone('0759-2345678')).toBe('075*-***5678');
    expect(maskPhone('2345678')).toBe('234**78');
    expect(maskPhone('+86 138 0000 1234')).toBe('+86 1** **** 1234');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('无')).toBe('无');
  });

  it('keeps a name’s first character', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName(' 李四 ')).toBe('李*');
    expect(maskName('欧')).toBe('欧');
  });

  it('masks the mobiles and identity numbers in a text and leaves amounts and dates', () => {
    const text = '王某（身份证44180219850312432X，电话13912345678）于2023年3月领取补贴12.36万元，账号6222021234567890123。';
    expect(maskIdentifiers(text)).toBe(
      '王某（身份证441802********432X，电话139****5678）于2023年3月领取补贴12.36万元，账号6222021234567890123。',
    );
  });
});
