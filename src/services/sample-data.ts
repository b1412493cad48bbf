// The team's sample data, loaded on a first start so a new user sees a living ledger: the sample report imported,
// a small organisation, problems claimed by units, progress, a closure in review.
import { join } from 'node:path';
import { importDocuments } from './import-documents.ts';
import { createPerson, createUnit } from './organisation.ts';
import { addEvidence, assignProblem, reportProgress, requestClosure } from './problem-actions.ts';
import type { Ledger } from '../store/open-database.ts';
import { unitIdByName } from '../store/org.repository.ts';
import { FULL_SCOPE } from '../core/access/permissions.ts';
import { createUser } from './accounts.ts';
import { oneTimePassword } from './account-changes.ts';

export async function loadSampleData(ledger: Ledger, samplesDir: string, today: string): Promise<string | null> {
  const db = ledger.db;
  await createUnit(db, '示例数据', { name: '示例县农业农村局', kind: 'bureau' }, FULL_SCOPE);
  for (const name of ['办公室', '计划财务股', '机关党委', '农田建设股'])
    await createUnit(db, '示例数据', { name, kind: 'section', parent: '示例县农业农村局' }, FULL_SCOPE);
  await createPerson(db, '示例数据', { name: '李明', unit: '示例县农业农村局', post: '副局长' }, FULL_SCOPE);
  await createPerson(db, '示例数据', { name: '王芳', unit: '计划财务股', post: '股长' }, FULL_SCOPE);
  await createPerson(db, '示例数据', { name: '赵强', unit: '农田建设股', post: '股长' }, FULL_SCOPE);
  const owner = await unitIdByName(db, '示例县农业农村局');
  const [result] = await importDocuments(ledger, [join(samplesDir, '巡察整改进展情况的通报-示例.txt')], {
    actor: '示例数据',
    today,
    ownerUnitId: owner,
  });
  const code = result?.sources[0]?.code;
  if (!code) return null;
  const who = { actor: '整改办', at: today, scope: FULL_SCOPE };
  await assignProblem(db, `${code}-006`, who, {
    leadUnit: '计划财务股',
    cooperatingUnits: ['办公室'],
    leadLeader: '李明',
    responsiblePerson: '王芳',
    deadline: '2025-03-31',
    triage: 'deadline',
  });
  await assignProblem(db, `${code}-003`, who, {
    leadUnit: '计划财务股',
    leadLeader: '李明',
    responsiblePerson: '王芳',
    triage: 'long-term',
  });
  await assignProblem(db, `${code}-001`, who, {
    leadUnit: '农田建设股',
    leadLeader: '李明',
    responsiblePerson: '赵强',
    deadline: '2024-10-31',
    triage: 'deadline',
  });
  await reportProgress(
    db,
    `${code}-006`,
    { scope: FULL_SCOPE, actor: '王芳', at: today },
    { text: '已委托会计师事务所开展下属单位财务专项审计', progress: 60 },
  );
  const evidence = (
    await addEvidence(
      db,
      `${code}-006`,
      { scope: FULL_SCOPE, actor: '王芳', at: today },
      { name: '专项审计报告.txt', bytes: new TextEncoder().encode('示例佐证材料：下属单位财务专项审计报告') },
    )
  ).id;
  await requestClosure(
    db,
    `${code}-006`,
    { scope: FULL_SCOPE, actor: '王芳', at: today },
    { evidence: [evidence], note: '专项审计已完成，轮岗制度已印发' },
  );
  return code;
}

/**
 * The sample's office account, made on a first start beside the sample so that its ledger can be seen at once: the
 * administrators see no ledger (三员分立). Its password is generated, shown once and changed at the first login.
 */
export async function sampleOfficeAccount(ledger: Ledger): Promise<{ username: string; password: string }> {
  const password = oneTimePassword();
  await createUser(ledger.db, '系统（示例数据）', {
    username: 'zgb',
    displayName: '整改办（示例）',
    password,
    role: 'office',
    unit: '示例县农业农村局',
    mustChangePassword: true,
  });
  return { username: 'zgb', password };
}
