// Reading real files of every kind, and refusing the unreadable ones with a reason in Chinese.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import { readDocument, readDocumentBytes } from '../src/io/read-document.ts';
import { readReports } from '../src/core/read-reports.ts';
import { pdfWithText, pdfWithoutText } from './support/pdf.ts';
import { refusal } from './support/refusal.ts';
import { deflateSync } from 'node:zlib';
import { checkPdfInflation, MAX_PDF_INFLATED } from '../src/io/zip-limits.ts';

const dir = mkdtempSync(join(tmpdir(), 'zg-read-'));
const REPORT = [
  '中共示例镇委员会关于巡察整改进展情况的通报',
  '根据县委统一部署，2024年3月1日至4月30日，县委第一巡察组对示例镇党委开展了巡察。5月20日，县委第一巡察组向示例镇党委反馈了巡察意见。',
  '一、整改落实情况',
  '1.理论学习不深入',
  '整改情况：已完成整改。一是制定学习计划；二是开展专题研讨。',
  '2.财务管理不规范',
  '整改情况：正在整改。一是补齐凭证。',
  '中共示例镇委员会',
  '2024年9月30日',
];

describe('reading .txt', () => {
  it('decodes UTF-8 with or without BOM', async () => {
    const r = await readDocumentBytes('a.txt', new Uint8Array(Buffer.from(`\uFEFF${REPORT.join('\n')}`, 'utf8')));
    expect(r.encoding).toBe('utf-8');
    expect(readReports(r.text)[0]?.meta.title?.value).toBe(REPORT[0]);
  });

  it('detects and decodes GB18030/GBK, as government files often are', async () => {
    const file = join(dir, 'gbk.txt');
    writeFileSync(file, iconv.encode(REPORT.join('\r\n'), 'gbk'));
    const r = await readDocument(file);
    expect(r.encoding).toBe('gb18030');
    const [report] = readReports(r.text);
    expect(report?.meta.feedbackDate?.value).toBe('2024-05-20');
    expect(report?.aspects[0]?.problems.map((p) => p.status)).toEqual(['completed', 'in-progress']);
  });
});

describe('reading .docx', () => {
  it('writes out Word numbering and keeps table cells apart, merged cells empty', async () => {
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'gongwen',
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.START },
              { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.START },
              { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: AlignmentType.START },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: REPORT[0] }),
            new Paragraph({ text: REPORT[1] }),
            new Paragraph({ text: '履行整改主体责任情况', numbering: { reference: 'gongwen', level: 0 } }),
            new Paragraph({ text: '整改落实情况', numbering: { reference: 'gongwen', level: 0 } }),
            new Paragraph({ text: '聚焦党的建设方面', numbering: { reference: 'gongwen', level: 1 } }),
            new Paragraph({ text: '理论学习不深入', numbering: { reference: 'gongwen', level: 2 } }),
            new Paragraph({ text: '整改情况：已完成整改。一是制定学习计划；二是开展专题研讨。' }),
            new Paragraph({ text: '财务管理不规范', numbering: { reference: 'gongwen', level: 2 } }),
            new Paragraph({ text: '整改情况：阶段性完成整改，并长期坚持。一是补齐凭证。' }),
            new Table({
              rows: [
                new TableRow({
                  children: ['一级指标', '三级指标', '分值', '得分'].map((t) => new TableCell({ children: [new Paragraph(t)] })),
                }),
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('产出指标')], verticalMerge: VerticalMergeType.RESTART }),
                    new TableCell({ children: [new Paragraph('办案数')] }),
                    new TableCell({ children: [new Paragraph('5')] }),
                    new TableCell({ children: [new Paragraph('5')] }),
                  ],
                }),
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('')], verticalMerge: VerticalMergeType.CONTINUE }),
                    new TableCell({ children: [new Paragraph('合计')], columnSpan: 2 }),
                    new TableCell({ children: [new Paragraph('5')] }),
                  ],
                }),
              ],
            }),
            new Paragraph({ text: REPORT[7] }),
            new Paragraph({ text: REPORT[8] }),
          ],
        },
      ],
    });
    const file = join(dir, 'report.docx');
    writeFileSync(file, await Packer.toBuffer(doc));
    const r = await readDocument(file);
    expect(r.format).toBe('docx');
    const lines = r.text.split('\n');
    expect(lines).toContain('一、履行整改主体责任情况');
    expect(lines).toContain('二、整改落实情况');
    expect(lines).toContain('（一）聚焦党的建设方面');
    expect(lines).toContain('1.理论学习不深入');
    expect(lines).toContain('2.财务管理不规范');
    expect(lines).toContain('产出指标\t办案数\t5\t5');
    expect(lines).toContain('\t合计\t\t5');
    const [report] = readReports(r.text);
    expect(report?.aspects.map((a) => a.title)).toEqual(['聚焦党的建设方面']);
    expect(report?.aspects[0]?.problems.map((p) => [p.title, p.status, p.longTerm])).toEqual([
      ['理论学习不深入', 'completed', false],
      ['财务管理不规范', 'phased', true],
    ]);
  });

  it('names a zip that is not a Word document', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const e = await refusal(readDocumentBytes('x.docx', zipSync({ 'a.txt': strToU8('hello') })));
    expect(e.code).toBe('not-a-document');
    expect(e.reason).toMatch(/x\.docx.*是压缩包，但不是可读取的文档（支持 \.txt、\.docx、/);
    // a scan is read as a .jpg, a .png or a .tif: the sentence names each
    expect(e.reason).toContain('.jpg、.png、.tif、.bmp、.webp');
  });

  it('says a Word file cut off halfway is damaged or incomplete, not some other zip', async () => {
    const whole = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改情况')] }] }));
    const e = await refusal(readDocumentBytes('半截.docx', new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2)))));
    expect(e.code).toBe('unreadable');
    expect(e.reason).toBe('文件“半截.docx”已损坏或不完整（压缩结构无法读取），请重新取得原文件');
  });
});

