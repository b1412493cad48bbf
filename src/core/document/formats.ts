// The kinds of file the product reads, said once: the reader (io/read-document.ts) dispatches on content, and this list
// is what every face shows — `zg formats`, the file pickers of the web import screens, and the sentence that refuses
// a file of another kind. A format that needs LibreOffice says so; whether it is installed is for the face to find out.

/** What a report document was read from. */
export const DOCUMENT_FORMAT_IDS = ['txt', 'docx', 'pdf', 'doc', 'wps', 'odt', 'rtf', 'ofd', 'html', 'mhtml', 'image'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMAT_IDS)[number];
/** What a ledger or a self-evaluation table was read from, besides documents. */
export type WorkbookFormat = 'xlsx' | 'xls' | 'et' | 'ods';

export interface Readable {
  readonly format: DocumentFormat | WorkbookFormat;
  readonly label: string;
  readonly extensions: readonly string[];
  /** read through LibreOffice, which must be installed */
  readonly converter: 'libreoffice' | 'ocr' | null;
  /** what else a user should know, in Chinese */
  readonly note?: string;
  /** how many of its extensions a sentence names (the rest are spellings of those): one unless said */
  readonly named?: number;
}

export const DOCUMENT_FORMATS: readonly Readable[] = [
  { format: 'txt', label: '文本文件（UTF-8 或 GBK/GB18030）', extensions: ['.txt'], converter: null },
  { format: 'docx', label: 'Word 文档', extensions: ['.docx'], converter: null },
  { format: 'pdf', label: 'PDF 文件', extensions: ['.pdf'], converter: null, note: '有文字层的直接读取；扫描件经文字识别' },
  { format: 'ofd', label: 'OFD 版式文件（GB/T 33190）', extensions: ['.ofd'], converter: null, note: '读取正文文字，不读模板页和签章' },
  { format: 'html', label: '网页（另存的 .html）', extensions: ['.html', '.htm'], converter: null, note: '只取正文' },
  { format: 'mhtml', label: '网页存档（.mhtml）', extensions: ['.mhtml', '.mht'], converter: null, note: '只取正文' },
  { format: 'doc', label: '旧版 Word 文档', extensions: ['.doc'], converter: 'libreoffice' },
  { format: 'wps', label: 'WPS 文字文档', extensions: ['.wps'], converter: 'libreoffice' },
  { format: 'odt', label: 'OpenDocument 文本', extensions: ['.odt'], converter: 'libreoffice' },
  { format: 'rtf', label: 'RTF 文档', extensions: ['.rtf'], converter: 'libreoffice' },
  {
    format: 'image',
    label: '扫描件或照片',
    extensions: ['.jpg', '.png', '.tif', '.bmp', '.webp', '.jpeg', '.tiff'],
    named: 5,
    converter: 'ocr',
    note: '经文字识别',
  },
];

export const WORKBOOK_FORMATS: readonly Readable[] = [
  { format: 'xlsx', label: 'Excel 工作簿', extensions: ['.xlsx'], converter: null },
  { format: 'xls', label: '旧版 Excel 工作簿', extensions: ['.xls'], converter: 'libreoffice' },
  { format: 'et', label: 'WPS 表格', extensions: ['.et'], converter: 'libreoffice' },
  { format: 'ods', label: 'OpenDocument 表格', extensions: ['.ods'], converter: 'libreoffice' },
];

/** For a file picker's `accept`: ".txt,.docx,…". */
export const acceptOf = (formats: readonly Readable[]) => formats.flatMap((f) => f.extensions).join(',');

/** For a sentence: ".txt、.docx、…" (each format by its usual extensions, not every spelling of them). */
export const namesOf = (formats: readonly Readable[]) => formats.flatMap((f) => f.extensions.slice(0, f.named ?? 1)).join('、');

/** A label for the format a file was read in, for messages and listings. */
export const formatLabel = (format: string) => [...DOCUMENT_FORMATS, ...WORKBOOK_FORMATS].find((f) => f.format === format)?.label ?? format;

/** How to get LibreOffice, for the message that refuses a file needing it. */
export const INSTALL_HINT =
  '请安装 LibreOffice（Debian/Ubuntu：sudo apt install libreoffice-writer-nogui libreoffice-calc-nogui；其他系统见 libreoffice.org），或设置环境变量 ZG_SOFFICE 指向 soffice 程序';

/** How to get the OCR engine, for the message that refuses a scan when it is missing. */
export const OCR_INSTALL_HINT =
  '请安装 Tesseract 及其简体中文模型和 poppler（Debian/Ubuntu：sudo apt install tesseract-ocr tesseract-ocr-chi-sim poppler-utils），或设置 ZG_TESSERACT、ZG_PDFTOPPM 指向这两个程序';

/** Said after every finding on recognised text. */
export const OCR_CAVEAT = '（本文由扫描件文字识别得出，请对照原件核对）';

/** Said once of a file read by recognition, before its findings: how many pages, how sure of each. */
export const recognisedNote = (pages: readonly { confidence: number }[]): string =>
  `本文件为扫描件或照片，文字经识别（OCR）得出，共${pages.length}页，各页置信度 ${pages
    .map((p) => `${Math.round(p.confidence)}%`)
    .join('、')}；请对照原件核对标题、数字和状态`;
