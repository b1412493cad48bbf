// A unit's own ledger workbook, read through a mapping of its columns onto ours: "问题描述" is 问题, "责任部门" is
// 牵头单位, "完成时限" is 整改时限. The mapping is guessed from the headers and may be given in full; the mapped rows
// then go through the same row checks as our own workbook, so every fault is named the same way.
import { statusOf } from '../document/status.ts';
import type { Cell } from './ledger-sheet.ts';
import { MEASURE_COLUMNS, PROBLEM_COLUMNS } from './ledger-sheet.ts';
import { STATUS_LABEL } from './problem-state.ts';

/** Our columns a unit's column can stand for: the 问题清单 columns, and 整改措施 (split into 任务清单 rows). */
export const MAPPABLE = [...PROBLEM_COLUMNS.filter((c) => c !== '起始日期' && c !== '最近报告日期' && c !== '版本'), '整改措施'] as const;
export type Mappable = (typeof MAPPABLE)[number];

/** Headers people write for each of our columns, most specific first. */
const SYNONYMS: readonly [Mappable, RegExp][] = [
  ['编号', /^(问题)?编号$|^问题序号$/],
  ['整改措施', /整改措施|整改举措|具体措施|措施/],
  ['方面', /方面|问题类别|问题类型|类别$/],
  ['问题', /问题(描述|表现|内容|清单)?$|存在(的)?问题|反馈(的)?问题|具体问题/],
  ['长期整改', /长期/],
  ['整改类别', /整改类别|整改类型|立行立改/],
  ['状态', /整改状态|完成情况|进展情况|整改情况|状态/],
  ['配合单位', /配合|协同|协办/],
  ['牵头单位', /牵头单位|牵头部门|责任单位|责任部门|主责单位|承办单位/],
  ['责任领导', /责任领导|分管领导|牵头领导|包案领导/],
  ['责任人', /责任人|经办人|具体负责人/],
  ['整改时限', /时限|完成时间|截止(日期|时间)|期限/],
  ['成效目标', /目标|成效|预期/],
  ['应改金额', /金额/],
  ['进度（%）', /进度|完成比例|百分比/],
];

export type ColumnMapping = Partial<Record<Mappable, number>>;

/** Our column for each header that looks like one, each of ours taken once, in header order. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const out: ColumnMapping = {};
  headers.forEach((h, i) => {
    const name = h.replace(/\s+/g, '');
    if (!name || /^序号$/.test(name)) return;
    const hit = SYNONYMS.find(([ours, re]) => out[ours] === undefined && re.test(name));
    if (hit) out[hit[0]] = i;
  });
  return out;
}

/**
 * "问题=问题描述,牵头单位=责任部门": a mapping written out by a person; it overrides the guess for the columns it
 * names. Reasons name what could not be understood.
 */
export function parseMapping(spec: string, headers: readonly string[]): { mapping: ColumnMapping; reasons: string[] } {
  const mapping: ColumnMapping = {};
  const reasons: string[] = [];
  for (const part of spec
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [ours, theirs] = part.split(/[=＝]/).map((s) => s?.trim() ?? '');
    if (!MAPPABLE.includes(ours as Mappable)) reasons.push(`列对应“${part}”：“${ours}”不是可对应的列（${MAPPABLE.join('、')}）`);
    else if (!theirs || !headers.includes(theirs))
      reasons.push(`列对应“${part}”：工作表中没有“${theirs}”列（有：${headers.filter(Boolean).join('、')}）`);
    else mapping[ours as Mappable] = headers.indexOf(theirs);
  }
  return { mapping, reasons };
}

/** "1.建立台账 2.逐项销号" / one per line / "一是…；二是…": the measures a cell lists. */
export function splitMeasures(text: string): string[] {
  const t = text.trim();
  if (!t) return [];
  const numbered = t
    .split(/(?:^|\s|[；;。])(?:\d{1,2}[.、．)]|[（(]\d{1,2}[)）]|[①-⑳])\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (numbered.length > 1) return numbered.map(clean);
  const cn = t
    .split(/[；;。]?\s*(?=[一二三四五六七八九十]+是)/)
    .map((s) => s.replace(/^[一二三四五六七八九十]+是/, '').trim())
    .filter(Boolean);
  if (cn.length > 1) return cn.map(clean);
  return t.split(/\n+/).map(clean).filter(Boolean);
}
const clean = (s: string) => s.replace(/[；;。，,\s]+$/u, '').trim();

/** A status as a unit writes it ("已完成整改", "正在推进", "完成") as our label, so the row check accepts it. */
function statusLabel(c: Cell): Cell {
  if (c === null || String(c).trim() === '') return STATUS_LABEL['not-started'];
  const s = String(c).trim();
  if (Object.values(STATUS_LABEL).includes(s)) return s;
  const st = statusOf(s) ?? (/^完成$|^已完成$|^办结$/.test(s) ? 'completed' : null);
  return st === null || st === 'unknown' ? s : STATUS_LABEL[st];
}

export interface MappedRows {
  readonly problems: { row: number; cells: Cell[] }[];
  readonly measures: { row: number; cells: Cell[] }[];
}

/**
 * A unit's rows as rows of our 问题清单 and 任务清单. Codes: the unit's own when mapped, else the code of the
 * source's problem with the same title (so a second import updates), else the next free one.
 */
export function mappedRows(
  rows: readonly { row: number; cells: Cell[] }[],
  mapping: ColumnMapping,
  source: { code: string; byTitle: ReadonlyMap<string, string>; nextOrdinal: number },
): MappedRows {
  const problems: MappedRows['problems'] = [];
  const measures: MappedRows['measures'] = [];
  let next = source.nextOrdinal;
  const at = (cells: Cell[], ours: Mappable): Cell => (mapping[ours] === undefined ? null : (cells[mapping[ours] as number] ?? null));
  for (const { row, cells } of rows) {
    const title = at(cells, '问题') === null ? '' : String(at(cells, '问题')).trim();
    const given = at(cells, '编号');
    const code =
      given !== null && String(given).trim()
        ? String(given).trim()
        : (source.byTitle.get(title) ?? `${source.code}-${String(next++).padStart(3, '0')}`);
    const ours = PROBLEM_COLUMNS.map((c): Cell => {
      if (c === '编号') return code;
      if (c === '状态') return statusLabel(at(cells, '状态'));
      if (c === '起始日期' || c === '最近报告日期') return null;
      if (c === '长期整改') {
        const v = at(cells, '长期整改');
        return v === null
          ? null
          : /^(是|√|长期|Y|y|1)$/.test(String(v).trim())
            ? '是'
            : /^(否|×|N|n|0|)$/.test(String(v).trim())
              ? '否'
              : v;
      }
      return at(cells, c as Mappable);
    });
    problems.push({ row, cells: ours });
    const m = at(cells, '整改措施');
    splitMeasures(m === null ? '' : String(m)).forEach((text, i) => {
      const filled: Partial<Record<(typeof MEASURE_COLUMNS)[number], Cell>> = { 问题编号: code, 序号: i + 1, 整改措施: text };
      measures.push({ row, cells: MEASURE_COLUMNS.map((c) => filled[c] ?? null) });
    });
  }
  return { problems, measures };
}

/** How a mapping reads to a person: "问题 ← 问题描述；牵头单位 ← 责任部门". */
export function describeMapping(mapping: ColumnMapping, headers: readonly string[]): string {
  return (Object.entries(mapping) as [Mappable, number][]).map(([ours, i]) => `${ours} ← ${headers[i]}`).join('；');
}
