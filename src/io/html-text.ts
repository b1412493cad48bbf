// A report saved from a government website (.html, or .mhtml as a browser saves "the whole page") → the article's text:
// its title and body, without the site's navigation, search box, footer, scripts or styles. Which element holds the
// article is decided the way readers of web pages usually decide it: paragraphs of plain (not linked) text vote for
// the element that holds them, and less for its parent and grandparent; the element with the most votes is the body,
// widened to the nearest container that also holds a heading.
//
// The encoding comes from the page's meta (charset, or http-equiv Content-Type), else from the bytes: UTF-8 when
// they are valid UTF-8, otherwise GB18030 (which covers GBK and GB2312, the usual older encodings of such sites).

import { Parser } from 'htmlparser2';

export class HtmlFormatError extends Error {}

interface El {
  tag: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  parent: El | null;
}

/** Never part of an article's text. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'select',
  'option',
  'button',
  'textarea',
  'input',
  'nav',
  'footer',
  'aside',
  'form',
  'map',
  'canvas',
]);
/** Site furniture, by the names sites give their elements. */
const FURNITURE =
  /(?:^|[-_\s])(?:nav|navbar|menu|footer|foot|breadcrumb|crumbs?|share|copyright|toolbar|sidebar|search|skip)(?:[-_\s\d]|$)/i;
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'tbody',
  'thead',
  'tr',
  'center',
  'hr',
  'address',
  'figure',
  'figcaption',
  'caption',
]);
const HEADING = /^h[1-3]$/;
/** Blocks that are one paragraph: they vote for what holds them, never for themselves. */
const PARAGRAPH = new Set(['p', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'figcaption', 'address']);
const TITLE_CLASS = /(?:^|[-_\s])(?:title|tit|bt|biaoti|headline)(?:[-_\s\d]|$)/i;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function charsetOf(head: string): string | null {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /content-type:[^\r\n]*charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return m ? (m[1] as string).toLowerCase() : null;
}

/**
 * The bytes as text, and the encoding they were read in: the declared charset when the runtime knows it, else UTF-8
 * if valid, else GB18030 (GBK and GB2312 pages are read as GB18030, their superset, and said so).
 */
