// Parts against their whole inside one sentence: "39处收购资产中已出租22处，处置8处，闲置的6处" (36 of 39 told),
// "涉及3884户…已交付1186户…预计交付2718户" (3904). The parts a sentence lists need not be all of the whole, so this
// is a hint, never an error: it asks the office to look, it does not say the report is wrong.

import { finding, type Finding } from '../finding.ts';
import type { Report } from '../../document/model.ts';
import { clauseAround, type SourceText } from '../../document/text.ts';
import { findAmounts } from '../../document/money.ts';
import { addDecimals, compareDecimals, shiftDecimal } from '../../money.ts';

const UNITS = '户|套|处|家|所|项|个|件|起|宗|笔|名|人|次|条';
/** the whole: "共/涉及 N<unit>", or "N<unit>…中" (the parts are among them; not "其中", which opens a part) */
const WHOLE = new RegExp(
  `(?:共|涉及|总计|合计)[^，,。；\\d]{0,6}?(\\d+)\\s*(${UNITS})|(\\d+)\\s*(${UNITS})[^，,。；\\d（(]{0,12}?(?<!其)中`,
  'g',
);
/**
 * A part tells where that share of the whole stands ("已出租22处", "预计交付2718户", "闲置的6处", "阶段性完成2个" — a
 * phased part is a part like the others; and the classes problems are sorted into, "立行立改的7个"): figures without such
 * a word are stages of a process ("申请538宗，审核备案513宗") or other things counted in the same unit.
 */
const STANDING = /已|正在|预计|尚|未|闲置|空置|处置|其余|剩余|完成|到位|办结|销号|立行立改|限期整改|长期坚持|长期整改/;
const SENTENCE_END = /[。；;!?！？]/;
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${UNITS})`, 'g');

export function sentenceParts(r: Report, src: SourceText): Finding[] {
  if (r.kind === 'performance-self-evaluation') return [];
  const out: Finding[] = [];
  for (let n = r.lines[0]; n <= r.lines[1]; n++) {
    const line = src.folded[n - 1] ?? '';
    let toldUpTo = -1; // one hint per sentence
    for (const w of line.matchAll(WHOLE)) {
      const start = (w.index ?? 0) + w[0].length;
      if (start <= toldUpTo) continue;
      const stop = line.slice(start).search(SENTENCE_END);
      const end = stop < 0 ? line.length : start + stop;
      const total = Number(w[1] ?? w[3]);
      const unit = (w[2] ?? w[4]) as string;
      // what follows the whole in its sentence, without parentheses ("844起（其中醉驾158起）": a part of a part)
      // …and only up to 分别: "…的7个、…的9个，分别完成7个、8个" gives each part's done, not more parts
      const upTo = line.slice(start, end).split('分别')[0] as string;
      const after = upTo.replace(/[（(][^）)]*[）)]/g, (m) => ' '.repeat(m.length));
      // same unit, smaller than the whole, saying where it stands; a decimal is not a count
      const parts = [...after.matchAll(FIGURE)]
        .filter((m) => m[2] === unit && !(m[1] as string).includes('.') && Number(m[1]) < total)
        .filter((m) => STANDING.test(clauseAround(after, m.index ?? 0, ['，', ',', '、'])))
        .map((m) => Number(m[1]));
      if (parts.length < 2) continue;
      const sum = parts.reduce((s, v) => s + v, 0);
      if (sum === total) continue;
      toldUpTo = end;
      out.push(
        finding(
          'sentence-parts',
          'warning',
          `同一句中${parts.map((v) => `${v}${unit}`).join('、')}合计${sum}${unit}，与前述${total}${unit}不一致（若所列并非全部，可不理会）`,
          [n],
          total,
          sum,
        ),
      );
    }
  }
  return out;
}

/** "已整改金额7.92亿元，其中：" — an amount whose parts the words after it list */
const MONEY_WHOLE = /[\d.]+\s*(?:万亿|亿|万)?元\s*[,，]?\s*其中\s*[:：]?/g;

/**
 * "已整改金额7.92亿元，其中：上缴财政资金1.35亿元，归还原资金渠道2.16亿元，…": the amounts listed after 其中, to the
 * sentence's end, against the amount they are of — exact, in 万元. A hint too: a list after 其中 may name only some.
 */
export function moneyParts(r: Report, src: SourceText): Finding[] {
  if (r.kind === 'performance-self-evaluation') return [];
  const out: Finding[] = [];
  for (let n = r.lines[0]; n <= r.lines[1]; n++) {
    const line = src.folded[n - 1] ?? '';
    if (!line.includes('其中')) continue;
    for (const w of line.matchAll(MONEY_WHOLE)) {
      const at = w.index ?? 0;
      const whole = findAmounts(line.slice(at, at + w[0].length))[0];
      if (!whole) continue;
      const start = at + w[0].length;
      const stop = line.slice(start).search(SENTENCE_END);
      const parts = findAmounts(line.slice(start, stop < 0 ? line.length : start + stop));
      if (parts.length < 2 || parts.some((p) => p.approx) || whole.approx) continue;
      const sum = addDecimals(parts.map((p) => p.wan));
      if (compareDecimals(sum, whole.wan) === 0) continue;
      // said in the whole's own unit: 7.82亿元 beside 7.92亿元
      const said =
        whole.unit === '亿元' ? `${shiftDecimal(sum, -4)}亿元` : whole.unit === '元' ? `${shiftDecimal(sum, 4)}元` : `${sum}万元`;
      out.push(
        finding(
          'money-parts',
          'warning',
          `${whole.value}${whole.unit}其中所列${parts.length}项合计${said}，与之不一致（若所列并非全部，可不理会）`,
          [n],
          whole.wan,
          sum,
        ),
      );
    }
  }
  return out;
}
