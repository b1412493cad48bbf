import { describe, expect, it } from 'vitest';
import { EVIDENCE_PER_PROBLEM, evidenceRefusal, evidenceView, judgeEvidenceFile } from './evidence-file.ts';

const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s));
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
// each whole, ending as its kind always ends: IEND, %%EOF, the ZIP's end-of-directory record
const PNG = [
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  ...ascii('IHDR'),
  0,
  0,
  0,
  0,
  ...ascii('IEND'),
  0xae,
  0x42,
  0x60,
  0x82,
];
const PDF = '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
const ZIP = [0x50, 0x4b, 0x03, 0x04, 1, 2, 0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)];
/** An OLE compound file's header, its directory in sector 0, naming the streams given (UTF-16LE). */
function ole(...streams: string[]): number[] {
  const b = new Array(1536).fill(0);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((x, i) => (b[i] = x));
  b[30] = 9; // 512-byte sectors
  streams.forEach((name, k) => [...name].forEach((c, i) => (b[512 + k * 128 + i * 2] = c.charCodeAt(0))));
  return b;
}

describe('judging a file offered as evidence', () => {
  it('takes a PDF, an image, text and an Office file whose content is what the name says', () => {
    expect(judgeEvidenceFile('会议记录.pdf', bytes(PDF))).toEqual({ mime: 'application/pdf', view: 'inline', name: '会议记录.pdf' });
    expect(judgeEvidenceFile('现场照片.PNG', bytes(PNG))).toEqual({ mime: 'image/png', view: 'inline', name: '现场照片.PNG' });
    expect(judgeEvidenceFile('说明.txt', bytes('已完成整改。'))).toMatchObject({ view: 'text' });
    expect(judgeEvidenceFile('制度.docx', bytes(ZIP))).toMatchObject({ view: 'text' });
    expect(judgeEvidenceFile('旧台账.xls', bytes(ole('Workbook')))).toMatchObject({ view: 'text' });
  });

  it('keeps a picture or a PDF under a wrong extension by what it is, under the right one', () => {
    expect(judgeEvidenceFile('现场照片.txt', bytes(PNG))).toEqual({ mime: 'image/png', view: 'inline', name: '现场照片.png' });
    expect(judgeEvidenceFile('扫描件.jpg', bytes(PDF))).toEqual({ mime: 'application/pdf', view: 'inline', name: '扫描件.pdf' });
    expect(judgeEvidenceFile('通知.docx', bytes(ole('WordDocument')))).toMatchObject({ mime: 'application/msword', name: '通知.doc' });
  });

  it('refuses a file under a password and one cut off on the way, saying which', () => {
    const locked = '佐证材料“制度.docx”设有打开密码，审核人无法查看；请取消密码后再上传';
    expect(judgeEvidenceFile('制度.docx', bytes(ole('EncryptedPackage', 'EncryptionInfo')))).toEqual({ refused: locked });
    const cut = (name: string) => `佐证材料“${name}”不完整（文件末尾缺失，可能上传或复制时中断），请重新取得原文件后上传`;
    expect(judgeEvidenceFile('制度.docx', bytes(ZIP.slice(0, 8)))).toEqual({ refused: cut('制度.docx') });
    expect(judgeEvidenceFile('会议记录.pdf', bytes(PDF.slice(0, 20)))).toEqual({ refused: cut('会议记录.pdf') });
    expect(judgeEvidenceFile('现场照片.png', bytes(PNG.slice(0, 20)))).toEqual({ refused: cut('现场照片.png') });
  });

  it('refuses a program under a document’s name, saying what it is', () => {
    const exe = bytes([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    expect(judgeEvidenceFile('整改报告.pdf', exe)).toEqual({ refused: '佐证材料“整改报告.pdf”实为可执行程序或脚本，不能上传' });
    expect(judgeEvidenceFile('说明.txt', bytes('#!/bin/sh\nrm -rf /'))).toHaveProperty('refused');
    expect(judgeEvidenceFile('elf.jpg', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toHaveProperty('refused');
  });

  it('refuses content that is not what the name says, a type not taken, and an empty file', () => {
    expect(judgeEvidenceFile('照片.jpg', bytes('一段文字，不是图片'))).toEqual({
      refused: '佐证材料“照片.jpg”的内容不是 JPEG 图片，文件可能已损坏或扩展名不对',
    });
    expect(judgeEvidenceFile('setup.exe', bytes([0x4d, 0x5a]))).toMatchObject({ refused: expect.stringContaining('类型不能上传') });
    expect(judgeEvidenceFile('无扩展名', bytes('text'))).toMatchObject({ refused: expect.stringContaining('类型不能上传') });
    expect(judgeEvidenceFile('空.pdf', new Uint8Array())).toEqual({ refused: '佐证材料“空.pdf”是空文件' });
  });

  it('shows kept files by their kind; older files kept under a generic type are downloaded', () => {
    expect(evidenceView('application/pdf')).toBe('inline');
    expect(evidenceView('text/plain')).toBe('text');
    expect(evidenceView('application/octet-stream')).toBe('download');
  });
});

describe('when no more evidence may be added', () => {
  const open = { code: 'XC2025-01-001', status: 'in-progress' };
  it('refuses a closed problem, the fifty-first file and a total past the limit; takes anything else', () => {
    expect(evidenceRefusal({ ...open, status: 'completed' }, { files: 0, bytes: 0 }, 10)).toContain('已销号');
    expect(evidenceRefusal(open, { files: EVIDENCE_PER_PROBLEM.files, bytes: 0 }, 10)).toContain(`至多 ${EVIDENCE_PER_PROBLEM.files} 份`);
    expect(evidenceRefusal(open, { files: 1, bytes: EVIDENCE_PER_PROBLEM.bytes - 5 }, 10)).toContain('超过 200 MB');
    expect(evidenceRefusal(open, { files: 49, bytes: EVIDENCE_PER_PROBLEM.bytes - 10 }, 10)).toBeNull();
    expect(evidenceRefusal({ ...open, status: 'phased' }, { files: 0, bytes: 0 }, 10)).toBeNull();
  });
});
