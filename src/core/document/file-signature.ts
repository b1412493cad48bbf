// What a file is, by its first bytes rather than its name: the reader (io/read-document.ts) and the evidence rule
// (core/ledger/evidence-file.ts) ask the same questions and must get the same answers.

export const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** "%PDF-" may follow a few bytes of junk in files saved by some mail systems. */
export const isPdf = (b: Uint8Array) => new TextDecoder('latin1').decode(b.subarray(0, 1024)).includes('%PDF-');
/** .docx, .xlsx, .pptx, .ofd and plain .zip are all ZIP archives */
export const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
/** .doc, .xls, .ppt, .wps and .et are OLE compound files */
export const isOle = (b: Uint8Array) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Text in any encoding we read: no NUL byte, and almost no other control characters in the first 64 KB. */
export function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c === 0) return false;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) control++;
  }
  return control <= n * 0.01;
}
