// The public part's pages, written out on the server: plain HTML, no script, every piece of text escaped — a report,
// a reply or a title that holds markup shows it as text. What a page may show is what was published and a
// submission's own fate, nothing else of the ledger.
import type { Block, OfficialDocument } from '../../core/official/model.ts';
import { SUBMISSION_KIND_LABEL, SUBMISSION_LIMITS } from '../../core/public/submission.ts';

export const esc = (s: string | number | null | undefined): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export const STYLE = `
body{margin:0;font-family:"Noto Serif CJK SC","Songti SC",SimSun,serif;background:#f5f5f0;color:#222;line-height:1.8}
header{background:#b3261e;color:#fff;padding:12px 24px}header a{color:#fff;text-decoration:none;font-size:20px}
main{max-width:860px;margin:24px auto;background:#fff;padding:24px 40px;box-shadow:0 1px 3px #ccc}
h1{text-align:center;font-size:24px;line-height:1.5}h2{font-size:19px}h3{font-size:17px}
p{text-indent:2em;margin:.4em 0}p.plain{text-indent:0}
table{border-collapse:collapse;width:100%;margin:12px 0;font-size:14px}td,th{border:1px solid #999;padding:4px 6px;vertical-align:top}
.period{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px;margin:16px 0}
.notice{background:#f6ffed;border:1px solid #b7eb8f;padding:8px 12px;margin:16px 0}
.error{background:#fff1f0;border:1px solid #ffa39e;padding:8px 12px;margin:16px 0}
form label{display:block;margin:10px 0 4px}textarea,input[type=text],input[type=tel],select{width:100%;box-sizing:border-box;font:inherit;padding:6px}
button{font:inherit;padding:6px 20px;background:#b3261e;color:#fff;border:0;cursor:pointer;margin-top:12px}
.signature{text-align:right}.ref{font-family:monospace;font-size:20px;letter-spacing:1px}
ul.list li{margin:6px 0}.pre{white-space:pre-wrap}footer{text-align:center;color:#888;font-size:13px;margin:24px}
`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/style.css"></head><body>
<header><a href="/">整改情况公开与群众监督</a></header><main>${body}</main>
<footer>本页公开的是整改情况通报的公开版本；反映的问题由整改办公室受理。<a href="/q">查询办理情况</a></footer></body></html>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return b.level <= 2 ? `<h2>${esc(b.text)}</h2>` : `<h3>${esc(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'field':
      return `<p class="plain"><b>${esc(b.label)}：</b>${esc(b.value)}</p>`;
    case 'table':
      return `<table><thead><tr>${b.columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

const STATE_WORDS = { before: '公开期限尚未开始', open: '公开期限内，欢迎监督', closed: '公开期限已结束' } as const;

export function indexPage(
  items: readonly { id: number; title: string; publishedOn: string; periodEnd: string; state: keyof typeof STATE_WORDS }[],
): string {
  const list = items.length
    ? `<ul class="list">${items
        .map(
          (i) =>
            `<li><a href="/p/${i.id}">${esc(i.title)}</a>　<small>发布于 ${esc(i.publishedOn)}，公开期限至 ${esc(i.periodEnd)}（${STATE_WORDS[i.state]}）</small></li>`,
        )
        .join('')}</ul>`
    : '<p class="plain">目前没有公开的整改情况通报。</p>';
  return layout('整改情况公开', `<h1>整改情况公开</h1>${list}<h2>查询反映的办理情况</h2>${lookupForm('')}`);
}

function lookupForm(value: string): string {
  return `<form method="get" action="/q"><label for="ref">查询码</label><input type="text" id="ref" name="ref" value="${esc(value)}" maxlength="40" placeholder="如 YJ2026-000017-K7Q3MX"><button type="submit">查询</button></form>`;
}

export interface FormState {
  readonly question: string;
  readonly token: string;
  readonly error?: string | undefined;
  readonly values?: { kind?: string; content?: string; name?: string; phone?: string } | undefined;
}

function submissionForm(id: number, f: FormState): string {
  const v = f.values ?? {};
  const kinds = Object.entries(SUBMISSION_KIND_LABEL)
    .map(([k, label]) => `<option value="${k}"${v.kind === k ? ' selected' : ''}>${esc(label)}</option>`)
    .join('');
  return `<h2 id="form">反映意见或问题</h2>${f.error ? `<div class="error" role="alert">${esc(f.error)}</div>` : ''}
<form method="post" action="/p/${id}#form">
<label for="kind">类别</label><select id="kind" name="kind">${kinds}</select>
<label for="content">内容（${SUBMISSION_LIMITS.contentMin}至${SUBMISSION_LIMITS.contentMax}字，请写明具体事项）</label>
<textarea id="content" name="content" rows="8" maxlength="${SUBMISSION_LIMITS.contentMax}" required>${esc(v.content)}</textarea>
<label for="name">姓名（可不填）</label><input type="text" id="name" name="name" maxlength="${SUBMISSION_LIMITS.nameMax}" value="${esc(v.name)}">
<label for="phone">联系电话（可不填；仅整改办公室可见）</label><input type="tel" id="phone" name="phone" maxlength="20" value="${esc(v.phone)}">
<label for="answer">验证：${esc(f.question)}</label><input type="text" id="answer" name="answer" maxlength="4" inputmode="numeric" autocomplete="off" required>
<input type="hidden" name="token" value="${esc(f.token)}">
<button type="submit">提交</button></form>`;
}

export function publicationPage(
  p: { id: number; title: string; document: OfficialDocument; publishedOn: string; periodEnd: string; state: keyof typeof STATE_WORDS },
  form: FormState | null,
): string {
  const d = p.document;
  const signature = d.signature
    ? `<p class="signature">${esc(d.signature.issuer)}</p><p class="signature">${esc(d.signature.date)}</p>`
    : '';
  const period = `<div class="period">发布日期：${esc(p.publishedOn)}；公开期限：${esc(p.publishedOn)} 至 ${esc(p.periodEnd)}（${STATE_WORDS[p.state]}）</div>`;
  const tail =
    p.state === 'open' && form
      ? submissionForm(p.id, form)
      : `<div class="notice">${p.state === 'before' ? `公开期限自 ${esc(p.publishedOn)} 开始，届时可在本页反映意见。` : `公开期限已于 ${esc(p.periodEnd)} 结束，本页不再受理反映；如有意见，请按通报所列方式联系。`}</div>`;
  return layout(p.title, `<h1>${esc(d.title)}</h1>${period}${d.blocks.map(block).join('\n')}${signature}${tail}`);
}

export function receivedPage(p: { id: number; title: string }, ref: string, duplicate: boolean): string {
  return layout(
    '已收到您的反映',
    `<h1>已收到您的反映</h1><div class="notice">您的查询码是：<span class="ref" data-testid="reference">${esc(ref)}</span></div>
<p>请妥善保存查询码，凭它可以在本站<a href="/q?ref=${encodeURIComponent(ref)}">查询办理情况和答复</a>。查询码是查看答复的唯一凭证，请勿告诉他人。</p>
${duplicate ? '<p>此前已有相同内容的反映，将合并办理。</p>' : ''}<p><a href="/p/${p.id}">返回《${esc(p.title)}》</a></p>`,
  );
}

export function lookupPage(
  typed: string,
  found: {
    ref: string;
    kindLabel: string;
    content: string;
    receivedOn: string;
    stateLabel: string;
    reply: string | null;
    repliedOn: string | null;
    merged: boolean;
    outcome: string | null;
    publication: { id: number; title: string };
  } | null,
  error: string | null,
): string {
  const result = found
    ? `<h2>查询码 ${esc(found.ref)}</h2><p class="plain">关于《<a href="/p/${found.publication.id}">${esc(found.publication.title)}</a>》的${esc(found.kindLabel)}，${esc(found.receivedOn)} 收到；办理情况：<b data-testid="state">${esc(found.stateLabel)}</b></p>
${found.merged ? '<p class="plain">此前已有相同内容的反映，与其合并办理，办理情况和答复相同。</p>' : ''}${found.outcome ? `<p class="plain" data-testid="outcome">办理结果：${esc(found.outcome)}</p>` : ''}<h3>反映的内容</h3><p class="plain pre">${esc(found.content)}</p>
${found.reply ? `<h3>答复（${esc(found.repliedOn)}）</h3><p class="plain pre" data-testid="reply">${esc(found.reply)}</p>` : '<p class="plain">尚未答复。</p>'}`
    : '';
  return layout(
    '查询办理情况',
    `<h1>查询办理情况</h1>${error ? `<div class="error" role="alert">${esc(error)}</div>` : ''}${lookupForm(typed)}${result}`,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(
    status === 404 ? '页面不存在' : '无法办理',
    `<h1>${status === 404 ? '页面不存在' : '无法办理'}</h1><div class="error" role="alert">${esc(message)}</div><p><a href="/">返回首页</a></p>`,
  );
}
