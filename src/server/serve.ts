// One server process: the application (and the public part) listening, the day's figures counted when the day
// turns, and — in the first process only — the supervision schedule. Several such processes may run over one
// PostgreSQL database (server/cluster.ts); what each remembers is checked against the database on every request.
import { join } from 'node:path';
import { countTheDay } from '../services/ledger-queries.ts';
import { configuredMail } from '../services/mail.ts';
import { supervisionSchedule } from '../services/supervision-schedule.ts';
import { today } from '../services/today.ts';
import { projectRoot } from '../services/version.ts';
import { scheduleSettings } from './processes.ts';
import { explainFailure } from '../services/explain-failure.ts';
import type { Ledger } from '../services/ledger.ts';

export interface ServeOptions {
  readonly ledger: Ledger;
  /** this process among `count`: the first speaks for all and keeps the schedule */
  readonly index: number;
  readonly count: number;
  readonly refuseStart: (e: unknown) => never;
}

export async function serve({ ledger, index, count, refuseStart }: ServeOptions): Promise<void> {
  const first = index === 0;
  // a process started again after one died says nothing: the server as a whole did not start again
  const say = (line: string) => first && !process.env.ZG_RESTARTED && console.log(line);
  const { buildApp } = await import('./app.ts');
  // an upload's size limit, in MB (a 50-page colour scan is 60–100 MB)
  const uploadMb = Number(process.env.ZG_MAX_UPLOAD_MB);
  const port = Number(process.env.PORT ?? 3000);
  const publicOn = process.env.ZG_PUBLIC !== 'off';
  const publicPort = Number(process.env.ZG_PUBLIC_PORT ?? port + 1);
  const settings = scheduleSettings(process.env);
  const app = await buildApp({
    ledger,
    reminders: settings.reminders,
    webRoot: join(projectRoot(), 'web/dist'),
    logger: process.env.ZG_LOG === 'on',
    ...(uploadMb > 0 ? { maxUploadBytes: uploadMb * 1024 * 1024 } : {}),
    publicUrl: publicOn ? (process.env.ZG_PUBLIC_URL ?? `http://localhost:${publicPort}`) : undefined,
    // behind an HTTPS proxy: cookies only over HTTPS; the proxy's forwarded address is the person's
    secureCookies: process.env.ZG_HTTPS === 'on',
    trustProxy: process.env.ZG_TRUST_PROXY,
  });
  await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' }).catch(refuseStart);
  say(`整改通已启动：http://localhost:${port}/  （API 文档：http://localhost:${port}/api/docs）${count > 1 ? `，${count} 个进程` : ''}`);
  // the public part (published 通报, the public's submissions) on a port of its own, apart from the application:
  // ZG_PUBLIC_PORT (default the next port), ZG_PUBLIC_HOST (default HOST), ZG_PUBLIC_URL (how people reach it, for
  // the office's links); ZG_PUBLIC=off leaves it out
  let publicApp: Awaited<ReturnType<typeof import('./public/public-app.ts').buildPublicApp>> | null = null;
  if (publicOn) {
    const { buildPublicApp } = await import('./public/public-app.ts');
    publicApp = await buildPublicApp({
      ledger,
      logger: process.env.ZG_LOG === 'on',
      trustProxy: process.env.ZG_PUBLIC_TRUST_PROXY,
    });
    await publicApp.listen({ port: publicPort, host: process.env.ZG_PUBLIC_HOST ?? process.env.HOST ?? '127.0.0.1' }).catch(refuseStart);
    say(`公开与群众监督页面：http://localhost:${publicPort}/`);
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
  const mail = first ? configuredMail() : null;
  let timer: NodeJS.Timeout | null = null;
  // one process keeps the schedule; were there two (two machines), the run still happens once (under a database lock)
  if (first && settings.superviseAt) {
    const at = settings.superviseAt;
    const schedule = supervisionSchedule(ledger.db, {
      at,
      send: mail?.send,
      post: settings.reminders.post,
      appUrl: settings.reminders.appUrl,
    });
    let busy = false;
    const tick = async () => {
      if (busy) return; // a slow mail server must not stack ticks
      busy = true;
      try {
        const r = await schedule.tick();
        if (r.run)
          console.log(
            `${r.run.day} 自动督办：新产生 ${r.run.created} 项，撤销 ${r.run.cancelled} 项，汇总提醒 ${r.digests} 条（邮件、群消息、短信）`,
          );
      } catch (e) {
        console.error('supervision tick failed', e);
      } finally {
        busy = false;
      }
    };
    timer = setInterval(() => void tick(), 60_000);
    void tick();
    console.log(
      `自动督办：每天 ${at}（北京时间）；站内提醒${mail ? `，汇总邮件经 ${mail.host} 发送` : '，未配置邮件服务器（ZG_SMTP_URL）不发邮件'}；` +
        `整改办设置的群机器人照常发送${settings.reminders.sms ? '，短信经短信网关发送' : '，未配置短信网关（ZG_SMS_URL）不发短信'}` +
        (settings.reminders.appUrl ? '' : '；未设置访问地址（ZG_APP_URL），消息中不带链接'),
    );
  }
  // the day's backup (ZG_BACKUP_DIR; ZG_BACKUP_AT, default 02:00; ZG_BACKUP_KEEP, default 7), kept by the first process
  let backupTimer: NodeJS.Timeout | null = null;
  const backup = settings.backup;
  if (first && backup) {
    const { backupSchedule } = await import('../services/backup-schedule.ts');
    const backups = backupSchedule(ledger, backup);
    let busy = false;
    let lastFailure = { said: '', at: 0 };
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await backups.tick();
        if (r)
          console.log(
            `已备份到 ${r.file}（操作日志 ${r.manifest.audit.events} 条）${r.removed.length ? `，删除较早的备份 ${r.removed.length} 个` : ''}`,
          );
      } catch (e) {
        // said in the operator's words, and tried again at the next minute: a backup that fails never stops the server;
        // the same failure is said again hourly, not every minute
        const said = `定时备份失败：${explainFailure(e)?.message ?? (e as Error).message}（每分钟重试）`;
        if (said !== lastFailure.said || Date.now() - lastFailure.at > 3_600_000) {
          console.error(said);
          lastFailure = { said, at: Date.now() };
        }
      } finally {
        busy = false;
      }
    };
    backupTimer = setInterval(() => void tick(), 60_000);
    void tick();
    say(`定时备份：每天 ${backup.at}（北京时间）写入 ${backup.dir}，保留最近 ${backup.keep} 个`);
  }
  // each of several processes tells the one that started them that it is serving
  process.send?.({ zg: 'serving', index });
  const stop = async () => {
    clearInterval(dayTimer);
    clearTimeout(firstCount);
    if (timer) clearInterval(timer);
    if (backupTimer) clearInterval(backupTimer);
    mail?.close();
    await app.close();
    await publicApp?.close();
    await ledger.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
