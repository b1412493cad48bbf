// Web pages made here as a government site publishes a 通报 and a browser saves it: the site's header and menu, a
// breadcrumb, the article's title and date line, the body as paragraphs (tables as tables), a share bar, related
// links, a footer with the site's address and record number, and scripts and styles throughout. Reading one back must
// give the article and nothing of the site.
import iconv from 'iconv-lite';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Other reports' titles, linked below the article inside its own element (相关信息, 上一篇), as many sites do: each reads
 * as a report's title, and taken for one it would make a second, empty report of the page.
 */
const RELATED = ['示例县审计局关于2023年度审计查出问题整改情况的报告', '中共示例县委巡察组关于巡察反馈意见整改进展情况的通报'] as const;

/** What a site wraps around every article; none of it may be read as the report's text. */
export const SITE_WORDS = [
  ...RELATED,
  '相关信息',
  '上一篇',
  '网站首页',
  '政务公开',
  '当前位置',
  '分享到',
  '相关链接',
  '版权所有',
  '粤ICP备',
  '网站标识码',
  'var _hmt',
  '.nav{',
];

/** `titleLines`: how many of the text's first lines are its title, which the site shows as one heading. */
export interface PageOptions {
  readonly charset?: 'utf-8' | 'gbk';
  readonly titleLines?: number;
}

export function pageHtml(text: string, opts: PageOptions = {}): string {
  // a row's empty last cell is a tab at the end of its line: kept
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[ \u3000]+|[ \u3000]+$/g, ''))
    .filter((l) => l.trim() !== '');
  const n = opts.titleLines ?? 1;
  const title = lines.slice(0, n).join('');
  const body = lines.slice(n).map((l) =>
    l.includes('\t')
      ? `<table border="1" cellspacing="0"><tbody><tr>${l
          .split('\t')
          .map((c) => `<td><p><span style="font-size:12pt">${esc(c)}</span></p></td>`)
          .join('')}</tr></tbody></table>`
      : // sites indent with non-breaking spaces and wrap runs in spans and fonts
        `<p style="text-indent:2em">&nbsp;&nbsp;<span style="font-family:仿宋">${esc(l)}</span></p>`,
  );
  const charset = opts.charset ?? 'utf-8';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${esc(title)}_示例市人民政府门户网站</title>
<style>.nav{float:left}.footer{color:#666}</style>
<script>var _hmt = _hmt || []; document.write("<p>统计代码</p>");</script>
</head><body>
<div class="header"><a href="/">网站首页</a><div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/zw">政务公开</a></li><li><a href="/fw">政务服务</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务动态</a></div>
<div class="main">
  <div class="article">
    <h1 class="title">${esc(title)}</h1>
    <div class="info">信息来源：本网　发布日期：2025-09-12　浏览次数：<span id="views">1024</span></div>
    <div id="zoom" class="TRS_Editor">
${body.join('\n')}
    </div>
    <div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
    <p class="pages">上一篇：<a href="/0">${esc(RELATED[1])}</a></p>
    <div class="xgxx"><h3>相关信息</h3><ul><li><a href="/1">${esc(RELATED[0])}</a></li><li><a href="/2">政府信息公开年度报告</a></li></ul></div>
  </div>
  <div class="related"><h3>相关链接</h3><ul><li><a href="/1">关于另一轮巡察整改情况的通报</a></li><li><a href="/2">政府信息公开年度报告</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：示例市人民政府办公室　地址：示例市人民路1号　联系电话：0000-1234567</p>
<p>版权所有 © 示例市人民政府　粤ICP备00000000号　网站标识码：0000000000</p></div>
<script src="/js/stat.js"></script><script>console.log("</p>")</script>
</body></html>`;
}

/** The page as a site sends it: UTF-8, or GBK with the charset in the meta, as older sites do. */
export function makeHtml(text: string, opts: PageOptions = {}): Uint8Array {
  const html = pageHtml(text, opts);
  return new Uint8Array(opts.charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8'));
}

function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece =
      (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (b === 10) {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += piece;
  }
  return out + line;
}

/** The page saved whole by a browser (.mhtml): the HTML quoted-printable, an image beside it. */
export function makeMhtml(text: string, opts: PageOptions = {}): Uint8Array {
  const html = new Uint8Array(Buffer.from(pageHtml(text, opts), 'utf8'));
  const boundary = '----MultipartBoundary--zgTestBoundary0123456789----';
  const mime = [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://www.example.gov.cn/zw/2025/0912/1.html',
    'Subject: =?utf-8?Q?=E9=80=9A=E6=8A=A5?=',
    'Date: Fri, 12 Sep 2025 08:00:00 +0800',
    'MIME-Version: 1.0',
    `Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"`,
    '',
    '',
    `--${boundary}`,
    'Content-Type: text/html',
    'Content-ID: <frame-0@mhtml.blink>',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: https://www.example.gov.cn/zw/2025/0912/1.html',
    '',
    quotedPrintable(html),
    '',
    `--${boundary}`,
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-Location: https://www.example.gov.cn/images/logo.png',
    '',
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return new Uint8Array(Buffer.from(mime, 'latin1'));
}
