// What a user did wrong, or what stood in the way, said once: every refusal the product gives a person is a UserError
// with a Chinese sentence naming the cause and the thing. The faces turn its kind into their own terms — exit code 2 in
// the command line, a 4xx or 503 on the server — so anything that is not a UserError is a bug (内部错误, 500, logged).

/** Why a request could not be done, as the faces need to know it. */
export type RefusalKind =
  | 'invalid' //        the input is not what it must be (a date that does not exist, a malformed upload)
  | 'not-found' //      the thing named does not exist, or is outside what the person may see
  | 'forbidden' //      the person sees the thing but may not do this to it (another unit's source)
  | 'refused' //        the action is not allowed in the thing's state
  | 'stale' //          someone changed the thing since it was read
  | 'conflict' //       the same thing is being done at this moment by someone else
  | 'too-large' //      over a size limit
  | 'unreadable' //     a file that cannot be read as what it claims to be
  | 'unavailable' //    the database or the disk cannot be used now
  | 'login' //          wrong user name or password
  | 'throttled'; //     too many attempts

export class UserError extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string, // Chinese, for the person
    /** a stable code for the API (`NOT_FOUND`, `STALE_VERSION` …) */
    readonly apiCode: string = kind.toUpperCase().replace('-', '_'),
    /** one line per fault when there are several (rows of a workbook, files of an import) */
    readonly reasons: readonly string[] = [],
    /** English, for the log only */
    readonly detail?: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends UserError {
  constructor(message: string) {
    super('not-found', message, 'NOT_FOUND');
  }
}

/** The action is not allowed in the problem's state, or its input is wrong; the message is for the user. */
export class ActionRefused extends UserError {
  constructor(message: string) {
    super('refused', message, 'ACTION_REFUSED');
  }
}

/** The person sees the thing, but doing this to it belongs to someone else; the message names who. */
export class NotPermitted extends UserError {
  constructor(message: string) {
    super('forbidden', message, 'FORBIDDEN');
  }
}

/** Someone changed the problem since it was read: refused, never silently overwritten. */
export class StaleVersionError extends UserError {
  /** `what`: the kind of thing changed meanwhile (a problem unless said), named by `code` */
  constructor(code: string, what = '问题') {
    super('stale', `${what} ${code} 已被他人修改，请刷新后重试`, 'STALE_VERSION');
  }
}

/** Files that could not be read for an import: nothing was written. */
export class ImportError extends UserError {
  constructor(readonly failures: readonly { file: string; reason: string }[]) {
    super(
      'unreadable',
      '导入未进行，数据未作任何改动：有文件无法读取',
      'UNREADABLE_DOCUMENT',
      failures.map((f) => `${f.file}：${f.reason}`),
    );
  }
}

/** An import that would not put on the ledger what was read: refused whole, with the numbers. */
export class ImportMismatchError extends UserError {
  constructor(title: string, read: number, written: number) {
    super(
      'refused',
      `导入未进行，数据未作任何改动：“${title}”中读出问题 ${read} 个，写入台账的却是 ${written} 个。这是系统的缺陷，请把报告文件发给维护人员`,
      'IMPORT_MISMATCH',
    );
  }
}

/** A workbook that cannot be taken: each reason names its sheet and row. Nothing was written. */
export class LedgerWorkbookError extends UserError {
  constructor(reasons: string[]) {
    super('unreadable', '工作簿未导入，数据未作任何改动', 'WORKBOOK_REFUSED', reasons);
  }
}

/** A self-evaluation that cannot be taken: each reason names its line or cell. Nothing was saved. */
export class PerfImportError extends UserError {
  constructor(reasons: string[]) {
    super('unreadable', '绩效自评未读取，未作任何保存', 'PERF_REFUSED', reasons);
  }
}

/** A 绩效目标表 that cannot be kept: each reason names its line or row. Nothing was saved. */
export class TargetImportError extends UserError {
  constructor(reasons: string[]) {
    super('unreadable', '绩效目标表未读取，未作任何保存', 'TARGETS_REFUSED', reasons);
  }
}

/** A change to a 绩效目标表 that cannot be kept: each reason names its row. Nothing was saved. */
export class TargetRefused extends UserError {
  constructor(reasons: string[]) {
    super('refused', '绩效目标表未保存：以下各处需要更正', 'TARGETS_REFUSED', reasons);
  }
}

/** A monitoring report that cannot be kept: a yellow or red line without its reason, an indicator not in the targets. */
export class MonitoringRefused extends UserError {
  constructor(reasons: string[]) {
    super('refused', `监控情况未保存：${reasons.length} 处需要补充或更正`, 'MONITORING_REFUSED', reasons);
  }
}

/** A wrong user name or password (which of the two is not said). */
export class LoginRefused extends UserError {
  constructor(message: string, apiCode = 'LOGIN_REFUSED') {
    super('login', message, apiCode);
  }
}

/** The password was right and the account asks for its authenticator's code: the login form asks for it. */
export class SecondFactorNeeded extends LoginRefused {
  constructor() {
    super('请输入身份验证器 App 中显示的 6 位动态验证码', 'SECOND_FACTOR_REQUIRED');
  }
}

/** Too many failures: the message says when to try again; `retryAfterSeconds` is for the Retry-After header. */
export class LoginThrottled extends UserError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('throttled', message, 'TOO_MANY_ATTEMPTS');
  }
}

/** The database, the disk or a worker cannot do it now; trying later (or freeing space) may help. */
export class Unavailable extends UserError {
  constructor(message: string, detail?: string) {
    super('unavailable', message, 'UNAVAILABLE', [], detail);
  }
}

/** The same thing at the same moment by someone else (the same file imported twice at once). */
export class ConflictError extends UserError {
  constructor(message: string, detail?: string) {
    super('conflict', message, 'CONFLICT', [], detail);
  }
}

/** Bad input that a schema could not catch (a malformed upload, a date that does not exist). */
export class InvalidInput extends UserError {
  constructor(message: string, detail?: string) {
    super('invalid', message, 'INVALID_INPUT', [], detail);
  }
}

/** Why a document could not be read, in the file's own terms (the reader in io/read-document.ts says which). */
export type DocumentErrorCode =
  | 'not-found'
  | 'empty'
  | 'too-large'
  | 'not-a-document'
  | 'encrypted'
  | 'no-text-layer'
  | 'needs-converter'
  | 'unreadable';

export class DocumentError extends UserError {
  constructor(
    readonly file: string,
    readonly code: DocumentErrorCode,
    readonly reason: string, // Chinese, for the user
    detail?: string, // English, for logs
  ) {
    super(
      code === 'too-large' ? 'too-large' : code === 'not-found' ? 'not-found' : 'unreadable',
      reason,
      'UNREADABLE_DOCUMENT',
      [],
      detail,
    );
  }
}

/** A refusal, not a fault: the faces say it as they say any conflict (exit code 2, HTTP 409). */
export class DataDirLockedError extends ConflictError {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`数据目录“${dataDir}”正被另一个整改通进程（PID ${pid}）使用。请先停止该进程，或在服务器运行时通过网页或 API 操作。`);
  }
}
