// What may be kept as evidence (佐证材料), judged by the file's content as well as its name: a scan as PDF or image,
// a Word, Excel, WPS or OFD document, plain text, an archive of them. A program renamed .pdf is refused, and so is
// any file whose content is not what its name says — it could not be previewed, and would be handed to the reviewer
// under a false name. Also how each kind is shown in the browser.

import {
  cutOff,
  IMAGE_SIGNATURES,
  isOle,
  oleKind,
  isPdf,
  isZip,
  looksLikeHtml,
  looksLikeMhtml,
  looksLikeRtf,
  looksLikeText,
  startsWith,
} from '../document/file-signature.ts';

/** The first characters of a file, for the checks that read them as text. */
const head = (b: Uint8Array) => new TextDecoder('latin1').decode(b.subarray(0, 4096));

/** At most so many files, and so many bytes in all, on one problem: evidence is proof, not an archive. */
export const EVIDENCE_PER_PROBLEM = { files: 50, bytes: 200 * 1024 * 1024 };

export type EvidenceView = 'inline' | 'text' | 'download';

interface Kind {
  readonly label: string;
  readonly mime: string;
  /** inline: the browser shows the bytes (PDF, images); text: we show its words (old Word and Excel files through
   *  LibreOffice, when installed); download: only downloaded */
  readonly view: EvidenceView;
  readonly is: (b: Uint8Array) => boolean;
}

const starts = startsWith;
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const [pdf, zip, ole, text] = [isPdf, isZip, isOle, looksLikeText];

const OFFICE = 'application/vnd.openxmlformats-officedocument';
const KINDS: Record<string, Kind> = {
  pdf: { label: 'PDF 文件', mime: 'application/pdf', view: 'inline', is: pdf },
  jpg: { label: 'JPEG 图片', mime: 'image/jpeg', view: 'inline', is: IMAGE_SIGNATURES.jpg },
  png: { label: 'PNG 图片', mime: 'image/png', view: 'inline', is: IMAGE_SIGNATURES.png },
  gif: { label: 'GIF 图片', mime: 'image/gif', view: 'inline', is: IMAGE_SIGNATURES.gif },
  bmp: { label: 'BMP 图片', mime: 'image/bmp', view: 'inline', is: IMAGE_SIGNATURES.bmp },
  webp: { label: 'WebP 图片', mime: 'image/webp', view: 'inline', is: IMAGE_SIGNATURES.webp },
  // browsers do not show TIFF: offered for download
  tif: { label: 'TIFF 图片', mime: 'image/tiff', view: 'download', is: IMAGE_SIGNATURES.tif },
  txt: { label: '文本文件', mime: 'text/plain', view: 'text', is: text },
  csv: { label: 'CSV 文件', mime: 'text/csv', view: 'text', is: text },
  docx: { label: 'Word 文档', mime: `${OFFICE}.wordprocessingml.document`, view: 'text', is: zip },
  xlsx: { label: 'Excel 工作簿', mime: `${OFFICE}.spreadsheetml.sheet`, view: 'text', is: zip },
  pptx: { label: 'PowerPoint 演示文稿', mime: `${OFFICE}.presentationml.presentation`, view: 'download', is: zip },
  doc: { label: 'Word 文档', mime: 'application/msword', view: 'text', is: ole },
  xls: { label: 'Excel 工作簿', mime: 'application/vnd.ms-excel', view: 'text', is: ole },
  ppt: { label: 'PowerPoint 演示文稿', mime: 'application/vnd.ms-powerpoint', view: 'download', is: ole },
  wps: { label: 'WPS 文档', mime: 'application/vnd.ms-works', view: 'text', is: ole },
  et: { label: 'WPS 表格', mime: 'application/vnd.ms-excel', view: 'text', is: ole },
  ofd: { label: 'OFD 文件', mime: 'application/ofd', view: 'text', is: zip },
  odt: { label: 'OpenDocument 文本', mime: 'application/vnd.oasis.opendocument.text', view: 'text', is: zip },
  ods: { label: 'OpenDocument 表格', mime: 'application/vnd.oasis.opendocument.spreadsheet', view: 'text', is: zip },
  rtf: { label: 'RTF 文档', mime: 'application/rtf', view: 'text', is: (b) => looksLikeRtf(head(b)) },
  // a page saved from a website: its words are shown, never the page itself (it would run in the application's origin)
  html: { label: '网页', mime: 'text/html', view: 'text', is: (b) => text(b) && looksLikeHtml(head(b)) },
  mhtml: { label: '网页存档', mime: 'application/x-mimearchive', view: 'text', is: (b) => text(b) && looksLikeMhtml(head(b)) },
  zip: { label: 'ZIP 压缩包', mime: 'application/zip', view: 'download', is: zip },
  rar: { label: 'RAR 压缩包', mime: 'application/vnd.rar', view: 'download', is: (b) => starts(b, ascii('Rar!\x1a\x07')) },
  '7z': {
    label: '7z 压缩包',
    mime: 'application/x-7z-compressed',
    view: 'download',
    is: (b) => starts(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
  },
};
const ALIASES: Record<string, string> = { jpeg: 'jpg', tiff: 'tif', md: 'txt', htm: 'html', mht: 'mhtml' };

/** Programs, by their first bytes: a Windows executable, a Linux or macOS binary, a script with its interpreter. */
function isProgram(b: Uint8Array): boolean {
  return (
    starts(b, ascii('MZ')) ||
    starts(b, [0x7f, 0x45, 0x4c, 0x46]) ||
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
    ].some((sig) => starts(b, sig)) ||
    starts(b, ascii('#!'))
  );
}

