import { describe, expect, it } from 'vitest';
import { EVIDENCE_PER_PROBLEM, evidenceRefusal, evidenceView, judgeEvidenceFile } from './evidence-file.ts';

const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

describe('judging a file offered as evidence', () => {
  it('takes a PDF, an image, text and an Office file whose content is what the name says', () => {
    expect(judgeEvidenceFile('会议记录.pdf', bytes('%PDF-1.7\n...'))).toEqual({ mime: 'application/pdf', view: 'inline' });
    expect(judgeEvidenceFile('现场照片.PNG', bytes(PNG))).toEqual({ mime: 'image/png', view: 'inline' });
    expect(judgeEvidenceFile('说明.txt', bytes('已完成整改。'))).toMatchObject({ view: 'text' });
    expect(judgeEvidenceFile('制度.docx', bytes([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({ view: 'text' });
    expect(judgeEvidenceFile('旧台账.xls', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatchObject({ view: 'text' });
  });

  it('refuses a program under a document’s name, saying what it is', () => {
    const exe = bytes([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    expect(judgeEvidenceFile('整改报告.pdf', exe)).toEqual({ refused: '佐证材料“整改报告.pdf”实为可执行程序或脚本，不能上传' });
    expect(judgeEvidenceFile('说明.txt', bytes('#!/bin/sh\nrm -rf /'))).toHaveProperty('refused');
    expect(judgeEvidenceFile('elf.jpg', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toHaveProperty('refused');
  });

  it('refuses content that is not what the name says, a type not taken, and an empty file', () => {
    expect(judgeEvidenceFile('照片.jpg', bytes('%PDF-1.4'))).toEqual({
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
