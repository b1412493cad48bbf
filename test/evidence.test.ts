// Evidence as the people who give it and judge it use it, through the HTTP API: kept only when its content is what
// its name says, never on a closed problem, and read back — shown in the browser, downloaded under its own name,
// its words previewed — by whoever sees its problem and by no one else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Document, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import { createUnit } from '../src/services/organisation.ts';
import { importDocuments } from '../src/services/import-documents.ts';
import { assignProblem } from '../src/services/problem-actions.ts';
import type { Ledger } from '../src/store/open-database.ts';
import { testLedger } from './support/ledger.ts';
import { FULL_SCOPE } from '../src/core/access/permissions.ts';
import { makeOfd } from './support/ofd.ts';
import { makeHtml } from './support/web-page.ts';

const SAMPLE = join(resolve(import.meta.dirname, '..'), 'samples', '巡察整改进展情况的通报-示例.txt');
const TODAY = '2025-01-15';
const PASSWORD = 'correct horse battery';

let l: Ledger;
let app: FastifyInstance;
let open: string; // a problem still being rectified, led by 计划财务股
let closed: string; // a problem the report gives as completed
const as: Record<string, { cookie: string; 'x-csrf-token': string }> = {};

function upload(user: string, code: string, name: string, bytes: Uint8Array | string) {
  const boundary = '----zgevidence';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({
    method: 'POST',
    url: `/api/problems/${code}/evidence`,
    payload,
    headers: { ...as[user], 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: as[user] });
const evidenceCount = async () =>
  Number(
    (
      await l.db
        .selectFrom('evidence')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  l = await testLedger();
  app = await buildApp({ ledger: l, today: () => TODAY });
  await createUnit(l.db, 'test', { name: '示例县农业农村局' }, FULL_SCOPE);
  await createUnit(l.db, 'test', { name: '计划财务股', parent: '示例县农业农村局' }, FULL_SCOPE);
  await createUnit(l.db, 'test', { name: '另一个股', parent: '示例县农业农村局' }, FULL_SCOPE);
  const [r] = await importDocuments(l, [SAMPLE], { actor: 'test', today: TODAY });
  const source = r?.sources[0]?.code as string;
  const problems = await l.db
    .selectFrom('problem')
    .select(['code', 'status'])
    .where('code', 'like', `${source}-%`)
    .orderBy('code')
    .execute();
  open = problems.find((p) => p.status === 'in-progress')?.code as string;
  closed = problems.find((p) => p.status === 'completed')?.code as string;
  for (const code of [open, closed])
    await assignProblem(l.db, code, { scope: FULL_SCOPE, actor: 'test', at: TODAY }, { leadUnit: '计划财务股' });
  for (const [username, unit] of [
    ['clerk', '计划财务股'],
    ['stranger', '另一个股'],
  ] as const) {
    await createUser(l.db, 'test', { username, displayName: username, password: PASSWORD, role: 'unit', unit });
    const s = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
    const cookie = s.cookies.find((c) => c.name === 'zg_session');
    as[username] = { cookie: `zg_session=${cookie?.value}`, 'x-csrf-token': s.json().csrf };
  }
});
afterAll(async () => {
  await app.close();
  await l.close();
});

describe('evidence given', () => {
  it('is refused when a program poses as a PDF, or the content is not what the name says, and nothing is kept', async () => {
    const before = await evidenceCount();
    const exe = await upload('clerk', open, '整改报告.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]));
    expect(exe.statusCode).toBe(422);
    expect(exe.json().message).toBe('佐证材料“整改报告.pdf”实为可执行程序或脚本，不能上传');
    const fake = await upload('clerk', open, '现场照片.jpg', '这不是图片');
    expect(fake.json().message).toContain('内容不是 JPEG 图片');
    expect(await evidenceCount()).toBe(before);
  });

  it('refuses a Word file cut off on the way, and keeps a picture sent under a .txt name as the picture it is', async () => {
    const before = await evidenceCount();
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改措施落实情况')] }] }));
    const cut = await upload('clerk', open, '整改措施.docx', new Uint8Array(docx.subarray(0, Math.floor(docx.length / 2))));
    expect(cut.statusCode).toBe(422);
    expect(cut.json().message).toBe('佐证材料“整改措施.docx”不完整（文件末尾缺失，可能上传或复制时中断），请重新取得原文件后上传');
    expect(await evidenceCount()).toBe(before);
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Buffer.from('\0\0\0\rIHDR'),
      0,
      0,
      0,
      0,
      ...Buffer.from('IEND'),
    ]);
    const kept = await upload('clerk', open, '现场照片.txt', png);
    expect(kept.statusCode).toBe(200);
    expect(kept.json().fileName).toBe('现场照片.png');
    const shown = await get('clerk', `/api/evidence/${kept.json().id}/file`);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toContain('.png');
  });

  it('is refused on a closed (销号) problem', async () => {
    const r = await upload('clerk', closed, '补充材料.pdf', '%PDF-1.4 补充\n%%EOF\n');
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toContain('已销号，不能再上传佐证材料');
  });
});

describe('evidence read back', () => {
  it('shows a PDF in the browser, framed only by the application, and downloads it under its Chinese name', async () => {
    const id = (await upload('clerk', open, '会议纪要（2025）.pdf', '%PDF-1.4 会议纪要\n%%EOF\n')).json().id;
    const shown = await get('clerk', `/api/evidence/${id}/file`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('application/pdf');
    expect(shown.headers['content-disposition']).toMatch(
      /^inline; .*filename\*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81%EF%BC%882025%EF%BC%89\.pdf$/,
    );
    expect(shown.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(shown.body).toBe('%PDF-1.4 会议纪要\n%%EOF\n');
    const downloaded = await get('clerk', `/api/evidence/${id}/file?download=true`);
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment; /);
    expect(downloaded.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('previews the words of a Word document and of GBK text', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('财务报销制度已于3月印发并组织学习')] }] }));
    const word = (await upload('clerk', open, '制度.docx', new Uint8Array(docx))).json().id;
    const w = await get('clerk', `/api/evidence/${word}/text`);
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ fileName: '制度.docx', truncated: false });
    expect(w.json().text).toContain('财务报销制度已于3月印发并组织学习');
    const gbk = (await upload('clerk', open, '说明.txt', new Uint8Array(iconv.encode('已收回超期账款12.5万元', 'gbk')))).json().id;
    expect((await get('clerk', `/api/evidence/${gbk}/text`)).json().text).toBe('已收回超期账款12.5万元');
    // a Word document is not shown as itself: downloaded, never framed
    expect((await get('clerk', `/api/evidence/${word}/file`)).headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('shows the words of a saved web page, never the page: its scripts neither run nor show', async () => {
    const page = makeHtml('关于档案整改的通知\n已于3月完成档案室搬迁，<script>alert(1)</script>字样按原文保留。');
    const id = (await upload('clerk', open, '通知网页.html', page)).json().id;
    const words = await get('clerk', `/api/evidence/${id}/text`);
    expect(words.statusCode).toBe(200);
    expect(words.json().text).toContain('已于3月完成档案室搬迁，<script>alert(1)</script>字样按原文保留。');
    expect(words.json().text).not.toContain('_hmt');
    const file = await get('clerk', `/api/evidence/${id}/file`);
    expect(file.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('previews the words of an OFD, the format official documents are issued in', async () => {
    const ofd = (
      await upload('clerk', open, '整改通知.ofd', makeOfd('关于印发整改方案的通知\n各科室：现将整改方案印发给你们，请认真抓好落实。'))
    ).json().id;
    const r = await get('clerk', `/api/evidence/${ofd}/text`);
    expect(r.statusCode).toBe(200);
    expect(r.json().text).toBe('关于印发整改方案的通知\n各科室：现将整改方案印发给你们，请认真抓好落实。');
  });

  it('is not there for a unit that does not see its problem', async () => {
    const id = (await upload('clerk', open, '台账.pdf', '%PDF-1.4 台账\n%%EOF\n')).json().id;
    for (const path of ['file', 'text']) {
      const r = await get('stranger', `/api/evidence/${id}/${path}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toBe(`佐证材料 ${id} 不存在，或您无权查看`);
    }
    expect((await app.inject({ method: 'GET', url: `/api/evidence/${id}/file` })).statusCode).toBe(401);
  });
});
