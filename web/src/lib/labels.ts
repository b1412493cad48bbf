// The words the screens show for the ledger's codes.
import type { Colour, LedgerStatus } from './types.ts';

export const STATUS: Record<LedgerStatus, { label: string; color: string }> = {
  'not-started': { label: '未开始', color: 'default' },
  'in-progress': { label: '正在整改', color: 'processing' },
  'closure-requested': { label: '待审核销号', color: 'purple' },
  phased: { label: '阶段性完成', color: 'cyan' },
  completed: { label: '已完成', color: 'success' },
};

export const COLOUR: Record<Colour, { label: string; color: string }> = {
  green: { label: '正常', color: 'green' },
  blue: { label: '临近时限', color: 'blue' },
  yellow: { label: '进度滞后', color: 'gold' },
  red: { label: '已超期', color: 'red' },
};

export const TRIAGE: Record<string, string> = { immediate: '立行立改', deadline: '限期整改', 'long-term': '长期整改', '（未指定）': '未分类' };

export const SUPERVISION: Record<string, string> = { reminder: '提醒', notice: '督办单', listed: '挂牌督办', talk: '约谈', circular: '通报', accountability: '问责' };

export const MONEY_KIND: Record<string, string> = { recovered: '追回', treasury: '上缴国库', returned: '原渠道归还', disbursed: '拨付到位', other: '其他' };

export const SEVERITY: Record<string, { label: string; color: string }> = { error: { label: '错误', color: 'red' }, warning: { label: '提示', color: 'orange' } };

export const PARSED_STATUS: Record<string, string> = { completed: '已完成', phased: '阶段性完成', 'in-progress': '正在整改', 'not-started': '未开始', unknown: '未写明' };

export const rate = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 100) / 100).toFixed(2)}%`);
