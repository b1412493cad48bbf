// Every compressed format we open (.docx, .xlsx) is checked for what it would unpack to before anything is inflated:
// a few kilobytes that inflate to a gigabyte would otherwise hold the memory of a whole server for seconds.
import { unzipSync } from 'fflate';

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
  }
  return unpacked;
}
