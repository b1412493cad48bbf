// What a file is, by its first bytes rather than its name: the reader (io/read-document.ts) and the evidence rule
// (core/ledger/evidence-file.ts) ask the same questions and must get the same answers.

export const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** "%PDF-" may follow a few bytes of junk in files saved by some mail systems. */
export const isPdf = (b: Uint8Array) => new TextDecoder('latin1').decode(b.subarray(0, 1024)).includes('%PDF-');
/** .docx, .xlsx, .pptx, .ofd and plain .zip are all ZIP archives */
export const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
/** .doc, .xls, .ppt, .wps and .et are OLE compound files */
export const isOle = (b: Uint8Array) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Pictures, by their first bytes: what OCR reads (io/ocr.ts) and what evidence shows inline. */
export const IMAGE_SIGNATURES = {
  jpg: (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]),
  png: (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]),
  gif: (b: Uint8Array) => startsWith(b, ascii('GIF8')),
  // "BM", the file's size, then four reserved zero bytes: a text that happens to begin with BM is no bitmap
  bmp: (b: Uint8Array) => startsWith(b, ascii('BM')) && startsWith(b, [0, 0, 0, 0], 6),
  webp: (b: Uint8Array) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  tif: (b: Uint8Array) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
} as const;

export const isImage = (b: Uint8Array) => Object.values(IMAGE_SIGNATURES).some((is) => is(b));

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

/** A name in an OLE file's directory: UTF-16LE, ended by a NUL character. */
const oleName = (name: string) => {
  const b = new Uint8Array((name.length + 1) * 2);
  for (let i = 0; i < name.length; i++) b[i * 2] = name.charCodeAt(i);
  return b;
};
const OLE_STREAMS = {
  encrypted: oleName('EncryptedPackage'),
  word: oleName('WordDocument'),
  excel: oleName('Workbook'),
  excel95: oleName('Book'),
  powerpoint: oleName('PowerPoint Document'),
};

function contains(b: Uint8Array, sub: Uint8Array): boolean {
  const first = sub[0] as number;
  outer: for (let i = b.indexOf(first); i >= 0 && i <= b.length - sub.length; i = b.indexOf(first, i + 1)) {
    for (let k = 1; k < sub.length; k++) if (b[i + k] !== sub[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * What an OLE compound file holds, by the stream names in its directory: a Word (or WPS) document, an Excel (or WPS
 * 表格) workbook, a presentation, or an Office file under a password (its package encrypted inside the OLE file).
 */
export function oleKind(b: Uint8Array): 'word' | 'excel' | 'powerpoint' | 'encrypted' | 'truncated' | 'other' {
  if (oleTruncated(b)) return 'truncated';
  if (contains(b, OLE_STREAMS.encrypted)) return 'encrypted';
  if (contains(b, OLE_STREAMS.word)) return wordEncrypted(b) ? 'encrypted' : 'word';
  if (contains(b, OLE_STREAMS.excel) || contains(b, OLE_STREAMS.excel95)) return 'excel';
  if (contains(b, OLE_STREAMS.powerpoint)) return 'powerpoint';
  return 'other';
}

/** Cut off before its directory: the header says where the directory starts (sector n is at (n + 1) × size). */
function oleTruncated(b: Uint8Array): boolean {
  if (b.length < 512) return true;
  const sector = 2 ** ((b[30] as number) | ((b[31] as number) << 8));
  const directory = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0x30, true);
  return (directory + 2) * sector > b.length;
}

/**
 * A Word 97–2003 document under a password: its WordDocument stream starts, at a sector boundary, with the FIB, whose
 * identifier is 0xA5EC and whose flags (at offset 0x0A) carry fEncrypted (0x0100).
 */
function wordEncrypted(b: Uint8Array): boolean {
  const sector = 2 ** ((b[30] as number) | ((b[31] as number) << 8)); // 512 in version 3 files, 4096 in version 4
  if (sector < 512 || sector > 4096) return false;
  for (let at = sector; at + 12 <= b.length; at += sector)
    if (b[at] === 0xec && b[at + 1] === 0xa5) return ((b[at + 0x0b] as number) & 0x01) !== 0;
  return false;
}

/** An HTML page, by its first characters: markup that opens a document, not a text that mentions a tag. */
export function looksLikeHtml(head: string): boolean {
  const start = head
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  return /^<(?:!doctype html|html[\s>]|head[\s>]|meta\s|body[\s>]|!--)/.test(start) && /<(?:html|body|head|meta|div|p)[\s>]/.test(start);
}

/** A web page saved whole (.mhtml): MIME headers announcing a multipart page or an HTML body. */
export function looksLikeMhtml(head: string): boolean {
  const start = head.slice(0, 4096);
  return /^mime-version:/im.test(start) && /^content-type:\s*(?:multipart\/related|text\/html)/im.test(start);
}

/** A Rich Text Format document. */
export const looksLikeRtf = (head: string) => head.startsWith('{\\rtf');

/** Whether the bytes end in the sign of the last byte of their kind. */
const endsWithin = (b: Uint8Array, sig: readonly number[], window: number) => {
  for (let i = b.length - sig.length; i >= Math.max(0, b.length - window); i--) if (startsWith(b, sig, i)) return true;
  return false;
};

/**
 * Whether a file was cut off on the way (an upload broken off, a copy from a full disk): each of these formats ends
 * with a record a complete file always has — a ZIP its end-of-directory record (within the last 64 KB, past its
 * comment), a PDF its %%EOF (within the last 2 KB, past trailing blanks), a PNG its IEND chunk. Other kinds are not
 * judged here.
 */
export function cutOff(b: Uint8Array): boolean {
  if (isZip(b)) return !endsWithin(b, [0x50, 0x4b, 0x05, 0x06], 65_557);
  if (isPdf(b)) return !endsWithin(b, ascii('%%EOF'), 2048);
  if (IMAGE_SIGNATURES.png(b)) return !endsWithin(b, ascii('IEND'), 1024);
  if (isOle(b)) return oleKind(b) === 'truncated';
  return false;
}
