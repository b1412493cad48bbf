// Institutions (建章立制): titles in 《》 that the unit made or revised, with their edition.
// "制定出台《关于进一步加强审计整改督促检查工作的措施（试行）》" → 措施 (试行), action 制定.
// Titles the unit only studied or followed ("学习《中国共产党章程》", "按照《预算法》") are not its institutions.

import { lineAt, type Paragraph } from './text.ts';
import type { Institution } from './model.ts';

const MADE = /(制定|修订|出台|印发|建立|完善|修改|起草|发布|编制|下发|重新修订|新建)/g;
const KIND = /(办法|制度|规定|规则|细则|方案|意见|规程|指引|守则|清单|机制|措施|通知|条例|标准|流程|要点|规范|实施意见|工作法|计划)$/;
const EDITION = /[（(](试行|暂行|修订|修订稿|征求意见稿|草案|\d{4}\s*年\s*版|\d{4}年修订)[）)]$/;

export function readInstitutions(paras: readonly Paragraph[]): Institution[] {
  const out: Institution[] = [];
  for (const p of paras) {
    for (const m of p.folded.matchAll(/《([^《》]{2,80})》/g)) {
      const at = m.index ?? 0;
      // the verb that governs the title: the last action verb in the clause before it
      const clauseStart = Math.max(p.folded.lastIndexOf('。', at), p.folded.lastIndexOf('；', at), p.folded.lastIndexOf(';', at), 0);
      const before = p.folded.slice(clauseStart, at);
      const verbs = [...before.matchAll(MADE)];
      const verb = verbs[verbs.length - 1];
      if (!verb) continue;
      const afterVerb = before.slice((verb.index ?? 0) + verb[0].length);
      if (/学习|对照|依据|根据|按照|贯彻|执行|落实|参照|遵照/.test(afterVerb)) continue;
      const raw = p.text.substr(at + 1, (m[1] as string).length);
      const folded = m[1] as string;
      const ed = EDITION.exec(folded);
      const base = ed ? folded.slice(0, ed.index) : folded;
      if (!KIND.test(base.trim()) && !ed) continue;
      out.push({
        title: raw,
        edition: ed ? (ed[1] as string).replace(/\s+/g, '') : /修订\)?$|修订稿$/.test(folded) ? '修订' : null,
        action: verb[0],
        line: lineAt(p, at),
      });
    }
  }
  return out;
}
