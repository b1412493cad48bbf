// Every kind of file an office holds a report in, read like the text it carries: a seed saved by LibreOffice as .doc,
// .wps and .odt, a seed typeset as an OFD (signed and unsigned), a seed published as a web page and saved as .html
// (UTF-8 and GBK) and .mhtml. Each must give the same problems, statuses, figures and findings as the seed's text.
// And the bad files of each kind are refused in one Chinese sentence, with nothing left behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocumentBytes } from '../src/io/read-document.ts';
import { readReports } from '../src/core/read-reports.ts';
import { comparableWords } from '../src/core/document/fingerprint.ts';
import type { Report } from '../src/core/document/model.ts';
import ExcelJS from 'exceljs';
import { importLedgerWorkbook } from '../src/services/ledger-workbook.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { testLedger } from './support/ledger.ts';
import { makeOfd } from './support/ofd.ts';
import { refusal } from './support/refusal.ts';
import { makeHtml, makeMhtml, SITE_WORDS } from './support/web-page.ts';
import { haveSeeds, seedText } from './support/seeds.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'zg-formats-'));
const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find(existsSync);
if (!soffice) console.warn('[formats] LibreOffice not installed: skipping the .doc/.wps/.odt/.xls tests');

/** What a reader of the report takes from it; where it sits (line numbers) may differ between formats. */
function reading(text: string) {
  return readReports(text).map((r: Report) => ({
    kind: r.kind,
    title: r.meta.title?.value ?? null,
    dates: [r.meta.feedbackDate?.value, r.meta.reportDate?.value, r.meta.asOf?.value],
    aspects: r.aspects.map((a) => ({
      title: a.title,
      problems: a.problems.map((p) => [p.number, p.title, p.status, p.measures.length]),
    })),
    claims: r.claims.map((c) => [c.metric, c.value, c.scope]),
    amounts: r.amounts.length,
    institutions: r.institutions.map((i) => i.title),
    findings: r.findings.map((f) => [f.rule, f.severity, f.message]),
  }));
}

const words = (s: string) => s.replace(/\s+/g, '');
const SEEDS = ['000', '002', '004'];

describe.skipIf(!haveSeeds)('an OFD typeset from a seed', () => {
  it.each(SEEDS)('seed %s reads like its text: wrapped lines joined, page numbers dropped', async (seed) => {
    const text = seedText(seed);
    const ofd = await readDocumentBytes(`${seed}.ofd`, makeOfd(text));
    expect(ofd.format).toBe('ofd');
    const lines = (s: string) => s.split('\n').map(words).filter(Boolean);
    // the same paragraphs; only spaces at the places a line was wrapped may differ
    expect(lines(ofd.text)).toEqual(lines(text));
    expect(ofd.text).not.toMatch(/— \d+ —/);
    expect(reading(ofd.text)).toEqual(reading(text));
  });

  it('reads a signed OFD as the unsigned one, without the seal', async () => {
    const text = seedText('004');
    const signed = await readDocumentBytes('signed.ofd', makeOfd(text, { signed: true }));
    const plain = await readDocumentBytes('plain.ofd', makeOfd(text));
    expect(signed.text).toBe(plain.text);
    expect(signed.text).not.toContain('示例电子签章');
  });
});

describe.skipIf(!haveSeeds)('a seed published as a web page and saved', () => {
  it.each(SEEDS)('seed %s as .html (UTF-8 and GBK) and .mhtml reads like its text, without the site', async (seed) => {
    const text = seedText(seed);
    const want = reading(text);
    // seed 004's title is set on two lines; on the site it is one heading
    const titleLines = seed === '004' ? 2 : 1;
    for (const [name, bytes, format] of [
      [`${seed}.html`, makeHtml(text, { titleLines }), 'html'],
      [`${seed}-gbk.htm`, makeHtml(text, { charset: 'gbk', titleLines }), 'html'],
      [`${seed}.mhtml`, makeMhtml(text, { titleLines }), 'mhtml'],
    ] as const) {
      const read = await readDocumentBytes(name, bytes);
      expect(read.format, name).toBe(format);
      // the site's header, menus, links, footer and scripts are not the report's, nor the page's line about itself
      for (const w of [...SITE_WORDS, '浏览次数'].filter((x) => !text.includes(x))) expect(read.text, `${name}: ${w}`).not.toContain(w);
      expect(reading(read.text), name).toEqual(want);
      // the same words as the report's text: imported after it, the page is found to be the same report
      expect(comparableWords(read.text), name).toBe(comparableWords(text));
    }
  });
});

