// `zg parse` and `zg check` as a user runs them: real processes, real files, exit codes, the shared shape check.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SEEDS_DIR, haveSeeds } from './support/seeds.ts';
import { pdfWithText } from './support/pdf.ts';
import { readReport } from '../src/core/contract/reading.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = join(ROOT, 'samples', '巡察整改进展情况的通报-示例.txt');
const SHAPE = resolve(ROOT, '../shared/tools/report-shape.mjs');
const dir = mkdtempSync(join(tmpdir(), 'zg-cli-'));

function zg(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('zg itself', () => {
  it('prints its version, the one its package states, and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = zg(flag);
      expect(r.out.trim()).toBe(version);
      expect(r.code).toBe(0);
    }
  });

  it('lists its commands with --help', () => {
    const r = zg('--help');
    expect(r.code).toBe(0);
    for (const command of ['parse', 'check', 'import', 'problems', 'report', 'perf', 'supervise']) expect(r.out).toContain(command);
    expect(r.out).toContain('显示版本号');
    // commander's own words too, in a subcommand's help as in the program's
    const sub = zg('check', '--help');
    expect(sub.out).toContain('用法：');
    expect(sub.out).toContain('（默认：20）');
    expect(`${r.out}${sub.out}`).not.toMatch(/display help|Usage:|Options:|default:/);
    expect(sub.out.split('\n')[0]).toBe('用法： zg check [选项] <files...>');
  });
});

describe('zg check', () => {
  it('prints findings in Chinese with line numbers and the quoted line, exit 1 on an error', () => {
    const r = zg('check', SAMPLE);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ 错误 [status-counts] 文中称已完成整改6个，逐条整改情况中为5个（第7行）');
    expect(r.out).toContain('编号“7.”之前缺少第6项（第31、35行）');
    expect(r.out).toMatch(/35│ 7\.下属单位财务管理薄弱/);
  });

  it('exits 0 when a report holds together', () => {
    const file = join(dir, 'clean.txt');
    writeFileSync(
      file,
      [
        '关于巡察整改进展情况的通报',
        '一、整改落实情况',
        '1.学习不深入',
        '整改情况：已完成整改。一是制定计划。',
        '2.制度不健全',
        '整改情况：已完成整改。一是修订制度。',
      ].join('\n'),
    );
    const r = zg('check', file);
    expect(r.out).toContain('错误 0 条');
    expect(r.code).toBe(0);
  });

  it('exits 2 and names the file and the reason when a file cannot be read', () => {
    const scan = join(dir, '扫描件.pdf');
    writeFileSync(scan, pdfWithText(['密件'], { encrypted: true }));
    const r = zg('check', SAMPLE, scan, join(dir, '不存在.docx'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('无法读取：PDF 文件“扫描件.pdf”已加密');
    expect(r.out).toContain('找不到文件');
    expect(r.out).toContain('status-counts'); // the readable file is still checked
  });

  it('refuses a file over the size limit with a clear message', () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, '整改'.repeat(400_000)); // 2.4 MB
    const r = zg('parse', '--max-size', '1', big);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/big\.txt”大小为2\.3 MB，超过上限1\.0 MB/);
  });
});

describe('zg parse --json', () => {
  it('prints the report model', () => {
    const r = zg('parse', '--json', SAMPLE);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { files: { reports: { meta: { feedbackDate: { value: string } }; aspects: unknown[] }[] }[] };
    expect(json.files[0]?.reports[0]?.meta.feedbackDate.value).toBe('2024-06-18');
    expect(json.files[0]?.reports[0]?.aspects).toHaveLength(3);
  });

  it.skipIf(!existsSync(SHAPE) || !haveSeeds)('has the shape the reading issue names, for every seed and the sample', () => {
    const seeds = readdirSync(SEEDS_DIR).map((f) => join(SEEDS_DIR, f));
    const parsed = zg('parse', '--json', SAMPLE, ...seeds);
    expect(parsed.code).toBe(0);
    const shape = spawnSync(process.execPath, [SHAPE], { input: parsed.out, encoding: 'utf8' });
    expect(shape.stdout.trim()).toBe('report shape: ok');
    expect(shape.status).toBe(0);
    // and the shape the server's contract gives the web for the same reports
    const off = (JSON.parse(parsed.out) as { files: { reports: unknown[] }[] }).files
      .flatMap((f) => f.reports)
      .flatMap((r) => readReport.safeParse(r).error?.issues.slice(0, 3) ?? []);
    expect(off).toEqual([]);
  });
});
