// Texts our reviewers wrote in the fresh-eyes passes of issue 11, each in a way real reports are written (a township's
// "一是…整改情况：…", an audit notice numbered 1./2./3., a traditional-character 通报, a 自评表, a news item…). The
// consistent ones must draw no error — a false accusation is the worst a checker can do; each with a slip planted in
// it must draw the finding that names the slip. They are the team's own texts, so they run on every clone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReports } from '../src/core/read-reports.ts';

const DIR = join(import.meta.dirname, 'reading-texts');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

/** the slip planted in a text, by the rule that must find it */
const SLIPS: Record<string, string> = {
  't07_perf_bad.txt': 'scores-total', // 得分之和 99, 合计 98.5
  't11_bad_fenbie.txt': 'parts-vs-total', // 立行立改 7 + 限期整改 9 + 长期坚持 3 of 20: the three classes are all of them
  't12_bad_rate.txt': 'rate-vs-counts', // 22 of 25 written as 92%
  't13_bad_status.txt': 'status-counts', // 5 done and 1 phased said, 4 and 2 listed
  'i11_rate_wrong.txt': 'rate-vs-counts', // 12 of 15 written as 85%
  'i12_aspects_sum.txt': 'parts-vs-total', // aspects of 8 + 7 + … = 25, the whole 26
  'i13_status_counts.txt': 'status-counts', // 5 done said, 6 listed
  'i14_notice_listed.txt': 'stated-vs-listed', // 3 said, 2 listed
  'd03_npc_categories_money_BAD.txt': 'parts-vs-total', // a category's 已整改 13 where 12 was meant
  'd08_perf_tsv_BAD.txt': 'scores-total', // 总分 98.4, the scores add to 97.4
  'd10_three_classes_BAD.txt': 'parts-vs-total', // 立行立改 9 + 限期整改 11 + 长期整改 5 of 24
  // the fresh-eyes pass of 2026-12-05
  'e17_aspects_sum_BAD.txt': 'parts-vs-total', // aspects of 19, the whole 20
  'e18_npc_rate_BAD.txt': 'rate-vs-counts', // 49 of 57 written as 87.7%
  'e19_heading_count_BAD.txt': 'stated-vs-listed', // "（共4个问题）" over 3
  'e20_impossible_date_BAD.txt': 'date-impossible', // 截至2024年2月30日
  'e21_status_sum_BAD.txt': 'status-parts-sum', // statuses of 31, the whole 30
  'e22_project_total_BAD.txt': 'scores-total', // scores of 95.5, 总分 96.50
  'e23_money_parts_BAD.txt': 'money-parts', // 其中 four amounts of 7.82 亿元 under 7.92
};

/** problems each text lists, where the reader once found none or too few */
const LISTED: Record<string, number> = {
  't05_traditional.txt': 12,
  't10_guanyu.txt': 9,
  't13_bad_status.txt': 6,
  'c10_xunshi_jieduan.txt': 9,
  'i13_status_counts.txt': 7,
  'd01_zhen_grouped_status.txt': 9,
  'd02_ju_wentiqingdan.txt': 8,
  'd04_cun_short.txt': 5,
  'd06_trad_fullwidth.txt': 9,
  'e09_traditional_fullwidth.txt': 8,
  'e11_guanyu_zhenggai_subitems.txt': 6,
};

/** statuses of the problems of a text grouped by status ("（一）已完成整改的问题（6个）") */
const GROUPED = 'd01_zhen_grouped_status.txt';

const read = (file: string) => readReports(readFileSync(join(DIR, file), 'utf8'));

describe('texts our reviewers wrote', () => {
  it('are all here', () => expect(FILES.length).toBe(62));

  for (const file of FILES) {
    it(`${file}: ${SLIPS[file] ? `finds its slip (${SLIPS[file]})` : 'accuses nothing'}`, () => {
      const reports = read(file);
      expect(reports.length).toBeGreaterThan(0);
      const findings = reports.flatMap((r) => r.findings);
      if (SLIPS[file]) expect(findings.map((f) => f.rule)).toContain(SLIPS[file]);
      else expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
      const listed = LISTED[file];
      if (listed !== undefined) expect(reports.flatMap((r) => r.aspects.flatMap((a) => a.problems)).length).toBe(listed);
    });
  }

  it('d02: a 问题清单 written as text ("问题1：…。整改措施：…。完成情况：…，已完成。") gives each problem its measure and status', () => {
    const problems = read('d02_ju_wentiqingdan.txt').flatMap((r) => r.aspects.flatMap((a) => a.problems));
    expect(problems.map((p) => p.status)).toEqual([...Array(6).fill('completed'), 'in-progress', 'completed']);
    expect(problems[0]?.title).toBe('食品安全抽检覆盖不全面');
    expect(problems[0]?.measures.map((m) => m.text)).toEqual(['制定年度抽检计划，将农村集贸市场纳入抽检范围']);
  });

  it('d06: aspects that count their problems ("…方面（４個）"), each problem listed as "一是…。（已完成）…"', () => {
    const [report] = read('d06_trad_fullwidth.txt');
    expect(report?.aspects.map((a) => a.problems.length)).toEqual([4, 3, 2]);
    const statuses = report?.aspects.flatMap((a) => a.problems.map((p) => p.status));
    expect(statuses?.filter((s) => s === 'completed').length).toBe(7);
    expect(statuses?.filter((s) => s === 'phased').length).toBe(2);
    expect(report?.claims.map((c) => `${c.metric}=${c.value}`)).toContain('problems=9'); // 反饋問題３個方面共９個
  });

  it(`${GROUPED}: each problem takes the status of the group it is listed in`, () => {
    const statuses = read(GROUPED).flatMap((r) => r.aspects.flatMap((a) => a.problems.map((p) => p.status)));
    expect(statuses).toEqual([...Array(6).fill('completed'), ...Array(3).fill('in-progress')]);
  });
});
