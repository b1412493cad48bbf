// Scans and photos read through OCR, as an office has them: seed 000 typeset, printed to JPEG pages at 300 dpi and put
// in a PDF without a text layer must give the same 136 ≠ 137 contradiction as its text. Bad pictures are refused in
// one Chinese sentence, exit code 2, and nothing of the recognition is left behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { haveSeeds, seedText } from './support/seeds.ts';
import { archiveReport, scanOfText, scanPdf } from './support/scan.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHAPE = resolve(ROOT, '../shared/tools/report-shape.mjs');
const dir = mkdtempSync(join(tmpdir(), 'zg-ocr-test-'));
const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
const tesseract = (() => {
  try {
    return /^chi_sim$/m.test(execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch {
    return false;
  }
})();
// the tools make and read the scans; only the first describe's scan is of a seed
const ready = Boolean(soffice && tesseract);
if (!ready) {
  if (process.env.CI && haveSeeds)
    throw new Error('CI must run the OCR tests: install tesseract-ocr tesseract-ocr-chi-sim, LibreOffice, poppler-utils');
  console.warn('[ocr] Tesseract (chi_sim) or LibreOffice missing: skipping the OCR tests');
}

const zg = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });

describe.skipIf(!ready || !haveSeeds)('a scanned report', () => {
  let scan = '';
  let pages = 0;
  beforeAll(() => {
    const s = scanOfText(seedText('000'), soffice as string, 300);
    scan = join(dir, '审计整改报告-扫描件.pdf');
    writeFileSync(scan, s.pdf);
    pages = s.pages;
  }, 120_000);

  it('seed 000 scanned at 300 dpi gives the same 136 ≠ 137 contradiction as its text, said to be recognised', () => {
    const r = zg(['check', '--json', scan], { ZG_PROGRESS: '1' });
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout).files[0].reports.flatMap((x: { findings: { rule: string; message: string }[] }) => x.findings);
    const total = findings.find((f: { rule: string }) => f.rule === 'parts-vs-total');
    expect(total.message).toBe('各方面已完成整改数之和为136个，与总数137个不符（本文由扫描件文字识别得出，请对照原件核对）');
    // each page's progress, as it is recognised
    expect(r.stderr).toContain(`识别文字：第 ${pages}/${pages} 页`);
  }, 180_000);

  it('is marked as recognised in zg parse --json, with each page’s confidence, in the report shape', () => {
    const r = zg(['parse', '--json', scan]);
    expect(r.status).toBe(0);
    const file = JSON.parse(r.stdout).files[0];
    expect(file.format).toBe('pdf');
    expect(file.ocr).toBe(true);
    expect(file.confidence.map((p: { page: number }) => p.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    for (const p of file.confidence) expect(p.confidence).toBeGreaterThan(70);
    // each page's first line, in order: a line cited by a finding is found on its page
    const firsts = file.confidence.map((p: { firstLine: number }) => p.firstLine);
    expect(firsts[0]).toBe(1);
    expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
    const text = zg(['check', scan]);
    // said once, before any finding: the whole text was recognised, from how many pages, how surely
    expect(text.stdout).toMatch(new RegExp(`^文件：.*\\n  本文件为扫描件或照片，文字经识别（OCR）得出，共${pages}页，各页置信度 \\d+%`));
    expect(text.stdout).toMatch(
      /各方面已完成整改数之和为136个，与总数137个不符（本文由扫描件文字识别得出，请对照原件核对）（第[\d、]+行，扫描件第[\d、]+页）/,
    );
    if (existsSync(SHAPE)) {
      const shape = spawnSync(process.execPath, [SHAPE], { input: r.stdout, encoding: 'utf8' });
      expect(shape.stdout + shape.stderr).toContain('report shape: ok');
    }
  }, 180_000);

  it('refuses a scan over the page limit or past its time, naming the limit, and leaves nothing behind', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'zg-tmp-'));
    const many = zg(['check', scan], { ZG_OCR_MAX_PAGES: '2', TMPDIR: tmp });
    expect(many.status).toBe(2);
    expect(many.stdout).toContain(`扫描件“审计整改报告-扫描件.pdf”（PDF 没有文字层）共${pages}页，超过文字识别的上限2页；请拆分后再读取`);
    const slow = zg(['check', scan], { ZG_OCR_TIMEOUT_MS: '1500', TMPDIR: tmp });
    expect(slow.status).toBe(2);
    expect(slow.stdout).toContain('的文字识别超过2秒仍未完成，已停止；请拆分成较少的页后再读取');
    expect(readdirSync(tmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
  }, 120_000);

  it('without Tesseract says how to install it', () => {
    const r = zg(['check', scan], { ZG_TESSERACT: join(dir, 'no-tesseract') });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('需要文字识别（OCR），本机没有 Tesseract。请安装 Tesseract 及其简体中文模型和 poppler');
  });
});

