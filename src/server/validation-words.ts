// Zod's messages for the mistakes people actually make in a form or a link, in plain words: its Chinese locale says
// "期望 int <=9007199254740991" for a number too large and "期望 数字，实际接收 数字" for 1e400. Everything else
// keeps the locale's wording.
import { z } from 'zod';

type Issue = {
  code?: string;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
  expected?: string;
  input?: unknown;
};

const LARGE = 1e9;

/** What a field should have been, as a person says it (the locale leaves "int" and "object" in English). */
const EXPECTED: Record<string, string> = {
  int: '整数',
  number: '数字',
  string: '文字',
  boolean: '是或否（true / false）',
  object: 'JSON 对象（{…}）',
  array: '列表（[…]）',
};

export function plainIssue(iss: Issue): string | undefined {
  if (iss.code === 'invalid_type' && iss.expected === 'number' && typeof iss.input === 'number') return '不是有效的数字';
  if (iss.code === 'invalid_type' && iss.expected === 'int' && typeof iss.input === 'number') return '应为整数';
  if (iss.code === 'invalid_type' && iss.expected && EXPECTED[iss.expected])
    return iss.input === undefined ? '必须填写' : `应为${EXPECTED[iss.expected]}`;
  if (iss.origin === 'number' || iss.origin === 'int') {
    if (iss.code === 'too_big') return Number(iss.maximum) >= LARGE ? '数字过大' : `应不大于 ${String(iss.maximum)}`;
    if (iss.code === 'too_small') return Number(iss.minimum) <= -LARGE ? '数字过小' : `应不小于 ${String(iss.minimum)}`;
  }
  if (iss.origin === 'string') {
    if (iss.code === 'too_big') return `不能超过 ${String(iss.maximum)} 个字`;
    if (iss.code === 'too_small') return Number(iss.minimum) <= 1 ? '不能为空' : `至少 ${String(iss.minimum)} 个字`;
  }
  return undefined;
}

export function configureValidationWords(): void {
  z.config(z.locales.zhCN());
  z.config({ customError: (iss) => plainIssue(iss as Issue) });
}