describe('reading .pdf', () => {
  it('reads the text layer; a paragraph wrapped over lines is read as one', async () => {
    const r = await readDocumentBytes('r.pdf', pdfWithText(REPORT));
    expect(r.format).toBe('pdf');
    const lines = r.text.split('\n');
    expect(lines[0]).toBe(REPORT[0]);
    expect(lines.length).toBe(REPORT.length + 1); // the opening paragraph wrapped over two lines
    const [report] = readReports(r.text);
    expect(report?.meta.reportDate?.value).toBe('2024-09-30');
    expect(report?.meta.feedbackDate?.value).toBe('2024-05-20');
    expect(report?.meta.feedbackDate?.line).toBe(3);
    expect(report?.aspects[0]?.problems).toHaveLength(2);
  });

  it('refuses a PDF whose streams would inflate past the limit, before the reader inflates them', async () => {
    const zeros = deflateSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 }); // 300 MB of one page's content in 300 KB
    const head = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n4 0 obj << /Length ${zeros.length} /Filter /FlateDecode >>\nstream\n`;
    const bomb = Buffer.concat([
      Buffer.from(head, 'latin1'),
      zeros,
      Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
    ]);
    await expect(readDocumentBytes('炸弹.pdf', new Uint8Array(bomb))).rejects.toMatchObject({
      reason: 'PDF 文件“炸弹.pdf”解压后超过上限256.0 MB（可能是压缩炸弹），未予读取',
    });
    // a PDF of ours, whose streams are compressed too, is read as before
    expect(checkPdfInflation(pdfWithText(REPORT))).toBeLessThan(MAX_PDF_INFLATED);
  });

  it('maps Kangxi-radical look-alikes to the characters a reader sees', async () => {
    // U+2F00 ⼀ and U+2F49 ⽉ as some PDF producers write 一 and 月
    const r = await readDocumentBytes('k.pdf', pdfWithText(['\u2F00、总体情况', '2024年5\u2F49']));
    expect(r.text).toBe('一、总体情况\n2024年5月');
  });

  it('joins a paragraph the page wrapped, though a wrapped line starts like an item ("1.110KV", "三、")', async () => {
    // set as a 公文 sets it: each paragraph's first line indented two characters, the others from the margin
    const paragraphs = [
      '中共示例县供电局党组关于巡察整改进展情况的通报',
      '一、整改落实情况',
      '1.农村电网老旧线路改造滞后。',
      // 38 characters on the first line: the next starts with "1.110KV", a figure, no item
      '整改情况：已完成整改。组织对全县范围内的老旧线路开展全面排查，排查出需改造的1.110KV线路12条，均已完成改造。',
      '2.配电设施巡检不到位。',
      // the next line starts with "三、", the third and fourth quarters, no heading
      '整改情况：正在整改。已制定专项改造方案，第一批安排在二季度，第二批安排在今年三、四季度实施。',
    ];
    const r = await readDocumentBytes('供电局.pdf', pdfWithText(paragraphs, { indent: true }));
    expect(r.text.split('\n')).toEqual(paragraphs);
    const [report] = readReports(r.text);
    const problems = report?.aspects.flatMap((a) => a.problems) ?? [];
    expect(problems.map((p) => [p.number, p.status])).toEqual([
      ['1.', 'completed'],
      ['2.', 'in-progress'],
    ]);
  });

  it('refuses an encrypted PDF, a scan without text, and says so', async () => {
    const enc = await refusal(readDocumentBytes('secret.pdf', pdfWithText(REPORT, { encrypted: true })));
    expect(enc.code).toBe('encrypted');
    expect(enc.reason).toContain('secret.pdf');
    expect(enc.reason).toContain('已加密');
    // a page with no text layer goes to OCR, which finds no words on a grey page (or is not installed: then it says so)
    const scan = await refusal(readDocumentBytes('scan.pdf', pdfWithoutText()));
    expect(scan.reason).toMatch(
      /^(?:扫描件“scan\.pdf”（PDF 没有文字层）中没有识别出文字|读取扫描件“scan\.pdf”（PDF 没有文字层）需要文字识别（OCR）)/,
    );
  });

  it('refuses a damaged PDF', async () => {
    const bytes = pdfWithText(REPORT).slice(0, 300);
    const e = await refusal(readDocumentBytes('broken.pdf', bytes));
    expect(['unreadable', 'no-text-layer']).toContain(e.code);
    expect(e.reason).toContain('broken.pdf');
  });
});

describe('bad input', () => {
  it('names the file and the reason: empty, binary, a cut-off .doc, too large, missing', async () => {
    expect((await refusal(readDocumentBytes('empty.txt', new Uint8Array()))).reason).toBe('文件“empty.txt”是空文件');
    expect((await refusal(readDocumentBytes('blank.txt', new Uint8Array(Buffer.from(' \n\t\n'))))).code).toBe('empty');
    const binary = new Uint8Array(256).map((_, i) => i);
    expect((await refusal(readDocumentBytes('image.png', binary))).code).toBe('not-a-document');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await refusal(readDocumentBytes('old.doc', ole))).reason).toBe(
      '文件“old.doc”已损坏或不完整（文件结构被截断），请重新取得原文件',
    );
    const big = await refusal(readDocumentBytes('big.txt', new Uint8Array(2048).fill(0x41), 1024));
    expect(big.code).toBe('too-large');
    expect(big.reason).toMatch(/big\.txt.*超过上限/);
    // a 50-page colour scan may be 100 MB; 21 MB of text is no report
    const text = await refusal(readDocumentBytes('长文本.txt', new Uint8Array(21 * 1024 * 1024).fill(0x41)));
    expect(text.reason).toBe('文件“长文本.txt”是文本，大小为21.0 MB，超过文本的上限20.0 MB；请拆分后再读取');
    expect((await refusal(readDocument(join(dir, 'nope.txt')))).code).toBe('not-found');
  });

  it('decides the kind by content, not by name', async () => {
    const r = await readDocumentBytes('misnamed.txt', pdfWithText(REPORT));
    expect(r.format).toBe('pdf');
    // a text that happens to start with the letters of a bitmap's signature is still text
    const bm = await readDocumentBytes('bm.txt', new Uint8Array(Buffer.from(`BM项目整改说明\n${REPORT.join('\n')}`)));
    expect(bm.format).toBe('txt');
  });
});
