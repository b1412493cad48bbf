import { writeFileSync } from 'node:fs';
import { openLedger } from '../src/store/open-database.ts';
import { buildApp } from '../src/server/app.ts';
import { createUser } from '../src/services/accounts.ts';
import type { Role } from '../src/core/access/permissions.ts';
const l = await openLedger({ url: 'postgres://postgres@127.0.0.1:55432/zg_probe' });
const PASSWORD = 'bench password 1';
const USERS = [
  { role: 'admin', unit: null },
  ...Array.from({ length: 4 }, () => ({ role: 'office', unit: '县委' })),
  ...Array.from({ length: 5 }, () => ({ role: 'leader', unit: '县委' })),
  ...Array.from({ length: 5 }, (_, i) => ({ role: 'leader', unit: `单位${41 + i}` })),
  ...Array.from({ length: 5 }, () => ({ role: 'supervisor', unit: '县委' })),
  ...Array.from({ length: 30 }, (_, i) => ({ role: 'unit', unit: `单位${1 + i}` })),
].map((u, i) => ({ ...u, username: `user${i}`, password: PASSWORD }));
const have = await l.db
  .selectFrom('app_user')
  .select('username')
  .execute()
  .catch(() => []);
if (have.length < 10)
  for (const u of USERS)
    await createUser(l.db, 'bench', {
      username: u.username,
      displayName: u.username,
      password: u.password,
      role: u.role as Role,
      unit: u.unit,
    });
const app = await buildApp({
  ledger: l,
  today: () => '2025-06-30',
  webRoot: '/work/main/web/dist',
  readCacheMs: 0,
  logLevel: 'warn',
} as never);
await app.listen({ port: 4555, host: '127.0.0.1' });
writeFileSync(
  '/tmp/probe/office.json',
  JSON.stringify({
    base: 'http://127.0.0.1:4555',
    warmSeconds: 10,
    seconds: Number(process.env.SECS ?? 40),
    thinkMs: [2000, 6000],
    users: USERS,
  }),
);
console.log('listening');
process.on('SIGTERM', async () => {
  await app.close();
  await l.close();
  process.exit(0);
});
process.on('SIGINT', async () => {
  console.log('cpu', JSON.stringify(process.cpuUsage()));
  await app.close();
  await l.close();
  process.exit(0);
});
