// How alike two problems are, by their words: TF-IDF vectors over the words that carry meaning (not "的", "问题",
// "存在", "方面", punctuation or numbers), compared by cosine. An index over the earlier problems answers "which are
// most like this one" through the words they share, so a new source of 100 problems is matched against 100,000
// earlier ones without comparing every pair.

/** Words that say nothing about which problem it is: function words and the vocabulary every report shares. */
const STOP = new Set(
  '的 了 和 与 及 等 对 在 是 为 将 把 被 有 不 未 没有 中 上 下 等等 并 或 也 都 其 该 此 之 以 于 由 从 向 按 关于 问题 存在 方面 情况 整改 落实 工作 有关 相关 进一步 加强 不够 不到位 不严 不足 较 较为 一些 部分 个别 仍 仍然 还 个'.split(
    ' ',
  ),
);

/** The words of a text worth comparing: no stop words, no punctuation, no bare numbers, no single characters. */
export function meaningful(ws: readonly string[]): string[] {
  return ws.map((w) => w.trim()).filter((w) => w.length >= 2 && !STOP.has(w) && !/^[\d.%％]+$/.test(w) && /[\u4e00-\u9fffA-Za-z]/.test(w));
}

export interface Match {
  readonly id: number;
  readonly score: number;
}

export class RecurrenceIndex {
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, { doc: number; weight: number }[]>();
  private readonly ids: number[] = [];

  /** `docs`: the earlier problems, each with its meaningful words. */
  constructor(docs: readonly { id: number; words: readonly string[] }[]) {
    const df = new Map<string, number>();
    for (const d of docs) for (const w of new Set(d.words)) df.set(w, (df.get(w) ?? 0) + 1);
    const n = Math.max(docs.length, 1);
    for (const [w, c] of df) this.idf.set(w, Math.log(1 + n / c));
    docs.forEach((d, i) => {
      this.ids.push(d.id);
      const v = this.vector(d.words);
      for (const [w, weight] of v) {
        let list = this.postings.get(w);
        if (!list) this.postings.set(w, (list = []));
        list.push({ doc: i, weight });
      }
    });
  }

  /** A unit-length TF-IDF vector; a word the index has never seen counts as rare. */
  private vector(ws: readonly string[]): Map<string, number> {
    const tf = new Map<string, number>();
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
    const rare = Math.log(1 + Math.max(this.ids.length, 1));
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = (1 + Math.log(c)) * (this.idf.get(w) ?? rare);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  }

  /** The `k` earlier problems most like these words, scoring at least `min` (cosine, 0 to 1), best first. */
  query(ws: readonly string[], k = 5, min = 0.3): Match[] {
    const q = this.vector(ws);
    // dot products accumulated in one array over the documents the query's words reach (a Map per query was five
    // times slower at 100,000 documents)
    this.scores ??= new Float64Array(this.ids.length);
    const scores = this.scores;
    const touched: number[] = [];
    for (const [w, x] of q)
      for (const p of this.postings.get(w) ?? []) {
        if (scores[p.doc] === 0) touched.push(p.doc);
        scores[p.doc] = (scores[p.doc] as number) + x * p.weight;
      }
    const hits: [number, number][] = [];
    for (const doc of touched) {
      const s = scores[doc] as number;
      if (s >= min) hits.push([doc, s]);
      scores[doc] = 0;
    }
    return hits
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([doc, s]) => ({ id: this.ids[doc] as number, score: Math.round(s * 1000) / 1000 }));
  }
  private scores: Float64Array | null = null;
}
