// The DocumentError a read must end in, for tests that check what a person is told.
import { DocumentError } from '../../src/core/errors.ts';

export async function refusal(p: Promise<unknown>): Promise<DocumentError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DocumentError) return e;
    throw e;
  }
  throw new Error('expected a DocumentError');
}
