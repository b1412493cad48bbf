import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { checkUnpackedSize, ZipTooLargeError } from './zip-limits.ts';

/** A zip whose headers all say each part unpacks to 1 KB. */
function lying(parts: Record<string, Uint8Array>): Uint8Array {
  const zip = zipSync(parts, { level: 9 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 < zip.length; i++) {
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 1024, true);
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1024, true);
  }
  return zip;
}

describe('what a zip unpacks to', () => {
  it('is counted as it inflates, so headers that lie about it do not let a bomb through', () => {
    const bomb = lying({ 'xl/worksheets/sheet1.xml': new Uint8Array(20 * 1024 * 1024) });
    expect(() => checkUnpackedSize(bomb, 8 * 1024 * 1024)).toThrow(ZipTooLargeError);
  });

  it('lets a part through that unpacks within the limit, whatever its headers say', () => {
    const fine = lying({ 'word/document.xml': new TextEncoder().encode('<w:document>整改</w:document>'.repeat(1000)) });
    expect(checkUnpackedSize(fine, 8 * 1024 * 1024)).toBeGreaterThan(20_000);
  });
});
