// A heavy job's failure as it crosses from a worker thread to the caller: a UserError with what rebuilds it (the
// same class on this side, for the failures the use cases tell apart), or a bug with its stack. Apart from the jobs
// themselves, so that the pool and the command line need not load every reader and writer to understand a failure.
import { RecognitionElsewhere } from '../io/recognition-lane.ts';
import { DocumentError, LedgerWorkbookError, PerfImportError, UserError, type RefusalKind } from '../core/errors.ts';

/** A failure as it crosses a thread: a UserError with what rebuilds it, or a bug with its stack. */
export type PackedError =
  | {
      readonly user: {
        cls: string;
        kind: RefusalKind;
        message: string;
        apiCode: string;
        reasons: readonly string[];
        detail?: string;
        file?: string;
        code?: string;
      };
    }
  | { readonly bug: { message: string; stack?: string } }
  /** the job needs recognising and goes on in the recognition lane (recognition-lane.ts) */
  | { readonly elsewhere: 'recognition' };

export function packError(e: unknown): PackedError {
  if (e instanceof RecognitionElsewhere) return { elsewhere: 'recognition' };
  if (e instanceof UserError) {
    const extra = e instanceof DocumentError ? { file: e.file, code: e.code } : {};
    return {
      user: {
        cls: e.constructor.name,
        kind: e.kind,
        message: e.message,
        apiCode: e.apiCode,
        reasons: e.reasons,
        ...(e.detail ? { detail: e.detail } : {}),
        ...extra,
      },
    };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { bug: { message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
}

/** The error on this side: the same class for the failures the use cases tell apart. */
export function reviveError(p: PackedError): Error {
  if ('elsewhere' in p) return new RecognitionElsewhere();
  if ('bug' in p) {
    const e = new Error(`heavy job failed: ${p.bug.message}`);
    if (p.bug.stack) e.stack = p.bug.stack;
    return e;
  }
  const u = p.user;
  switch (u.cls) {
    case 'DocumentError':
      return new DocumentError(u.file ?? '', (u.code ?? 'unreadable') as DocumentError['code'], u.message, u.detail);
    case 'LedgerWorkbookError':
      return new LedgerWorkbookError([...u.reasons]);
    case 'PerfImportError':
      return new PerfImportError([...u.reasons]);
    default:
      return new UserError(u.kind, u.message, u.apiCode, u.reasons, u.detail);
  }
}
