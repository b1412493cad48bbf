// The values every answer is built from, taken from the one vocabulary in core: a status, a colour or a role the
// server can send is exactly one the labels name, so a new one cannot reach a screen that has no word for it.
import { z } from 'zod';
import { STATUS_LABEL } from '../ledger/problem-state.ts';
import { COLOUR_LABEL } from '../ledger/warning.ts';
import { ROLE_LABEL } from '../access/permissions.ts';
import { SUPERVISION_LABEL } from '../ledger/supervision.ts';
import { MEASURE_STATUS_LABEL, TRIAGE_LABEL } from '../ledger/ledger-sheet.ts';
import { MONEY_KIND_LABEL } from '../vocabulary.ts';

/** A list the server sends: read-only to whoever reads it, as the core's own lists are. */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** The keys of a label table as an enum, in the table's order. */
export const keysOf = <K extends string>(labels: Readonly<Record<K, string>>) => z.enum(Object.keys(labels) as [K, ...K[]]);

export const day = z.string().describe('日期 YYYY-MM-DD');
export const ledgerStatus = keysOf(STATUS_LABEL);
export const warningColour = keysOf(COLOUR_LABEL);
export const role = keysOf(ROLE_LABEL);
export const supervisionKind = keysOf(SUPERVISION_LABEL);

/** A change that has nothing to say but that it was made. */
export const done = z.object({ ok: z.boolean() });
/** A record made: its id. */
export const created = z.object({ id: z.number() });

/** Evidence kept: its id, and the name it is kept under (the extension its content shows, when the name said another). */
/** `already`: the problem held these very bytes, and the answer is that evidence (a re-sent upload adds no copy) */
export const evidenceAdded = z.object({ id: z.number(), fileName: z.string(), already: z.boolean() });

/** A file sent as it is (a .docx, .xlsx, PDF or image), not JSON. */
export const fileAnswer = z.file().describe('文件');

/** A way to reach the office that publishes a rectification, as a report gives it and a public version prints it. */
export const contactKind = z.enum(['person', 'phone', 'email', 'address', 'postcode']);
export const contact = z.object({ kind: contactKind, value: z.string() });

/** The server is up and its database answers; how busy the workers that read documents are. */
export const healthAnswer = z.object({
  status: z.literal('ok'),
  database: z.string(),
  workers: z.object({ size: z.number(), busy: z.number(), waiting: z.number() }).nullable(),
});

export const triage = keysOf(TRIAGE_LABEL);
export const measureStatus = keysOf(MEASURE_STATUS_LABEL);
export const moneyKind = keysOf(MONEY_KIND_LABEL);
/** the units an amount is written in */
export const moneyUnit = z.enum(['元', '万元', '亿元']);

/** an amount or a table's figure, exact: a signed decimal string ("1234.5") */
export const decimal = z
  .string()
  .regex(/^-?\d+(?:\.\d+)?$/)
  .describe('十进制数字串');
