// Public supervision (社会监督): an office publishes a source's 通报 (its public version, frozen as published, opening
// its comment period); the public reads it and sends what it has to say through the public part of the server; the
// office reads each submission, answers it (the answer is what the sender sees with the reference), links it to a
// problem, opens a new problem from it through the ledger writer, or hands it over as a lead. Nothing is deleted;
// every change is versioned and logged — without the sender's name or phone, which the intake queue alone reads.
import { createHash, randomInt } from 'node:crypto';
import type { Scope } from '../core/access/permissions.ts';
import { maskIdentifiers, maskName, maskPhone } from '../core/access/personal-data.ts';
import { ActionRefused, NotFoundError, StaleVersionError, UserError } from '../core/errors.ts';
import { PUBLIC_ASPECT, planAddedProblem } from '../core/ledger/added-problem.ts';
import type { LeadPhase, LeadReceiver } from '../core/leads/lead.ts';
import { commentPeriodEnd } from '../core/official/publication.ts';
import {
  periodRefusal,
  periodState,
  REFERENCE_ALPHABET,
  SENDER_STATE_LABEL,
  referenceOf,
  sameText,
  SUBMISSION_KIND_LABEL,
  senderOutcome,
  SUBMISSION_LIMITS,
  SUBMISSION_STATE_LABEL,
  type SubmissionKind,
  type SubmissionState,
  submissionRefusal,
  submissionNumber,
  submissionState,
  typedReference,
} from '../core/public/submission.ts';
import { appendEvents } from '../store/event.repository.ts';
import { lockProblemInScope } from '../store/problem.repository.ts';
import { insertPublication, publicationsOfSource, publishedById, publishedIndex } from '../store/publication.repository.ts';
import { sourceInScope } from '../store/source.repository.ts';
import {
  firstOfSameText,
  insertSubmission,
  nextSubmissionNumber,
  sentFromAddressSince,
  type SubmissionRow,
  submissionByRef,
  submissionInScope,
  submissionsInScope,
  updateSubmissionAtVersion,
} from '../store/submission.repository.ts';
import { lockProblemsOfSource } from '../store/workbook.repository.ts';
import type { Db } from '../store/open-database.ts';
import { writeAddedProblem } from './ledger-writer/added-problem.ts';
import { registerLeadIn } from './leads.ts';
import { generateReport, publicationSettings } from './official-documents.ts';
import { openField, sealField } from './field-cipher.ts';
import { recordSecurityEvent } from './security-log.ts';

interface Who {
  readonly actor: string;
  readonly scope: Scope;
  readonly today: string;
}

/** At most so many submissions from one address in an hour are taken (the public part also slows a burst). */
export const PER_ADDRESS_PER_HOUR = 10;

// ---- the office publishes --------------------------------------------------------------------------------------

/**
 * Publishes the source's 通报 in its public version as the ledger stands on `asOf`, dated `date` (default today): its
 * comment period runs from that day for the source's comment days. What is published is kept as it was published.
 */
export async function publishTongbao(
  db: Db,
  code: string,
  req: { asOf?: string | undefined; date?: string | undefined },
  who: Who,
): Promise<{ id: number; publishedOn: string; periodEnd: string; title: string }> {
  const date = req.date ?? who.today;
  if (date < who.today) throw new ActionRefused(`发布日期 ${date} 早于今天：公开期限应从发布之日起算`);
  const generated = await generateReport(db, {
    source: code,
    kind: 'tongbao',
    public: true,
    asOf: req.asOf,
    date,
    today: who.today,
    scope: who.scope,
  });
  const settings = await publicationSettings(db, code, who.scope);
  const periodEnd = commentPeriodEnd(date, settings.commentDays);
  return db.transaction().execute(async (trx) => {
    const source = await sourceInScope(trx, code, who.scope, true);
    if (!source) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
    const title = generated.document.title;
    const id = await insertPublication(trx, {
      source_id: source.id,
      title,
      document: JSON.stringify(generated.document),
      as_of: req.asOf ?? who.today,
      published_on: date,
      period_end: periodEnd,
      published_by: who.actor,
    });
    await appendEvents(trx, [
      {
        actor: who.actor,
        entity: 'publication',
        entityId: id,
        action: 'publish',
        after: { source: code, title, publishedOn: date, periodEnd },
      },
    ]);
    return { id, publishedOn: date, periodEnd, title };
  });
}

