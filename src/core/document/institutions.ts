// Institutions (建章立制): titles in 《》 that the unit made or revised, with their edition.
// "制定出台《关于进一步加强审计整改督促检查工作的措施（试行）》" → 措施 (试行), action 制定.
// Titles the unit only studied or followed ("学习《中国共产党章程》", "按照《预算法》") are not its institutions.

import { lineAt, type Paragraph } from './text.ts';
import type { Institution } from './model.ts';

const MADE = /(制定|修订|出台|印发|建立|完善|修改|起草|发布|编制|下发|重新修订|新建)/g;
const KIND = /(办法|制度|规定|规则|细则|方案|意见|规程|指引|守则|清单|机制|措施|通知|条例|标准|流程|要点|规范|实施意见|工作法|计划)$/;
const EDITION = /[（(](试行|暂行|修订|修订稿|征求意见稿|草案|\d{4}\s*年\s*版|\d{4}年修订)[）)]$/;

const CLAUSE_END = new Set(['。', '；', ';', '，', ',']);

/** No clause of a real report runs longer; text without punctuation is not searched further back for a verb. */
const LONGEST_CLAUSE = 200;

/**
 * Where the clause holding position `at` begins: at the nearest clause mark before it, or LONGEST_CLAUSE back. Walked
 * back from `at`, so a report written on one line costs the clause's length for each title, not the whole text's.
 */
function clauseStartBefore(text: string, at: number): number {
  const limit = Math.max(0, at - LONGEST_CLAUSE);
  for (let i = at; i > limit; i--) if (CLAUSE_END.has(text[i] as string)) return i;
  return limit;
}

export function readInstitutions(paras: readonly Paragraph[]): Institution[] {
  const out: Institution[] = [];
  let sentence = 0;
  for (const p of paras) {
    const sentenceStarts = [...p.folded.matchAll(/[。；;!?！？]/g)].map((m) => m.index ?? 0);
    let sentencesBefore = 0; // titles come in order: the count of sentence ends before the current one only grows
    // "印发《A》《B》和《C》": titles in a row share the verb before the first
    let previous: { end: number; verb: string | null } = { end: -1, verb: null };
    for (const m of p.folded.matchAll(/《([^《》]{2,80})》/g)) {
      const at = m.index ?? 0;
      const between = p.folded.slice(previous.end, at);
      let verb: string | null;
      if (previous.end >= 0 && /^[、和及与,，\s等]*$/.test(between)) verb = previous.verb;
      else {
        // the verb that governs the title: the last action verb in its clause, unless the title is only studied
        const clauseStart = clauseStartBefore(p.folded, at);
        const before = p.folded.slice(clauseStart, at).replace(/《[^》]*》/g, '《》'); // verbs inside other titles do not count
        const verbs = [...before.matchAll(MADE)];
        const last = verbs[verbs.length - 1];
        verb =
          last && !/学习|对照|依据|根据|按照|贯彻|执行|落实|参照|遵照|以$|围绕/.test(before.slice((last.index ?? 0) + last[0].length))
            ? last[0]
            : null;
      }
      previous = { end: at + m[0].length, verb };
      while (sentencesBefore < sentenceStarts.length && (sentenceStarts[sentencesBefore] as number) < at) sentencesBefore++;
      if (!verb) continue;
      const raw = p.text.substr(at + 1, (m[1] as string).length);
      const folded = m[1] as string;
      const ed = EDITION.exec(folded);
      const base = ed ? folded.slice(0, ed.index) : folded;
      if (!KIND.test(base.trim()) && !ed) continue;
      out.push({
        title: raw,
        edition: ed ? (ed[1] as string).replace(/\s+/g, '') : /修订\)?$|修订稿$/.test(folded) ? '修订' : null,
        action: verb,
        line: lineAt(p, at),
        sentence: sentence + sentencesBefore,
      });
    }
    sentence += sentenceStarts.length + 1;
  }
  // one institution mentioned twice is one institution
  const seen = new Set<string>();
  return out.filter((i) => !seen.has(i.title) && Boolean(seen.add(i.title)));
}