const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(name.trim());
  const ext = m ? (m[1] as string).toLowerCase() : '';
  return ALIASES[ext] ?? ext;
};

export const ACCEPTED_EVIDENCE = 'PDF、图片（JPG、PNG、GIF、BMP、WebP、TIFF）、Word、Excel、PowerPoint、WPS、OFD、文本、ZIP/RAR/7z 压缩包';

export interface EvidenceFile {
  readonly mime: string;
  readonly view: EvidenceView;
  /** the name it is kept under: the one given, or with the extension its content shows (a PNG named .txt is a .png) */
  readonly name: string;
}

/**
 * What a file's content is when that alone says which extension it has: a PDF, a picture, an old Word or Excel file.
 * A ZIP could be a .docx, an .xlsx or an OFD, and text anything: those are not renamed.
 */
function extensionByContent(b: Uint8Array): string | null {
  if (isPdf(b)) return 'pdf';
  for (const [ext, is] of Object.entries(IMAGE_SIGNATURES)) if (is(b)) return ext;
  if (isOle(b)) {
    const ole = oleKind(b);
    return ole === 'word' ? 'doc' : ole === 'excel' ? 'xls' : ole === 'powerpoint' ? 'ppt' : null;
  }
  return null;
}

/**
 * The file's kind when its content is what its name says, or what its content plainly is (kept under the name with
 * that extension); otherwise the reason, in Chinese, to refuse it. A file under a password or cut off on the way is
 * refused: the reviewer could not open it.
 */
export function judgeEvidenceFile(name: string, bytes: Uint8Array): EvidenceFile | { refused: string } {
  if (bytes.length === 0) return { refused: `佐证材料“${name}”是空文件` };
  const kind = KINDS[extensionOf(name)];
  if (!kind) return { refused: `佐证材料“${name}”的类型不能上传。可上传：${ACCEPTED_EVIDENCE}` };
  if (isProgram(bytes)) return { refused: `佐证材料“${name}”实为可执行程序或脚本，不能上传` };
  // an Office file under a password is an OLE file holding the encrypted package, whatever its extension
  if (isOle(bytes) && oleKind(bytes) === 'encrypted')
    return { refused: `佐证材料“${name}”设有打开密码，审核人无法查看；请取消密码后再上传` };
  if (cutOff(bytes)) return { refused: `佐证材料“${name}”不完整（文件末尾缺失，可能上传或复制时中断），请重新取得原文件后上传` };
  if (kind.is(bytes)) return { mime: kind.mime, view: kind.view, name };
  const actual = extensionByContent(bytes);
  const renamed = actual ? KINDS[actual] : undefined;
  if (actual && renamed) {
    const stem = name.trim().replace(/\.[A-Za-z0-9]{1,5}$/, '');
    return { mime: renamed.mime, view: renamed.view, name: `${stem}.${actual}` };
  }
  const gap = /^[A-Za-z0-9]/.test(kind.label) ? ' ' : '';
  return { refused: `佐证材料“${name}”的内容不是${gap}${kind.label}，文件可能已损坏或扩展名不对` };
}

/** How a kept file is shown, by the media type it was kept under (files kept before this rule are downloaded). */
export function evidenceView(mime: string): EvidenceView {
  return Object.values(KINDS).find((k) => k.mime === mime)?.view ?? (mime === 'text/plain' ? 'text' : 'download');
}

/**
 * Why no more evidence may be added to the problem, or null. A closed (销号) problem's record is final: what it was
 * closed on is what the reviewer saw; new proof belongs to a look-back that reopens it.
 */
export function evidenceRefusal(
  problem: { code: string; status: string },
  kept: { files: number; bytes: number },
  adding: number,
): string | null {
  if (problem.status === 'completed') return `问题 ${problem.code} 已销号，不能再上传佐证材料；如需补充，请经回头看重新整改`;
  if (kept.files + 1 > EVIDENCE_PER_PROBLEM.files)
    return `问题 ${problem.code} 已有 ${kept.files} 份佐证材料，每个问题至多 ${EVIDENCE_PER_PROBLEM.files} 份`;
  if (kept.bytes + adding > EVIDENCE_PER_PROBLEM.bytes)
    return `问题 ${problem.code} 的佐证材料合计将超过 ${EVIDENCE_PER_PROBLEM.bytes / 1024 / 1024} MB，请压缩或精简后再上传`;
  return null;
}
