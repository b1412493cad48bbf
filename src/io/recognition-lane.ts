// Where recognition (OCR) may run. A 20-page scan holds whoever recognises it for minutes, a page at a time; in the
// server that must not be the worker everyone's page-sized checks and workbook exports wait for. So the server's
// general workers hand a file that needs recognising over to a worker of its own (worker-pool.ts): they stop at the
// point where recognition would begin and say so with this signal. The command line recognises where it stands.

let handOver = false;

/** Set in the server's general workers: a file that needs recognising is handed over, not recognised here. */
export function handOverRecognition(on: boolean): void {
  handOver = on;
}

export const recognitionHandedOver = (): boolean => handOver;

/** Not a failure: the job goes on in the recognition lane, read again from the start there. */
export class RecognitionElsewhere extends Error {
  constructor() {
    super('recognition runs in its own lane');
    this.name = 'RecognitionElsewhere';
  }
}