export async function publicationsOf(db: Db, code: string, scope: Scope, today: string) {
  const source = await sourceInScope(db, code, scope, false);
  if (!source) throw new NotFoundError(`没有编号为“${code}”的整改来源`);
  return (await publicationsOfSource(db, source.id)).map((p) => ({
    id: p.id,
    title: p.title,
    asOf: p.as_of,
    publishedOn: p.published_on,
    periodEnd: p.period_end,
    publishedBy: p.published_by,
    open: periodState({ publishedOn: p.published_on, periodEnd: p.period_end }, today) === 'open',
  }));
}

// ---- the public reads and sends --------------------------------------------------------------------------------

/** What the public index lists: what is published by today (one dated later is not out yet). */
export async function publicIndex(db: Db, today: string) {
  return (await publishedIndex(db))
    .map((p) => ({
      id: p.id,
      title: p.title,
      publishedOn: p.published_on,
      periodEnd: p.period_end,
      state: periodState({ publishedOn: p.published_on, periodEnd: p.period_end }, today),
    }))
    .filter((p) => p.state !== 'before');
}

/** One published 通报 as the public reads it; one dated after today is not there yet. */
export async function publicPage(db: Db, id: number, today: string) {
  const p = await publishedById(db, id);
  if (!p || p.published_on > today) throw new NotFoundError('没有这份公开的通报');
  return {
    id: p.id,
    title: p.title,
    document: p.document,
    publishedOn: p.published_on,
    periodEnd: p.period_end,
    state: periodState({ publishedOn: p.published_on, periodEnd: p.period_end }, today),
  };
}

/** A hash of the sender's address: enough to count what one address sends, without keeping the address. */
export const addressHash = (address: string): string =>
  createHash('sha256')
    .update(`zg-address:${process.env.ZG_ADDRESS_SALT ?? ''}:${address}`)
    .digest('hex');

export class TooManySubmissions extends UserError {
  constructor() {
    super('throttled', `同一网络地址一小时内至多提交${PER_ADDRESS_PER_HOUR}件，请稍后再提交`, 'THROTTLED');
  }
}

/**
 * Takes a submission about a published 通报 during its comment period, and gives its reference. The same text sent
 * again about the same source is kept, and counted once (under the first).
 */
