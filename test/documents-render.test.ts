// The generated files open in a real reader: LibreOffice (Debian's package, headless) converts every .docx and the
// ledger workbook to PDF, and the 通报's pages are saved as PNG for review in test/out/documents. A user's machine
// without LibreOffice skips this and says so; CI installs it and must run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importDocuments } from '../src/services/import-documents.ts';
import { exportLedger } from '../src/services/ledger-workbook.ts';
import { generateItemForm, generateReport } from '../src/services/official-documents.ts';
import { createUnit } from '../src/services/organisation.ts';
import { assignProblem } from '../src/services/problem-actions.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { haveSeeds, seedPath } from './support/seeds.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';

const TODAY = '2025-03-01';
const OUT = resolve(import.meta.dirname, 'out/documents');
const haveOffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
if (!haveOffice) {
  if (process.env.CI) throw new Error('LibreOffice (soffice) and poppler-utils (pdftoppm) are missing; .ci/run must install them');
  console.warn(
    '[documents-render] soffice or pdftoppm not found: skipping the LibreOffice rendering test (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)',
  );
}

const pagesOf = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

describe.skipIf(!haveSeeds || !haveOffice)('generated documents in LibreOffice', () => {
  let l: Ledger;
  const dir = mkdtempSync(join(tmpdir(), 'zg-render-'));
  beforeAll(async () => {
    l = await testLedger();
    await importDocuments(l, [seedPath('000'), seedPath('004')], { actor: '整改办', today: TODAY });
    // a 督办单 goes to the unit leading the problem
    await createUnit(l.db, '整改办', { name: '区财政局' }, FULL_SCOPE);
    await assignProblem(l.db, 'XC2021-01-005', { scope: FULL_SCOPE, actor: '整改办', at: TODAY }, { leadUnit: '区财政局' });
  }, 60_000);
  afterAll(async () => {
    await l?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts every generated .docx and the four-list workbook to PDF, and saves the 通报 as PNG pages', async () => {
    const BY = '整改办张三（office）';
    const files: Record<string, Uint8Array> = {
      '通报公开版.docx': (
        await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'tongbao', public: true, today: TODAY })
      ).bytes,
      '通报内部版.docx': (
        await generateReport(l.db, {
          scope: FULL_SCOPE,
          source: 'XC2021-01',
          kind: 'tongbao',
          public: false,
          today: TODAY,
          generatedBy: BY,
        })
      ).bytes,
      '整改方案.docx': (await generateReport(l.db, { scope: FULL_SCOPE, source: 'XC2021-01', kind: 'plan', today: TODAY })).bytes,
      '人大报告.docx': (await generateReport(l.db, { scope: FULL_SCOPE, source: 'SJ2023-01', kind: 'npc', today: TODAY })).bytes,
      '督办单.docx': (await generateItemForm(l.db, 'XC2021-01-005', 'notice', TODAY, FULL_SCOPE, BY)).bytes,
      '对账销号单.docx': (await generateItemForm(l.db, 'XC2021-01-005', 'closure', TODAY, FULL_SCOPE)).bytes,
      '四个清单.xlsx': await exportLedger(l.db, 'XC2021-01', TODAY, FULL_SCOPE, BY),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    // a profile of its own, so a desktop LibreOffice (or another test run) holding the default one does not block it
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...Object.keys(files).map((f) => join(dir, f)),
      ],
      {
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const pages: Record<string, number> = {};
    for (const name of Object.keys(files)) {
      const pdf = join(dir, name.replace(/\.(docx|xlsx)$/, '.pdf'));
      expect(existsSync(pdf), `${name} was not converted: ${r.stdout}${r.stderr}`).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      pages[name] = pagesOf(pdf);
    }
    // 32 problems with their measures take several pages; each form is one page
    expect(pages['通报公开版.docx']).toBeGreaterThanOrEqual(5);
    expect(pages['通报内部版.docx']).toBeGreaterThan(pages['通报公开版.docx'] as number);
    expect(pages['督办单.docx']).toBe(1);
    expect(pages['对账销号单.docx']).toBe(1);
    expect(pages['整改方案.docx']).toBeGreaterThanOrEqual(2);
    expect(pages['四个清单.xlsx']).toBeGreaterThanOrEqual(1);
    // the internal documents, as a reader opens them, name who generated them on each page; the public version does not
    const text = (name: string) => execFileSync('pdftotext', ['-layout', join(dir, name), '-'], { encoding: 'utf8' });
    for (const name of ['通报内部版.pdf', '督办单.pdf', '四个清单.pdf'])
      expect(
        text(name)
          .split('\f')
          .filter((page) => page.trim())
          .every((page) => page.includes('内部资料') && page.includes(BY)),
        name,
      ).toBe(true);
    expect(text('通报公开版.pdf')).not.toContain('内部资料');

    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', join(dir, '通报公开版.pdf'), join(OUT, '通报')]);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', join(dir, '整改方案.pdf'), join(OUT, '整改方案')]);
    execFileSync('pdftoppm', ['-r', '60', '-png', join(dir, '督办单.pdf'), join(OUT, '督办单')]);
    const pngs = readdirSync(OUT).filter((f) => f.startsWith('通报') && f.endsWith('.png'));
    expect(pngs).toHaveLength(pages['通报公开版.docx'] as number);
  }, 300_000);
});
