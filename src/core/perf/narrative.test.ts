import { describe, expect, it } from 'vitest';
import { narrativeFromText } from './narrative.ts';

// a report of our own, laid out as real ones are: numbered sections, the unit's own numbering inside one of them
const REPORT = [
  '2024年度示例局单位整体支出绩效自评报告',
  '一、单位基本情况',
  '（一）职能职责',
  '负责全县农业农村工作。',
  '（二）机构设置',
  '内设机构5个。',
  '二、一般公共预算支出情况',
  '一般公共预算支出100万元。',
  '六、单位整体支出绩效情况',
  '全年完成各项任务。',
  '一、抓好粮食生产。',
  '播种面积稳定。',
  '二、抓实巡察整改各项工作。',
  '巡察反馈的10个问题已完成整改8个。',
  '七、存在的问题及原因分析',
  '1. 预算编制不够精准。',
  '九、单位整体支出绩效自评结果拟应用和公开情况',
  '按规定公开。',
  '十、其他需要说明的情况',
  '无。',
  '单位负责人签字：张三',
];

describe('the unit’s words of a 自评报告', () => {
  it('are taken section by section, its own numbering inside a section kept, the rectification part apart', () => {
    expect(narrativeFromText(REPORT)).toEqual({
      basics: '（一）职能职责\n负责全县农业农村工作。\n（二）机构设置\n内设机构5个。',
      performance: '全年完成各项任务。\n一、抓好粮食生产。\n播种面积稳定。',
      rectification: '二、抓实巡察整改各项工作。\n巡察反馈的10个问题已完成整改8个。',
      application: '按规定公开。',
      other: '无。',
    });
  });

  it('are nothing for a text without a report', () => {
    expect(narrativeFromText(['绩效指标\t一级指标\t二级指标', '产出指标\t数量指标\t办案数'])).toEqual({});
  });
});
