// 系统管理 → 备份: the backups kept where the server writes them, one made now, one downloaded. The system
// administrator's alone (capability `backup`); a name outside the list reaches nothing.
import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { backupNow, backupPath, listBackups } from '../../services/backup-schedule.ts';
import type { Ledger } from '../../services/ledger.ts';
import { viewerWith } from '../auth.ts';
import { contract } from '../contract.ts';
import { sendFileStream } from '../download.ts';

export function backupRoutes(app: FastifyInstance, ledger: Ledger, dir: string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统管理'];
  r.get('/api/backups', { schema: { ...contract('GET /api/backups'), tags, summary: '已有的备份' } }, async (req) => {
    viewerWith(req, 'backup');
    return { dir, daily: Boolean(process.env.ZG_BACKUP_DIR), database: ledger.kind, items: listBackups(dir) };
  });
  r.post('/api/backups', { schema: { ...contract('POST /api/backups'), tags, summary: '立即备份整个台账' } }, async (req) => {
    viewerWith(req, 'backup');
    const { name, manifest } = await backupNow(ledger, dir);
    return {
      name,
      bytes: statSync(backupPath(dir, name)).size,
      rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
      events: manifest.audit.events,
    };
  });
  r.get('/api/backups/:name', { schema: { ...contract('GET /api/backups/:name'), tags, summary: '下载一个备份' } }, async (req, reply) => {
    viewerWith(req, 'backup');
    const path = backupPath(dir, req.params.name);
    return sendFileStream(reply, req.params.name, 'application/octet-stream', createReadStream(path));
  });
}
