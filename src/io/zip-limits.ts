// Every compressed format we open (.docx, .xlsx, a PDF's streams) is checked for what it would unpack to before anything is inflated:
// a few kilobytes that inflate to a gigabyte would otherwise hold the memory of a whole server for seconds.
import { inflateSync } from 'node:zlib';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';

/** A zip whose parts would unpack beyond the limit: a zip bomb, or no document anyone wrote by hand. */
export class ZipTooLargeError extends Error {
  constructor(
    readonly unpacked: number,
    readonly limit: number,
  ) {
    super(`zip unpacks to more than ${limit} bytes (${unpacked} declared so far)`);
  }
}

/** The most a workbook's parts may unpack to: a 10,000-row ledger is about 6 MB of sheet XML. */
export const MAX_WORKBOOK_UNPACKED = 100 * 1024 * 1024;

/**
 * Sums the sizes the zip's directory declares for the parts `wanted` picks, throwing before the limit is passed. The
 * declared size can lie; what inflates is then bounded again by the worker's memory limit (services/worker-pool.ts).
 */
export function checkUnpackedSize(bytes: Uint8Array, limit: number, wanted: (name: string) => boolean = () => true): number {
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        unpacked += f.originalSize;
        if (f.originalSize > limit || unpacked > limit) throw new ZipTooLargeError(unpacked, limit);
        return false; // sizes only: nothing is inflated here
      },
    });
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw e;
    // not a zip the directory of which can be read: the reader that follows says so in its own words
    return unpacked;
  }
  return checkInflatedSize(bytes, limit, wanted);
}

/** Input fed to the inflater at a time: one slice of deflate inflates to at most about a thousand times its size. */
const SLICE = 16 * 1024;

/**
 * The declared sizes can lie (a bomb that says 1 KB and inflates to 1 GB was read whole into 930 MB by the workbook
 * reader). So the parts are inflated once more here, a slice at a time, counting what comes out and keeping none of it.
 */
function checkInflatedSize(bytes: Uint8Array, limit: number, wanted: (name: string) => boolean): number {
  let unpacked = 0;
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    file.ondata = (err, chunk) => {
      if (err) throw err;
      unpacked += chunk.length;
      if (unpacked > limit) throw new ZipTooLargeError(unpacked, limit);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length; at += SLICE) unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw e;
    // damaged data: the reader that follows says so in its own words
  }
  return unpacked;
}

/** The most a PDF's compressed streams may inflate to, all together: a 300-page scanned report is some 200 MB. */
export const MAX_PDF_INFLATED = 256 * 1024 * 1024;

/**
 * A PDF's Flate streams, inflated once here with a budget before the PDF reader sees them: a few megabytes of zeros
 * compressed into a stream inflated to gigabytes inside the reader, outside the worker's heap limit (seen: 3.4 GB).
 * Inflating stops as soon as the budget is spent; a stream that is damaged is left for the reader to judge.
 */
export function checkPdfInflation(bytes: Uint8Array, limit = MAX_PDF_INFLATED): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let inflated = 0;
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const dictionary = text.slice(Math.max(0, (m.index ?? 0) - 400), m.index ?? 0);
    if (!dictionary.includes('/FlateDecode') || text.slice(Math.max(0, (m.index ?? 0) - 3), m.index ?? 0) === 'end') continue;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      inflated += inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, limit - inflated) }).length;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
        throw new ZipTooLargeError(limit + 1, limit);
      // damaged or not really Flate: the reader that follows says what it makes of it
    }
    if (inflated > limit) throw new ZipTooLargeError(inflated, limit);
  }
  return inflated;
}

/** The names in a zip's directory, nothing inflated; empty when the directory cannot be read. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return names;
  }
  return names;
}
