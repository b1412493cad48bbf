import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportLedger, importLedgerWorkbook } from '../../services/ledger-workbook.ts';
import { generateItemForm, generateReport, publicationSettings } from '../../services/official-documents.ts';
import { setPublication } from '../../services/source-settings.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { readUploads, type Upload } from '../uploads.ts';
import { InvalidInput } from '../../core/errors.ts';
import { DOCX, sendFile, XLSX } from '../download.ts';
import { importOwner } from '../upload-owner.ts';
import { contract } from '../contract.ts';
export function generatedDocumentRoutes(app: FastifyInstance, ledger: Ledger, today: () => string, maxUploadBytes: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ledger.db;

  r.get(
    '/api/sources/:source/reports/:kind',
    {
      schema: {
        ...contract('GET /api/sources/:source/reports/:kind'),
        tags: ['公文'],
        summary: '由台账生成公文（.docx）：tongbao 整改进展情况的通报，plan 整改方案，npc 审计查出问题整改情况的报告',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'export');
      const f = await generateReport(db, {
        source: req.params.source,
        kind: req.params.kind,
        asOf: req.query.asOf,
        date: req.query.date,
        public: req.query.public === 'true',
        today: today(),
        scope: v.scope,
        generatedBy: `${v.displayName}（${v.username}）`,
      });
      // what reading the document back found: the ledger's own contradictions, for the screen to show
      const errors = f.findings.filter((x) => x.severity === 'error').map((x) => x.message);
      return sendFile(reply, f.fileName, DOCX, f.bytes, { 'x-zg-findings': encodeURIComponent(JSON.stringify(errors)) });
    },
  );

  r.get(
    '/api/problems/:code/forms/:kind',
    {
      schema: {
        ...contract('GET /api/problems/:code/forms/:kind'),
        tags: ['公文'],
        summary: '一个问题的督办单（notice）或对账销号单（closure），.docx',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, req.params.kind === 'notice' ? 'supervise' : 'read');
      const f = await generateItemForm(db, req.params.code, req.params.kind, today(), v.scope, `${v.displayName}（${v.username}）`);
      return sendFile(reply, f.fileName, DOCX, f.bytes);
    },
  );

  r.get(
    '/api/sources/:source/workbook',
    {
      schema: {
        ...contract('GET /api/sources/:source/workbook'),
        tags: ['公文'],
        summary: '台账工作簿（.xlsx）：问题清单、任务清单、责任清单、督办清单',
      },
    },
    async (req, reply) => {
      const v = viewerWith(req, 'export');
      const bytes = await exportLedger(db, req.params.source, today(), v.scope, `${v.displayName}（${v.username}）`);
      return sendFile(reply, `${req.params.source}-台账-${today()}.xlsx`, XLSX, bytes);
    },
  );

  r.post(
    '/api/workbook',
    {
      schema: {
        ...contract('POST /api/workbook'),
        tags: ['公文'],
        summary:
          '从台账工作簿（.xlsx）导入：本系统的四个清单，或单位自己的台账（表单字段 source、sheet、mapping、title）；逐行核对，有任何一行不对则全部不导入',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      // source, and for a unit's own workbook: sheet, mapping ("问题=问题描述,…"), title of a new source
      const names = ['source', 'sheet', 'mapping', 'title', 'owner'] as const;
      const up = await readUploads(req, {
        maxBytes: maxUploadBytes,
        maxFiles: 1,
        fields: names,
        unnamed: '台账.xlsx',
        missing: '请选择要导入的台账工作簿',
      });
      const file = up.files[0] as Upload;
      const fields: Partial<Record<(typeof names)[number], string>> = {};
      const longest = { source: 40, sheet: 100, mapping: 2000, title: 200, owner: 12 } as const;
      for (const n of names) {
        const v = up.fields[n]?.trim();
        if (!v) continue;
        if (v.length > longest[n]) throw new InvalidInput(`表单字段“${n}”过长（最多 ${longest[n]} 个字）`);
        fields[n] = v;
      }
      const { owner, ...rest } = fields;
      return importLedgerWorkbook(ledger, file.bytes, {
        actor: v.displayName,
        today: today(),
        fileName: file.name,
        ...rest,
        scope: v.scope,
        ownerUnitId: importOwner(v, owner),
      });
    },
  );

  r.get(
    '/api/sources/:source/publication',
    {
      schema: {
        ...contract('GET /api/sources/:source/publication'),
        tags: ['公文'],
        summary: '来源的公开设置：署名、公开期限、联系方式、公开版隐去的内容',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'read');
      return publicationSettings(db, req.params.source, v.scope);
    },
  );

  r.put(
    '/api/sources/:source/publication',
    {
      schema: {
        ...contract('PUT /api/sources/:source/publication'),
        tags: ['公文'],
        summary: '修改来源的公开设置',
      },
    },
    async (req) => {
      const v = viewerWith(req, 'import');
      return setPublication(db, req.params.source, v.displayName, req.body, v.scope);
    },
  );
}
