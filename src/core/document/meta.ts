// The facts about a report as a whole: who inspected whom and when, who reports, as of when, how to comment.

import { compareIso, findDateRanges, findDates, parseIso, toIso, type DateMention } from './dates.ts';
import { lineAt, type Paragraph, type SourceText } from './text.ts';
import type { Contact, Located, ReportMeta } from './model.ts';
import type { Segment } from './segment.ts';

const loc = <T>(value: T, line: number | null): Located<T> => ({ value, line });

// "市委第一巡察组", "区委第一轮第二批巡察二组", "十三届县委第三巡察组", "省委第八巡视组"
const TEAM =
  /(?:[一二三四五六七八九十]{1,3}届)?(?:省|市|区|县|州|旗|盟)委(?:第[一二三四五六七八九十]{1,3}轮)?(?:第[一二三四五六七八九十]{1,3}批)?(?:第?[一二三四五六七八九十]{1,3})?巡[察视](?:[一二三四五六七八九十]{1,3})?组/;
// "十五届市委第六轮巡察", "区委第一轮第二批"
const ROUND =
  /(?:[一二三四五六七八九十]{1,3}届)?(?:省|市|区|县|州)委第[一二三四五六七八九十]{1,3}轮(?:第[一二三四五六七八九十]{1,3}批)?(?:巡[察视])?/;
// "对市财政局党组开展巡察", "对XX街道D工委及所辖社区D组织进行了巡察", "对XX镇XX社区开展了专项巡察"
const INSPECTED = /对([^，。；,;]{2,40}?)(?:开展|进行)了?(?:常规|专项|机动|提级)?(?:巡察|巡视)/;

type Ymd = { year: number; month: number; day: number };

/** The speaker of a report to a people's congress: "北京市审计局局长 马兰霞" → the office, without post and name. */
const SPEAKER =
  /^(.{1,24}?(?:审计局|审计厅|审计署|财政局|财政厅|人民政府))\s*(?:党组书记、)?(?:副?局长|副?厅长|审计长|主任)\s*[\u4e00-\u9fff·]{2,5}$/;

