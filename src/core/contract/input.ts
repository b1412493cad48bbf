// What the API accepts, checked for its meaning and not only its shape: a day that is on the calendar, a month that
// exists, ids and counts that fit the database's integers, text the database can store, and no field the route does
// not know. Every route builds its schemas from these, so input that cannot mean anything is a 400 naming the field
// — never a database error turned into a 500.
import { z } from 'zod';
import { INT_MAX } from '../limits.ts';
import { isIsoDate } from '../ledger/dates.ts';
import { decimalOf, decimalOfNumber, type Decimal } from '../money.ts';

/** Dates the ledger can mean: inspections, deadlines and reports of living memory and the planning horizon. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

/** An object that refuses fields it does not name, saying which. */
export const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, { error: (iss) => (iss.code === 'unrecognized_keys' ? `不接受的字段：${iss.keys.join('、')}` : undefined) });

/** No query parameters at all. */
export const noQuery = strict({});

/** Half of a UTF-16 surrogate pair with no other half: no character at all, and PostgreSQL's JSON refuses it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text up to `max` characters. PostgreSQL cannot store the NUL character in text, nor half a surrogate pair in the
 * event log's JSON (a 500 the API fuzz test found), so both are refused here.
 */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), '不能包含空字符')
    .refine((s) => !LONE_SURROGATE.test(s), '含有无效字符（不完整的字符编码）');

const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** A day on the calendar, written 2025-01-31: the shape first, then whether such a day exists. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '应为 YYYY-MM-DD 格式的日期', abort: true })
  .refine(isIsoDate, { message: '日期不存在', abort: true })
  .refine((s) => inYears(Number(s.slice(0, 4))), `日期应在 ${FIRST_YEAR} 年至 ${LAST_YEAR} 年之间`);

/** A month, written 2025-01. */
export const isoMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/, { message: '应为 YYYY-MM 格式的月份', abort: true })
  .refine((s) => Number(s.slice(5)) >= 1 && Number(s.slice(5)) <= 12, { message: '月份不存在', abort: true })
  .refine((s) => inYears(Number(s.slice(0, 4))), `月份应在 ${FIRST_YEAR} 年至 ${LAST_YEAR} 年之间`);

/** A positive whole number the database can hold (an id, a version, a count). */
export const positiveInt = z.number().int().positive().max(INT_MAX);
/** The same, from a path or query string. */
export const idParam = z.coerce.number().int().positive().max(INT_MAX);

/** Paging: at most 200 a page, and an offset no list of ours reaches past. */
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);
/** "true" or "false" in a query string. */
export const flag = z.enum(['true', 'false']);

/**
 * An amount as a form or a client sends it: a decimal string ("1,234.50" is read as 1234.5) or a plain number, kept
 * exact from here on. Under a trillion and to six places, which no budget table exceeds; `signed` where a table may
 * carry a reduction.
 */
export const amountInput = (signed: boolean) =>
  z.union([z.string(), z.number()]).transform((v, ctx): Decimal => {
    const d = typeof v === 'number' ? decimalOfNumber(v) : decimalOf(v);
    const [whole = '', places = ''] = (d ?? '').replace(/^-/, '').split('.');
    if (d === null || whole.length > 12 || places.length > 6 || (!signed && d.startsWith('-'))) {
      ctx.addIssue({ code: 'custom', message: signed ? '应为金额数字，如 123.45' : '应为不小于 0 的金额数字，如 123.45' });
      return z.NEVER;
    }
    return d;
  });
