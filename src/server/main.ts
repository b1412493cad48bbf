// `npm start`: the ledger (embedded unless DATABASE_URL is set), an administrator on a first start, the team's sample
// data so the first screen is not empty, the application on http://localhost:3000 (PORT to change), and the daily
// supervision run with its digests (ZG_SUPERVISE_AT, default 08:30; e-mail when ZG_SMTP_URL is set; ZG_SUPERVISE=off
// to leave supervision to `zg supervise run`). Over PostgreSQL, several processes answer on the one port
// (ZG_PROCESSES, default one per core; server/processes.ts): this first process prepares the database, starts them,
// and starts again one that dies.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { administratorsMissing, ensureAdministrators } from '../services/accounts.ts';
import { ROLE_LABEL } from '../core/access/permissions.ts';
import { openDefaultLedger } from '../services/ledger.ts';
import { loadSampleData, sampleOfficeAccount } from '../services/sample-data.ts';
import { prepareFieldKeys, sealAllFields } from '../services/field-sealing.ts';
import { logSpace } from '../services/audit-review.ts';
import { today } from '../services/today.ts';
import { explainFailure } from '../services/explain-failure.ts';
import { projectRoot } from '../services/version.ts';
import type { Ledger } from '../services/ledger.ts';
import { heavyThreadsPerProcess, ProcessSettingRefused, scheduleSettings, serverProcesses } from './processes.ts';

const root = projectRoot();
// a start that cannot happen for a reason the person can fix (the database unreachable, the directory in use, no
// room, an administrator's password the rule refuses) says so in one sentence instead of a stack trace
const refuseStart = (e: unknown): never => {
  const known = e instanceof ProcessSettingRefused ? e : explainFailure(e);
  if (!known) throw e;
  console.error(`整改通未能启动：${known.message}`);
  process.exit(2);
};

/** What happens once, before any process serves: the database migrated, an administrator, the sample, the web build. */
async function prepare(): Promise<Ledger> {
  const ledger = await openDefaultLedger().catch(refuseStart);
  // the keys first: a start that cannot read or make them must stop before it writes anything (an account, the sample)
  await prepareFieldKeys(ledger.db).catch(refuseStart);
  const made = await ensureAdministrators(ledger.db, process.env, { firstStartOnly: true }).catch(refuseStart);
  if (made.length) {
    // 三员分立: three people, each told their own password; none of them reads the ledger
    console.log('首次启动：已创建三个管理员账号（三员分立，各由一人掌握，互不兼任）：');
    for (const a of made)
      console.log(
        `  ${a.label} ${a.username}，${a.password ? `初始密码 ${a.password}（只显示这一次，首次登录须修改）` : `密码为环境变量 ${a.env} 的值`}`,
      );
    console.log('系统管理员新建业务账号，安全管理员为其授予角色，审计管理员查阅全部操作日志。');
    if (process.env.ZG_SAMPLE_DATA !== 'off') {
      const code = await loadSampleData(ledger, join(root, 'samples'), today());
      if (code) {
        const office = await sampleOfficeAccount(ledger);
        console.log(`已载入示例数据：整改来源 ${code}；示例整改办账号 ${office.username}，初始密码 ${office.password}（只显示这一次）`);
      }
    }
  }
  // values from before sealing are sealed now
  const sealed = await sealAllFields(ledger.db).catch(refuseStart);
  if (sealed) console.log(`已将 ${sealed} 个涉及个人信息的字段以 SM4 加密保存`);
  // the log is never cut: when it nears its room, the operator is told at every start (the audit screen says so too)
  const space = await logSpace(ledger.db);
  if (space.nearLimit)
    console.warn(
      `注意：操作日志已占用 ${Math.round(space.bytes / 1048576)} MB，接近上限 ${Math.round(space.limitBytes / 1048576)} MB（ZG_AUDIT_LOG_LIMIT_MB）：请安排扩容，或将已备份的日志归档`,
    );
  const missing = await administratorsMissing(ledger.db);
  if (missing.length)
    console.log(
      `提示：三员尚未分立，缺少${missing.map((r) => ROLE_LABEL[r]).join('、')}账号。请运行 npx zg accounts split 创建（密码只显示一次），以满足等级保护测评的要求。`,
    );
  if (!existsSync(join(root, 'web/dist/index.html'))) {
    // build what is missing: a fresh clone has no web/dist yet
    console.log('正在构建网页界面（首次启动需要几秒钟）…');
    const { buildWeb } = await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href);
    await buildWeb(root);
  }
  return ledger;
}

const processes = (() => {
  try {
    // the schedules' settings are checked here too: a wrong one stops the start before anything listens
    scheduleSettings(process.env);
    return serverProcesses(process.env);
  } catch (e) {
    return refuseStart(e);
  }
})();

if (cluster.isPrimary && processes.count === 1) {
  if (processes.note) console.log(processes.note);
  // the application's code loads while the database starts (its WebAssembly compiles off this thread): a start is
  // the longer of the two, not their sum
  const serving = import('./serve.ts');
  const ledger = await prepare();
  await (await serving).serve({ ledger, index: 0, count: 1, refuseStart });
} else if (cluster.isPrimary) {
  await (await prepare()).close();
  const { runProcesses } = await import('./cluster.ts');
  runProcesses(processes.count, { ZG_WORKERS: process.env.ZG_WORKERS ?? String(heavyThreadsPerProcess(processes.count)) });
} else {
  const { serve } = await import('./serve.ts');
  const ledger = await openDefaultLedger().catch(refuseStart);
  await serve({ ledger, index: Number(process.env.ZG_PROCESS_INDEX ?? 0), count: processes.count, refuseStart });
}
