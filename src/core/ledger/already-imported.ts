// What a person is told when a report they import is on the ledger already — byte for byte, or the same words in
// another format or encoding — and as which sources, so they can go and find it. One sentence for the CLI and the web.

export interface SameAs {
  readonly fileName: string;
  readonly sameBytes: boolean;
  readonly sources: readonly string[];
}

export function alreadyImported(sameAs: SameAs | undefined): string {
  if (!sameAs) return '此文件此前已导入（内容相同），未作改动';
  const as = sameAs.sources.length ? `，即整改来源 ${sameAs.sources.join('、')}` : '';
  return sameAs.sameBytes ? `此文件此前已导入${as}，未作改动` : `内容与此前导入的“${sameAs.fileName}”相同（格式或编码不同）${as}，未作改动`;
}