function isDateOnly(folded: string): boolean {
  return /^\s*[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/.test(folded) && folded.trim().length <= 40;
}

export function readMeta(src: SourceText, seg: Segment, paras: readonly Paragraph[], bodyStart: number | null): ReportMeta {
  const meta: ReportMeta = {
    title: seg.title ? loc(seg.title, seg.titleLine) : null,
    issuer: null,
    inspectedUnit: null,
    team: null,
    round: null,
    inspectionStart: null,
    inspectionEnd: null,
    feedbackDate: null,
    reportDate: null,
    asOf: null,
    publicationPeriod: null,
    contacts: null,
  };

  // The signature date: the last line of the report that is a date alone ("2025年9月12日",
  // "(2023年12月28日经市八届人大常委会第二十四次会议审议通过)").
  let reportDateLine: number | null = null;
  for (let n = seg.last; n >= seg.first; n--) {
    const f = src.folded[n - 1] as string;
    if (isDateOnly(f)) {
      const d = findDates(f)[0];
      if (d && d.year !== null) {
        meta.reportDate = loc(toIso(d, null) as string, n);
        reportDateLine = n;
      }
      break;
    }
  }
  // …or, for a report made as a speech, the day under its title: "——2024年12月18日在…人民代表大会常务委员会…会议上"
  for (let n = seg.first + 1; !meta.reportDate && n <= Math.min(seg.last, seg.first + 3); n++) {
    const f = (src.folded[n - 1] as string).trim();
    if (!/^[—–-]+\s*\d{4}\s*年[^在]{1,12}日\s*在.{2,60}会议?上/.test(f)) continue;
    const d = findDates(f)[0];
    if (d && d.year !== null) meta.reportDate = loc(toIso(d, null) as string, n);
  }
  const ref: Ymd | null = meta.reportDate ? parseIso(meta.reportDate.value) : null;

  // The issuer signs above the date; failing that, the speaker's office under the title, or the title names it before
  // "关于". A news item has no issuer: it quotes one.
  if (reportDateLine !== null && seg.genre !== 'news') {
    for (let n = reportDateLine - 1; n >= Math.max(seg.first, reportDateLine - 3); n--) {
      const f = (src.folded[n - 1] as string).trim();
      if (f === '') continue;
      if (f.length <= 40 && !/[。，,;；:：!?！？]/.test(f) && !isDateOnly(f)) meta.issuer = loc((src.lines[n - 1] as string).trim(), n);
      break;
    }
  }
  for (let n = seg.first, seen = 0; !meta.issuer && seg.genre !== 'news' && n <= seg.last && seen < 8; n++) {
    const f = (src.folded[n - 1] as string).trim();
    if (f === '') continue;
    seen++;
    const speaker = SPEAKER.exec(f);
    if (speaker) meta.issuer = loc((src.lines[n - 1] as string).trim().slice(0, (speaker[1] as string).length), n);
  }
  if (!meta.issuer && seg.title && seg.genre !== 'news') {
    const at = seg.title.indexOf('关于');
    if (at > 1) meta.issuer = loc(seg.title.slice(0, at).trim(), seg.titleLine);
    // "示例市审计局审计结果公告": the audit office that publishes its results
    const office = /^(.{2,30}?审计(?:局|厅|署|办公室))审计结果(?:公告)?$/.exec(seg.title.trim());
    if (!meta.issuer && office) meta.issuer = loc(office[1] as string, seg.titleLine);
  }
  // …or heads the notice above its title: "青禾市审计局" / "审计结果公告" / "2024年第3号"
  for (let n = seg.first - 1; !meta.issuer && seg.genre === 'work-report' && n >= Math.max(1, seg.first - 5); n--) {
    const t = (src.lines[n - 1] as string).trim();
    if (/^.{2,30}审计(?:局|厅|署|办公室)$/.test(t)) meta.issuer = loc(t, n);
  }

  const opening = paras.filter((p) => !seg.titleLines.includes(p.firstLine)).slice(0, 6);
  for (const p of opening) {
    if (!/巡[察视]/.test(p.folded)) continue;
    if (!meta.team) {
      const m = TEAM.exec(p.folded);
      if (m) meta.team = loc(p.text.substr(m.index, m[0].length), lineAt(p, m.index));
    }
    if (!meta.inspectedUnit) {
      const m = INSPECTED.exec(p.folded);
      if (m) {
        const at = m.index + 1; // after 对
        meta.inspectedUnit = loc(p.text.substr(at, (m[1] as string).length).trim(), lineAt(p, at));
      }
    }
    if (!meta.inspectionStart) {
      const r = findDateRanges(p.folded)[0];
      if (r && r.start.year !== null) {
        meta.inspectionStart = loc(toIso(r.start, null) as string, lineAt(p, r.start.index));
        meta.inspectionEnd = loc(toIso(r.end, ref) as string, lineAt(p, r.end.index));
      }
    }
  }
  const roundText = [seg.title ?? '', ...opening.map((p) => p.folded)].join('\n');
  const rm = ROUND.exec(roundText);
  if (rm) {
    const inTitle = seg.title !== null && rm.index < seg.title.length;
    meta.round = loc(rm[0], inTitle ? seg.titleLine : findLine(opening, rm[0]));
  }

  // Feedback: the date nearest before "反馈" in its sentence; a date without a year falls on or before the report date,
  // or, with no report date, on or after the end of the inspection.
  for (const p of opening) {
    const at = p.folded.search(/反馈(了)?(巡[察视])?意见|进行了反馈|反馈会/);
    if (at < 0) continue;
    const sentenceStart = Math.max(p.folded.lastIndexOf('。', at) + 1, 0);
    const ds = findDates(p.folded.slice(sentenceStart, at)).filter((d) => d.day !== null);
    const d = ds[ds.length - 1];
    if (!d) continue;
    const shifted: DateMention = { ...d, index: d.index + sentenceStart };
    const iso = resolve(shifted, ref, meta.inspectionEnd?.value ?? null);
    if (iso) meta.feedbackDate = loc(iso, lineAt(p, shifted.index));
    break;
  }

  meta.asOf = readAsOf(paras, ref, meta.reportDate, bodyStart);
  meta.publicationPeriod = readPublicationPeriod(paras);
  meta.contacts = readContacts(paras);
  return meta;
}

function findLine(paras: readonly Paragraph[], text: string): number | null {
  for (const p of paras) {
    const at = p.folded.indexOf(text);
    if (at >= 0) return lineAt(p, at);
  }
  return null;
}

function resolve(d: DateMention, ref: Ymd | null, after: string | null): string | null {
  if (d.year !== null || ref) return toIso(d, ref);
  const a = after ? parseIso(after) : null;
  if (!a) return null;
  const sameYear = toIso({ ...d, year: a.year }, null) as string;
  return compareIso(sameYear, after as string) >= 0 ? sameYear : (toIso({ ...d, year: a.year + 1 }, null) as string);
}

/**
 * "截至2023年11月底" → 2023-11-30; "截至2025年6月底" → 2025-06-30; "截至10月" in a report of May 2024 → 2023-10;
 * "截至目前" → the report's date. The 截至 of the sentence that states the overall figures wins; else the first one
 * before the problems are listed (`bodyStart`).
 */
function readAsOf(
  paras: readonly Paragraph[],
  ref: Ymd | null,
  reportDate: Located<string> | null,
  bodyStart: number | null,
): Located<string> | null {
  const found: { iso: string; line: number; headline: boolean }[] = [];
  for (const p of paras) {
    for (const m of p.folded.matchAll(/截[至止](?:到)?\s*/g)) {
      const at = (m.index ?? 0) + m[0].length;
      const rest = p.folded.slice(at, at + 20);
      const sentenceEnd = p.folded.indexOf('。', at);
      const sentence = p.folded.slice(at, sentenceEnd < 0 ? undefined : sentenceEnd);
      const headline = /\d+\s*个(具体)?问题|整改完成率|已整改到位|已完成整改\d+/.test(sentence);
      let iso: string | null = null;
      if (/^目前|^现在|^当前/.test(rest)) iso = reportDate?.value ?? null;
      else {
        const d = findDates(rest)[0];
        if (d && d.index === 0) iso = toIso(d, ref);
        else {
          const mm = /^(\d{1,2})\s*月(底|末)?/.exec(rest);
          if (mm && ref) iso = toIso({ index: 0, length: 0, year: null, month: Number(mm[1]), day: null, monthEnd: Boolean(mm[2]) }, ref);
        }
      }
      if (iso) found.push({ iso, line: lineAt(p, m.index ?? 0), headline });
    }
  }
  // a 截至 inside one problem dates that problem's progress, not the report
  const pick = found.find((f) => f.headline) ?? found.find((f) => bodyStart === null || f.line < bodyStart);
  return pick ? loc(pick.iso, pick.line) : null;
}

/** "公开期限:2025年9月12日至9月26日" */
function readPublicationPeriod(paras: readonly Paragraph[]): Located<{ start: string; end: string }> | null {
  for (const p of paras) {
    const at = p.folded.search(/公开期限|公示期|公示时间|公开时间|意见反馈时间/);
    if (at < 0) continue;
    const r = findDateRanges(p.folded.slice(at))[0];
    if (!r || r.start.year === null) continue;
    return loc({ start: toIso(r.start, null) as string, end: toIso(r.end, null) as string }, lineAt(p, at));
  }
  return null;
}

/** "联系人：钟键、钟敏华，电话：0763-3483648、0763-3483996；…电子信箱：qygxqxczgb@163.com" */
function readContacts(paras: readonly Paragraph[]): Located<Contact[]> | null {
  for (const p of paras) {
    if (!/联系电话|联系人|电子(邮箱|信箱)|邮政(地址|信箱|编码)|来信来访|电话[:：]/.test(p.folded)) continue;
    const f = p.folded;
    const contacts: Contact[] = [];
    const people = /联系人\s*[:：]\s*([^，,；;。]+)/.exec(f);
    if (people) for (const name of (people[1] as string).split(/[、\s]+/)) if (name) contacts.push({ kind: 'person', value: name });
    for (const m of f.matchAll(/(?<!\d)(0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)/g)) contacts.push({ kind: 'phone', value: m[1] as string });
    for (const m of f.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) contacts.push({ kind: 'email', value: m[0] });
    const addr = /(?:邮政地址|邮政信箱|通讯地址|来信地址|地址)\s*[:：]\s*([^；;。(（]+)/.exec(f);
    if (addr) {
      const at = (addr.index ?? 0) + addr[0].length - (addr[1] as string).length;
      contacts.push({ kind: 'address', value: p.text.substr(at, (addr[1] as string).length).trim() });
    }
    const post = /邮政编码\s*[:：]?\s*(\d{6})/.exec(f);
    if (post) contacts.push({ kind: 'postcode', value: post[1] as string });
    if (contacts.length === 0) continue;
    const first = f.search(/联系|电话|邮箱|信箱|地址/);
    return loc(contacts, lineAt(p, Math.max(first, 0)));
  }
  return null;
}
