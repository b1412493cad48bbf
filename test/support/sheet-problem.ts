// A problem row as a ledger workbook holds it, for tests that build a workbook: every column filled with a plain
// default, the test naming only what it is about.
import type { WorkbookContent } from '../../src/io/ledger-workbook.ts';

type Row = WorkbookContent['problems'][number];

export function sheetProblem(row: number, code: string, over: Partial<Row> = {}): Row {
  return {
    row,
    code,
    aspect: '方面',
    title: `问题${code}`,
    status: 'in-progress',
    longTerm: false,
    triage: 'deadline',
    leadUnit: '区财政局',
    cooperatingUnits: [],
    leadLeader: null,
    responsiblePerson: null,
    deadline: '2025-06-30',
    target: null,
    amountDue: null,
    progress: 0,
    startDate: '2025-01-15',
    lastReportAt: null,
    version: null,
    supervision: null,
    colour: null,
    ...over,
  };
}
