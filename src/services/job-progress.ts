// How far a long job has got (the pages of a scan being recognised), told to whoever waits for it: the command line's
// progress bar, or — from a worker thread — the server, which keeps it for the page that uploaded the file. One job
// runs at a time in a worker, and the command line reads its files one after another, so one sink at a time is enough.

export interface Progress {
  readonly done: number;
  readonly total: number;
}

let sink: ((p: Progress) => void) | null = null;

/** Where progress goes until it is set again (null: nowhere). */
export function setProgressSink(to: ((p: Progress) => void) | null): void {
  sink = to;
}

/** Called by the readers as they go. */
export function reportProgress(done: number, total: number): void {
  sink?.({ done, total });
}
