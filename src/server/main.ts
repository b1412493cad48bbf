// `npm start`: the ledger (embedded unless DATABASE_URL is set), an administrator on a first start, the team's sample
// data so the first screen is not empty, the application on http://localhost:3000 (PORT to change), and the daily
// supervision run with its digests (ZG_SUPERVISE_AT, default 08:30; e-mail when ZG_SMTP_URL is set; ZG_SUPERVISE=off
// to leave supervision to `zg supervise run`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureAdmin } from '../services/accounts.ts';
import { openDefaultLedger } from '../services/ledger.ts';
import { loadSampleData } from '../services/sample-data.ts';
import { today } from '../services/today.ts';
import { countTheDay } from '../services/ledger-queries.ts';
import { supervisionSchedule } from '../services/supervision-schedule.ts';
import { configuredMail } from '../services/mail.ts';
import { explainFailure } from '../services/explain-failure.ts';
import { projectRoot } from '../services/version.ts';

const root = projectRoot();
// a start that cannot happen for a reason the person can fix (the database unreachable, the directory in use, no
// room, an administrator's password the rule refuses) says so in one sentence instead of a stack trace
const refuseStart = (e: unknown): never => {
  const known = explainFailure(e);
  if (!known) throw e;
  console.error(`整改通未能启动：${known.message}`);
  process.exit(2);
};
// the application's code loads while the database starts (its WebAssembly compiles off this thread): a start is the
// longer of the two, not their sum
const appModule = import('./app.ts');
const ledger = await openDefaultLedger().catch(refuseStart);
const admin = await ensureAdmin(ledger.db, process.env.ZG_ADMIN_PASSWORD).catch(refuseStart);
if (admin.created) {
  if (admin.password) console.log(`首次启动：已创建管理员账号 admin，密码 ${admin.password}（只显示这一次，请登录后妥善保管）`);
  else console.log('首次启动：已创建管理员账号 admin，密码为环境变量 ZG_ADMIN_PASSWORD 的值');
  if (process.env.ZG_SAMPLE_DATA !== 'off') {
    const code = await loadSampleData(ledger, join(root, 'samples'), today());
    if (code) console.log(`已载入示例数据：整改来源 ${code}`);
  }
}
const webRoot = join(root, 'web/dist');
if (!existsSync(join(webRoot, 'index.html'))) {
  // build what is missing: a fresh clone has no web/dist yet
  console.log('正在构建网页界面（首次启动需要几秒钟）…');
  const { buildWeb } = await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href);
  await buildWeb(root);
}
const { buildApp } = await appModule;
// an upload's size limit, in MB (a 50-page colour scan is 60–100 MB)
const uploadMb = Number(process.env.ZG_MAX_UPLOAD_MB);
const port = Number(process.env.PORT ?? 3000);
const publicOn = process.env.ZG_PUBLIC !== 'off';
const publicPort = Number(process.env.ZG_PUBLIC_PORT ?? port + 1);
const app = await buildApp({
  ledger,
  webRoot,
  logger: process.env.ZG_LOG === 'on',
  ...(uploadMb > 0 ? { maxUploadBytes: uploadMb * 1024 * 1024 } : {}),
  publicUrl: publicOn ? (process.env.ZG_PUBLIC_URL ?? `http://localhost:${publicPort}`) : undefined,
});
await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' }).catch(refuseStart);
console.log(`整改通已启动：http://localhost:${port}/  （API 文档：http://localhost:${port}/api/docs）`);
// the public part (published 通报, the public's submissions) on a port of its own, apart from the application:
// ZG_PUBLIC_PORT (default the next port), ZG_PUBLIC_HOST (default HOST), ZG_PUBLIC_URL (how people reach it, for the
// office's links); ZG_PUBLIC=off leaves it out
let publicApp: Awaited<ReturnType<typeof import('./public/public-app.ts').buildPublicApp>> | null = null;
if (publicOn) {
  const { buildPublicApp } = await import('./public/public-app.ts');
  publicApp = await buildPublicApp({
    ledger,
    logger: process.env.ZG_LOG === 'on',
    trustProxy: process.env.ZG_PUBLIC_TRUST_PROXY,
  });
  await publicApp.listen({ port: publicPort, host: process.env.ZG_PUBLIC_HOST ?? process.env.HOST ?? '127.0.0.1' }).catch(refuseStart);
  console.log(`公开与群众监督页面：http://localhost:${publicPort}/`);
}
// the whole ledger's figures counted once a day, at start and when the day turns, before the first person asks
let counted = '';
const countDay = async () => {
  const day = today();
  if (day === counted) return;
  counted = day;
  await countTheDay(ledger.db, day).catch((e) => console.error('counting the day’s figures failed', e));
};
const dayTimer = setInterval(() => void countDay(), 60_000);
// a moment after the start, so that what is asked at once (a health check, the login screen) is not held behind it
const firstCount = setTimeout(() => void countDay(), 1000);
const mail = configuredMail();
let timer: NodeJS.Timeout | null = null;
if (process.env.ZG_SUPERVISE !== 'off') {
  const schedule = supervisionSchedule(ledger.db, { at: process.env.ZG_SUPERVISE_AT ?? '08:30', send: mail?.send });
  let busy = false;
  const tick = async () => {
    if (busy) return; // a slow mail server must not stack ticks
    busy = true;
    try {
      const r = await schedule.tick();
      if (r.run) console.log(`${r.run.day} 自动督办：新产生 ${r.run.created} 项，撤销 ${r.run.cancelled} 项，汇总邮件 ${r.digests} 封`);
    } catch (e) {
      console.error('supervision tick failed', e);
    } finally {
      busy = false;
    }
  };
  timer = setInterval(() => void tick(), 60_000);
  void tick();
  console.log(
    `自动督办：每天 ${process.env.ZG_SUPERVISE_AT ?? '08:30'}（北京时间）${mail ? `，汇总邮件经 ${mail.host} 发送` : '，未配置邮件服务器（ZG_SMTP_URL），仅站内提醒'}`,
  );
}
const stop = async () => {
  clearInterval(dayTimer);
  clearTimeout(firstCount);
  if (timer) clearInterval(timer);
  mail?.close();
  await app.close();
  await publicApp?.close();
  await ledger.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