export function decodeHtml(bytes: Uint8Array, declared: string | null = null): { text: string; encoding: string } {
  const charset = declared ?? charsetOf(new TextDecoder('latin1').decode(bytes.subarray(0, 4096)));
  const label = charset && /^(?:gb2312|gbk|x-gbk|cp936|gb_2312-80)$/.test(charset) ? 'gb18030' : charset;
  if (label) {
    try {
      const decoder = new TextDecoder(label);
      return { text: decoder.decode(bytes), encoding: decoder.encoding };
    } catch {
      // a label the runtime does not know: judged from the bytes below
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function parse(html: string): { root: El; title: string } {
  const root: El = { tag: 'root', attrs: {}, children: [], parent: null };
  let at = root;
  let skipping = 0;
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title') inTitle = true;
        const cls = `${attrs.class ?? ''} ${attrs.id ?? ''}`;
        if (skipping > 0 || DROPPED.has(name) || (FURNITURE.test(cls) && name !== 'body')) {
          skipping++;
          return;
        }
        const el: El = { tag: name, attrs, children: [], parent: at };
        at.children.push(el);
        at = el;
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (skipping === 0 && at !== root) at.children.push(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (skipping > 0) {
          skipping--;
          return;
        }
        if (at.parent) at = at.parent;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return { root, title: title.replace(/\s+/g, ' ').trim() };
}

const visible = (s: string) => s.replace(/\s+/g, '').length;

/** Plain text inside an element not under a link, and under one: articles are the first, menus the second. */
function measure(el: El): { plain: number; linked: number } {
  let plain = 0;
  let linked = 0;
  for (const c of el.children) {
    if (typeof c === 'string') plain += visible(c);
    else {
      const m = measure(c);
      if (c.tag === 'a') linked += m.plain + m.linked;
      else {
        plain += m.plain;
        linked += m.linked;
      }
    }
  }
  return { plain, linked };
}

/** The element holding the article: text votes for the element holding it, less for its parent, less again above. */
function articleElement(root: El): El {
  const votes = new Map<El, number>();
  const walk = (el: El) => {
    let own = 0;
    for (const c of el.children) {
      if (typeof c === 'string') own += visible(c);
      else if (!BLOCK.has(c.tag) && c.tag !== 'a' && c.tag !== 'td' && c.tag !== 'th') own += measure(c).plain;
    }
    const holder = BLOCK.has(el.tag) || el.tag === 'td' || el.tag === 'th' || el.tag === 'body';
    if (own >= 10 && holder) {
      // a paragraph of Chinese prose counts more than a line of figures or a date
      const weight = own + (CJK.test(textOf(el)) ? 10 : 0);
      const vote = (e: El | null, share: number) => {
        if (e && e.tag !== 'root') votes.set(e, (votes.get(e) ?? 0) + weight * share);
      };
      // text written straight into a container (lines split by <br>) makes it the body; paragraphs make their parent it
      vote(el, PARAGRAPH.has(el.tag) ? 0 : 1);
      vote(el.parent, 0.75);
      vote(el.parent?.parent ?? null, 0.5);
    }
    for (const c of el.children) if (typeof c !== 'string') walk(c);
  };
  walk(root);
  let best: El = root;
  let bestVotes = -1;
  for (const [el, v] of votes) if (v > bestVotes) [best, bestVotes] = [el, v];
  // widened to the nearest container that also holds the title, when that adds little plain text beside it
  const size = measure(best).plain;
  for (let up = best.parent, steps = 0; up && up.tag !== 'root' && up.tag !== 'body' && steps < 4; up = up.parent, steps++) {
    const extra = measure(up).plain - size;
    if (extra > 0.1 * size + 200) break;
    if (hasTitle(up)) return up;
  }
  return best;
}

function hasTitle(el: El): boolean {
  return el.children.some(
    (c) => typeof c !== 'string' && (HEADING.test(c.tag) || TITLE_CLASS.test(`${c.attrs.class ?? ''} ${c.attrs.id ?? ''}`) || hasTitle(c)),
  );
}

function textOf(el: El): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** What a site writes above the links to other pages, inside the article's element as often as outside it. */
const LINKS_HEADING = /^(?:相关(?:信息|链接|阅读|文章|新闻|文件|稿件|附件)|延伸阅读|推荐阅读|热点推荐|猜你喜欢|上一篇|下一篇)[:：]?$/;

/**
 * A block that is links to other pages (相关信息, 上一篇：…): mostly linked text, little of its own. A report's title
 * among them, kept, would read as the start of a second report; an article's own paragraphs are plain text.
 */
function isLinkBlock(el: El): boolean {
  if (!BLOCK.has(el.tag) && el.tag !== 'td') return false;
  const { plain, linked } = measure(el);
  return linked >= 8 && linked >= 0.7 * (plain + linked);
}

/** The element's text as lines: blocks on their own lines, table rows one line with cells separated by tabs. */
function lines(el: El): string[] {
  const out: string[] = [];
  let line = '';
  // whether the line has words of its own: a line of nothing but a link (another report's title between <br>s, at
  // the foot of the body) is the site's, not the report's
  let own = false;
  const flush = () => {
    const t = tidy(line);
    if (t !== '' && own) out.push(t);
    line = '';
    own = false;
  };
  const walk = (e: El, pre: boolean, linked = false) => {
    for (const c of e.children) {
      if (typeof c === 'string') {
        line += pre ? c : c.replace(/\s+/g, ' ');
        if (!linked && c.trim() !== '') own = true;
      } else if (c.tag === 'br') {
        if (pre) line += '\n';
        else flush();
      } else if (c.tag === 'tr') {
        flush();
        const cells = c.children
          .filter((x): x is El => typeof x !== 'string' && (x.tag === 'td' || x.tag === 'th'))
          .map((cell) => lines(cell).join(' '));
        if (cells.some((x) => x !== '')) out.push(cells.join('\t'));
      } else if (c.tag === 'table') {
        flush();
        if (out.length && out[out.length - 1] !== '') out.push('');
        walk(c, pre, linked);
        flush();
      } else if (isLinkBlock(c)) flush();
      else if (BLOCK.has(c.tag) || c.tag === 'td' || c.tag === 'th') {
        flush();
        walk(c, pre || c.tag === 'pre', linked);
        flush();
      } else walk(c, pre, linked || c.tag === 'a');
    }
  };
  walk(el, el.tag === 'pre');
  flush();
  return out;
}

/** One line as a reader sees it: no runs of spaces, none at the ends, and none between two Chinese characters. */
function tidy(s: string): string {
  return s
    .replace(/[\u00a0\t ]+/g, ' ')
    .replace(/(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])/g, '')
    .trim();
}

/** The page's title as the site wrote it, without the site's name after a separator. */
function pageTitle(title: string): string {
  return (title.split(/\s*(?:[_|]|\s[-—–]\s|——)\s*/)[0] ?? '').trim();
}

/** What a site writes about the page beside its article: when, from where, how often read, the type size, sharing. */
const PAGE_INFO =
  /发布(?:时间|日期)|信息来源|来源[:：]|浏览(?:次数|量)|访问(?:次数|量)|点击(?:数|量|率)|阅读(?:次数|量)|字[体号][:：]|【\s*(?:打印|关闭|字体|大|小)|分享到|责任编辑|编辑[:：]|作者[:：]/g;

/**
 * The page's own line about itself ("发布时间：2023-12-28 来源：… 浏览次数：1234 【字体：大 中 小】"): not the
 * report's. Kept, it would make the same report saved twice from the site (another count of readers) two reports.
 */
const isPageInfo = (line: string) =>
  line.length <= 160 && ((line.match(PAGE_INFO) ?? []).length >= 2 || /^(?:分享到|【\s*(?:打印|关闭))/.test(line));

export function htmlText(html: string): string {
  const { root, title } = parse(html);
  const article = articleElement(root);
  const body = lines(article).filter((l) => !isPageInfo(l) && !LINKS_HEADING.test(l));
  if (body.length === 0) throw new HtmlFormatError('no text in the page');
  const heading = pageTitle(title);
  // the page's title when the article does not begin with it (many sites put the heading outside the body's element)
  const first = body.slice(0, 3).join('').replace(/\s/g, '');
  return (heading && !first.includes(heading.replace(/\s/g, '')) ? [heading, ...body] : body).join('\n');
}

/** The HTML part of a saved .mhtml page, decoded: quoted-printable or base64, in the part's charset. */
export function mhtmlHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const raw = new TextDecoder('latin1').decode(bytes);
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(raw.slice(0, 8192))?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1) : [raw];
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    const contentType = /^content-type:\s*([^\r\n;]+)/im.exec(headers)?.[1]?.trim().toLowerCase();
    if (contentType !== 'text/html') continue;
    const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(headers)?.[1]?.toLowerCase() ?? null;
    const body = part.slice(split.index + split[0].length);
    const data =
      encoding === 'base64'
        ? new Uint8Array(Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'))
        : encoding === 'quoted-printable'
          ? quotedPrintable(body)
          : new Uint8Array(Buffer.from(body, 'latin1'));
    return decodeHtml(data, charset);
  }
  throw new HtmlFormatError('no text/html part in the MHTML file');
}

function quotedPrintable(s: string): Uint8Array {
  const text = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(ch & 0xff);
  }
  return new Uint8Array(out);
}