describe.skipIf(!ready)('a photo or a scan as an image', () => {
  it('reads a page photographed sideways, turned upright by its EXIF orientation', async () => {
    const s = scanOfText(
      '中共示例镇委员会关于巡察整改情况的通报\n一、整改落实情况\n1.理论学习不深入\n整改情况：已完成整改。',
      soffice as string,
      150,
    );
    // the first page as a JPEG whose pixels lie on their side, with the orientation that turns them back
    const page = join(dir, 'page.pdf');
    writeFileSync(page, s.pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', page, join(dir, 'page')]);
    const sideways = await sharp(join(dir, 'page.png')).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const file = join(dir, '手机照片.jpg');
    writeFileSync(file, sideways);
    const r = zg(['parse', '--json', file]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout).files[0];
    expect(report.format).toBe('image');
    expect(report.reports[0].meta.title.value).toBe('中共示例镇委员会关于巡察整改情况的通报');
    expect(report.reports[0].aspects[0].problems[0]).toMatchObject({ title: '理论学习不深入', status: 'completed' });
  }, 120_000);

  it('reads a page scanned 2° askew with every stated figure of the same page as text', async () => {
    // a 公文 page of figures, set in 三号 as offices set them; figures at the ends of long lines, where a slope hurts
    const text = [
      '中共示例镇委员会关于巡察整改进展情况的通报',
      '一、整改落实情况',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${i + 1}.第${i + 1}项问题整改情况：已完成整改。清理往来款项${17 + i * 3}笔，金额共计${(386.72 + i * 11.3).toFixed(2)}万元，已收回资金${(59.8 + i).toFixed(1)}万元，整改完成率${(90 + i * 0.7).toFixed(1)}%。`,
      ),
    ].join('\n');
    const level = scanOfText(text, soffice as string, 300, { official: true });
    // the sheet fed 2° askew: the page's image turned, the corners white
    const turned = await sharp(level.jpegs[0] as Uint8Array)
      .rotate(2, { background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer();
    const { width = 0, height = 0, channels = 1 } = await sharp(turned).metadata();
    const scan = join(dir, '斜扫.pdf');
    writeFileSync(scan, scanPdf([new Uint8Array(turned)], width, height, 300, channels));
    const source = join(dir, '原文.txt');
    writeFileSync(source, text);
    const figures = (file: string) => {
      const r = zg(['parse', '--json', file]);
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout).files[0].reports[0];
      return {
        claims: report.claims.map((c: { metric: string; value: number }) => `${c.metric}=${c.value}`),
        amounts: report.amounts.map((a: { value: number }) => a.value),
        statuses: report.aspects.flatMap((a: { problems: { status: string }[] }) => a.problems.map((p) => p.status)),
      };
    };
    const read = figures(scan);
    const want = figures(source);
    expect(read.statuses).toEqual(want.statuses);
    expect(read.amounts).toEqual(want.amounts);
    // of the 24 claims, at most one misread (a % taken for 9%, which Tesseract does on level pages too); read as
    // scanned, without turning it level, five of the eight rates were misread
    expect(read.claims).toHaveLength(want.claims.length);
    expect(read.claims.filter((c: string, i: number) => c !== want.claims[i]).length).toBeLessThanOrEqual(1);
  }, 120_000);

  it('refuses a 10,000 × 10,000 image unread, a picture of no text, and a cut-off image', async () => {
    const huge = join(dir, '巨图.png');
    writeFileSync(
      huge,
      await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    );
    const big = zg(['check', huge]);
    expect(big.status).toBe(2);
    expect(big.stdout).toContain('图片“巨图.png”为10000×10000像素，超过上限6000万像素；请缩小后再读取');

    // a landscape: sky, hills and noise, no writing
    const noise = Buffer.alloc(800 * 600);
    for (let i = 0; i < noise.length; i++) noise[i] = (i % 800 < 400 ? 200 : 90) + ((i * 7919) % 37);
    const photo = join(dir, '风景.jpg');
    writeFileSync(
      photo,
      await sharp(noise, { raw: { width: 800, height: 600, channels: 1 } })
        .jpeg()
        .toBuffer(),
    );
    const none = zg(['check', photo]);
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('图片“风景.jpg”中没有识别出文字，可能不是文档的扫描件或照片');

    const whole = await sharp(noise, { raw: { width: 800, height: 600, channels: 1 } })
      .png()
      .toBuffer();
    const cut = join(dir, '半截.png');
    writeFileSync(cut, whole.subarray(0, 200));
    const broken = zg(['check', cut]);
    expect(broken.status).toBe(2);
    expect(broken.stdout).toMatch(/图片“半截\.png”(?:已损坏或格式不受支持，无法识别文字|中没有识别出文字)/);
  }, 120_000);
});

describe.skipIf(!ready)('a scan uploaded to the server', () => {
  it('tells its uploader how many pages are recognised, no one else, past the worker’s time limit while pages come; the import after the check does not recognise it again', async () => {
    const { buildApp } = await import('../src/server/app.ts');
    const { testLedger } = await import('./support/ledger.ts');
    const { createUser } = await import('../src/services/accounts.ts');
    const { createUnit } = await import('../src/services/organisation.ts');
    const { FULL_SCOPE } = await import('../src/core/access/permissions.ts');
    const l = await testLedger();
    await createUnit(l.db, 't', { name: '示例区档案局', kind: 'bureau' }, FULL_SCOPE);
    for (const username of ['office', 'other'])
      await createUser(l.db, 't', {
        username,
        displayName: username,
        password: 'ocr test password 1',
        role: 'office',
        unit: '示例区档案局',
      });
    // a worker's limit shorter than the whole scan, longer than any page: the pages' progress keeps the job alive
    // one general worker, as on a 2-core machine: the scan must not hold it
    const app = await buildApp({ ledger: l, today: () => '2025-03-01', workers: { timeoutMs: 12_000, size: 1 } });
    try {
      const login = async (username: string) => {
        const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'ocr test password 1' } });
        const cookie = r.cookies.find((c) => c.name === 'zg_session');
        return { cookie: `zg_session=${cookie?.value}`, 'x-csrf-token': r.json().csrf as string };
      };
      const office = await login('office');
      const other = await login('other');
      const text = archiveReport(48);
      const scan = scanOfText(text, soffice as string, 300);
      expect(scan.pages).toBeGreaterThanOrEqual(4);
      const form = (token: string, extra = '') => {
        const b = '----zgocr';
        const head = `--${b}\r\nContent-Disposition: form-data; name="progress"\r\n\r\n${token}\r\n${extra}--${b}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
        return {
          payload: Buffer.concat([Buffer.from(head), Buffer.from(scan.pdf), Buffer.from(`\r\n--${b}--\r\n`)]),
          type: `multipart/form-data; boundary=${b}`,
        };
      };
      const progressOf = async (token: string, who: Record<string, string>) => {
        const r = await app.inject({ method: 'GET', url: `/api/progress/${token}`, headers: who });
        return r.statusCode === 200 ? (r.json() as { done: number; total: number }) : r.statusCode;
      };
      const f = form('check-0001');
      const started = Date.now();
      const checking = app.inject({
        method: 'POST',
        url: '/api/check',
        payload: f.payload,
        headers: { ...office, 'content-type': f.type },
      });
      const seen: number[] = [];
      let finished = false;
      void checking.then(() => {
        finished = true;
      });
      let smallWhileScanning = false;
      while (!finished) {
        const p = await progressOf('check-0001', office);
        if (typeof p === 'object' && p.total > 0) {
          expect(p.total).toBe(scan.pages);
          if (!smallWhileScanning) {
            // someone else's page-sized report is checked while the scan is being recognised, not after it
            const b = '----zgsmall';
            const small = await app.inject({
              method: 'POST',
              url: '/api/check',
              payload: Buffer.from(
                `--${b}\r\nContent-Disposition: form-data; name="file"; filename="small.txt"\r\nContent-Type: text/plain\r\n\r\n示例区档案局关于巡察整改情况的通报\n一、整改情况\n1.问题一\n整改情况：已完成整改。\r\n--${b}--\r\n`,
              ),
              headers: { ...other, 'content-type': `multipart/form-data; boundary=${b}` },
            });
            expect(small.statusCode).toBe(200);
            expect(finished).toBe(false);
            smallWhileScanning = true;
          }
          if (seen[seen.length - 1] !== p.done) seen.push(p.done);
          // someone else asking about the same upload learns nothing
          expect(await progressOf('check-0001', other)).toBe(404);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      const checked = await checking;
      expect(smallWhileScanning).toBe(true);
      // longer than a job may take without news (else the test proves nothing of the limit)
      expect(Date.now() - started).toBeGreaterThan(12_000);
      const last = await progressOf('check-0001', office);
      if (typeof last === 'object' && seen[seen.length - 1] !== last.done) seen.push(last.done);
      expect(checked.statusCode).toBe(200);
      expect(checked.json().ocr).toHaveLength(scan.pages);
      // the pages were counted as they were recognised, ending with all of them
      expect(seen.length).toBeGreaterThan(1);
      expect(seen[seen.length - 1]).toBe(scan.pages);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);

      const i = form('import-0001');
      const imported = await app.inject({
        method: 'POST',
        url: '/api/import',
        payload: i.payload,
        headers: { ...office, 'content-type': i.type },
      });
      expect(imported.statusCode).toBe(200);
      expect(imported.json().results[0].sources[0].problems).toBe(48);
      // the import read the scan the check had recognised: no page was recognised again
      expect(await progressOf('import-0001', office)).toEqual({ done: 0, total: 0 });
      const bad = form('x');
      const refused = await app.inject({
        method: 'POST',
        url: '/api/check',
        payload: bad.payload,
        headers: { ...office, 'content-type': bad.type },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toBe('表单字段“progress”应为 8 至 64 个字母、数字、- 或 _');
    } finally {
      await app.close();
      await l.close();
    }
  }, 240_000);
});
