// What the command line asks of the services, in one module it loads when a command runs: `zg --help` and the
// reading commands load none of the ledger, its database or the document writers.
export { importDocuments } from '../services/import-documents.ts';
export {
  ledgerStatistics,
  listProblems,
  listSources,
  problemDetail,
  soleSourceCode,
  sourceClaims,
  sourceId,
} from '../services/ledger-queries.ts';
export { reanchorAudit, verifyAudit } from '../services/audit.ts';
export { exportLedger, importLedgerWorkbook } from '../services/ledger-workbook.ts';
export { openDefaultLedger } from '../services/ledger.ts';
export {
  evaluationReport,
  evaluationToLedger,
  exportEvaluation,
  importEvaluation,
  listEvaluations,
  readEvaluation,
} from '../services/perf-evaluations.ts';
export {
  approveTargets,
  evaluationFromTargetTable,
  getTargets,
  importTargets,
  listTargets,
} from '../services/perf-targets.ts';
export { monitoringOf, monitoringReport, monitoringWorkbook } from '../services/perf-monitoring.ts';
export { runSupervision } from '../services/supervision-run.ts';
export { deliverPending, prepareDigests } from '../services/supervision-delivery.ts';
export { configuredMail, configuredReminders } from '../services/mail.ts';
export { monthlyCircularDocument, weeklySheet } from '../services/supervision-reports.ts';
export { assessSource, compareSources } from '../services/effectiveness.ts';
export { generateItemForm, generateReport } from '../services/official-documents.ts';
export { leadDetail, leadFigures, listLeads, recordLeadStep, registerLead, setProblemLink } from '../services/leads.ts';
export { handleSubmission, listSubmissions, publishTongbao, submissionContact, submissionDetail } from '../services/public-supervision.ts';