describe('web pages', () => {
  it('takes the encoding from the meta, and shows markup written as text as text', async () => {
    const text = '关于巡察整改情况的通报\n一、整改落实情况\n整改中发现有人在材料中写入<script>alert(1)</script>，已删除。';
    const utf = await readDocumentBytes('a.html', makeHtml(text));
    const gbk = await readDocumentBytes('b.html', makeHtml(text, { charset: 'gbk' }));
    expect(gbk.text).toBe(utf.text);
    // `zg parse --json` says how the page was decoded
    expect([utf.encoding, gbk.encoding]).toEqual(['utf-8', 'gb18030']);
    // a page that declares nothing: valid UTF-8 is UTF-8, anything else GB18030
    const bare = (b: Uint8Array) =>
      new Uint8Array(
        Buffer.from(
          Buffer.from(b)
            .toString('latin1')
            .replace(/<meta[^>]*charset[^>]*>/gi, ''),
          'latin1',
        ),
      );
    const undeclared = await readDocumentBytes('c.html', bare(makeHtml(text, { charset: 'gbk' })));
    expect([undeclared.encoding, undeclared.text]).toEqual(['gb18030', utf.text]);
    expect(utf.text).toContain('写入<script>alert(1)</script>，已删除');
  });

  it('refuses a page with no text', async () => {
    const e = await refusal(
      readDocumentBytes('空.html', strToU8('<!DOCTYPE html><html><head><title></title></head><body><script>x()</script></body></html>')),
    );
    expect(e.reason).toBe('网页文件“空.html”中没有找到正文文字');
  });

  it('leaves out other reports linked line by line at the foot of the body, in the body’s own element', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通报</title></head><body><div class="content">
中共示例县供电局党组关于巡察整改进展情况的通报<br>一、整改落实情况<br>1.农村电网老旧线路改造滞后。<br>整改情况：已完成整改。<br>
附件：<a href="/f.docx">整改清单</a><br>
<a href="/1">示例县审计局关于2023年度审计查出问题整改情况的报告</a><br><a href="/2">中共示例县委巡察组关于巡察反馈意见整改进展情况的通报</a>
</div></body></html>`;
    const read = await readDocumentBytes('内联链接.html', strToU8(html));
    expect(read.text).not.toContain('审计查出问题整改情况的报告');
    // a line with words of its own beside its link is the report's
    expect(read.text).toContain('附件：整改清单');
    expect(readReports(read.text).map((r) => r.meta.title?.value)).toEqual(['中共示例县供电局党组关于巡察整改进展情况的通报']);
  });
});

describe('bad OFD files', () => {
  const good = makeOfd('关于巡察整改情况的通报\n一、整改落实情况\n1.学习不深入\n整改情况：已完成整改。');

  it('a cut-off OFD, one without its document, one without pages: damaged, in Chinese', async () => {
    const cut = await refusal(readDocumentBytes('半截.ofd', good.subarray(0, Math.floor(good.length / 2))));
    expect(cut.reason).toMatch(/“半截\.ofd”已损坏或不完整/);
    const noDoc = zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody/></ofd:OFD>') });
    expect((await refusal(readDocumentBytes('空壳.ofd', noDoc))).reason).toBe('OFD 文件“空壳.ofd”已损坏或结构不完整，无法读取');
    const noPages = zipSync({
      'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
      'Doc_0/Document.xml': strToU8('<ofd:Document xmlns:ofd="x"><ofd:Pages/></ofd:Document>'),
    });
    expect((await refusal(readDocumentBytes('无页.ofd', noPages))).code).toBe('unreadable');
  });

  it('a zip bomb inside an OFD is refused before it is inflated', async () => {
    // a page that claims to be small but inflates to 200 MB of spaces
    const bomb = zipSync(
      {
        'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
        'Doc_0/Document.xml': strToU8(
          '<ofd:Document xmlns:ofd="x"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        ),
        'Doc_0/Pages/Page_0/Content.xml': new Uint8Array(200 * 1024 * 1024).fill(0x20),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await refusal(readDocumentBytes('炸弹.ofd', bomb));
    expect(e.code).toBe('too-large');
    expect(e.reason).toMatch(/OFD 文件“炸弹\.ofd”解压后超过上限.*压缩炸弹/);
  });

  it('one page listed twenty thousand times is refused like a bomb, quickly', async () => {
    const page = `<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer>${'<ofd:TextObject Boundary="0 0 10 10" Size="5"><ofd:TextCode X="0" Y="5">整改</ofd:TextCode></ofd:TextObject>'.repeat(1000)}</ofd:Layer></ofd:Content></ofd:Page>`;
    const many = zipSync(
      {
        'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
        'Doc_0/Document.xml': strToU8(
          `<ofd:Document xmlns:ofd="x"><ofd:Pages>${'<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'.repeat(20_000)}</ofd:Pages></ofd:Document>`,
        ),
        'Doc_0/Pages/Page_0/Content.xml': strToU8(page),
      },
      { level: 9 },
    );
    const e = await refusal(readDocumentBytes('重复页.ofd', many));
    expect(e.code).toBe('too-large');
    expect(e.reason).toMatch(/OFD 文件“重复页\.ofd”解压后超过上限/);
  });

  it('a zip that is neither Word nor OFD says what is readable', async () => {
    const e = await refusal(readDocumentBytes('照片.zip', zipSync({ 'a.jpg': new Uint8Array(10) })));
    expect(e.code).toBe('not-a-document');
    expect(e.reason).toContain('.ofd');
  });

  it('an OLE file that is no document, and one under a password, are named as such', async () => {
    // a header of version 3 (512-byte sectors) whose directory is its first sector, then that sector
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set([9, 0], 30);
    expect((await refusal(readDocumentBytes('old.doc', ole))).code).toBe('not-a-document');
    const name = 'EncryptedPackage\0';
    const encrypted = new Uint8Array(ole);
    for (let i = 0; i < name.length; i++) encrypted[600 + i * 2] = name.charCodeAt(i);
    const e = await refusal(readDocumentBytes('加密.docx', encrypted));
    expect(e.code).toBe('encrypted');
    expect(e.reason).toBe('文件“加密.docx”设有打开密码，无法读取；请取消密码后再读取');
  });
});

describe.skipIf(!soffice)('files LibreOffice converts', () => {
  const made: Record<string, Uint8Array> = {};
  const convert = (file: string, to: string) => {
    execFileSync(
      soffice as string,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, file],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    const out = join(
      dir,
      `${file
        .split('/')
        .pop()
        ?.replace(/\.[^.]+$/, '')}.${to}`,
    );
    return new Uint8Array(readFileSync(out));
  };

  beforeAll(() => {
    if (!haveSeeds) return;
    const txt = join(dir, 'seed004.txt');
    writeFileSync(txt, seedText('004'));
    made.doc = convert(txt, 'doc');
    made.odt = convert(txt, 'odt');
  }, 240_000);

  it.skipIf(!haveSeeds)(
    'seed 004 saved as .doc, .wps and .odt reads exactly like its text',
    async () => {
      const want = reading(seedText('004'));
      for (const [name, bytes, format] of [
        ['通报.doc', made.doc, 'doc'],
        ['通报.wps', made.doc, 'wps'],
        ['通报.odt', made.odt, 'odt'],
      ] as const) {
        const read = await readDocumentBytes(name, bytes as Uint8Array);
        expect(read.format, name).toBe(format);
        expect(reading(read.text), name).toEqual(want);
      }
    },
    120_000,
  );

  it.skipIf(!haveSeeds)('a .doc under a password is refused without running LibreOffice', async () => {
    const doc = new Uint8Array(made.doc as Uint8Array);
    const sector = 2 ** ((doc[30] as number) | ((doc[31] as number) << 8));
    let fib = sector;
    while (!(doc[fib] === 0xec && doc[fib + 1] === 0xa5)) fib += sector;
    doc[fib + 0x0b] = (doc[fib + 0x0b] as number) | 0x01; // fEncrypted
    const e = await refusal(readDocumentBytes('密码.doc', doc));
    expect(e.code).toBe('encrypted');
  });

  const zg = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/zg.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it.skipIf(!haveSeeds)('without LibreOffice a .doc is refused with how to install it, exit code 2', () => {
    const file = join(dir, '旧版.doc');
    writeFileSync(file, made.doc as Uint8Array);
    const r = zg(['check', file], { ZG_SOFFICE: join(dir, 'no-such-soffice') });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain('读取旧版 Word 文档“旧版.doc”需要 LibreOffice，本机没有找到');
    expect(r.stdout + r.stderr).toContain('sudo apt install libreoffice-writer-nogui');
    const formats = zg(['formats'], { ZG_SOFFICE: join(dir, 'no-such-soffice') });
    expect(formats.stdout).toMatch(/不可读取\s+\.doc/);
    expect(formats.stdout).toMatch(/可读取\s+\.ofd/);
  });

  it.skipIf(!haveSeeds)('a conversion that hangs is stopped on time, its processes killed and its files removed', () => {
    // a stand-in for a LibreOffice that never finishes: it notes its process id and sleeps
    const hang = join(dir, 'hanging-soffice');
    const pidFile = join(dir, 'hang.pid');
    writeFileSync(hang, `#!/bin/sh\necho $$ > ${pidFile}\nsleep 60\n`);
    chmodSync(hang, 0o755);
    const file = join(dir, '慢.doc');
    writeFileSync(file, made.doc as Uint8Array);
    const tmp = mkdtempSync(join(tmpdir(), 'zg-tmp-'));
    // what a conversion killed with kill -9 left: a copy of someone's document, in a process that is gone
    mkdirSync(join(tmp, 'zg-convert-999999-abcdef'));
    writeFileSync(join(tmp, 'zg-convert-999999-abcdef', 'input.doc'), made.doc as Uint8Array);
    const started = Date.now();
    const r = zg(['check', file], { ZG_SOFFICE: hang, ZG_CONVERT_TIMEOUT_MS: '1500', TMPDIR: tmp });
    expect(r.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.stdout + r.stderr).toContain('旧版 Word 文档“慢.doc”在2秒内未能转换完成，未予读取');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
    // nothing of the conversion is left, nor of the one killed before (tsx, which runs the sources here, keeps its own
    // cache beside it)
    expect(readdirSync(tmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
  });

  it.skipIf(!haveSeeds)(
    'a damaged .doc is refused by name',
    async () => {
      const doc = made.doc as Uint8Array;
      const e = await refusal(readDocumentBytes('损坏.doc', doc.subarray(0, Math.floor(doc.length / 2))));
      expect(e.code).toBe('unreadable');
      expect(e.reason).toBe('文件“损坏.doc”已损坏或不完整（文件结构被截断），请重新取得原文件');
    },
    60_000,
  );

  it('a unit keeps its ledger in an old .xls: imported through the same column mapping, kept as .xls', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('整改台账');
    ws.addRow(['区财政局巡察整改台账']);
    ws.addRow(['序号', '问题描述', '整改措施', '责任部门', '完成时限', '完成情况']);
    ws.addRow(['1', '专项资金拨付滞后', '1.建立拨付台账；2.每月通报进度', '区财政局', '2025/6/30', '正在推进']);
    ws.addRow(['2', '往来款长期挂账未清理', '逐笔清理', '区财政局', '2025/4/30', '已完成']);
    const xlsx = join(dir, '财政局台账.xlsx');
    writeFileSync(xlsx, new Uint8Array(await wb.xlsx.writeBuffer()));
    const xls = convert(xlsx, 'xls');
    expect([...xls.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const l = await testLedger();
    try {
      const r = await importLedgerWorkbook(l, xls, {
        scope: FULL_SCOPE,
        actor: '整改办',
        today: '2025-03-01',
        fileName: '财政局台账.xls',
        source: 'DW2025-09',
      });
      expect(r).toMatchObject({ source: 'DW2025-09', created: true, problems: 2, measures: 3 });
      const ps = await l.db.selectFrom('problem').select(['title', 'status', 'deadline']).orderBy('code').execute();
      expect(ps).toEqual([
        { title: '专项资金拨付滞后', status: 'in-progress', deadline: '2025-06-30' },
        { title: '往来款长期挂账未清理', status: 'completed', deadline: '2025-04-30' },
      ]);
      const kept = await l.db.selectFrom('document').select(['file_name', 'format']).execute();
      expect(kept).toEqual([{ file_name: '财政局台账.xls', format: 'xls' }]);
    } finally {
      await l.close();
    }
  }, 120_000);
});
