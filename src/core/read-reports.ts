// Reading a document's text into checked reports: the one entry point every face uses (CLI, server, import).

import { checkReport } from './check/check-report.ts';
import { parseText } from './document/parse.ts';
import type { Report } from './document/model.ts';

export function readReports(text: string): Report[] {
  const { src, reports } = parseText(text);
  for (const r of reports) r.findings = checkReport(r, src);
  return reports;
}
