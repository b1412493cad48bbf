#!/usr/bin/env node
// OCR engine benchmark for zhenggai: which engine reads scanned Chinese rectification reports best?
//
// Plain ESM JavaScript with no npm dependencies of its own. It drives Debian tools as child processes and, if it
// can find it, the npm package @gutenye/ocr-node (PaddleOCR PP-OCRv4 models over onnxruntime-node).
//
// What it needs
//   build:   soffice (LibreOffice, with fonts-noto-cjk), pdftoppm + pdftotext (poppler-utils),
//            ImageMagick's real `convert` (/usr/bin/convert, Debian package imagemagick)
//   run:     tesseract engine: `apt-get install -y tesseract-ocr tesseract-ocr-chi-sim`
//            paddle engine: @gutenye/ocr-node installed somewhere, e.g.
//              mkdir -p /tmp/ocr/gut && cd /tmp/ocr/gut && npm init -y &&
//              ONNXRUNTIME_NODE_INSTALL=skip npm install @gutenye/ocr-node
//            (ONNXRUNTIME_NODE_INSTALL=skip stops onnxruntime-node's install script from fetching CUDA files from
//            nuget.org, which is unreachable here; the CPU binaries are inside the npm package.)
//            Point the script at it with --paddle-dir /tmp/ocr/gut (or OCR_PADDLE_DIR); an engine that is not
//            installed is skipped with a message.
//            /usr/bin/time (Debian package `time`) for peak memory; without it RSS is reported as null.
//
// How to run (WORK is a scratch directory outside the repository)
//   node bench/ocr/measure.mjs build  --work /tmp/ocr/bench [--seeds ../shared/seeds]
//        renders seeds 000, 004 and the first 120 lines of 002 to PDF (Noto Serif/Sans CJK SC, A4), picks 9 pages,
//        rasterises them at 300 and 150 dpi, makes degraded copies of the 300 dpi pages (rotated, JPEG q40, grey
//        background) and writes each page's ground truth from the PDF text layer (pdftotext -layout -f N -l N).
//   node bench/ocr/measure.mjs run    --work /tmp/ocr/bench [--engines tess-psm6,paddle] [--conditions 300,150]
//        [--pages s000-p03,...] [--paddle-dir /tmp/ocr/gut] [--threads 1] [--tag NAME]
//        OCRs one page at a time (never in parallel), appends one JSON line per page to WORK/results.jsonl and
//        keeps the OCR text in WORK/out/ENGINE/CONDITION/PAGE.txt. Pages already measured are skipped, so an
//        interrupted run can be resumed.
//   node bench/ocr/measure.mjs report --work /tmp/ocr/bench [--markdown] [--missed] [--examples N]
//        prints the table (engine x condition: character accuracy raw / normalised, figures exact, s/page, peak RSS),
//        error classes with examples, and whether seed 000's figures behind the 137-vs-136 finding survived;
//        --missed lists every ground-truth figure not read exactly.
//
// Engines (names for --engines)
//   tess-psm3, tess-psm4, tess-psm6   tesseract -l chi_sim --psm N, one process per page
//   tess-psm6-eng (etc.)              tesseract -l chi_sim+eng --psm N
//   paddle                            @gutenye/ocr-node, one worker process per condition (model loaded once;
//                                     its load time is reported separately and not counted per page)
// --threads N sets OMP_THREAD_LIMIT for tesseract and intra-op threads for onnxruntime (default 1: the machine
// has two cores and other work on it).
//
// Metrics
//   character accuracy = 1 - Levenshtein(gt, ocr) / length(gt), on code points, after removing all whitespace from
//     both sides. "normalised" additionally applies NFKC (full-width ASCII -> half-width, so （ ） ， ： ； ％ and
//     full-width digits match their half-width forms) and maps the remaining CJK punctuation to ASCII look-alikes
//     (。->.  、->,  “”->"  ‘’->'  〔〕【】->[]  《》-><>  —–->-), i.e. what a width-normalising post-step would gain.
//   figures exact = numbers in the ground truth (regex \d+(?:[.,]\d+)*%? on NFKC text without whitespace), matched
//     against the numbers in the OCR text as sequences: the longest common subsequence of the two number lists,
//     so each ground-truth figure can match at most one OCR figure and order is respected. Exact string equality;
//     "74.05%" read as "74.05" or "74。05%" is a miss.
//   seconds per page = wall clock of the OCR call (tesseract: whole process; paddle: detect() inside the worker).
//   peak RSS = /usr/bin/time -v "Maximum resident set size" of the OCR process (paddle: the worker, all pages).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONDITIONS = ['300', '150', 'rot', 'jpeg', 'grey'];

