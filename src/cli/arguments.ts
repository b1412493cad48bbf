// What the command line takes as a date, a count, an id or a status, checked as it is read: a value that cannot be one
// is the user's mistake, said in Chinese with exit 2 (cli/failure.ts), before anything is opened.
import { InvalidInput } from '../core/errors.ts';
import { isIsoDate } from '../core/ledger/dates.ts';
import { INT_MAX } from '../core/limits.ts';
import { STATUS_LABEL, type LedgerStatus } from '../core/ledger/problem-state.ts';

export const isoDay = (label: string) => (v: string) => {
  if (!isIsoDate(v)) throw new InvalidInput(`${label}“${v}”不是有效日期，应写作 2025-06-30`);
  return v;
};

export const isoMonth = (label: string) => (v: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidInput(`${label}“${v}”不是有效月份，应写作 2025-06`);
  return v;
};

export const count = (label: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > INT_MAX)
    throw new InvalidInput(`${label}“${v}”应为不小于 ${min} 的整数`);
  return String(n);
};

export const id = (label: string) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1 || n > INT_MAX) throw new InvalidInput(`${label}“${v}”应为正整数`);
  return v.trim();
};

/** One of a vocabulary's keys, or its Chinese label, as typed; otherwise the user's mistake, with the choices. */
export const oneOf =
  <K extends string>(what: string, labels: Readonly<Record<K, string>>) =>
  (v: string): K => {
    const found = (Object.entries(labels) as [K, string][]).find(([k, l]) => k === v || l === v);
    if (!found)
      throw new InvalidInput(
        `不认识的${what}“${v}”，可选：${Object.entries(labels)
          .map(([k, l]) => `${k}（${l}）`)
          .join('、')}`,
      );
    return found[0];
  };

export const status = (v: string): LedgerStatus => {
  if (!(v in STATUS_LABEL))
    throw new InvalidInput(
      `不认识的状态“${v}”，可选：${Object.entries(STATUS_LABEL)
        .map(([k, l]) => `${k}（${l}）`)
        .join('、')}`,
    );
  return v as LedgerStatus;
};

/**
 * A file named on the command line, read whole. Node's error for a directory carries no name ("EISDIR" with an empty
 * path), so that case is said here, with the name the person typed.
 */
export async function readInputFile(path: string): Promise<Uint8Array> {
  const { readFile, stat } = await import('node:fs/promises');
  if (!path.trim()) throw new InvalidInput('文件名为空：请写出要读取的文件');
  if (
    await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    )
  )
    throw new InvalidInput(`“${path}”是一个目录，这里需要的是文件名（例如 ${path.replace(/\/$/, '')}/台账.xlsx）`);
  return new Uint8Array(await readFile(path));
}
