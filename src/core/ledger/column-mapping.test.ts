import { describe, expect, it } from 'vitest';
import { guessMapping, splitMeasures } from './column-mapping.ts';

describe('mapping a unit’s columns onto ours', () => {
  it('guesses our column for the headers units write, each of ours once', () => {
    expect(
      guessMapping([
        '序号',
        '问题类别',
        '存在问题',
        '整改措施',
        '牵头部门',
        '配合部门',
        '包案领导',
        '具体负责人',
        '完成时间',
        '整改情况',
        '备注',
      ]),
    ).toEqual({
      方面: 1,
      问题: 2,
      整改措施: 3,
      牵头单位: 4,
      配合单位: 5,
      责任领导: 6,
      责任人: 7,
      整改时限: 8,
      状态: 9,
    });
    expect(guessMapping(['序号', '备注'])).toEqual({});
  });

  it('splits a cell of measures however it was numbered', () => {
    expect(splitMeasures('1.建立台账；2.逐项销号。')).toEqual(['建立台账', '逐项销号']);
    expect(splitMeasures('（1）建立台账 （2）逐项销号')).toEqual(['建立台账', '逐项销号']);
    expect(splitMeasures('一是建立台账；二是逐项销号。')).toEqual(['建立台账', '逐项销号']);
    expect(splitMeasures('建立台账\n逐项销号')).toEqual(['建立台账', '逐项销号']);
    expect(splitMeasures('修订2024年度内控制度')).toEqual(['修订2024年度内控制度']);
    expect(splitMeasures('  ')).toEqual([]);
  });
});
