// One mapping from failure to message. A missing file, a directory where a file should be, a full disk, a database that
// cannot be reached or refuses us — none of these is a bug, and each gets a Chinese sentence naming the cause and the
// thing (the CLI exits 2, the server answers 4xx/503). Whatever is left unexplained is a bug: 内部错误, logged.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConflictError, InvalidInput, NotFoundError, Unavailable, UserError } from '../core/errors.ts';

interface SystemError extends Error {
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: unknown[];
  /** PostgreSQL's error fields, as `pg` gives them */
  severity?: string;
  constraint?: string;
  table?: string;
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

function fileFailure(e: SystemError): UserError | null {
  const path = e.path ?? '';
  switch (e.code) {
    case 'ENOENT': {
      const dir = dirname(path);
      if (path && !existsSync(dir)) return new NotFoundError(`目录“${dir}”不存在，无法使用“${path}”；请先建立该目录或换一个位置`);
      return new NotFoundError(`找不到文件“${path}”`);
    }
    case 'EISDIR':
      return new InvalidInput(`“${path}”是一个目录，这里需要的是文件名（例如 ${path.replace(/\/$/, '')}/台账.xlsx）`);
    case 'ENOTDIR':
      return new InvalidInput(`路径“${path}”中有一部分是文件而不是目录`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new Unavailable(`磁盘空间不足${path ? `，“${path}”未能写入` : ''}；请清理磁盘后重试，已有数据未受影响`, e.message);
    case 'EACCES':
    case 'EPERM':
      return new Unavailable(`没有权限${isDir(path) ? '使用目录' : '读写'}“${path}”；请检查文件权限`, e.message);
    case 'EROFS':
      return new Unavailable(`“${path}”所在的磁盘只能读取，不能写入`, e.message);
    case 'EMFILE':
    case 'ENFILE':
      return new Unavailable('同时打开的文件过多，请稍后重试', e.message);
    case 'EEXIST':
      return new ConflictError(`“${path}”已经存在`, e.message);
    default:
      return null;
  }
}

/** Where the database server is, as far as the error tells. */
const serverName = (e: SystemError) => {
  const inner = (e.errors?.[0] as SystemError | undefined) ?? e;
  const host = inner.address ?? inner.hostname ?? '';
  return host ? `${host}${inner.port ? `:${inner.port}` : ''}` : '（DATABASE_URL 所指的服务器）';
};

function databaseFailure(e: SystemError): UserError | null {
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code))
    return new Unavailable(
      `无法连接数据库服务器 ${serverName(e)}：${code === 'ECONNREFUSED' ? '连接被拒绝' : '网络不通或超时'}。请确认数据库已启动、DATABASE_URL 填写正确`,
      e.message,
    );
  if (code === 'ENOTFOUND') return new Unavailable(`找不到数据库服务器 ${e.hostname ?? ''}：请检查 DATABASE_URL 中的主机名`, e.message);
  if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message))
    return new Unavailable('与数据库服务器的连接中断，请稍后重试；未完成的操作没有写入', e.message);
  if (/does not support SSL connections/i.test(e.message))
    return new Unavailable('数据库服务器不支持加密连接（SSL）：请去掉 DATABASE_URL 中的 sslmode=require，或为服务器配置 SSL', e.message);
  if (!e.severity) return null; // not an error PostgreSQL sent
  if (code === '28P01' || code === '28000') return new Unavailable('数据库服务器拒绝登录：DATABASE_URL 中的用户名或密码不正确', e.message);
  if (code === '55000' && /not currently accepting connections/i.test(e.message))
    return new Unavailable('数据库服务器上的这个数据库暂不接受连接（可能正在维护），请稍后重试', e.message);
  if (code === '3D000') return new Unavailable('数据库服务器上没有 DATABASE_URL 所指的数据库，请先建立', e.message);
  if (code === '53100') return new Unavailable('数据库服务器的磁盘已满，本次操作未写入；请清理后重试', e.message);
  if (code === '53300') return new Unavailable('数据库服务器的连接数已满，请稍后重试', e.message);
  if (code.startsWith('57P')) return new Unavailable('数据库服务器正在关闭或重启，请稍后重试', e.message);
  if (code.startsWith('08')) return new Unavailable('与数据库服务器的连接中断，请稍后重试；未完成的操作没有写入', e.message);
  if (code === '40001' || code === '40P01') return new ConflictError('同一数据正由另一操作同时修改，本次未写入，请重试', e.message);
  if (code === '23505') return new ConflictError('同一内容正由另一操作同时写入，本次未写入；请刷新后查看', e.message);
  return null;
}

// The embedded database's file system speaks WASI's numbers (PGlite throws a plain object named ErrnoError).
const WASI_ERRNO: Record<number, string> = { 2: 'EACCES', 44: 'ENOENT', 51: 'ENOSPC', 63: 'EPERM', 69: 'EROFS' };

function embeddedFailure(e: { name?: unknown; errno?: unknown }): UserError | null {
  if (e.name !== 'ErrnoError' || typeof e.errno !== 'number') return null;
  const code = WASI_ERRNO[e.errno];
  if (code === 'ENOSPC')
    return new Unavailable('磁盘空间不足，内嵌数据库无法写入；请清理数据目录所在的磁盘后重试', `ErrnoError ${e.errno}`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new Unavailable('没有权限写入数据目录，请检查其权限', `ErrnoError ${e.errno}`);
  return null;
}

/** The server's port taken or not allowed: `npm start` says which port and what to do. */
function listenFailure(e: SystemError): UserError | null {
  if (e.syscall !== 'listen') return null;
  const port = e.port ?? '';
  if (e.code === 'EADDRINUSE')
    return new Unavailable(`端口 ${port} 已被占用（可能整改通已在运行）；请先停止占用它的程序，或用环境变量 PORT 换一个端口`, e.message);
  if (e.code === 'EACCES' || e.code === 'EPERM')
    return new Unavailable(`没有权限使用端口 ${port}（1024 以下的端口需要管理员权限）；请用环境变量 PORT 换一个端口`, e.message);
  if (e.code === 'EADDRNOTAVAIL') return new Unavailable(`本机没有地址 ${e.address ?? ''}；请检查环境变量 HOST`, e.message);
  return null;
}

/**
 * The program rebuilt under a running server: a piece of the old build it loads late is gone (a worker's job, a
 * reader loaded on first use). Not a bug of the code, and not the person's: the server must be restarted.
 */
function rebuiltUnderneath(e: Error): UserError | null {
  if (!/Cannot find module '[^']*[\\/]dist[\\/][^']+\.m?js'/.test(e.message)) return null;
  return new Unavailable('整改通的程序已更新（重新构建），但服务尚未重启；请系统管理员重启整改通服务后再试', e.message);
}

/** A failure as a user should hear it, or null when it is a bug. */
export function explainFailure(e: unknown): UserError | null {
  if (e instanceof UserError) return e;
  if (e && typeof e === 'object' && !(e instanceof Error)) return embeddedFailure(e);
  if (!(e instanceof Error)) return null;
  const s = e as SystemError;
  return listenFailure(s) ?? fileFailure(s) ?? databaseFailure(s) ?? rebuiltUnderneath(e) ?? (e.cause ? explainFailure(e.cause) : null);
}