// ---------- command line ----------

function parseArgs(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (v !== undefined) out[k] = v;
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
      else out[k] = true;
    } else out._.push(a);
  }
  return out;
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

// ---------- build: seeds -> PDF -> page images + ground truth ----------

// The pages measured: seed 000's pages holding the figures behind the 137-vs-136 finding (185/137/74.05% on p3;
// the category counts 33, 43, 44, 16 on p3, p5, p8, p12), plus seed 004 and the table of contents of seed 002.
// Page numbers refer to the PDFs this script renders (A4, margins 2.5/2.6 cm, 14 pt serif or 12 pt sans).
const PAGE_SET = [
  { seed: '000', pages: [1, 3, 5, 8, 12], font: 'Noto Serif CJK SC', size: 14 },
  { seed: '004', pages: [1, 2], font: 'Noto Serif CJK SC', size: 14 },
  { seed: '002', pages: [1, 3], font: 'Noto Sans CJK SC', size: 12, lines: 120 },
];

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A flat ODT: one paragraph per non-empty line, the first one a centred bold title, A4, language zh-CN. */
function fodt(text, font, size) {
  const paras = [];
  let first = true;
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.trim();
    if (!t) continue;
    const style = first ? 'Title1' : 'Body';
    first = false;
    paras.push(`<text:p text:style-name="${style}">${t.split('\t').map(xml).join('<text:tab/>')}</text:p>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="F" svg:font-family="&apos;${font}&apos;"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="F" style:font-name-asian="F" style:font-name-complex="F"
   fo:font-size="${size}pt" style:font-size-asian="${size}pt" fo:language="zh" fo:country="CN"
   style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-indent="${2 * size}pt" fo:margin-bottom="0pt" fo:line-height="150%" fo:text-align="justify"/>
 </style:style>
 <style:style style:name="Title1" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="12pt"/>
  <style:text-properties fo:font-size="${size * 1.5}pt" style:font-size-asian="${size * 1.5}pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="2.5cm" fo:margin-bottom="2.5cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>
${paras.join('\n')}
</office:text></office:body></office:document>
`;
}

// Rotation per page for the "rot" condition: 1 to 2 degrees, both directions.
const ANGLES = [1, -1.5, 2, -1, 1.5, -2, 1.25, -1.75, 1.5];

function build(opts) {
  const work = resolve(opts.work);
  const seeds = resolve(opts.seeds ?? join(HERE, '../../../shared/seeds'));
  for (const t of ['soffice', 'pdftoppm', 'pdftotext']) if (!have(t)) throw new Error(`build needs ${t}`);
  const convert = '/usr/bin/convert';
  if (!existsSync(convert)) throw new Error('build needs ImageMagick: apt-get install -y imagemagick');
  for (const d of ['src', 'pdf', 'gt', ...CONDITIONS.map((c) => `img/${c}`)]) mkdirSync(join(work, d), { recursive: true });
  const pages = [];
  let n = 0;
  for (const set of PAGE_SET) {
    const file = readdirSync(seeds).find((f) => f.startsWith(`${set.seed}_`) && f.endsWith('.txt'));
    if (!file) throw new Error(`no seed ${set.seed} in ${seeds}`);
    let text = readFileSync(join(seeds, file), 'utf8');
    if (set.lines) text = text.split('\n').slice(0, set.lines).join('\n');
    const name = `s${set.seed}`;
    writeFileSync(join(work, 'src', `${name}.fodt`), fodt(text, set.font, set.size));
    run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', join(work, 'pdf'), join(work, 'src', `${name}.fodt`)]);
    const pdf = join(work, 'pdf', `${name}.pdf`);
    for (const p of set.pages) {
      const id = `${name}-p${String(p).padStart(2, '0')}`;
      // -layout keeps each printed row together (plain mode moved the table of contents' page numbers out of their
      // rows); whitespace is removed before comparing, so the layout's spacing does not count.
      const gt = run('pdftotext', ['-layout', '-f', String(p), '-l', String(p), '-enc', 'UTF-8', pdf, '-']);
      writeFileSync(join(work, 'gt', `${id}.txt`), gt);
      for (const dpi of ['300', '150']) {
        const base = join(work, 'img', dpi, id);
        run('pdftoppm', ['-r', dpi, '-gray', '-png', '-f', String(p), '-l', String(p), '-singlefile', pdf, base]);
      }
      const src = join(work, 'img', '300', `${id}.png`);
      const angle = ANGLES[n % ANGLES.length];
      // rotated: 1-2 degrees, white fill in the corners
      run(convert, [src, '-background', 'white', '-rotate', String(angle), '+repage', join(work, 'img', 'rot', `${id}.png`)]);
      // JPEG at quality 40 (visible ringing around strokes)
      run(convert, [src, '-quality', '40', join(work, 'img', 'jpeg', `${id}.jpg`)]);
      // grey background: white -> 75% grey (#bfbfbf), black stays black, plus Gaussian noise
      run(convert, [
        src,
        '+level',
        '0%,75%',
        '-attenuate',
        '0.6',
        '+noise',
        'Gaussian',
        '-colorspace',
        'Gray',
        '-depth',
        '8',
        join(work, 'img', 'grey', `${id}.png`),
      ]);
      pages.push({ id, seed: set.seed, page: p, angle });
      n++;
    }
  }
  writeFileSync(join(work, 'pages.json'), `${JSON.stringify(pages, null, 1)}\n`);
  console.log(`built ${pages.length} pages x ${CONDITIONS.length} conditions in ${work}`);
}

function imagePath(work, cond, id) {
  const dir = join(work, 'img', cond);
  for (const ext of ['png', 'jpg']) if (existsSync(join(dir, `${id}.${ext}`))) return join(dir, `${id}.${ext}`);
  throw new Error(`no image for ${cond}/${id}`);
}

// ---------- engines ----------

/** Runs argv under /usr/bin/time -v when present; returns stdout, wall seconds and peak RSS in MB. */
function timed(argv, env) {
  const useTime = existsSync('/usr/bin/time');
  const cmd = useTime ? '/usr/bin/time' : argv[0];
  const args = useTime ? ['-v', ...argv] : argv.slice(1);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { stdout: r.stdout, stderr: r.stderr, secs, rssMB: m ? Math.round(Number(m[1]) / 1024) : null };
}

function tesseractConfig(name) {
  const m = /^tess-psm(\d+)(-eng)?$/.exec(name);
  return m ? { psm: m[1], lang: m[2] ? 'chi_sim+eng' : 'chi_sim' } : null;
}

function tesseractAvailable() {
  if (!have('tesseract')) return 'tesseract not installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)';
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout;
  if (!/^chi_sim$/m.test(langs)) return 'tesseract has no chi_sim (apt-get install -y tesseract-ocr-chi-sim)';
  return null;
}

/** Where @gutenye/ocr-node resolves from: --paddle-dir / OCR_PADDLE_DIR, else this repository. */
function paddleEntry(opts) {
  const dirs = [opts['paddle-dir'], process.env.OCR_PADDLE_DIR, join(HERE, '../..')].filter(Boolean);
  for (const d of dirs) {
    try {
      return createRequire(join(resolve(d), 'package.json')).resolve('@gutenye/ocr-node');
    } catch {}
  }
  return null;
}

/** One paddle worker per condition: loads the model once, OCRs the pages in turn, prints one JSON line each. */
async function paddleWorker(opts) {
  const entry = paddleEntry(opts);
  const threads = Number(opts.threads ?? 1);
  const { default: Ocr } = await import(pathToFileURL(entry).href);
  const t0 = process.hrtime.bigint();
  const ocr = await Ocr.create({ onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
  const loadSecs = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const img of opts._.slice(1)) {
    const t1 = process.hrtime.bigint();
    const lines = await ocr.detect(img);
    const secs = Number(process.hrtime.bigint() - t1) / 1e9;
    // reading order: top to bottom by the box's upper edge (the library groups boxes on one midline into a line)
    lines.sort((a, b) => Math.min(a.box[0][1], a.box[1][1]) - Math.min(b.box[0][1], b.box[1][1]));
    const text = lines.map((l) => l.text).join('\n');
    process.stdout.write(`${JSON.stringify({ img, secs, loadSecs, text })}\n`);
  }
}

function runEngines(opts) {
  const work = resolve(opts.work);
  const pages = JSON.parse(readFileSync(join(work, 'pages.json'), 'utf8')).filter(
    (p) => !opts.pages || String(opts.pages).split(',').includes(p.id),
  );
  const engines = String(opts.engines ?? 'tess-psm3,tess-psm4,tess-psm6,tess-psm6-eng,paddle').split(',');
  const conds = String(opts.conditions ?? CONDITIONS.join(',')).split(',');
  const threads = Number(opts.threads ?? 1);
  const tag = opts.tag ? `@${opts.tag}` : threads === 1 ? '' : `@t${threads}`;
  const resultsFile = join(work, 'results.jsonl');
  const done = new Set(
    existsSync(resultsFile)
      ? readFileSync(resultsFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const r = JSON.parse(l);
            return `${r.engine}|${r.cond}|${r.page}`;
          })
      : [],
  );
  const record = (engine, cond, page, text, secs, rssMB, extra = {}) => {
    const dir = join(work, 'out', engine, cond);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${page}.txt`), text);
    appendFileSync(resultsFile, `${JSON.stringify({ engine, cond, page, secs, rssMB, threads, ...extra })}\n`);
    console.log(`${engine} ${cond} ${page} ${secs.toFixed(1)} s ${rssMB ?? '?'} MB`);
  };
  for (const e of engines) {
    const name = `${e}${tag}`;
    const tc = tesseractConfig(e);
    if (tc) {
      const why = tesseractAvailable();
      if (why) {
        console.log(`skipping ${e}: ${why}`);
        continue;
      }
      for (const cond of conds)
        for (const p of pages) {
          if (done.has(`${name}|${cond}|${p.id}`)) continue;
          const img = imagePath(work, cond, p.id);
          const r = timed(['tesseract', img, 'stdout', '-l', tc.lang, '--psm', tc.psm], { OMP_THREAD_LIMIT: String(threads) });
          record(name, cond, p.id, r.stdout, r.secs, r.rssMB);
        }
    } else if (e === 'paddle') {
      const entry = paddleEntry(opts);
      if (!entry) {
        console.log('skipping paddle: @gutenye/ocr-node not found (install it and pass --paddle-dir DIR)');
        continue;
      }
      for (const cond of conds) {
        const todo = pages.filter((p) => !done.has(`${name}|${cond}|${p.id}`));
        if (!todo.length) continue;
        const imgs = todo.map((p) => imagePath(work, cond, p.id));
        const args = [process.execPath, fileURLToPath(import.meta.url), 'paddle-worker', '--threads', String(threads)];
        if (opts['paddle-dir']) args.push('--paddle-dir', String(opts['paddle-dir']));
        const r = timed([...args, ...imgs], {});
        const outs = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        outs.forEach((o, i) => record(name, cond, todo[i].id, o.text, o.secs, r.rssMB, { loadSecs: o.loadSecs }));
      }
    } else console.log(`skipping ${e}: unknown engine`);
  }
}

// ---------- metrics ----------

const strip = (s) => s.replace(/\s+/gu, '');
const PUNCT = new Map(
  Object.entries({
    '。': '.',
    '、': ',',
    '“': '"',
    '”': '"',
    '‘': "'",
    '’': "'",
    '〔': '[',
    '〕': ']',
    '【': '[',
    '】': ']',
    '《': '<',
    '》': '>',
    '〈': '<',
    '〉': '>',
    '—': '-',
    '–': '-',
    '―': '-',
    '－': '-',
    '·': '.',
    '・': '.',
    '～': '~',
  }),
);
const normalise = (s) => [...s.normalize('NFKC')].map((c) => PUNCT.get(c) ?? c).join('');

/** Levenshtein on code points with the alignment, as [op, gtChars, ocrChars] runs (op: = s d i). */
function align(a, b) {
  const A = [...a];
  const B = [...b];
  const n = A.length;
  const m = B.length;
  const D = new Uint32Array((n + 1) * (m + 1));
  const W = m + 1;
  for (let i = 0; i <= n; i++) D[i * W] = i;
  for (let j = 0; j <= m; j++) D[j] = j;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      const sub = D[(i - 1) * W + j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1);
      D[i * W + j] = Math.min(sub, D[(i - 1) * W + j] + 1, D[i * W + j - 1] + 1);
    }
  const ops = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && D[i * W + j] === D[(i - 1) * W + j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1)) {
      ops.push([A[i - 1] === B[j - 1] ? '=' : 's', A[i - 1], B[j - 1], i - 1]);
      i--;
      j--;
    } else if (i > 0 && D[i * W + j] === D[(i - 1) * W + j] + 1) {
      ops.push(['d', A[i - 1], '', i - 1]);
      i--;
    } else {
      ops.push(['i', '', B[j - 1], i]);
      j--;
    }
  }
  ops.reverse();
  return { dist: D[n * W + m], ops, A };
}

const NUM = /\d+(?:[.,]\d+)*%?/g;
const numbers = (s) => normalise(strip(s)).match(NUM) ?? [];

/** LCS of two number lists; returns which ground-truth numbers were matched. */
function matchNumbers(gt, ocr) {
  const n = gt.length;
  const m = ocr.length;
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) L[i][j] = gt[i] === ocr[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const hit = new Array(n).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (gt[i] === ocr[j]) {
      hit[i] = true;
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  return hit;
}

const isDigit = (c) => /[0-9０-９]/.test(c);
const isLatin = (c) => /[A-Za-zＡ-Ｚａ-ｚ]/.test(c);
const isCjk = (c) => /\p{Script=Han}/u.test(c);
const isPunct = (c) => /[\p{P}\p{S}]/u.test(c);

/** Groups the alignment into error runs with context and a class. */
function errorRuns(al) {
  const runs = [];
  let cur = null;
  al.ops.forEach((op, k) => {
    if (op[0] === '=') {
      if (cur) runs.push(cur);
      cur = null;
      return;
    }
    if (!cur) cur = { gt: '', ocr: '', k0: k, k1: k };
    cur.gt += op[1];
    cur.ocr += op[2];
    cur.k1 = k;
  });
  if (cur) runs.push(cur);
  for (const r of runs) {
    const before = al.ops
      .slice(Math.max(0, r.k0 - 6), r.k0)
      .map((o) => o[1])
      .join('');
    const after = al.ops
      .slice(r.k1 + 1, r.k1 + 7)
      .map((o) => o[1])
      .join('');
    r.context = `${before}[${r.gt}→${r.ocr}]${after}`;
    r.cls = classify(r.gt, r.ocr);
  }
  return runs;
}

function classify(g, o) {
  if (!o) return g.length > 3 ? 'dropped run (>3 chars)' : 'dropped chars';
  if (!g) return 'inserted chars';
  if (normalise(g) === normalise(o)) return 'full/half width or punctuation form';
  const all = g + o;
  if ([...g].some(isDigit) || [...o].some(isDigit)) {
    if ([...all].some(isLatin)) return 'digit/letter confusion (0/O, 1/l/I ...)';
    return 'digit error';
  }
  if ([...g].every(isPunct) && [...o].every(isPunct)) return 'punctuation substituted';
  if ([...g].every(isPunct) || [...o].every(isPunct)) return 'punctuation vs character';
  if ([...g].some(isCjk) && [...o].some(isLatin)) return 'Chinese read as Latin';
  if ([...g].some(isCjk)) return 'Chinese character substituted';
  return 'other';
}

function evaluate(work, r) {
  const gt = readFileSync(join(work, 'gt', `${r.page}.txt`), 'utf8');
  const ocr = readFileSync(join(work, 'out', r.engine, r.cond, `${r.page}.txt`), 'utf8');
  const g = strip(gt);
  const o = strip(ocr);
  const raw = align(g, o);
  const gn = normalise(g);
  const norm = align(gn, normalise(o));
  const gtNums = numbers(gt);
  const hit = matchNumbers(gtNums, numbers(ocr));
  return {
    len: [...g].length,
    dist: raw.dist,
    normLen: [...gn].length,
    normDist: norm.dist,
    nums: gtNums.length,
    numHits: hit.filter(Boolean).length,
    missed: gtNums.filter((_, i) => !hit[i]),
    gtNums,
    hit,
    runs: errorRuns(raw),
  };
}

// The figures behind seed 000's finding "parts-vs-total": the headline 137 (185 problems, 74.05%) and the four
// category counts 33 + 43 + 44 + 16 = 136 (test/seeds.test.ts, src/core/check/rules/counts.ts).
const KEY = [
  { page: 's000-p03', figs: ['185', '137', '74.05%', '33'] },
  { page: 's000-p05', figs: ['43'] },
  { page: 's000-p08', figs: ['44'] },
  { page: 's000-p12', figs: ['16'] },
];

function report(opts) {
  const work = resolve(opts.work);
  const rows = readFileSync(join(work, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const groups = new Map();
  for (const r of rows) {
    const k = `${r.engine}|${r.cond}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push({ ...r, ev: evaluate(work, r) });
  }
  const md = Boolean(opts.markdown);
  const line = (cells) => (md ? `| ${cells.join(' | ')} |` : cells.join('\t'));
  const head = ['engine', 'condition', 'pages', 'char acc raw', 'char acc norm', 'figures exact', 's/page', 'peak RSS MB'];
  console.log(line(head));
  if (md) console.log(line(head.map(() => '---')));
  const byEngine = new Map();
  const order = (k) => {
    const c = k.split('|')[1];
    const i = CONDITIONS.indexOf(c);
    return i >= 0 ? i : CONDITIONS.length + [...groups.keys()].indexOf(k);
  };
  for (const [k, list] of [...groups].sort((a, b) =>
    a[0].split('|')[0] < b[0].split('|')[0] ? -1 : a[0].split('|')[0] > b[0].split('|')[0] ? 1 : order(a[0]) - order(b[0]),
  )) {
    const [engine, cond] = k.split('|');
    const sum = (f) => list.reduce((s, r) => s + f(r), 0);
    const acc = 1 - sum((r) => r.ev.dist) / sum((r) => r.ev.len);
    const accN = 1 - sum((r) => r.ev.normDist) / sum((r) => r.ev.normLen);
    const figs = sum((r) => r.ev.numHits) / sum((r) => r.ev.nums);
    const spp = sum((r) => r.secs) / list.length;
    const rss = Math.max(...list.map((r) => r.rssMB ?? 0));
    console.log(
      line([
        engine,
        cond,
        list.length,
        `${(acc * 100).toFixed(2)}%`,
        `${(accN * 100).toFixed(2)}%`,
        `${(figs * 100).toFixed(1)}% (${sum((r) => r.ev.numHits)}/${sum((r) => r.ev.nums)})`,
        spp.toFixed(1),
        rss || '?',
      ]),
    );
    if (!byEngine.has(engine)) byEngine.set(engine, []);
    byEngine.get(engine).push(...list);
  }
  const loads = rows.filter((r) => r.loadSecs != null);
  if (loads.length)
    console.log(
      `\npaddle model load (once per process, not in s/page): ${(loads.reduce((s, r) => s + r.loadSecs, 0) / loads.length).toFixed(2)} s`,
    );

  console.log('\nseed 000 figures behind 137 vs 33+43+44+16=136 (per engine and condition: missing ones listed):');
  for (const [k, list] of groups) {
    const miss = [];
    for (const { page, figs } of KEY) {
      const r = list.find((x) => x.page === page);
      if (!r) continue;
      for (const f of figs) {
        const idx = r.ev.gtNums.indexOf(f);
        if (idx < 0 || !r.ev.hit[idx]) miss.push(`${f}@${page}`);
      }
    }
    console.log(`  ${k.replace('|', ' ')}: ${miss.length ? `MISSING ${miss.join(', ')}` : 'all kept'}`);
  }

  if (opts.missed) {
    console.log('\nground-truth figures not found exactly (engine condition: figure@page ...):');
    for (const [k, list] of groups) {
      const miss = list.flatMap((r) => r.ev.missed.map((f) => `${f}@${r.page}`));
      console.log(`  ${k.replace('|', ' ')}: ${miss.join(' ') || '-'}`);
    }
  }

  const nEx = Number(opts.examples ?? 3);
  for (const [engine, list] of byEngine) {
    const counts = new Map();
    const examples = new Map();
    let total = 0;
    for (const r of list)
      for (const run of r.ev.runs) {
        const n = Math.max([...run.gt].length, [...run.ocr].length);
        total += n;
        counts.set(run.cls, (counts.get(run.cls) ?? 0) + n);
        if (!examples.has(run.cls)) examples.set(run.cls, []);
        examples.get(run.cls).push(`${r.cond}/${r.page}: ${run.context}`);
      }
    console.log(`\n${engine}: error classes (chars involved, all conditions)`);
    for (const [cls, c] of [...counts].sort((a, b) => b[1] - a[1])) {
      console.log(`  ${cls}: ${c} (${((c / total) * 100).toFixed(1)}%)`);
      const ex = examples.get(cls);
      // spread the examples over the list rather than taking the first few of one page
      const step = Math.max(1, Math.floor(ex.length / nEx));
      for (let i = 0, shown = 0; i < ex.length && shown < nEx; i += step, shown++) console.log(`      ${ex[i]}`);
    }
  }
}

// ---------- main ----------

const opts = parseArgs(process.argv.slice(2));
const cmd = opts._[0];
if (cmd === 'build') build({ work: '/tmp/ocr/bench', ...opts });
else if (cmd === 'run') runEngines({ work: '/tmp/ocr/bench', ...opts });
else if (cmd === 'report') report({ work: '/tmp/ocr/bench', ...opts });
else if (cmd === 'paddle-worker') await paddleWorker(opts);
else {
  console.log(`usage: node ${basename(fileURLToPath(import.meta.url))} build|run|report [--work DIR] (see the comments at the top)`);
  process.exit(cmd ? 1 : 0);
}
