// Parts against their whole inside one sentence: "39处收购资产中已出租22处，处置8处，闲置的6处" (36 of 39 told),
// "涉及3884户…已交付1186户…预计交付2718户" (3904). The parts a sentence lists need not be all of the whole, so this
// is a hint, never an error: it asks the office to look, it does not say the report is wrong.

import { finding, type Finding } from '../finding.ts';
import type { Report } from '../../document/model.ts';
import { clauseAround, type SourceText } from '../../document/text.ts';

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
