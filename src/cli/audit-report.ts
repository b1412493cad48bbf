// What `zg audit verify` says: the chain, then the head against the checkpoint (and a workbook's) — with the numbers, so
// whoever reads it can tell how many entries are gone. Exit code 1 whenever anything was removed or changed.
import type { AuditReport, HeadAnchor } from '../services/audit.ts';
import { CHAIN_ALGORITHM_LABEL } from '../core/access/audit-kinds.ts';

/** An ISO time as the local time people read, to the second. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** A finding about the head, or null when it holds; `whose`: "检查点" or "工作簿“x”的检查点". */
function headFault(a: HeadAnchor, whose: (where: string) => string): string | null {
  if (a.state === 'unreadable')
    return `操作日志检查点无法使用：${a.reason}（检查点文件只由本系统整体替换写入，内容无法识别说明它被改动过）`;
  if (a.state === 'unset')
    return `没有指定操作日志检查点文件，而操作日志表明自 ${localTime(a.since.at)}（第 ${a.since.position} 条记录）起一直保存着检查点：请用环境变量 ZG_AUDIT_CHECKPOINT 指向它再核对`;
  if (a.state === 'unanchored')
    return `操作日志检查点“${a.where}”不存在，而操作日志已有 ${a.events} 条记录、也没有开始保存检查点的记录：可能是本系统早期版本建立、从未保存过检查点的台账，也可能末尾的记录连同检查点一起被删去`;
  if (a.state === 'lost')
    return `操作日志检查点“${a.where}”缺失：操作日志表明自 ${localTime(a.since.at)}（第 ${a.since.position} 条记录）起一直保存着它，末尾的记录可能随之被删去。若文件被移到别处，请用 ZG_AUDIT_CHECKPOINT 指向它`;
  if (a.state === 'truncated')
    return `操作日志被截断：${whose(a.where)}（${localTime(a.checkpoint.at)}）记录 ${a.checkpoint.events} 条，现仅有 ${a.events} 条，末尾至少 ${a.checkpoint.events - a.events} 条已被删去`;
  if (a.state === 'altered')
    return `操作日志与检查点不符：${whose(a.where)}（${localTime(a.checkpoint.at)}）记录第 ${a.checkpoint.events} 条的哈希为 ${short(a.checkpoint.head)}，现为 ${short(a.hashThere)}；该条及之前的记录被替换过（现有 ${a.events} 条）`;
  if (a.state === 'other-log')
    return `${whose(a.where)}（${localTime(a.checkpoint.at)}）记的不是这本台账的操作日志：其首条记录哈希为 ${short(a.checkpoint.first ?? '')}，本台账为 ${short(a.firstHere)}；请确认文件是否取错，若确是本台账的，说明整个操作日志被替换过`;
  return null;
}

function agreement(a: HeadAnchor & { state: 'ok' }, whose: string): string {
  const later = a.events - a.checkpoint.events;
  return `与${whose}（${localTime(a.checkpoint.at)}，${a.checkpoint.events} 条）相符${later > 0 ? `，此后新增 ${later} 条` : ''}`;
}

export function describeAudit(r: AuditReport): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const own = (where: string) => `检查点“${where}”`;
  if (r.firstBroken)
    lines.push(
      `操作日志已被篡改（按 ${CHAIN_ALGORITHM_LABEL[r.algorithm]} 核验）：第一条有问题的记录为 #${r.firstBroken.id}（${r.firstBroken.at}），${r.firstBroken.reason}；此前 ${r.checked} 条完好`,
    );
  const fault = headFault(r.anchor, own);
  if (fault) {
    lines.push(fault);
    if (!r.firstBroken && r.anchor.state !== 'unset')
      lines.push('查明原因后，可运行 zg audit reanchor 按现有日志重写检查点（此操作本身记入操作日志）');
  }
  if (!r.firstBroken && !fault) {
    const a = r.anchor;
    const head =
      a.state === 'ok'
        ? `末条${agreement(a, own(a.where))}`
        : a.state === 'missing'
          ? `末端尚未锚定：检查点文件“${a.where}”还不存在，本次结束时写入`
          : '末端未锚定：没有检查点文件，删去末尾的记录无法发现（使用 PostgreSQL 服务器时请用环境变量 ZG_AUDIT_CHECKPOINT 指定检查点文件）';
    lines.push(`操作日志完好：共 ${r.checked} 条记录，${CHAIN_ALGORITHM_LABEL[r.algorithm]} 哈希链连续；${head}`);
  }
  if (r.against) {
    const whose = (where: string) => `工作簿“${where}”的检查点`;
    const against = headFault(r.against, whose);
    if (against) lines.push(against);
    else if (r.against.state === 'ok') lines.push(`操作日志${agreement(r.against, whose(r.against.where))}`);
  }
  const faulty = r.firstBroken !== null || fault !== null || (r.against !== undefined && r.against.state !== 'ok');
  return { lines, exitCode: faulty ? 1 : 0 };
}