export async function receiveSubmission(
  db: Db,
  publicationId: number,
  input: { kind: string; content: string; name?: string | undefined; phone?: string | undefined },
  ctx: { today: string; address: string },
): Promise<{ ref: string; duplicate: boolean }> {
  const p = await publishedById(db, publicationId);
  if (!p || p.published_on > ctx.today) throw new NotFoundError('没有这份公开的通报');
  const closed = periodRefusal({ publishedOn: p.published_on, periodEnd: p.period_end }, ctx.today);
  if (closed) throw new ActionRefused(closed);
  const refusal = submissionRefusal(input);
  if (refusal) throw new ActionRefused(refusal);
  const hashOfAddress = addressHash(ctx.address);
  if ((await sentFromAddressSince(db, hashOfAddress, new Date(Date.now() - 3600_000))) >= PER_ADDRESS_PER_HOUR)
    throw new TooManySubmissions();
  const content = input.content.trim();
  const contentHash = createHash('sha256').update(sameText(content)).digest('hex');
  return db.transaction().execute(async (trx) => {
    const first = await firstOfSameText(trx, p.source_id, contentHash);
    const year = ctx.today.slice(0, 4);
    const drawn = Array.from({ length: 6 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
    const ref = referenceOf(year, await nextSubmissionNumber(trx, year), drawn);
    const id = await insertSubmission(trx, {
      ref,
      publication_id: p.id,
      source_id: p.source_id,
      kind: input.kind as SubmissionKind,
      content,
      // the sender's name and phone: sealed at rest (SM4), read by the intake queue alone
      contact_name: sealField(input.name?.trim() || null),
      contact_phone: sealField(input.phone?.trim() || null),
      address_hash: hashOfAddress,
      content_hash: contentHash,
      duplicate_of: first?.id ?? null,
      received_on: ctx.today,
    });
    // the log says that one came, of which kind, about what: not who sent it, nor what it says
    await appendEvents(trx, [
      {
        actor: '社会公众',
        entity: 'submission',
        entityId: id,
        action: 'receive',
        after: { ref, kind: input.kind, publication: p.id, duplicateOf: first?.ref ?? null },
      },
    ]);
    return { ref, duplicate: first !== undefined };
  });
}

/** What the holder of a reference sees: the kind, when it came, whether it is handled, the office's answer. */
export async function submissionForSender(db: Db, typed: string) {
  const ref = typedReference(typed);
  const s = ref ? await submissionByRef(db, ref) : undefined;
  if (!s) throw new NotFoundError(`没有查询码为“${typed.slice(0, 40)}”的反映，请核对后重新输入`);
  const state = submissionState({ readAt: s.read_at, handledOn: s.handled_on });
  return {
    ref: s.ref,
    kind: s.kind,
    kindLabel: SUBMISSION_KIND_LABEL[s.kind],
    // whoever holds the reference reads this page: a number the sender wrote into the text is not shown whole
    content: maskIdentifiers(s.content),
    receivedOn: s.received_on,
    state,
    stateLabel: SENDER_STATE_LABEL[state],
    reply: s.reply,
    repliedOn: s.replied_on,
    /** the same text came earlier: handled with it, its answer this one's too */
    merged: s.merged,
    outcome: senderOutcome({ onLedger: s.on_ledger, handedOver: s.handed_over }),
    publication: { id: s.publication_id, title: s.publication_title },
  };
}

// ---- the office handles ----------------------------------------------------------------------------------------

export interface SubmissionView {
  readonly ref: string;
  readonly kind: SubmissionKind;
  readonly kindLabel: string;
  readonly content: string;
  readonly contactName: string | null;
  readonly contactPhone: string | null;
  readonly receivedOn: string;
  readonly state: SubmissionState;
  readonly stateLabel: string;
  readonly readBy: string | null;
  readonly reply: string | null;
  readonly repliedOn: string | null;
  readonly repliedBy: string | null;
  readonly handledOn: string | null;
  readonly source: { readonly code: string; readonly title: string };
  readonly publication: { readonly id: number; readonly title: string };
  readonly problem: string | null;
  readonly lead: string | null;
  /** the reference of the first submission of the same text, when this one repeats it */
  readonly duplicateOf: string | null;
  readonly version: number;
}

const masked = (v: string | null, mask: (v: string) => string) => (v === null ? null : mask(v));

/**
 * A submission as the office's list and page show it: the sender's name and phone, and any mobile or identity
 * number in the text, masked. The whole of them is `submissionContact`'s, asked for one at a time and logged.
 */
function view(r: SubmissionRow): SubmissionView {
  const state = submissionState({ readAt: r.read_at, handledOn: r.handled_on });
  return {
    ref: r.ref,
    kind: r.kind,
    kindLabel: SUBMISSION_KIND_LABEL[r.kind],
    content: maskIdentifiers(r.content),
    contactName: masked(openField(r.contact_name), maskName),
    contactPhone: masked(openField(r.contact_phone), maskPhone),
    receivedOn: r.received_on,
    state,
    stateLabel: SUBMISSION_STATE_LABEL[state],
    readBy: r.read_by,
    reply: r.reply,
    repliedOn: r.replied_on,
    repliedBy: r.replied_by,
    handledOn: r.handled_on,
    source: { code: r.source_code, title: r.source_title },
    publication: { id: r.publication_id, title: r.publication_title },
    problem: r.problem_code,
    lead: r.lead_code,
    duplicateOf: r.duplicate_of_ref,
    version: r.version,
  };
}

export async function listSubmissions(
  db: Db,
  scope: Scope,
  filter: { source?: string | undefined; state?: SubmissionState | undefined },
): Promise<SubmissionView[]> {
  return (await submissionsInScope(db, scope, { sourceCode: filter.source, state: filter.state })).map(view);
}

export async function submissionDetail(db: Db, ref: string, scope: Scope): Promise<SubmissionView> {
  const r = await submissionInScope(db, ref, scope);
  if (!r) throw new NotFoundError(`没有查询码为“${ref}”的群众反映`);
  return view(r);
}

/**
 * The sender's name, phone and the text as written, for the clerk who is to call back. Each look is a security
 * event under the clerk's account (查看个人信息), so the audit administrator sees who read whose number and when.
 */
export async function submissionContact(
  db: Db,
  ref: string,
  scope: Scope,
  who: { actor: string; account: string; ip: string },
): Promise<{ contactName: string | null; contactPhone: string | null; content: string }> {
  const r = await submissionInScope(db, ref, scope);
  if (!r) throw new NotFoundError(`没有查询码为“${ref}”的群众反映`);
  await recordSecurityEvent(db, { ...who, action: 'personal-read', detail: { submission: ref } });
  return { contactName: openField(r.contact_name), contactPhone: openField(r.contact_phone), content: r.content };
}

/** What the office does with a submission. Each but `read` handles it. */
export type SubmissionAction =
  | { readonly kind: 'read' }
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'link'; readonly problem: string }
  | { readonly kind: 'problem'; readonly title: string }
  | {
      readonly kind: 'lead';
      readonly receiver: LeadReceiver;
      readonly receiverName?: string | undefined;
      readonly summary: string;
      readonly phase?: LeadPhase | undefined;
    };

const ACTION_NAME: Record<SubmissionAction['kind'], string> = {
  read: 'read-submission',
  reply: 'reply-submission',
  link: 'link-submission',
  problem: 'open-problem-from-submission',
  lead: 'transfer-submission-as-lead',
};

export async function handleSubmission(
  db: Db,
  ref: string,
  action: SubmissionAction,
  expectedVersion: number,
  who: Who,
): Promise<{ version: number; problem?: string; lead?: string }> {
  return db.transaction().execute(async (trx) => {
    const r = await submissionInScope(trx, ref, who.scope);
    if (!r) throw new NotFoundError(`没有查询码为“${ref}”的群众反映`);
    if (r.version !== expectedVersion) throw new StaleVersionError(ref, '群众反映');
    const handled = { handled_on: r.handled_on ?? who.today };
    const read = r.read_at ? {} : { read_at: new Date(), read_by: who.actor };
    let values: Parameters<typeof updateSubmissionAtVersion>[3];
    const out: { problem?: string; lead?: string } = {};
    let logged: Record<string, unknown> = {};
    switch (action.kind) {
      case 'read':
        if (r.read_at) throw new ActionRefused(`群众反映 ${ref} 已由${r.read_by ?? '他人'}阅知`);
        values = read;
        break;
      case 'reply': {
        const text = action.text.trim();
        if (text === '') throw new ActionRefused('请填写答复内容');
        if (text.length > SUBMISSION_LIMITS.replyMax) throw new ActionRefused(`答复不超过${SUBMISSION_LIMITS.replyMax}字`);
        values = { ...read, ...handled, reply: text, replied_on: who.today, replied_by: who.actor };
        logged = { reply: text };
        break;
      }
      case 'link': {
        if (r.problem_code) throw new ActionRefused(`群众反映 ${ref} 已关联问题 ${r.problem_code}`);
        const p = await lockProblemInScope(trx, action.problem.trim(), who.scope);
        if (!p) throw new NotFoundError(`没有编号为“${action.problem}”的问题`);
        if (p.source_id !== r.source_id) throw new ActionRefused(`问题 ${p.code} 不属于整改来源 ${r.source_code}，不能与这件反映关联`);
        values = { ...read, ...handled, problem_id: p.id };
        out.problem = p.code;
        // the problem's own record says so too, by the number only (its unit reads it)
        await appendEvents(trx, [
          { actor: who.actor, entity: 'problem', entityId: p.id, action: 'link-submission', after: { submission: submissionNumber(ref) } },
        ]);
        break;
      }
      case 'problem': {
        if (r.problem_code) throw new ActionRefused(`群众反映 ${ref} 已关联问题 ${r.problem_code}`);
        const codes = (await lockProblemsOfSource(trx, r.source_id)).map((p) => p.code);
        const plan = planAddedProblem(r.source_code, codes, {
          title: action.title,
          detail: r.content,
          // the number only: the unit that will lead the problem reads its history, and must not read the reply
          reason: `依据群众反映（编号 ${submissionNumber(ref)}）新增`,
          aspect: PUBLIC_ASPECT,
          origin: 'public',
        });
        if ('refused' in plan) throw new ActionRefused(plan.refused);
        const id = await writeAddedProblem(trx, r.source_id, plan, {
          actor: who.actor,
          today: who.today,
          from: { submission: submissionNumber(ref) },
        });
        values = { ...read, ...handled, problem_id: id };
        out.problem = plan.code;
        break;
      }
      case 'lead': {
        if (r.lead_code) throw new ActionRefused(`群众反映 ${ref} 已移交为问题线索 ${r.lead_code}`);
        const lead = await registerLeadIn(
          trx,
          {
            source: r.source_code,
            phase: action.phase ?? 'after',
            receiver: action.receiver,
            receiverName: action.receiverName,
            summary: action.summary,
            transferredOn: who.today,
          },
          who,
          'public',
        );
        values = { ...read, ...handled, lead_id: lead.id };
        out.lead = lead.code;
        break;
      }
    }
    if (!(await updateSubmissionAtVersion(trx, r.id, r.version, values))) throw new StaleVersionError(ref, '群众反映');
    await appendEvents(trx, [
      {
        actor: who.actor,
        entity: 'submission',
        entityId: r.id,
        action: ACTION_NAME[action.kind],
        after: { ref, version: r.version + 1, ...logged, ...out },
      },
    ]);
    return { version: r.version + 1, ...out };
  });
}
